export { RegistryService, DUE_WORKING_DAYS } from './registry.service.ts';
export type { RegistryActor, RoleDirectory, Submitted } from './registry.service.ts';
export { createRegistry } from './create-registry.ts';
export { registerRegistryRoutes } from './registry.routes.ts';
export { canonicalJson } from './canonical-json.ts';
export { searchText, searchWords } from './registry.search.ts';
export {
  seedCatalog,
  seedDemoCatalog,
  seedFields,
  SEED_ACTOR,
  type SeedCatalogResult,
} from './seed-catalog.ts';
