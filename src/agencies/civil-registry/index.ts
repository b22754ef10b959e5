// The civil registry (Ministry of Justice): what other modules may use.
import type { Database } from '../../platform/db/database.ts';
import type { ModuleMigrations } from '../../platform/db/migrate.ts';
import type { Clock } from '../../platform/time/index.ts';
import type { CivilRecords } from './civil-registry.schema.ts';
import { CivilRegistry } from './civil-registry.service.ts';
import { copyCivilRecords, type CivilRegistryTables } from './civil-registry.store.ts';

export { CivilRegistry, guardianshipActive } from './civil-registry.service.ts';
export {
  BirthRecord,
  CivilStatusRecordRef,
  DeathRecord,
  Guardianship,
  GuardianshipBasis,
  GuardianshipKind,
  Marriage,
  ParentLink,
  ParentRole,
} from './civil-registry.schema.ts';
export type {
  CivilRecords,
  NewBirthRecord,
  NewDeathRecord,
  NewGuardianship,
  NewMarriage,
  NewRecordRef,
} from './civil-registry.schema.ts';
export type { CivilRegistryTables } from './civil-registry.store.ts';

export const civilRegistryMigrations: ModuleMigrations = {
  module: 'civil-registry',
  dir: new URL('./migrations/', import.meta.url),
};

export function createCivilRegistry(options: {
  readonly database: Database;
  readonly clock: Clock;
}): CivilRegistry {
  return new CivilRegistry({
    db: options.database.typed<CivilRegistryTables>(),
    clock: options.clock,
  });
}

/** Bulk-loads civil-status records (seeding). */
export async function loadCivilRecords(database: Database, records: CivilRecords): Promise<void> {
  await copyCivilRecords(database, records);
}
