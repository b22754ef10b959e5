import { X509Certificate, type webcrypto } from 'node:crypto';
import type { CertificateAuthority } from '../platform/pki/index.ts';

type CryptoKey = webcrypto.CryptoKey;

/** A staff e-signature certificate that validated, with what a batch records of it. */
export type StaffCertificateCheck =
  | {
      readonly ok: true;
      readonly subject: string;
      readonly serial: string;
      readonly fin: string;
      /** The subject's O: the agency the staff member works for. */
      readonly organization: string | undefined;
      readonly publicKey: CryptoKey;
    }
  | { readonly ok: false; readonly reason: string };

/** Chain, validity, revocation and profile of a staff e-signature certificate. */
export interface StaffCertificateChecker {
  check(certificate: string, at: Date): Promise<StaffCertificateCheck>;
}

function organizationOf(certificate: string): string | undefined {
  try {
    const line = new X509Certificate(Buffer.from(certificate, 'base64')).subject
      .split('\n')
      .find((part) => part.startsWith('O='));
    // OpenSSL escapes RFC 4514 specials with a backslash.
    return line?.slice(2).replace(/\\(.)/g, '$1');
  } catch {
    return undefined;
  }
}

/** The exchange's view of the platform CA for batch signatures: staff profile only. */
export function staffSignatures(ca: CertificateAuthority): StaffCertificateChecker {
  return {
    async check(certificate, at) {
      const result = await ca.validateChain(certificate, at, { profile: 'staff-signature' });
      if (!result.ok) return { ok: false, reason: result.reason };
      if (result.fin === undefined) return { ok: false, reason: 'malformed' };
      return {
        ok: true,
        subject: result.subject,
        serial: result.serial,
        fin: result.fin,
        organization: organizationOf(certificate),
        publicKey: result.publicKey,
      };
    },
  };
}
