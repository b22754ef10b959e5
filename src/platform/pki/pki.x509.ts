// The shim must be evaluated before @peculiar/x509 loads tsyringe (see reflect-shim.ts).
import './reflect-shim.ts';
import {
  X509Certificate as NativeCertificate,
  createHash,
  type KeyObject,
  type webcrypto,
} from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { CertificateInput, CertificateProfile, SubjectName } from './pki.schema.ts';

export { x509 };

type CryptoKey = webcrypto.CryptoKey;

/** ES256 throughout: the exchange signs JWS envelopes with the keys these certificates carry. */
export const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

/**
 * Extended key usage OIDs that name the profile: what the certified key is for. The arc is made
 * from a UUID (ITU-T X.667, arc 2.25), which needs no registration; an operator with a registered
 * arc of its own may change these only together with re-issuing every certificate, since
 * validation recognises profiles by them.
 */
const PURPOSE_ARC = '2.25.47890266756626573236466722578302657923.2';
export const PROFILE_PURPOSE: Readonly<Record<CertificateProfile, string>> = {
  member: `${PURPOSE_ARC}.1`,
  'person-signature': `${PURPOSE_ARC}.2`,
  'staff-signature': `${PURPOSE_ARC}.3`,
};
/** id-kp-documentSigning (RFC 9336), so that document software accepts e-signature keys. */
export const DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';

const PROFILE_BY_PURPOSE: ReadonlyMap<string, CertificateProfile> = new Map(
  (Object.keys(PROFILE_PURPOSE) as CertificateProfile[]).map((profile) => [
    PROFILE_PURPOSE[profile],
    profile,
  ]),
);

export function profileOfPurposes(purposes: readonly string[]): CertificateProfile | undefined {
  const found = purposes.flatMap((purpose) => {
    const profile = PROFILE_BY_PURPOSE.get(purpose);
    return profile === undefined ? [] : [profile];
  });
  // A certificate claiming two profiles is not one we issued.
  return found.length === 1 ? found[0] : undefined;
}

const SERIAL_NUMBER_OID = '2.5.4.5';

export const MEMBER_PART = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const MEMBER_URN = /^urn:ehis:member:([a-z0-9-]{1,64}):subsystem:([a-z0-9-]{1,64})$/;

/** The SAN URI that names an exchange member subsystem, e.g. `urn:ehis:member:health:subsystem:e-health-card`. */
export function memberUrn(member: string, subsystem: string): string {
  return `urn:ehis:member:${member}:subsystem:${subsystem}`;
}

export function parseMemberUrn(uri: string): { member: string; subsystem: string } | undefined {
  const match = MEMBER_URN.exec(uri);
  if (match === null) return undefined;
  const [, member, subsystem] = match;
  if (member === undefined || subsystem === undefined) return undefined;
  return { member, subsystem };
}

/** The conventional subject of a member subsystem: `CN=health/e-health-card, O=health, C=AZ`. */
export function memberSubject(member: string, subsystem: string): SubjectName {
  return { commonName: `${member}/${subsystem}`, organization: member, country: 'AZ' };
}

/**
 * Builds the DN from attributes. Country and serialNumber are PrintableString as RFC 5280 and
 * X.520 require; the rest UTF8String, so Azerbaijani letters (ə, ğ, ı, ö, ş, ü, ç) survive.
 */
export function toX509Name(subject: SubjectName): x509.Name {
  const rdns: x509.JsonNameParams = [{ CN: [{ utf8String: subject.commonName }] }];
  if (subject.givenName !== undefined) rdns.push({ G: [{ utf8String: subject.givenName }] });
  if (subject.surname !== undefined) rdns.push({ SN: [{ utf8String: subject.surname }] });
  if (subject.serialNumber !== undefined) {
    rdns.push({ [SERIAL_NUMBER_OID]: [{ printableString: subject.serialNumber }] });
  }
  if (subject.organizationalUnit !== undefined) {
    rdns.push({ OU: [{ utf8String: subject.organizationalUnit }] });
  }
  if (subject.organization !== undefined) {
    rdns.push({ O: [{ utf8String: subject.organization }] });
  }
  rdns.push({ C: [{ printableString: subject.country ?? 'AZ' }] });
  return new x509.Name(rdns);
}

/**
 * Certificates are read with Node's native parser (OpenSSL) wherever speed matters: it parses
 * and verifies a certificate in about 0.1 ms where the pure-JavaScript ASN.1 stack takes about
 * 2 ms (pki.bench.ts). @peculiar/x509 builds what the CA signs.
 */
