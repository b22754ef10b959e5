// Demo mode: the synthetic population and the people a tester can log in as.
import {
  civilRegistryMigrations,
  type CivilRegistry,
} from '../../agencies/civil-registry/index.ts';
import { populationMigrations, type PopulationRegister } from '../../agencies/population/index.ts';
import type { Database } from '../db/database.ts';
import type { ModuleMigrations } from '../db/migrate.ts';
import type { Clock } from '../time/index.ts';
import { DemoDirectory } from './demo.service.ts';
import type { DemoTables } from './demo.store.ts';

export { DemoDirectory, MAX_DEMO_PERSONS, isAdultOn } from './demo.service.ts';
export { registerDemoRoutes } from './demo.routes.ts';
export { DemoPerson, DemoPersonList, DemoTag } from './demo.schema.ts';
export {
  DEMO_SEED,
  PopulationNotEmptyError,
  seedDemoIfEmpty,
  seedPopulation,
} from './demo.seed.ts';
export type { SeedOptions, SeedProgress, SeedReport } from './demo.seed.ts';
export type { DemoTables } from './demo.store.ts';

export const demoMigrations: ModuleMigrations = {
  module: 'demo',
  dir: new URL('./migrations/', import.meta.url),
};

/**
 * `base` (the app's module list) and, where it lacks them, the modules seeding writes to:
 * the population register, the civil registry and the demo tables.
 */
export function withSeedMigrations(base: readonly ModuleMigrations[]): ModuleMigrations[] {
  const result = [...base];
  for (const own of [populationMigrations, civilRegistryMigrations, demoMigrations]) {
    if (!result.some((m) => m.module === own.module)) result.push(own);
  }
  return result;
}

export function createDemoDirectory(options: {
  readonly database: Database;
  readonly population: PopulationRegister;
  readonly civilRegistry: CivilRegistry;
  readonly clock: Clock;
}): DemoDirectory {
  return new DemoDirectory({
    db: options.database.typed<DemoTables>(),
    population: options.population,
    civilRegistry: options.civilRegistry,
    clock: options.clock,
  });
}
