import type { Kysely } from 'kysely';
import { toBakuDate, type Clock } from '../../platform/time/index.ts';
import type {
  BirthRecord,
  DeathRecord,
  Guardianship,
  Marriage,
  ParentLink,
} from './civil-registry.schema.ts';
import { FIN_PATTERN } from './civil-registry.schema.ts';
import {
  birthRecordsOfChildren,
  deathDates,
  findBirthRecord,
  findDeathRecord,
  guardianshipsOf,
  marriagesOf,
  type CivilRegistryTables,
  type GuardianshipRecord,
} from './civil-registry.store.ts';

const FIN = new RegExp(FIN_PATTERN);

/**
 * In force on `today`: begun, not yet at its end date, and neither the guardian nor the ward
 * has died (guardianship ends with the death of either).
 */
export function guardianshipActive(
  record: GuardianshipRecord,
  today: string,
  deaths: ReadonlyMap<string, string>,
): boolean {
  if (record.validFrom > today) return false;
  if (record.validUntil !== null && record.validUntil <= today) return false;
  const guardianDied = deaths.get(record.guardianFin);
  const wardDied = deaths.get(record.wardFin);
  return (
    (guardianDied === undefined || guardianDied > today) &&
    (wardDied === undefined || wardDied > today)
  );
}

/**
 * The civil registry of the Ministry of Justice: births, marriages and divorces, deaths, and
 * guardianships. Each answer is about one person, looked up by FİN; a malformed FİN finds
 * nothing rather than raising, as a FİN nobody has would.
 */
export class CivilRegistry {
  readonly #db: Kysely<CivilRegistryTables>;
  readonly #clock: Clock;

  constructor(options: { readonly db: Kysely<CivilRegistryTables>; readonly clock: Clock }) {
    this.#db = options.db;
    this.#clock = options.clock;
  }

  /** The person's own birth record (CR-4.1.1: the birth certificate's data). */
  async birthRecordOf(fin: string): Promise<BirthRecord | undefined> {
    if (!FIN.test(fin)) return undefined;
    return findBirthRecord(this.#db, fin);
  }

  /** Birth records of the person's children, eldest first (IAM-000-1.8a: parent of a minor). */
  async childrenOf(fin: string): Promise<BirthRecord[]> {
    if (!FIN.test(fin)) return [];
    return birthRecordsOfChildren(this.#db, fin);
  }

  /** Mother and father as the birth record names them (CR-4.1.3, CR-4.1.4): mother first. */
  async parentsOf(fin: string): Promise<ParentLink[]> {
    const record = await this.birthRecordOf(fin);
    if (record === undefined) return [];
    const parents: ParentLink[] = [];
    if (record.motherFin !== null) parents.push({ fin: record.motherFin, role: 'mother' });
    if (record.fatherFin !== null) parents.push({ fin: record.fatherFin, role: 'father' });
    return parents;
  }

  /**
   * Guardianships and curatorships in which the person is the guardian or the ward, past and
   * present, each marked whether it is in force today (CR-4.1.9, IAM-000-1.8b).
   */
  async guardianshipsOf(fin: string): Promise<Guardianship[]> {
    if (!FIN.test(fin)) return [];
    const records = await guardianshipsOf(this.#db, fin);
    const people = new Set(records.flatMap((r) => [r.guardianFin, r.wardFin]));
    const deaths = await deathDates(this.#db, [...people]);
    const today = this.#today();
    return records.map((record) => ({
      ...record,
      active: guardianshipActive(record, today, deaths),
    }));
  }

  /** Marriages, with their dissolution where there was one (CR-4.1.5). */
  async marriagesOf(fin: string): Promise<Marriage[]> {
    if (!FIN.test(fin)) return [];
    return marriagesOf(this.#db, fin);
  }

  /** The death record (CR-4.1.2). */
  async deathRecordOf(fin: string): Promise<DeathRecord | undefined> {
    if (!FIN.test(fin)) return undefined;
    return findDeathRecord(this.#db, fin);
  }

  #today(): string {
    return toBakuDate(this.#clock.now());
  }
}