export { NativeCertificate };

/** The subject DN on one line, RFC 4514-style, with OpenSSL's escaping of special characters. */
export function describeSubject(cert: NativeCertificate): string {
  return cert.subject.split('\n').join(', ');
}

/** The FİN in the subject's X.520 serialNumber attribute, if any. */
export function subjectSerialNumber(cert: NativeCertificate): string | undefined {
  const line = cert.subject.split('\n').find((part) => part.startsWith('serialNumber='));
  return line?.slice('serialNumber='.length);
}

/** The member named by the certificate's SAN URI, if any. */
export function memberOf(
  cert: NativeCertificate,
): { member: string; subsystem: string } | undefined {
  // OpenSSL lists the names with `, ` between them and quotes any name that contains one.
  for (const name of (cert.subjectAltName ?? '').split(', ')) {
    if (!name.startsWith('URI:')) continue;
    const identity = parseMemberUrn(name.slice('URI:'.length));
    if (identity !== undefined) return identity;
  }
  return undefined;
}

// Real certificates of these profiles are well under 2 KiB; the bound keeps a hostile header from
// costing the gateway more than a parse of a small buffer.
const MAX_DER_BYTES = 16 * 1024;
const PEM_BEGIN = '-----BEGIN CERTIFICATE-----';
const PEM_END = '-----END CERTIFICATE-----';

/**
 * DER bytes of a certificate given as PEM, base64 DER (a JWS `x5c` entry) or DER; undefined when
 * it is none of these. Decoding is lenient (base64 skips what it cannot read): what is trusted is
 * the DER, never the text.
 */
export function decodeCertificate(input: CertificateInput): Uint8Array | undefined {
  let der: Uint8Array;
  if (typeof input === 'string') {
    let text = input;
    const begin = text.indexOf(PEM_BEGIN);
    if (begin >= 0) {
      const end = text.indexOf(PEM_END, begin);
      if (end < 0) return undefined;
      text = text.slice(begin + PEM_BEGIN.length, end);
    }
    if (text.length > MAX_DER_BYTES * 2) return undefined;
    der = Buffer.from(text, 'base64');
  } else {
    der = input;
  }
  // Every certificate is a DER SEQUENCE (tag 0x30).
  if (der.byteLength < 2 || der.byteLength > MAX_DER_BYTES || der[0] !== 0x30) return undefined;
  return der;
}

export function toPem(der: Uint8Array, tag = 'CERTIFICATE'): string {
  return x509.PemConverter.encode(der, tag);
}

export function sha256Base64Url(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('base64url');
}

/**
 * The certificate's SHA-256 thumbprint, base64url: the JWS `x5t#S256` header value (RFC 7515
 * §4.1.8). Throws on input that is not a certificate encoding.
 */
export function certificateThumbprint(cert: CertificateInput): string {
  const der = decodeCertificate(cert);
  if (der === undefined) throw new TypeError('not a certificate (expected PEM, base64 or DER)');
  return sha256Base64Url(der);
}

/** A WebCrypto ES256 verification key from a key object; throws unless it is EC P-256. */
export function toVerifyKey(key: KeyObject): CryptoKey {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new TypeError('not an ECDSA P-256 key');
  }
  return key.toCryptoKey(EC_P256, true, ['verify']);
}

/**
 * The subject's public key as a WebCrypto key for `jose.compactVerify(jws, key)`. This does not
 * validate the certificate: call `CertificateAuthority.validateChain` first, whose result also
 * carries the same key, already imported and cached.
 */
export async function publicKeyOf(cert: CertificateInput): Promise<CryptoKey> {
  const der = decodeCertificate(cert);
  if (der === undefined) throw new TypeError('not a certificate (expected PEM, base64 or DER)');
  return toVerifyKey(new NativeCertificate(der).publicKey);
}

/**
 * Lowercase hex without separators, as `X509Certificate.serialNumber` gives it. Accepts the
 * forms operators paste: upper case, `:`-separated, or with the DER sign octet `00` in front.
 */
export function normalizeSerial(serial: string): string | undefined {
  let hex = serial.replace(/[\s:]/g, '').toLowerCase();
  if (!/^[0-9a-f]{1,64}$/.test(hex)) return undefined;
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (hex.length > 2 && hex.startsWith('00') && parseInt(hex.charAt(2), 16) >= 8) {
    hex = hex.slice(2);
  }
  return hex;
}
