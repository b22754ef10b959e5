/**
 * Opening a PKCS#12 certificate file in the browser and signing with its key (IAM-003-13.2: the
 * key never leaves the browser). node-forge parses the file and decrypts the key; WebCrypto then
 * holds it as a non-extractable key and signs. forge is loaded only when a file is opened, so it
 * is not in the bundle every page downloads.
 */

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const KEY_BAG = '1.2.840.113549.1.12.10.1.1';

export type CertificateFileProblem = 'bad-password' | 'bad-file' | 'unsupported-key';

export class CertificateFileError extends Error {
  readonly problem: CertificateFileProblem;
  constructor(problem: CertificateFileProblem, options?: ErrorOptions) {
    super(problem, options);
    this.name = 'CertificateFileError';
    this.problem = problem;
  }
}

export interface OpenedCertificate {
  /** The holder's certificate, DER in base64, as completeCertificateLogin takes it. */
  readonly certificate: string;
  /** Non-extractable: it can sign, never be read back. */
  readonly key: CryptoKey;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBinary(binary: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

interface Bag {
  type: string;
  attributes: Record<string, string[] | undefined>;
  asn1: unknown;
}

/** Opens the file with its password; throws CertificateFileError saying what is wrong. */
export async function openCertificateFile(
  file: Blob,
  password: string,
): Promise<OpenedCertificate> {
  const forge = (await import('node-forge')).default;
  const binary = forge.util.binary.raw.encode(new Uint8Array(await file.arrayBuffer()));
  let bags: Bag[];
  try {
    const pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(binary), true, password);
    bags = pfx.safeContents.flatMap((contents) => contents.safeBags);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : '';
    const wrongPassword = /MAC could not be verified|password/i.test(message);
    throw new CertificateFileError(wrongPassword ? 'bad-password' : 'bad-file', { cause });
  }
  const keyBag = bags.find((bag) => bag.type === SHROUDED_KEY_BAG || bag.type === KEY_BAG);
  const certBags = bags.filter((bag) => bag.type === CERT_BAG);
  if (keyBag === undefined || certBags.length === 0) throw new CertificateFileError('bad-file');
  // The holder's certificate shares the key's localKeyId; the others are the CA's.
  const keyId = keyBag.attributes.localKeyId?.[0];
  const own = certBags.find((bag) => bag.attributes.localKeyId?.[0] === keyId) ?? certBags[0];
  if (own === undefined) throw new CertificateFileError('bad-file');
  const der = (node: unknown): Uint8Array<ArrayBuffer> =>
    fromBinary(forge.asn1.toDer(node as Parameters<typeof forge.asn1.toDer>[0]).getBytes());
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('pkcs8', der(keyBag.asn1), P256, false, ['sign']);
  } catch (cause) {
    throw new CertificateFileError('unsupported-key', { cause });
  }
  return { certificate: toBase64(der(own.asn1)), key };
}

/** ES256 over the UTF-8 bytes of `text`, base64 (raw r‖s, as WebCrypto makes it). */
export async function signText(key: CryptoKey, text: string): Promise<string> {
  const signature = await crypto.subtle.sign(ES256, key, new TextEncoder().encode(text));
  return toBase64(new Uint8Array(signature));
}
