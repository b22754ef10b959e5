import { randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * PKCS#12 (RFC 7292) files for e-signature certificates: the holder's ECDSA P-256 key and its
 * certificate, protected by a password.
 *
 * node-forge's `toPkcs12Asn1` only packs RSA keys, and the platform CA issues ES256 certificates
 * only, so the file is assembled here from forge's ASN.1 and PBES2 pieces in the layout OpenSSL 3
 * writes by default:
 * - the key in a pkcs8ShroudedKeyBag, PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC;
 * - the certificate in a plain certBag (a certificate is public);
 * - an HMAC-SHA256 integrity MAC over the whole, keyed by the PKCS#12 KDF.
 * Both bags carry the same localKeyId (SHA-256 of the certificate) and a friendlyName.
 * OpenSSL, Windows, macOS and forge's `pkcs12FromAsn1` (the web app) read it.
 */

const { asn1, pki } = forge;
const { Class, Type } = asn1;

/** PBKDF2 and MAC iterations. The demo and CLI passwords are random (≈ 100 bits), so this only
 * has to slow down a chosen weak one; forge in the browser decrypts it in well under a second. */
export const PKCS12_ITERATIONS = 10_000;

const OID = {
  data: '1.2.840.113549.1.7.1',
  certBag: '1.2.840.113549.1.12.10.1.3',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  friendlyName: '1.2.840.113549.1.9.20',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

function bytes(data: Uint8Array): string {
  return forge.util.binary.raw.encode(data);
}

function oid(id: string): forge.asn1.Asn1 {
  return asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(id).getBytes());
}

function octets(value: string): forge.asn1.Asn1 {
  return asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, value);
}

function seq(items: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
}

function explicit0(items: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return asn1.create(Class.CONTEXT_SPECIFIC, 0, true, items);
}

/** BMPString bytes (UTF-16BE), as PKCS#9 friendlyName wants. */
function bmp(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    out += String.fromCharCode(code >> 8, code & 0xff);
  }
  return out;
}

function attribute(id: string, value: forge.asn1.Asn1): forge.asn1.Asn1 {
  return seq([oid(id), asn1.create(Class.UNIVERSAL, Type.SET, true, [value])]);
}

function dataContentInfo(content: forge.asn1.Asn1): forge.asn1.Asn1 {
  return seq([oid(OID.data), explicit0([octets(asn1.toDer(content).getBytes())])]);
}

export interface Pkcs12Input {
  /** The holder's private key, PKCS#8 DER (WebCrypto `exportKey('pkcs8')`). */
  readonly privateKeyPkcs8: Uint8Array;
  readonly certificateDer: Uint8Array;
  /** CA certificates to include after the holder's (the platform CA), DER. */
  readonly chainDer?: readonly Uint8Array[] | undefined;
  readonly password: string;
  /** Shown by certificate stores, e.g. "EHİS 5ZJ8K2L". */
  readonly friendlyName?: string | undefined;
  readonly iterations?: number | undefined;
}

/** Why a PKCS#12 file could not be read. */
export class Pkcs12Error extends Error {
  readonly reason: 'bad-password' | 'malformed';

  constructor(
    reason: 'bad-password' | 'malformed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'Pkcs12Error';
    this.reason = reason;
  }
}

// forge derives keys from the password's UTF-16 code units, OpenSSL from its UTF-8 bytes: they
// agree on ASCII only, so a file every reader opens needs an ASCII password.
const PASSWORD = /^[\x20-\x7e]{8,128}$/;

export function checkPkcs12Password(password: string): void {
  if (!PASSWORD.test(password)) {
    throw new TypeError('a PKCS#12 password is 8 to 128 printable ASCII characters');
  }
}

