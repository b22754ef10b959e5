import type { ModuleMigrations } from '../db/migrate.ts';

/** What other modules may use of the platform PKI (ARCHITECTURE.md rule 3). */
export { CertificateAuthority } from './pki.service.ts';
export type { CertificateAuthorityOptions, ValidateOptions } from './pki.service.ts';
export type { ConfiguredCa } from './pki.keys.ts';
export type { PkiTables } from './pki.store.ts';
export {
  CertificateProfile,
  RevocationReason,
  type CertificateInput,
  type CertificateRecord,
  type CertificateValidation,
  type Crl,
  type IssueCertificateInput,
  type IssuedCertificate,
  type MemberIdentity,
  type PublicKeyInput,
  type SubjectName,
  type ValidCertificate,
  type ValidationFailureReason,
} from './pki.schema.ts';
export {
  CaKeyError,
  CertificateAlreadyRevoked,
  CertificateNotFound,
  InvalidCertificateRequest,
  UnsupportedPublicKey,
} from './pki.errors.ts';
export {
  certificateThumbprint,
  memberSubject,
  memberUrn,
  parseMemberUrn,
  publicKeyOf,
} from './pki.x509.ts';

export const pkiMigrations: ModuleMigrations = {
  module: 'pki',
  dir: new URL('./migrations/', import.meta.url),
};
