import type { ExchangeClient } from '../../exchange/client.ts';
import type { Platform } from '../../platform/platform.ts';
import type { SessionStore } from '../sessions.ts';
import type { StaffTables } from './staff.store.ts';
import type { IdentityTables } from '../identity.store.ts';
import { StaffService } from './staff.service.ts';
import { staffPersonLookup } from './staff-people.ts';

export { StaffService, CLI_ACTOR } from './staff.service.ts';
export { registerStaffAccess, registerStaffRoutes } from './staff.routes.ts';
export { bootstrapOperator } from './bootstrap.ts';

/** Staff and roles on a platform; without the portal client no FİN can be checked (no invites). */
export function createStaff(
  platform: Platform,
  sessions: SessionStore,
  portalClient?: ExchangeClient,
): StaffService {
  return new StaffService({
    db: platform.db.typed<IdentityTables & StaffTables>(),
    clock: platform.clock,
    audit: platform.audit,
    sessions,
    members: platform.exchange.admin,
    person: portalClient === undefined ? undefined : staffPersonLookup(portalClient),
  });
}
