import type { Platform } from '../../platform/platform.ts';
import type { IdentityService } from '../identity.service.ts';
import { OidcService } from './oidc.service.ts';
import type { OidcTables } from './oidc.store.ts';

export { OidcService } from './oidc.service.ts';
export { registerOidcRoutes } from './oidc.routes.ts';

/** The single sign-on provider on a platform (its keys are made on first use). */
export function createOidc(platform: Platform, identity: IdentityService): OidcService {
  const { config } = platform;
  return new OidcService({
    db: platform.db.typed<OidcTables>(),
    clock: platform.clock,
    audit: platform.audit,
    identity,
    dataDir: config.dataDir,
    publicUrl: config.publicUrl,
    jwks: config.oidcJwks,
    secret: config.oidcSecret,
  });
}
