import { Type, type Static } from 'typebox';

/**
 * FİN (fərdi identifikasiya nömrəsi): 7 characters, digits and capital Latin letters except I
 * and O. The person's key in every register; it never changes.
 */
export const FIN_PATTERN = '^[0-9A-HJ-NP-Z]{7}$';
export const Fin = Type.String({
  pattern: FIN_PATTERN,
  description: 'FİN: 7 characters, digits and capital Latin letters except I and O',
  examples: ['5ZJ8K2L'],
});
export type Fin = Static<typeof Fin>;

/** Number of an ID card (şəxsiyyət vəsiqəsi) of the new generation: `AZE` and 8 digits. */
export const ID_CARD_NUMBER_PATTERN = '^AZE[0-9]{8}$';
export const IdCardNumber = Type.String({
  pattern: ID_CARD_NUMBER_PATTERN,
  description: 'ID-card number: AZE and 8 digits',
  examples: ['AZE12345678'],
});
export type IdCardNumber = Static<typeof IdCardNumber>;

export const Sex = Type.Union([Type.Literal('male'), Type.Literal('female')]);
export type Sex = Static<typeof Sex>;

/** A calendar date, `YYYY-MM-DD` (a day in Baku). */
export const CalendarDate = Type.String({ format: 'date' });

/**
 * What a card is worth today: `valid`; `expired` (past its expiry date, not renewed); `lost`
 * (reported lost or stolen: it can no longer prove identity); `annulled` (cancelled when the
 * holder's death was registered).
 */
export const IdCardStatus = Type.Union([
  Type.Literal('valid'),
  Type.Literal('expired'),
  Type.Literal('lost'),
  Type.Literal('annulled'),
]);
export type IdCardStatus = Static<typeof IdCardStatus>;

export const IdCard = Type.Object(
  {
    number: IdCardNumber,
    issuedOn: CalendarDate,
    expiresOn: Type.Union([CalendarDate, Type.Null()], {
      description: 'Last day of validity; null for a card issued at 55 or older (no expiry)',
    }),
    status: IdCardStatus,
  },
  { $id: 'IdCard' },
);
export type IdCard = Static<typeof IdCard>;

/** Registration at the place of residence (yaşayış yeri üzrə qeydiyyat). */
export const Address = Type.Object(
  {
    region: Type.String({
      description: 'City or rayon, as the State Statistics Committee names it',
    }),
    street: Type.String(),
    house: Type.String(),
    apartment: Type.Union([Type.String(), Type.Null()]),
    registeredOn: CalendarDate,
  },
  { $id: 'Address' },
);
export type Address = Static<typeof Address>;

/** A natural person in the population register, with the current ID card and address. */
export const Person = Type.Object(
  {
    fin: Fin,
    firstName: Type.String(),
    lastName: Type.String(),
    patronymic: Type.String({
      description: "Father's first name and oğlu (son) or qızı (daughter)",
    }),
    sex: Sex,
    birthDate: CalendarDate,
    birthPlace: Type.String(),
    citizenship: Type.String({ description: 'ISO 3166-1 alpha-3 code', examples: ['AZE'] }),
    deathDate: Type.Union([CalendarDate, Type.Null()]),
    address: Type.Union([Address, Type.Null()], {
      description: 'Current registration at the place of residence; null once deregistered',
    }),
    idCard: Type.Union([IdCard, Type.Null()], {
      description: 'The card issued last; null for a child who has none (under 15)',
    }),
  },
  { $id: 'Person' },
);
export type Person = Static<typeof Person>;

/**
 * Answer to "does card N belong to FİN F, and is it good?" (IAM-000-3.1.2). A number that does
 * not exist and a number of somebody else's card give the same answer, so the check reveals
 * nothing about other people's cards.
 */
export const IdCardVerification = Type.Union(
  [
    Type.Object({ match: Type.Literal(false) }),
    Type.Object({
      match: Type.Literal(true),
      status: IdCardStatus,
      expiresOn: Type.Union([CalendarDate, Type.Null()]),
    }),
  ],
  { $id: 'IdCardVerification' },
);
export type IdCardVerification = Static<typeof IdCardVerification>;

/** A person as written to the register (bulk load); dates `YYYY-MM-DD`. */
export interface NewPerson {
  readonly fin: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly patronymic: string;
  readonly sex: Sex;
  readonly birthDate: string;
  readonly birthPlace: string;
  readonly deathDate: string | null;
}

export interface NewIdCard {
  readonly number: string;
  readonly fin: string;
  readonly issuedOn: string;
  readonly expiresOn: string | null;
  readonly lostOn: string | null;
  readonly annulledOn: string | null;
}

export interface NewResidenceRegistration {
  readonly fin: string;
  readonly kind: 'residence' | 'stay';
  readonly region: string;
  readonly street: string;
  readonly house: string;
  readonly apartment: string | null;
  readonly registeredOn: string;
  readonly deregisteredOn: string | null;
}

/** Everything the population register receives in one bulk load. */
export interface PopulationRecords {
  readonly persons: readonly NewPerson[];
  readonly idCards: readonly NewIdCard[];
  readonly residences: readonly NewResidenceRegistration[];
}
