import type { ExchangeClient } from '../exchange/client.ts';
import type { Platform } from '../platform/platform.ts';
import type { IdentityTables } from './identity.store.ts';
import { IdentityService } from './identity.service.ts';
import { exchangePersonDirectory } from './people.ts';
import { SessionStore } from './sessions.ts';

export { IdentityService } from './identity.service.ts';
export { registerIdentityRoutes } from './identity.routes.ts';
export { registerSessionHooks, requireSession, sessionOf } from './http-auth.ts';
export type { Session } from './sessions.ts';
export {
  createStaff,
  registerStaffAccess,
  registerStaffRoutes,
  StaffService,
  CLI_ACTOR,
} from './staff/index.ts';
export { requireOperator, requireRole } from '../platform/http/guards.ts';
export { AssuranceTooLow } from './identity.errors.ts';
export { checkDocumentSignature } from './certificates/index.ts';
export type { DocumentSignatureCheck } from './certificates/index.ts';
export { createDevices, registerDeviceRoutes, DeviceService } from './devices/index.ts';
export { createOidc, registerOidcRoutes, OidcService } from './oidc/index.ts';
export {
  createCertificateService,
  registerCertificateRoutes,
  CertificateService,
} from './certificates/index.ts';
export { createPasskeys, registerPasskeyRoutes, PasskeyService } from './passkeys/index.ts';
export { accountContacts, type AccountContact, type AccountContacts } from './contacts.ts';

/**
 * The identity module on a platform. `portalClient` is the portal's exchange client
 * (`attachAgencies`); without it, registration and profiles are not offered.
 */
export function createIdentity(platform: Platform, portalClient?: ExchangeClient): IdentityService {
  const db = platform.db.typed<IdentityTables>();
  const sessions = new SessionStore({
    db,
    clock: platform.clock,
    listen: (channel, onNotify) => platform.db.listen(channel, onNotify),
  });
  return new IdentityService({
    db,
    clock: platform.clock,
    audit: platform.audit,
    sessions,
    people: portalClient === undefined ? undefined : exchangePersonDirectory(portalClient),
  });
}
