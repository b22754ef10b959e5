// The population register (Ministry of Internal Affairs): what other modules may use.
import type { Database } from '../../platform/db/database.ts';
import type { ModuleMigrations } from '../../platform/db/migrate.ts';
import type { Clock } from '../../platform/time/index.ts';
import type { PopulationRecords } from './population.schema.ts';
import { PopulationRegister } from './population.service.ts';
import { copyPopulationRecords, type PopulationTables } from './population.store.ts';

export { PopulationRegister, idCardStatus } from './population.service.ts';
export {
  Address,
  Fin,
  FIN_PATTERN,
  IdCard,
  IdCardNumber,
  ID_CARD_NUMBER_PATTERN,
  IdCardStatus,
  IdCardVerification,
  Person,
  Sex,
} from './population.schema.ts';
export type {
  NewIdCard,
  NewPerson,
  NewResidenceRegistration,
  PopulationRecords,
} from './population.schema.ts';
export type { PopulationTables } from './population.store.ts';
export { generatePopulation } from './synthetic/generator.ts';
export type {
  GeneratorOptions,
  SyntheticBirth,
  SyntheticChunk,
  SyntheticDeath,
  SyntheticGuardianship,
  SyntheticMarriage,
} from './synthetic/generator.ts';

export const populationMigrations: ModuleMigrations = {
  module: 'population',
  dir: new URL('./migrations/', import.meta.url),
};

export function createPopulationRegister(options: {
  readonly database: Database;
  readonly clock: Clock;
}): PopulationRegister {
  return new PopulationRegister({
    db: options.database.typed<PopulationTables>(),
    clock: options.clock,
  });
}

/** Bulk-loads people, ID cards and registrations (seeding; the register must allow it). */
export async function loadPopulationRecords(
  database: Database,
  records: PopulationRecords,
): Promise<void> {
  await copyPopulationRecords(database, records);
}
