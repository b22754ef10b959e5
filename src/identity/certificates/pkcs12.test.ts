import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { x509 } from '../../platform/pki/pki.x509.ts';
import { buildPkcs12, Pkcs12Error, readPkcs12 } from './pkcs12.ts';

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const PASSWORD = 'kq7mz-4txwp-9hbnd-3ravc';

async function keyAndCertificate(name: string) {
  const keys = await crypto.subtle.generateKey(P256, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name,
    keys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
  });
  return {
    keys,
    pkcs8: new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey)),
    der: new Uint8Array(cert.rawData),
  };
}

function errorOf(run: () => unknown): Pkcs12Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Pkcs12Error) return error;
    throw error;
  }
  throw new Error('expected a Pkcs12Error');
}

describe('PKCS#12 for ES256 keys (IAM-003-13.2: the key is handed over, never kept)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ehis-p12-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('IAM-003-12.1.1: a key and its certificate go in and come out the same, and the key still signs for the certificate', async () => {
    const holder = await keyAndCertificate('CN=Holder, 2.5.4.5=5ZK7Q2M, C=AZ');
    const ca = await keyAndCertificate('CN=EHIS Platform CA, O=EHIS, C=AZ');
    const p12 = buildPkcs12({
      privateKeyPkcs8: holder.pkcs8,
      certificateDer: holder.der,
      chainDer: [ca.der],
      password: PASSWORD,
      friendlyName: 'Holder e-imza',
      iterations: 2048,
    });
    const read = readPkcs12(p12, PASSWORD);
    expect(read.certificateDer).toEqual(holder.der);
    expect(read.chainDer).toEqual([ca.der]);
    expect(read.privateKeyPkcs8).toEqual(holder.pkcs8);

    const key = await crypto.subtle.importKey('pkcs8', read.privateKeyPkcs8, P256, false, ['sign']);
    const message = new TextEncoder().encode('ehis-certificate-login:abc');
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, message);
    expect(
      await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        holder.keys.publicKey,
        signature,
        message,
      ),
    ).toBe(true);
    // The key is encrypted: its private scalar does not appear in the file.
    const jwk = await crypto.subtle.exportKey('jwk', holder.keys.privateKey);
    const scalar = Buffer.from(jwk.d ?? '', 'base64url');
    expect(scalar.length).toBe(32);
    expect(Buffer.from(p12).includes(scalar)).toBe(false);
  });

  it('a wrong password, a tampered file and garbage are told apart', async () => {
    const holder = await keyAndCertificate('CN=Holder, C=AZ');
    const p12 = buildPkcs12({
      privateKeyPkcs8: holder.pkcs8,
      certificateDer: holder.der,
      password: PASSWORD,
      iterations: 2048,
    });
    expect(errorOf(() => readPkcs12(p12, 'wrong-password')).reason).toBe('bad-password');
    const tampered = new Uint8Array(p12);
    const at = Math.floor(tampered.length / 2);
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    expect(['bad-password', 'malformed']).toContain(
      errorOf(() => readPkcs12(tampered, PASSWORD)).reason,
    );
    expect(errorOf(() => readPkcs12(new Uint8Array([1, 2, 3]), PASSWORD)).reason).toBe('malformed');
    expect(() =>
      buildPkcs12({
        privateKeyPkcs8: holder.pkcs8,
        certificateDer: holder.der,
        password: 'şifrə123',
      }),
    ).toThrow(/printable ASCII/);
    expect(() =>
      buildPkcs12({ privateKeyPkcs8: holder.pkcs8, certificateDer: holder.der, password: 'short' }),
    ).toThrow(/printable ASCII/);
  });

  it.skipIf(!existsSync('/usr/bin/openssl'))(
    'OpenSSL reads the file: AES-256-CBC with PBKDF2-HMAC-SHA256 and an HMAC-SHA256 MAC',
    async () => {
      const holder = await keyAndCertificate('CN=Holder, 2.5.4.5=5ZK7Q2M, C=AZ');
      const p12 = buildPkcs12({
        privateKeyPkcs8: holder.pkcs8,
        certificateDer: holder.der,
        password: PASSWORD,
        iterations: 2048,
      });
      const file = join(dir, 'holder.p12');
      await writeFile(file, p12);
      const info = execFileSync(
        '/usr/bin/openssl',
        ['pkcs12', '-in', file, '-info', '-noout', '-passin', `pass:${PASSWORD}`],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(info).toBe('');
      const details = execFileSync(
        '/usr/bin/openssl',
        ['pkcs12', '-in', file, '-info', '-nodes', '-passin', `pass:${PASSWORD}`],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(details).toContain('-----BEGIN PRIVATE KEY-----');
      expect(details).toContain('subject=CN = Holder, serialNumber = 5ZK7Q2M, C = AZ');
      const stderr = execFileSync(
        'sh',
        ['-c', `/usr/bin/openssl pkcs12 -in ${file} -info -noout -passin pass:${PASSWORD} 2>&1`],
        { encoding: 'utf8' },
      );
      expect(stderr).toContain('MAC: sha256');
      expect(stderr).toContain('AES-256-CBC');
      expect(() =>
        execFileSync(
          '/usr/bin/openssl',
          ['pkcs12', '-in', file, '-noout', '-passin', 'pass:wrong-one'],
          {
            stdio: 'ignore',
          },
        ),
      ).toThrow();
    },
  );
});
