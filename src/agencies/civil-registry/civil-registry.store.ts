import type { Generated, Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type {
  BirthRecord,
  CivilRecords,
  DeathRecord,
  GuardianshipBasis,
  GuardianshipKind,
  Marriage,
} from './civil-registry.schema.ts';
import { byKey, toCsv } from '../../platform/db/csv.ts';

export interface CivilRegistryTables {
  'civil_registry.birth_record': {
    child_fin: string;
    record_number: number;
    registered_on: string;
    registry_region: string;
    record_year: Generated<number>;
    first_name: string;
    last_name: string;
    patronymic: string;
    sex: 'male' | 'female';
    birth_date: string;
    birth_place: string;
    mother_fin: string | null;
    father_fin: string | null;
  };
  'civil_registry.marriage': {
    record_number: number;
    registered_on: string;
    registry_region: string;
    record_year: Generated<number>;
    husband_fin: string;
    wife_fin: string;
    dissolution_record_number: number | null;
    dissolved_on: string | null;
    dissolution_region: string | null;
  };
  'civil_registry.death_record': {
    fin: string;
    record_number: number;
    registered_on: string;
    registry_region: string;
    record_year: Generated<number>;
    died_on: string;
    place_of_death: string;
  };
  'civil_registry.guardianship': {
    id: Generated<number>;
    kind: GuardianshipKind;
    basis: GuardianshipBasis;
    guardian_fin: string;
    ward_fin: string;
    decided_by: string;
    decision_number: string;
    decision_date: string;
    valid_from: string;
    valid_until: string | null;
  };
}

type Db = Kysely<CivilRegistryTables>;
type BirthRow = Omit<CivilRegistryTables['civil_registry.birth_record'], 'record_year'>;

function toBirthRecord(row: BirthRow): BirthRecord {
  return {
    record: {
      recordNumber: row.record_number,
      registeredOn: row.registered_on,
      registryRegion: row.registry_region,
    },
    childFin: row.child_fin,
    firstName: row.first_name,
    lastName: row.last_name,
    patronymic: row.patronymic,
    sex: row.sex,
    birthDate: row.birth_date,
    birthPlace: row.birth_place,
    motherFin: row.mother_fin,
    fatherFin: row.father_fin,
  };
}

const BIRTH_COLUMNS = [
  'child_fin',
  'record_number',
  'registered_on',
  'registry_region',
  'first_name',
  'last_name',
  'patronymic',
  'sex',
  'birth_date',
  'birth_place',
  'mother_fin',
  'father_fin',
] as const;

export async function findBirthRecord(db: Db, childFin: string): Promise<BirthRecord | undefined> {
  const row = await db
    .selectFrom('civil_registry.birth_record')
    .select(BIRTH_COLUMNS)
    .where('child_fin', '=', childFin)
    .executeTakeFirst();
  return row === undefined ? undefined : toBirthRecord(row);
}

/** Birth records naming `parentFin` as mother or father, eldest child first. */
export async function birthRecordsOfChildren(db: Db, parentFin: string): Promise<BirthRecord[]> {
  const rows = await db
    .selectFrom('civil_registry.birth_record')
    .select(BIRTH_COLUMNS)
    .where((eb) => eb.or([eb('mother_fin', '=', parentFin), eb('father_fin', '=', parentFin)]))
    .orderBy('birth_date')
    .orderBy('child_fin')
    .execute();
  return rows.map(toBirthRecord);
}

export async function marriagesOf(db: Db, fin: string): Promise<Marriage[]> {
  const rows = await db
    .selectFrom('civil_registry.marriage')
    .select([
      'record_number',
      'registered_on',
      'registry_region',
      'husband_fin',
      'wife_fin',
      'dissolution_record_number',
      'dissolved_on',
      'dissolution_region',
    ])
    .where((eb) => eb.or([eb('husband_fin', '=', fin), eb('wife_fin', '=', fin)]))
    .orderBy('registered_on')
    .orderBy('registry_region')
    .orderBy('record_number')
    .execute();
  return rows.map((row) => ({
    record: {
      recordNumber: row.record_number,
      registeredOn: row.registered_on,
      registryRegion: row.registry_region,
    },
    husbandFin: row.husband_fin,
    wifeFin: row.wife_fin,
    dissolution:
      row.dissolution_record_number === null ||
      row.dissolved_on === null ||
      row.dissolution_region === null
        ? null
        : {
            recordNumber: row.dissolution_record_number,
            registeredOn: row.dissolved_on,
            registryRegion: row.dissolution_region,
          },
  }));
}

export async function findDeathRecord(db: Db, fin: string): Promise<DeathRecord | undefined> {
  const row = await db
    .selectFrom('civil_registry.death_record')
    .select([
      'fin',
      'record_number',
      'registered_on',
      'registry_region',
      'died_on',
      'place_of_death',
    ])
    .where('fin', '=', fin)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        record: {
          recordNumber: row.record_number,
          registeredOn: row.registered_on,
          registryRegion: row.registry_region,
        },
        fin: row.fin,
        diedOn: row.died_on,
        placeOfDeath: row.place_of_death,
      };
}

