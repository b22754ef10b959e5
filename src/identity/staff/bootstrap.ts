import type { ExchangeClient } from '../../exchange/client.ts';
import type { Platform } from '../../platform/platform.ts';
import type { IdentityTables } from '../identity.store.ts';
import { SessionStore } from '../sessions.ts';
import { CLI_ACTOR, StaffService } from './staff.service.ts';
import { staffPersonLookup } from './staff-people.ts';
import type { StaffRole, StaffTables } from './staff.store.ts';

/**
 * `npm run ehis -- bootstrap-operator --fin <FİN>`: makes a person an operator of the exchange and
 * the registry, so that the first operator exists before anyone can log in as one. The FİN is
 * checked with the population register through the exchange (the portal's client). Idempotent:
 * returns the roles granted now (none when the person already was an operator). Audited as
 * `system:cli` unless another actor is given (the demo start uses `system:demo`).
 */
export async function bootstrapOperator(
  platform: Platform,
  portalClient: ExchangeClient,
  fin: string,
  actor: string = CLI_ACTOR,
): Promise<StaffRole[]> {
  const staff = new StaffService({
    db: platform.db.typed<IdentityTables & StaffTables>(),
    clock: platform.clock,
    audit: platform.audit,
    sessions: new SessionStore({ db: platform.db.typed<IdentityTables>(), clock: platform.clock }),
    members: platform.exchange.admin,
    person: staffPersonLookup(portalClient),
  });
  return staff.bootstrapOperator(fin, actor);
}
