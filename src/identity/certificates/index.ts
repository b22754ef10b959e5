import type { Platform } from '../../platform/platform.ts';
import type { IdentityService } from '../identity.service.ts';
import type { IdentityTables } from '../identity.store.ts';
import type { ExchangeClient } from '../../exchange/client.ts';
import { exchangePersonDirectory } from '../people.ts';
import { CertificateService } from './certificates.service.ts';
import type { CertificateTables } from './certificates.store.ts';

export {
  CertificateService,
  CHALLENGE_PREFIX,
  generatePkcs12Password,
} from './certificates.service.ts';
export type { IssuedPkcs12, IssueInput, CertificateStatus } from './certificates.service.ts';
export { registerCertificateRoutes } from './certificates.routes.ts';
export type { HeldCertificate, CertificateChannel } from './certificates.store.ts';
export { buildPkcs12, readPkcs12, Pkcs12Error } from './pkcs12.ts';
export { checkDocumentSignature } from './document-signature.ts';
export type { DocumentSignatureCheck, DocumentSignatureFailure } from './document-signature.ts';

/**
 * Certificates and certificate login on a platform. `portalClient` reads the population register
 * through the exchange; without it (no agencies attached) issuing and login fail.
 * Citizens may issue themselves certificates only in demo mode.
 */
export function createCertificateService(
  platform: Platform,
  identity: IdentityService,
  portalClient: ExchangeClient | undefined,
): CertificateService {
  return new CertificateService({
    db: platform.db.typed<CertificateTables>(),
    identityDb: platform.db.typed<IdentityTables>(),
    clock: platform.clock,
    audit: platform.audit,
    ca: platform.ca,
    identity,
    people: portalClient === undefined ? undefined : exchangePersonDirectory(portalClient),
    selfService: platform.config.demo,
  });
}
