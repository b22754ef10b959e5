import type { CertificateAuthority, ValidationFailureReason } from '../../platform/pki/index.ts';
import { certificateBytes, keyUsageOf, signatureHolds } from './certificates.service.ts';

/** Why a signed document was not accepted. */
export type DocumentSignatureFailure =
  | ValidationFailureReason
  /** Not a person or staff e-signature certificate, or it names no FİN. */
  | 'not-a-signature-certificate'
  /** The certificate does not allow digitalSignature. */
  | 'key-usage'
  /** The signature does not verify over the document with the certificate's key. */
  | 'signature';

export type DocumentSignatureCheck =
  | {
      readonly ok: true;
      readonly fin: string;
      readonly serial: string;
      readonly subject: string;
      readonly profile: 'person-signature' | 'staff-signature';
      /** The certificate as DER, for keeping beside the signed document. */
      readonly der: Uint8Array;
    }
  | { readonly ok: false; readonly reason: DocumentSignatureFailure };

/**
 * Checks an e-signature over a document the way certificate login checks one over its
 * challenge (IAM-003-12.1.1; REG-003-A2-N2 for registry applications): the platform CA validates
 * the certificate at `at` (chain, validity, revocation), it must be a person or staff signature
 * certificate with a FİN and the digitalSignature key usage, and the ES256 signature (raw r‖s as
 * WebCrypto makes it, or DER) must hold over exactly `message`. Whose FİN it must be is the
 * caller's business.
 */
export async function checkDocumentSignature(
  ca: CertificateAuthority,
  input: {
    /** PEM or base64 DER. */
    readonly certificate: string;
    /** base64. */
    readonly signature: string;
    readonly message: Uint8Array;
    readonly at: Date;
  },
): Promise<DocumentSignatureCheck> {
  const der = certificateBytes(input.certificate);
  if (der === undefined) return { ok: false, reason: 'malformed' };
  const validation = await ca.validateChain(der, input.at);
  if (!validation.ok) return validation;
  if (
    validation.fin === undefined ||
    (validation.profile !== 'person-signature' && validation.profile !== 'staff-signature')
  ) {
    return { ok: false, reason: 'not-a-signature-certificate' };
  }
  if (!keyUsageOf(der).has('digitalSignature')) return { ok: false, reason: 'key-usage' };
  if (!(await signatureHolds(validation.publicKey, input.signature, input.message))) {
    return { ok: false, reason: 'signature' };
  }
  return {
    ok: true,
    fin: validation.fin,
    serial: validation.serial,
    subject: validation.subject,
    profile: validation.profile,
    der,
  };
}