/** Dates of death of those of `fins` who died, by FİN. */
export async function deathDates(db: Db, fins: readonly string[]): Promise<Map<string, string>> {
  if (fins.length === 0) return new Map();
  const rows = await db
    .selectFrom('civil_registry.death_record')
    .select(['fin', 'died_on'])
    .where('fin', 'in', fins)
    .execute();
  return new Map(rows.map((row) => [row.fin, row.died_on]));
}

/** A guardianship as stored; whether it is in force depends on the day it is asked about. */
export interface GuardianshipRecord {
  readonly id: number;
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

/** Guardianships in which `fin` is the guardian or the ward, oldest first. */
export async function guardianshipsOf(db: Db, fin: string): Promise<GuardianshipRecord[]> {
  const rows = await db
    .selectFrom('civil_registry.guardianship')
    .selectAll()
    .where((eb) => eb.or([eb('guardian_fin', '=', fin), eb('ward_fin', '=', fin)]))
    .orderBy('valid_from')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    basis: row.basis,
    guardianFin: row.guardian_fin,
    wardFin: row.ward_fin,
    decidedBy: row.decided_by,
    decisionNumber: row.decision_number,
    decisionDate: row.decision_date,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
  }));
}

// --- Bulk load ------------------------------------------------------------------------------

/** Writes civil-status records with COPY; the four tables are independent of each other. */
export async function copyCivilRecords(database: Database, records: CivilRecords): Promise<void> {
  const loads: Promise<void>[] = [];
  if (records.births.length > 0) {
    loads.push(
      database.copyCsv(
        'civil_registry.birth_record',
        BIRTH_COLUMNS,
        toCsv(
          byKey(records.births, (b) => b.childFin),
          (b) => [
            b.childFin,
            b.recordNumber,
            b.registeredOn,
            b.registryRegion,
            b.firstName,
            b.lastName,
            b.patronymic,
            b.sex,
            b.birthDate,
            b.birthPlace,
            b.motherFin,
            b.fatherFin,
          ],
        ),
      ),
    );
  }
  if (records.marriages.length > 0) {
    loads.push(
      database.copyCsv(
        'civil_registry.marriage',
        [
          'record_number',
          'registered_on',
          'registry_region',
          'husband_fin',
          'wife_fin',
          'dissolution_record_number',
          'dissolved_on',
          'dissolution_region',
        ],
        toCsv(records.marriages, (m) => [
          m.recordNumber,
          m.registeredOn,
          m.registryRegion,
          m.husbandFin,
          m.wifeFin,
          m.dissolution?.recordNumber ?? null,
          m.dissolution?.registeredOn ?? null,
          m.dissolution?.registryRegion ?? null,
        ]),
      ),
    );
  }
  if (records.deaths.length > 0) {
    loads.push(
      database.copyCsv(
        'civil_registry.death_record',
        ['fin', 'record_number', 'registered_on', 'registry_region', 'died_on', 'place_of_death'],
        toCsv(
          byKey(records.deaths, (d) => d.fin),
          (d) => [
            d.fin,
            d.recordNumber,
            d.registeredOn,
            d.registryRegion,
            d.diedOn,
            d.placeOfDeath,
          ],
        ),
      ),
    );
  }
  if (records.guardianships.length > 0) {
    loads.push(
      database.copyCsv(
        'civil_registry.guardianship',
        [
          'kind',
          'basis',
          'guardian_fin',
          'ward_fin',
          'decided_by',
          'decision_number',
          'decision_date',
          'valid_from',
          'valid_until',
        ],
        toCsv(records.guardianships, (g) => [
          g.kind,
          g.basis,
          g.guardianFin,
          g.wardFin,
          g.decidedBy,
          g.decisionNumber,
          g.decisionDate,
          g.validFrom,
          g.validUntil,
        ]),
      ),
    );
  }
  await Promise.all(loads);
}
