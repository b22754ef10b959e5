import type { Kysely } from 'kysely';
import { toBakuDate, type Clock } from '../../platform/time/index.ts';
import type { IdCard, IdCardStatus, IdCardVerification, Person } from './population.schema.ts';
import { FIN_PATTERN, ID_CARD_NUMBER_PATTERN } from './population.schema.ts';
import {
  currentResidence,
  findIdCard,
  findPersonRecord,
  hasPersons,
  latestIdCard,
  type IdCardRecord,
  type PopulationTables,
} from './population.store.ts';

const FIN = new RegExp(FIN_PATTERN);
const ID_CARD_NUMBER = new RegExp(ID_CARD_NUMBER_PATTERN);

/**
 * What a card is worth on `today` (`YYYY-MM-DD`). Annulment and loss are events recorded once;
 * expiry is read from the dates, so a card expires on time without anybody updating a row.
 */
export function idCardStatus(card: IdCardRecord, today: string): IdCardStatus {
  if (card.annulledOn !== null && card.annulledOn <= today) return 'annulled';
  if (card.lostOn !== null && card.lostOn <= today) return 'lost';
  if (card.expiresOn !== null && card.expiresOn < today) return 'expired';
  return 'valid';
}

/**
 * The population register of the Ministry of Internal Affairs (DİN): persons by FİN, their ID
 * cards and registered addresses. Other modules reach it through the exchange
 * (`population/person-by-fin`); this is the provider side.
 */
export class PopulationRegister {
  readonly #db: Kysely<PopulationTables>;
  readonly #clock: Clock;

  constructor(options: { readonly db: Kysely<PopulationTables>; readonly clock: Clock }) {
    this.#db = options.db;
    this.#clock = options.clock;
  }

  /** The person with this FİN, with the card issued last and the current address. */
  async findPersonByFin(fin: string): Promise<Person | undefined> {
    if (!FIN.test(fin)) return undefined;
    const [person, card, residence] = await Promise.all([
      findPersonRecord(this.#db, fin),
      latestIdCard(this.#db, fin),
      currentResidence(this.#db, fin),
    ]);
    if (person === undefined) return undefined;
    return {
      ...person,
      address: residence ?? null,
      idCard: card === undefined ? null : this.#toIdCard(card),
    };
  }

  /**
   * Does card `idCardNumber` belong to the person with `fin`, and what is it worth today
   * (IAM-000-3.1.2: a registration is accepted only with a matching card)? An unknown number
   * and somebody else's number give the same `{ match: false }`.
   */
  async verifyIdCard(idCardNumber: string, fin: string): Promise<IdCardVerification> {
    if (!ID_CARD_NUMBER.test(idCardNumber) || !FIN.test(fin)) return { match: false };
    const card = await findIdCard(this.#db, idCardNumber);
    if (card?.fin !== fin) return { match: false };
    return { match: true, status: idCardStatus(card, this.#today()), expiresOn: card.expiresOn };
  }

  /** True once anybody is registered: seeding refuses a register that is not empty. */
  async hasPersons(): Promise<boolean> {
    return hasPersons(this.#db);
  }

  #toIdCard(card: IdCardRecord): IdCard {
    return {
      number: card.number,
      issuedOn: card.issuedOn,
      expiresOn: card.expiresOn,
      status: idCardStatus(card, this.#today()),
    };
  }

  #today(): string {
    return toBakuDate(this.#clock.now());
  }
}
