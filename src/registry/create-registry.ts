import { sql } from 'kysely';
import type { Platform } from '../platform/platform.ts';
import type { Clock } from '../platform/time/clock.ts';
import { calendar } from '../platform/time/index.ts';
import { RegistryService, type RoleDirectory } from './registry.service.ts';
import type { RegistryTables } from './registry.store.ts';
import { RegulationService } from './regulations/regulation.service.ts';
import type { RegulationTables } from './regulations/regulation.store.ts';

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

/**
 * Administrative regulations on a platform (issue 5 item 3). `clock` replaces the platform's
 * (the seed uses a ticking one). The head's name for the approval block is the name identity
 * recorded when the head role was granted (identity.staff_role.person_name, read-only here).
 */
export function createRegulations(
  platform: Platform,
  roles: RoleDirectory,
  options: { readonly clock?: Clock } = {},
): RegulationService {
  return new RegulationService({
    db: platform.db.typed<RegulationTables>(),
    clock: options.clock ?? platform.clock,
    audit: platform.audit,
    roles,
    legalActIds: async () => (await platform.exchange.admin.listLegalActs()).map((a) => a.id),
    headName: async (fin, provider) => {
      const found = await sql<{ person_name: string | null }>`
        SELECT person_name FROM identity.staff_role
        WHERE fin = ${fin} AND member = ${provider} AND role = 'head' AND revoked_at IS NULL
        ORDER BY granted_at DESC LIMIT 1`.execute(platform.db.kysely);
      return found.rows[0]?.person_name ?? null;
    },
  });
}
