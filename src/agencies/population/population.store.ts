import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { PopulationRecords, Sex } from './population.schema.ts';
import { byKey, toCsv } from '../../platform/db/csv.ts';

export interface PopulationTables {
  'population.person': {
    fin: string;
    first_name: string;
    last_name: string;
    patronymic: string;
    sex: Sex;
    birth_date: string;
    birth_place: string;
    citizenship: string;
    death_date: string | null;
  };
  'population.id_card': {
    number: string;
    fin: string;
    issued_on: string;
    expires_on: string | null;
    lost_on: string | null;
    annulled_on: string | null;
  };
  'population.residence_registration': {
    fin: string;
    kind: 'residence' | 'stay';
    region: string;
    street: string;
    house: string;
    apartment: string | null;
    registered_on: string;
    deregistered_on: string | null;
  };
}

type Db = Kysely<PopulationTables>;

/** A person as stored, without the card and the address (the service joins them). */
export interface PersonRecord {
  readonly fin: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly patronymic: string;
  readonly sex: Sex;
  readonly birthDate: string;
  readonly birthPlace: string;
  readonly citizenship: string;
  readonly deathDate: string | null;
}

export interface IdCardRecord {
  readonly number: string;
  readonly fin: string;
  readonly issuedOn: string;
  readonly expiresOn: string | null;
  readonly lostOn: string | null;
  readonly annulledOn: string | null;
}

export interface ResidenceRecord {
  readonly region: string;
  readonly street: string;
  readonly house: string;
  readonly apartment: string | null;
  readonly registeredOn: string;
}

export async function findPersonRecord(db: Db, fin: string): Promise<PersonRecord | undefined> {
  const row = await db
    .selectFrom('population.person')
    .selectAll()
    .where('fin', '=', fin)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        fin: row.fin,
        firstName: row.first_name,
        lastName: row.last_name,
        patronymic: row.patronymic,
        sex: row.sex,
        birthDate: row.birth_date,
        birthPlace: row.birth_place,
        citizenship: row.citizenship,
        deathDate: row.death_date,
      };
}

type CardRow = PopulationTables['population.id_card'];

function toCard(row: CardRow): IdCardRecord {
  return {
    number: row.number,
    fin: row.fin,
    issuedOn: row.issued_on,
    expiresOn: row.expires_on,
    lostOn: row.lost_on,
    annulledOn: row.annulled_on,
  };
}

/** The card issued last to the person: the one that counts (a replaced lost card is older). */
export async function latestIdCard(db: Db, fin: string): Promise<IdCardRecord | undefined> {
  const row = await db
    .selectFrom('population.id_card')
    .selectAll()
    .where('fin', '=', fin)
    .orderBy('issued_on', 'desc')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : toCard(row);
}

export async function findIdCard(db: Db, number: string): Promise<IdCardRecord | undefined> {
  const row = await db
    .selectFrom('population.id_card')
    .selectAll()
    .where('number', '=', number)
    .executeTakeFirst();
  return row === undefined ? undefined : toCard(row);
}

export async function currentResidence(db: Db, fin: string): Promise<ResidenceRecord | undefined> {
  const row = await db
    .selectFrom('population.residence_registration')
    .select(['region', 'street', 'house', 'apartment', 'registered_on'])
    .where('fin', '=', fin)
    .where('kind', '=', 'residence')
    .where('deregistered_on', 'is', null)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        region: row.region,
        street: row.street,
        house: row.house,
        apartment: row.apartment,
        registeredOn: row.registered_on,
      };
}

export async function hasPersons(db: Db): Promise<boolean> {
  const row = await db.selectFrom('population.person').select('fin').limit(1).executeTakeFirst();
  return row !== undefined;
}

// --- Bulk load ------------------------------------------------------------------------------

/**
 * Writes people, their cards and their registrations with COPY, the fastest path on both
 * engines. The people go first: cards and registrations refer to them.
 */
export async function copyPopulationRecords(
  database: Database,
  records: PopulationRecords,
): Promise<void> {
  if (records.persons.length > 0) {
    await database.copyCsv(
      'population.person',
      [
        'fin',
        'first_name',
        'last_name',
        'patronymic',
        'sex',
        'birth_date',
        'birth_place',
        'death_date',
      ],
      toCsv(
        byKey(records.persons, (p) => p.fin),
        (p) => [
          p.fin,
          p.firstName,
          p.lastName,
          p.patronymic,
          p.sex,
          p.birthDate,
          p.birthPlace,
          p.deathDate,
        ],
      ),
    );
  }
  const loads: Promise<void>[] = [];
  if (records.idCards.length > 0) {
    loads.push(
      database.copyCsv(
        'population.id_card',
        ['number', 'fin', 'issued_on', 'expires_on', 'lost_on', 'annulled_on'],
        toCsv(
          byKey(records.idCards, (c) => c.number),
          (c) => [c.number, c.fin, c.issuedOn, c.expiresOn, c.lostOn, c.annulledOn],
        ),
      ),
    );
  }
  if (records.residences.length > 0) {
    loads.push(
      database.copyCsv(
        'population.residence_registration',
        [
          'fin',
          'kind',
          'region',
          'street',
          'house',
          'apartment',
          'registered_on',
          'deregistered_on',
        ],
        toCsv(
          byKey(records.residences, (r) => r.fin),
          (r) => [
            r.fin,
            r.kind,
            r.region,
            r.street,
            r.house,
            r.apartment,
            r.registeredOn,
            r.deregisteredOn,
          ],
        ),
      ),
    );
  }
  await Promise.all(loads);
}
