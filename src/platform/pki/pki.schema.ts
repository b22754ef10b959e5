import type { webcrypto } from 'node:crypto';
import { Type, type Static } from 'typebox';

type CryptoKey = webcrypto.CryptoKey;

/**
 * What a certificate is for. Each profile has its own key usage and certificate policy, so a
 * citizen's signature certificate can never pass as an exchange member's credentials.
 */
export const CertificateProfile = Type.Union([
  /** An exchange member subsystem (EHIS-003-2.1.7): signs ES256 envelopes. */
  Type.Literal('member'),
  /** A citizen's enhanced e-signature (IAM-003-12.2, IAM-002-LOGIN-5). */
  Type.Literal('person-signature'),
  /** Agency staff's enhanced e-signature (IAM-003-D5.2, IAM-004-6.1.17, IAM-004-7.1.1). */
  Type.Literal('staff-signature'),
]);
export type CertificateProfile = Static<typeof CertificateProfile>;

export const CERTIFICATE_PROFILES: readonly CertificateProfile[] = [
  'member',
  'person-signature',
  'staff-signature',
];

/**
 * RFC 5280 §5.3.1 reason codes, spelled in kebab-case. `certificateHold` and `removeFromCRL` are
 * left out on purpose: a revocation here is final (the table's trigger enforces it).
 */
export const RevocationReason = Type.Union([
  Type.Literal('unspecified'),
  Type.Literal('key-compromise'),
  Type.Literal('ca-compromise'),
  Type.Literal('affiliation-changed'),
  Type.Literal('superseded'),
  Type.Literal('cessation-of-operation'),
  Type.Literal('privilege-withdrawn'),
]);
export type RevocationReason = Static<typeof RevocationReason>;

/** An exchange member and one of its subsystems, e.g. `health` / `e-health-card`. */
export interface MemberIdentity {
  readonly member: string;
  readonly subsystem: string;
}

/**
 * The subject's distinguished name, as attributes rather than a DN string: values are encoded
 * as given, so a comma or a leading `#` in a name cannot smuggle in another attribute.
 */
export interface SubjectName {
  readonly commonName: string;
  readonly organization?: string | undefined;
  readonly organizationalUnit?: string | undefined;
  /** ISO 3166 two-letter code; `AZ` when absent. */
  readonly country?: string | undefined;
  /** X.520 serialNumber: the FİN for person and staff certificates. */
  readonly serialNumber?: string | undefined;
  readonly givenName?: string | undefined;
  readonly surname?: string | undefined;
}

/**
 * The subject's public key: a WebCrypto key, a JWK, or an SPKI PEM (`-----BEGIN PUBLIC KEY-----`).
 * Only ECDSA P-256 is accepted: the exchange verifies ES256 signatures with it.
 */
export type PublicKeyInput = CryptoKey | webcrypto.JsonWebKey | string;

export interface IssueCertificateInput {
  readonly profile: CertificateProfile;
  readonly subject: SubjectName;
  readonly publicKey: PublicKeyInput;
  readonly validDays: number;
  /** Required for the `member` profile, refused for the others. */
  readonly member?: MemberIdentity | undefined;
}

/** A certificate as the registry keeps it (rows are parsed into this at the store boundary). */
export interface CertificateRecord {
  /** Lowercase hex, as in the certificate. */
  readonly serial: string;
  readonly profile: CertificateProfile;
  /** RFC 4514-style display of the subject DN. */
  readonly subject: string;
  readonly member: string | undefined;
  readonly subsystem: string | undefined;
  readonly subjectFin: string | undefined;
  /** SHA-256 of the DER, base64url: the JWS `x5t#S256` header value. */
  readonly thumbprint: string;
  /** Subject key identifier of the CA certificate that issued it (hex). */
  readonly issuerKeyId: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly der: Uint8Array;
  readonly issuedAt: Date;
  readonly revokedAt: Date | undefined;
  readonly revocationReason: RevocationReason | undefined;
}

export interface IssuedCertificate extends CertificateRecord {
  readonly pem: string;
}

export interface Crl {
  readonly der: Uint8Array;
  readonly pem: string;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  /** Serials listed, lowercase hex. */
  readonly serials: readonly string[];
}

export type ValidationFailureReason =
  | 'unknown-issuer'
  | 'expired'
  | 'not-yet-valid'
  | 'revoked'
  | 'bad-signature'
  | 'malformed'
  /** Signed by the CA but not of the profile the caller expects (or of no EHİS profile). */
  | 'wrong-profile';

export interface ValidCertificate {
  readonly ok: true;
  readonly subject: string;
  readonly serial: string;
  readonly profile: CertificateProfile;
  readonly thumbprint: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly member?: string | undefined;
  readonly subsystem?: string | undefined;
  /** FİN from the subject's serialNumber (person and staff certificates). */
  readonly fin?: string | undefined;
  /** The subject's key, imported once and cached: pass it to `jose.compactVerify`. */
  readonly publicKey: CryptoKey;
}

export type CertificateValidation =
  ValidCertificate | { readonly ok: false; readonly reason: ValidationFailureReason };

/** What a certificate may be: PEM, base64 DER (as in a JWS `x5c` entry) or DER bytes. */
export type CertificateInput = string | Uint8Array;
