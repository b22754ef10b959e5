import type { Platform } from '../../platform/platform.ts';
import type { IdentityService } from '../identity.service.ts';
import { PasskeyService } from './passkey.service.ts';
import type { PasskeyTables } from './passkey.store.ts';

export { PasskeyService } from './passkey.service.ts';
export { registerPasskeyRoutes } from './passkey.routes.ts';

export function createPasskeys(platform: Platform, identity: IdentityService): PasskeyService {
  return new PasskeyService({
    db: platform.db.typed<PasskeyTables>(),
    clock: platform.clock,
    audit: platform.audit,
    identity,
  });
}
