export { RegistryService, DUE_WORKING_DAYS } from './registry.service.ts';
export type { RegistryActor, RoleDirectory, Submitted } from './registry.service.ts';
export { createRegistry, createRegulations } from './create-registry.ts';
export { RegulationService, documentProblems } from './regulations/regulation.service.ts';
export type { RegulationActor } from './regulations/regulation.service.ts';
export type { RegulationDocument } from './regulations/regulation.schema.ts';
export { renderRegulationPdf } from './regulations/regulation.pdf.ts';
export {
  healthCardRegulationDocument,
  seedHealthCardRegulation,
  tickingClock,
  HEALTH_CARD_REGULATION_SEED_KEY,
} from './regulations/seed-regulation.ts';
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