/** Packs a key and its certificate into a password-protected PKCS#12 file (DER). */
export function buildPkcs12(input: Pkcs12Input): Uint8Array {
  checkPkcs12Password(input.password);
  const iterations = input.iterations ?? PKCS12_ITERATIONS;
  const localKeyId = forge.md.sha256
    .create()
    .update(bytes(input.certificateDer))
    .digest()
    .getBytes();
  const bagAttributes = (): forge.asn1.Asn1 =>
    asn1.create(Class.UNIVERSAL, Type.SET, true, [
      ...(input.friendlyName === undefined
        ? []
        : [
            attribute(
              OID.friendlyName,
              asn1.create(Class.UNIVERSAL, Type.BMPSTRING, false, bmp(input.friendlyName)),
            ),
          ]),
      attribute(OID.localKeyId, octets(localKeyId)),
    ]);
  const certBag = (der: Uint8Array, attributes: forge.asn1.Asn1 | undefined): forge.asn1.Asn1 =>
    seq([
      oid(OID.certBag),
      explicit0([seq([oid(OID.x509Certificate), explicit0([octets(bytes(der))])])]),
      ...(attributes === undefined ? [] : [attributes]),
    ]);
  const certBags = [
    certBag(input.certificateDer, bagAttributes()),
    ...(input.chainDer ?? []).map((der) => certBag(der, undefined)),
  ];

  const privateKeyInfo = asn1.fromDer(bytes(input.privateKeyPkcs8));
  const encrypted = pki.encryptPrivateKeyInfo(privateKeyInfo, input.password, {
    algorithm: 'aes256',
    count: iterations,
    saltSize: 16,
    prfAlgorithm: 'sha256',
  });
  const keyBag = seq([oid(OID.shroudedKeyBag), explicit0([encrypted]), bagAttributes()]);

  const authenticatedSafe = seq([dataContentInfo(seq(certBags)), dataContentInfo(seq([keyBag]))]);
  const safeDer = asn1.toDer(authenticatedSafe).getBytes();

  const macSalt = forge.util.createBuffer(bytes(randomBytes(16)));
  const macKey = forge.pkcs12.generateKey(
    input.password,
    macSalt.copy(),
    3,
    iterations,
    32,
    forge.md.sha256.create(),
  );
  const hmac = forge.hmac.create();
  hmac.start(forge.md.sha256.create(), macKey.getBytes());
  hmac.update(safeDer);
  const macData = seq([
    seq([
      seq([oid(OID.sha256), asn1.create(Class.UNIVERSAL, Type.NULL, false, '')]),
      octets(hmac.digest().getBytes()),
    ]),
    octets(macSalt.getBytes()),
    asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(iterations).getBytes()),
  ]);

  const pfx = seq([
    asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(3).getBytes()),
    seq([oid(OID.data), explicit0([octets(safeDer)])]),
    macData,
  ]);
  return forge.util.binary.raw.decode(asn1.toDer(pfx).getBytes());
}

export interface Pkcs12Contents {
  readonly certificateDer: Uint8Array;
  /** The other certificates in the file (the CA), DER. */
  readonly chainDer: readonly Uint8Array[];
  readonly privateKeyPkcs8: Uint8Array;
}

function derOf(node: forge.asn1.Asn1): Uint8Array {
  return forge.util.binary.raw.decode(asn1.toDer(node).getBytes());
}

/**
 * Reads a PKCS#12 file as the web app does (forge): the certificate that shares the key's
 * localKeyId (else the first), the other certificates, and the key. Throws `Pkcs12Error`.
 */
export function readPkcs12(p12: Uint8Array, password: string): Pkcs12Contents {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const root = asn1.fromDer(bytes(p12));
    parsed = forge.pkcs12.pkcs12FromAsn1(root, true, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const badPassword = /MAC could not be verified|wrong password|Invalid password/i.test(message);
    throw new Pkcs12Error(
      badPassword ? 'bad-password' : 'malformed',
      badPassword ? 'wrong password (or a damaged file)' : `not a PKCS#12 file: ${message}`,
      { cause: error },
    );
  }
  const bags = parsed.safeContents.flatMap((contents) => contents.safeBags);
  const keyBag = bags.find((bag) => bag.type === OID.shroudedKeyBag);
  const certBags = bags.filter((bag) => bag.type === OID.certBag);
  if (keyBag === undefined || certBags.length === 0) {
    throw new Pkcs12Error('malformed', 'the PKCS#12 file lacks a key or a certificate');
  }
  const keyId = (keyBag.attributes as Record<string, string[] | undefined>).localKeyId?.[0];
  const own =
    certBags.find(
      (bag) => (bag.attributes as Record<string, string[] | undefined>).localKeyId?.[0] === keyId,
    ) ?? certBags[0];
  if (own === undefined) throw new Pkcs12Error('malformed', 'no certificate');
  return {
    certificateDer: derOf(own.asn1),
    chainDer: certBags.filter((bag) => bag !== own).map((bag) => derOf(bag.asn1)),
    privateKeyPkcs8: derOf(keyBag.asn1),
  };
}
