import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type JsonWebKey,
  type KeyObject,
  type webcrypto,
} from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../time/clock.ts';
import { CaKeyError } from './pki.errors.ts';
import type { SubjectName } from './pki.schema.ts';
import { EC_P256, ECDSA_SHA256, toPem, toX509Name, x509 } from './pki.x509.ts';

type CryptoKey = webcrypto.CryptoKey;

/**
 * The CA as given by configuration in production: every app node must sign with the same key
 * and present the same CA certificate, so neither may be generated per node.
 */
export interface ConfiguredCa {
  /** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`) or a private JWK (JSON) of an EC P-256 key. */
  readonly privateKey: string;
  /** PEM of the CA certificate for that key (self-signed, or issued by an offline root). */
  readonly certificate: string;
  /**
   * PEM of earlier CA certificates, still trusted for validation after a key rotation until the
   * certificates they issued have expired. Nothing new is signed with them.
   */
  readonly previousCertificates?: readonly string[] | undefined;
}

export interface CaMaterial {
  readonly privateKey: CryptoKey;
  readonly certificate: x509.X509Certificate;
  readonly previous: readonly x509.X509Certificate[];
}

export const DEFAULT_CA_NAME: SubjectName = {
  commonName: 'EHIS Platform CA',
  organization: 'EHIS',
  country: 'AZ',
};

const DAY_MS = 24 * 60 * 60 * 1000;
// Certificates start a little before "now" so that a relying party whose clock is slightly behind
// does not reject a certificate fresh from the CA.
export const BACKDATE_MS = 5 * 60 * 1000;

/** 128 random bits, positive and without a leading zero octet, as RFC 5280 §4.1.2.2 asks. */
export function randomSerialHex(): string {
  const bytes = randomBytes(16);
  const first = (bytes[0] ?? 0) & 0x7f;
  bytes[0] = first === 0 ? 0x01 : first;
  return bytes.toString('hex');
}

function parsePrivateKey(text: string, source: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith('{')
      ? createPrivateKey({ key: JSON.parse(trimmed) as JsonWebKey, format: 'jwk' })
      : createPrivateKey(trimmed);
  } catch (error) {
    throw new CaKeyError(`${source}: not a private key (expected PKCS#8 PEM or a JWK)`, {
      cause: error,
    });
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new CaKeyError(`${source}: the CA key must be ECDSA P-256 (ES256)`);
  }
  return key;
}

function parseCertificate(pem: string, source: string): x509.X509Certificate {
  try {
    return new x509.X509Certificate(pem.trim());
  } catch (error) {
    throw new CaKeyError(`${source}: not an X.509 certificate in PEM`, { cause: error });
  }
}

function assertCaCertificate(
  certificate: x509.X509Certificate,
  source: string,
  now: Date,
  publicKey?: KeyObject,
): void {
  if (certificate.getExtension(x509.BasicConstraintsExtension)?.ca !== true) {
    throw new CaKeyError(`${source}: the certificate is not a CA certificate (basicConstraints)`);
  }
  const usage = certificate.getExtension(x509.KeyUsagesExtension);
  if (usage !== null && (usage.usages & x509.KeyUsageFlags.keyCertSign) === 0) {
    throw new CaKeyError(`${source}: the CA certificate may not sign certificates (keyUsage)`);
  }
  if (certificate.notAfter.getTime() <= now.getTime()) {
    throw new CaKeyError(
      `${source}: the CA certificate expired on ${certificate.notAfter.toISOString()}`,
    );
  }
  if (publicKey !== undefined) {
    const certKey = createPublicKey({
      key: Buffer.from(certificate.publicKey.rawData),
      format: 'der',
      type: 'spki',
    });
    if (!certKey.equals(publicKey)) {
      throw new CaKeyError(`${source}: the CA certificate is not for the configured private key`);
    }
  }
}

function toCryptoKeys(key: KeyObject): { privateKey: CryptoKey; publicKey: CryptoKey } {
  return {
    // Not extractable: nothing in the process can read the CA key back out of WebCrypto.
    privateKey: key.toCryptoKey(EC_P256, false, ['sign']),
    publicKey: createPublicKey(key).toCryptoKey(EC_P256, true, ['verify']),
  };
}

/** The CA key and certificate given by configuration (production). */
export function caFromConfiguration(configured: ConfiguredCa, now: Date): CaMaterial {
  const key = parsePrivateKey(configured.privateKey, 'configured CA key');
  const certificate = parseCertificate(configured.certificate, 'configured CA certificate');
  assertCaCertificate(certificate, 'configured CA certificate', now, createPublicKey(key));
  const previous = (configured.previousCertificates ?? [])
    .map((pem, i) => parseCertificate(pem, `previous CA certificate ${i + 1}`))
    // An expired predecessor can vouch for nothing any more: it is dropped rather than refused.
    .filter((cert) => cert.notAfter.getTime() > now.getTime());
  for (const cert of previous) assertCaCertificate(cert, 'previous CA certificate', now);
  return { privateKey: toCryptoKeys(key).privateKey, certificate, previous };
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes a new file readable by its owner only; when another process created it first, its
 * content wins, so two processes starting together end up with one CA.
 */
async function createExclusive(file: string, content: string): Promise<string> {
  try {
    await writeFile(file, content, { mode: 0o600, flag: 'wx' });
    return content;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFile(file, 'utf8');
  }
}

async function createSelfSigned(
  key: KeyObject,
  name: SubjectName,
  now: Date,
  validDays: number,
): Promise<x509.X509Certificate> {
  const keys = toCryptoKeys(key);
  return x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialHex(),
    name: toX509Name(name),
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + validDays * DAY_MS),
    keys,
    signingAlgorithm: ECDSA_SHA256,
    extensions: [
      // pathLength 0: this CA issues end-entity certificates only, never another CA.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
}

/**
 * Loads the CA from `<dataDir>/keys/ca.key.pem` and `ca.cert.pem`, creating them on first start
 * (development and single-node installations). Both files are written with mode 0600.
 */
export async function loadOrCreateCa(options: {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly name?: SubjectName | undefined;
  readonly validDays?: number | undefined;
}): Promise<CaMaterial> {
  const dir = join(options.dataDir, 'keys');
  const keyFile = join(dir, 'ca.key.pem');
  const certFile = join(dir, 'ca.cert.pem');
  const now = options.clock.now();
  await mkdir(dir, { recursive: true, mode: 0o700 });

  let keyPem = await readIfExists(keyFile);
  if (keyPem === undefined) {
    const { privateKey } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    keyPem = await createExclusive(keyFile, privateKey);
  }
  const key = parsePrivateKey(keyPem, keyFile);

  let certPem = await readIfExists(certFile);
  if (certPem === undefined) {
    // Also reached when a previous start died between writing the key and the certificate.
    const certificate = await createSelfSigned(
      key,
      options.name ?? DEFAULT_CA_NAME,
      now,
      options.validDays ?? 3650,
    );
    certPem = await createExclusive(certFile, toPem(new Uint8Array(certificate.rawData)));
  }
  const certificate = parseCertificate(certPem, certFile);
  assertCaCertificate(certificate, certFile, now, createPublicKey(key));
  return { privateKey: toCryptoKeys(key).privateKey, certificate, previous: [] };
}
