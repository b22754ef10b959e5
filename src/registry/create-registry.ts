import type { Platform } from '../platform/platform.ts';
import { calendar } from '../platform/time/index.ts';
import { RegistryService, type RoleDirectory } from './registry.service.ts';
import type { RegistryTables } from './registry.store.ts';

/**
 * The e-services registry on a platform. `roles` answers who holds which staff role (the
 * identity module's StaffService); legal acts come from the exchange's legal-basis catalogue.
 */
export function createRegistry(platform: Platform, roles: RoleDirectory): RegistryService {
  return new RegistryService({
    db: platform.db.typed<RegistryTables>(),
    clock: platform.clock,
    audit: platform.audit,
    ca: platform.ca,
    roles,
    legalActIds: async () => (await platform.exchange.admin.listLegalActs()).map((a) => a.id),
    calendar,
  });
}
