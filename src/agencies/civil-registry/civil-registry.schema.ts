import { Type, type Static } from 'typebox';

/**
 * The civil registry keeps its own copy of the FİN format rather than importing the population
 * module: agencies depend on each other only through the exchange (ARCHITECTURE.md rule 2).
 */
export const FIN_PATTERN = '^[0-9A-HJ-NP-Z]{7}$';
const Fin = Type.String({ pattern: FIN_PATTERN, description: 'FİN of the person' });
const CalendarDate = Type.String({ format: 'date' });
const Sex = Type.Union([Type.Literal('male'), Type.Literal('female')]);

/** Number, date and registry office of a civil-status record (akt qeydi), CR-4.1.2, CR-4.1.5. */
export const CivilStatusRecordRef = Type.Object({
  recordNumber: Type.Integer({ minimum: 1, description: 'Numbered per registry office and year' }),
  registeredOn: CalendarDate,
  registryRegion: Type.String({
    description: 'City or rayon whose registry office made the record',
  }),
});
export type CivilStatusRecordRef = Static<typeof CivilStatusRecordRef>;

/** Birth record: the child as registered and the links to the mother and the father. */
export const BirthRecord = Type.Object(
  {
    record: CivilStatusRecordRef,
    childFin: Fin,
    firstName: Type.String(),
    lastName: Type.String(),
    patronymic: Type.String(),
    sex: Sex,
    birthDate: CalendarDate,
    birthPlace: Type.String(),
    motherFin: Type.Union([Fin, Type.Null()]),
    fatherFin: Type.Union([Fin, Type.Null()], {
      description: 'Null when paternity is not established',
    }),
  },
  { $id: 'BirthRecord' },
);
export type BirthRecord = Static<typeof BirthRecord>;

export const ParentRole = Type.Union([Type.Literal('mother'), Type.Literal('father')]);
export type ParentRole = Static<typeof ParentRole>;

export const ParentLink = Type.Object({ fin: Fin, role: ParentRole }, { $id: 'ParentLink' });
export type ParentLink = Static<typeof ParentLink>;

/** A marriage and, if it was dissolved, the divorce record (CR-4.1.5). */
export const Marriage = Type.Object(
  {
    record: CivilStatusRecordRef,
    husbandFin: Fin,
    wifeFin: Fin,
    dissolution: Type.Union([CivilStatusRecordRef, Type.Null()]),
  },
  { $id: 'Marriage' },
);
export type Marriage = Static<typeof Marriage>;

/** Death record (CR-4.1.2). */
export const DeathRecord = Type.Object(
  {
    record: CivilStatusRecordRef,
    fin: Fin,
    diedOn: CalendarDate,
    placeOfDeath: Type.String(),
  },
  { $id: 'DeathRecord' },
);
export type DeathRecord = Static<typeof DeathRecord>;

/**
 * qəyyumluq (guardianship: a minor under 14, or an adult declared incapable) and himayə
 * (curatorship: a minor of 14 to 18). The Civil Code keeps them apart and so does CR-4.1.9.
 */
export const GuardianshipKind = Type.Union([
  Type.Literal('guardianship'),
  Type.Literal('curatorship'),
]);
export type GuardianshipKind = Static<typeof GuardianshipKind>;

export const GuardianshipBasis = Type.Union([
  Type.Literal('minor-without-parental-care'),
  Type.Literal('adult-declared-incapable'),
]);
export type GuardianshipBasis = Static<typeof GuardianshipBasis>;

export const Guardianship = Type.Object(
  {
    id: Type.Integer(),
    kind: GuardianshipKind,
    basis: GuardianshipBasis,
    guardianFin: Fin,
    wardFin: Fin,
    decidedBy: Type.String({
      description:
        'The court (an adult declared incapable) or the guardianship and custody authority (a minor)',
    }),
    decisionNumber: Type.String(),
    decisionDate: CalendarDate,
    validFrom: CalendarDate,
    validUntil: Type.Union([CalendarDate, Type.Null()], {
      description:
        'First day it no longer applies (the 14th or 18th birthday of a minor); null: open-ended',
    }),
    active: Type.Boolean({ description: 'In force today' }),
  },
  { $id: 'Guardianship' },
);
export type Guardianship = Static<typeof Guardianship>;

/** Records as written to the registry (bulk load); dates `YYYY-MM-DD`. */
export interface NewRecordRef {
  readonly recordNumber: number;
  readonly registeredOn: string;
  readonly registryRegion: string;
}

export interface NewBirthRecord extends NewRecordRef {
  readonly childFin: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly patronymic: string;
  readonly sex: 'male' | 'female';
  readonly birthDate: string;
  readonly birthPlace: string;
  readonly motherFin: string | null;
  readonly fatherFin: string | null;
}

export interface NewMarriage extends NewRecordRef {
  readonly husbandFin: string;
  readonly wifeFin: string;
  readonly dissolution: NewRecordRef | null;
}

export interface NewDeathRecord extends NewRecordRef {
  readonly fin: string;
  readonly diedOn: string;
  readonly placeOfDeath: string;
}

export interface NewGuardianship {
  readonly kind: GuardianshipKind;
  readonly basis: GuardianshipBasis;
  readonly guardianFin: string;
  readonly wardFin: string;
  readonly decidedBy: string;
  readonly decisionNumber: string;
  readonly decisionDate: string;
  readonly validFrom: string;
  readonly validUntil: string | null;
}

/** Everything the civil registry receives in one bulk load. */
export interface CivilRecords {
  readonly births: readonly NewBirthRecord[];
  readonly marriages: readonly NewMarriage[];
  readonly deaths: readonly NewDeathRecord[];
  readonly guardianships: readonly NewGuardianship[];
}
