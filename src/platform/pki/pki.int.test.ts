import { createPrivateKey, generateKeyPairSync, type webcrypto } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, compactVerify, exportJWK } from 'jose';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { moduleMigrations } from '../../modules.ts';
import { AppError } from '../errors/app-error.ts';
import { FixedClock } from '../time/clock.ts';
import { createMigratedTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import {
  CaKeyError,
  CertificateAuthority,
  certificateThumbprint,
  memberSubject,
  pkiMigrations,
  publicKeyOf,
  type CertificateAuthorityOptions,
  type CertificateValidation,
  type IssuedCertificate,
  type PkiTables,
} from './index.ts';
import { x509 } from './pki.x509.ts';

type CryptoKeyPair = webcrypto.CryptoKeyPair;

const DAY = 24 * 60 * 60 * 1000;
const START = '2026-11-23T10:00:00Z';
const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

async function memberKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(P256, true, ['sign', 'verify']);
}

function reasonOf(result: CertificateValidation): string {
  return result.ok ? 'ok' : result.reason;
}

async function appErrorType(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.type;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('platform PKI: certificate authority', () => {
  let test: TestDatabase;
  let clock: FixedClock;
  let dataDir: string;
  let ca: CertificateAuthority;
  const opened: CertificateAuthority[] = [];
  const folders: string[] = [];

  async function folder(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'ehis-pki-'));
    folders.push(dir);
    return dir;
  }

  async function open(
    options: Partial<CertificateAuthorityOptions> = {},
  ): Promise<CertificateAuthority> {
    const authority = await CertificateAuthority.open({
      db: test.db.typed<PkiTables>(),
      clock,
      dataDir,
      ...options,
    });
    opened.push(authority);
    return authority;
  }

  async function issueMember(
    authority: CertificateAuthority = ca,
    validDays = 365,
    keys?: CryptoKeyPair,
  ): Promise<{ cert: IssuedCertificate; keys: CryptoKeyPair }> {
    const pair = keys ?? (await memberKeys());
    const cert = await authority.issueCertificate({
      profile: 'member',
      subject: memberSubject('health', 'e-health-card'),
      member: { member: 'health', subsystem: 'e-health-card' },
      publicKey: pair.publicKey,
      validDays,
    });
    return { cert, keys: pair };
  }

  async function issuePerson(validDays = 365) {
    const pair = await memberKeys();
    return ca.issueCertificate({
      profile: 'person-signature',
      subject: {
        commonName: 'Əliyev Rəşad',
        givenName: 'Rəşad',
        surname: 'Əliyev',
        serialNumber: '5ZK7Q2M',
      },
      publicKey: pair.publicKey,
      validDays,
    });
  }

  beforeAll(async () => {
    test = await createMigratedTestDatabase([
      ...moduleMigrations.filter((m) => m.module !== 'pki'),
      pkiMigrations,
    ]);
    clock = new FixedClock(START);
    dataDir = await folder();
    ca = await open();
  });
  afterEach(() => {
    clock.set(START);
  });
  afterAll(async () => {
    for (const authority of opened) await authority.close();
    await test.drop();
    for (const dir of folders) await rm(dir, { recursive: true, force: true });
  });

  it('EHIS-003-2.1.7: the CA is created on first start under <dataDir>/keys, owner-only, and reloaded with the same key', async () => {
    const files = (await readdir(join(dataDir, 'keys'))).sort();
    expect(files).toEqual(['ca.cert.pem', 'ca.key.pem']);
    for (const file of files) {
      expect((await stat(join(dataDir, 'keys', file))).mode & 0o777).toBe(0o600);
    }
    const { cert } = await issueMember();

    const reopened = await open();
    expect(reopened.certificatePem).toBe(ca.certificatePem);
    expect(reopened.keyId).toBe(ca.keyId);
    expect(await readFile(join(dataDir, 'keys', 'ca.cert.pem'), 'utf8')).toBe(ca.certificatePem);
    // Same key: what one instance issued, the other accepts, and the other way round.
    expect(reasonOf(await reopened.validateChain(cert.pem))).toBe('ok');
    const { cert: second } = await issueMember(reopened);
    expect(reasonOf(await ca.validateChain(second.pem))).toBe('ok');

    const root = new x509.X509Certificate(ca.certificatePem);
    expect(root.subject).toBe('CN=EHIS Platform CA, O=EHIS, C=AZ');
    expect(root.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(true);
    expect(await root.isSelfSigned()).toBe(true);
  });

  it('EHIS-003-2.1.7: a member subsystem certificate validates and names its member and subsystem', async () => {
    const { cert } = await issueMember();
    expect(cert.serial).toMatch(/^[0-9a-f]{32}$/);
    expect(cert.subject).toBe('CN=health/e-health-card, O=health, C=AZ');
    expect(cert.notAfter.getTime() - Date.parse(START)).toBe(365 * DAY);

    const result = await ca.validateChain(cert.pem, clock.now(), { profile: 'member' });
    expect(result).toMatchObject({
      ok: true,
      subject: 'CN=health/e-health-card, O=health, C=AZ',
      serial: cert.serial,
      profile: 'member',
      member: 'health',
      subsystem: 'e-health-card',
      thumbprint: certificateThumbprint(cert.pem),
    });
    // The same certificate as DER bytes and as a JWS x5c entry (base64 DER).
    expect(reasonOf(await ca.validateChain(cert.der))).toBe('ok');
    expect(reasonOf(await ca.validateChain(Buffer.from(cert.der).toString('base64')))).toBe('ok');

    const parsed = new x509.X509Certificate(cert.pem);
    const usage = parsed.getExtension(x509.KeyUsagesExtension);
    expect(usage?.critical).toBe(true);
    expect(usage?.usages).toBe(x509.KeyUsageFlags.digitalSignature);
    const san = parsed.getExtension(x509.SubjectAlternativeNameExtension);
    expect(san?.names.toJSON()).toEqual([
      { type: 'url', value: 'urn:ehis:member:health:subsystem:e-health-card' },
    ]);
    expect(parsed.signatureAlgorithm).toMatchObject({ name: 'ECDSA', hash: { name: 'SHA-256' } });
    expect(await ca.getCertificate(cert.serial.toUpperCase())).toMatchObject({
      serial: cert.serial,
      member: 'health',
      subsystem: 'e-health-card',
      thumbprint: cert.thumbprint,
    });
  });

  it('EHIS-003-2.1.7: the certificate key verifies the member’s ES256 envelope, found by x5t#S256', async () => {
    const { cert, keys } = await issueMember();
    const jws = await new CompactSign(new TextEncoder().encode('{"call":"person-by-fin"}'))
      .setProtectedHeader({ alg: 'ES256', 'x5t#S256': certificateThumbprint(cert.pem) })
      .sign(keys.privateKey);

    const result = await ca.validateChain(cert.pem);
    if (!result.ok) throw new Error(result.reason);
    const verified = await compactVerify(jws, result.publicKey, { algorithms: ['ES256'] });
    expect(verified.protectedHeader['x5t#S256']).toBe(result.thumbprint);
    await expect(
      compactVerify(jws, await publicKeyOf(cert.pem), { algorithms: ['ES256'] }),
    ).resolves.toBeDefined();
    // Another member's certificate does not verify it.
    const { cert: other } = await issueMember();
    await expect(
      compactVerify(jws, await publicKeyOf(other.der), { algorithms: ['ES256'] }),
    ).rejects.toThrow();
  });

  it('EHIS-003-2.1.7: a certificate from another CA is unknown-issuer, even under the same CA name', async () => {
    const otherDir = await folder();
    const other = await open({ dataDir: otherDir });
    expect(other.keyId).not.toBe(ca.keyId);
    const { cert } = await issueMember(other);
    expect(reasonOf(await ca.validateChain(cert.pem))).toBe('unknown-issuer');

    // A self-made certificate with an unrelated issuer.
    const keys = await memberKeys();
    const selfMade = await x509.X509CertificateGenerator.createSelfSigned({
      name: 'CN=health/e-health-card, O=health, C=AZ',
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    });
    expect(reasonOf(await ca.validateChain(selfMade.toString('pem')))).toBe('unknown-issuer');
  });

  it('EHIS-003-2.1.7: expired and not-yet-valid certificates are refused at the instant asked', async () => {
    const { cert } = await issueMember(ca, 30);
    expect(reasonOf(await ca.validateChain(cert.pem, new Date(Date.parse(START) + DAY)))).toBe(
      'ok',
    );
    expect(
      reasonOf(await ca.validateChain(cert.pem, new Date(cert.notAfter.getTime() + 1000))),
    ).toBe('expired');
    expect(reasonOf(await ca.validateChain(cert.pem, new Date(Date.parse(START) - DAY)))).toBe(
      'not-yet-valid',
    );
    // The default instant is the clock's.
    clock.advance(31 * DAY);
    expect(reasonOf(await ca.validateChain(cert.pem))).toBe('expired');
    clock.set(START);
    clock.advance(-60 * 60 * 1000);
    expect(reasonOf(await ca.validateChain(cert.pem))).toBe('not-yet-valid');
  });

  it('IAM-004-6.2.6: a revoked certificate is refused and listed in the signed CRL', async () => {
    const { cert } = await issueMember();
    const { cert: kept } = await issueMember();
    expect(reasonOf(await ca.validateChain(cert.pem))).toBe('ok');

    const before = await ca.getCrl();
    expect(before.serials).not.toContain(cert.serial);

    clock.advance(60 * 1000);
    const revoked = await ca.revoke(cert.serial, 'key-compromise');
    expect(revoked).toMatchObject({ serial: cert.serial, revocationReason: 'key-compromise' });
    expect(revoked.revokedAt?.toISOString()).toBe(clock.now().toISOString());
    expect(reasonOf(await ca.validateChain(cert.pem))).toBe('revoked');
    expect(reasonOf(await ca.validateChain(kept.pem))).toBe('ok');

    const crl = await ca.getCrl();
    expect(crl.pem).toMatch(/^-----BEGIN X509 CRL-----/);
    const parsed = new x509.X509Crl(crl.der);
    const root = new x509.X509Certificate(ca.certificatePem);
    expect(await parsed.verify({ publicKey: root })).toBe(true);
    expect(parsed.issuer).toBe(root.subject);
    expect(parsed.thisUpdate.toISOString()).toBe(clock.now().toISOString());
    expect(parsed.nextUpdate?.getTime()).toBe(clock.now().getTime() + DAY);
    const entry = parsed.findRevoked(cert.serial);
    expect(entry?.serialNumber).toBe(cert.serial);
    expect(entry?.reason).toBe(x509.X509CrlReason.keyCompromise);
    expect(entry?.revocationDate.toISOString()).toBe(clock.now().toISOString());
    expect(parsed.findRevoked(kept.serial)).toBeNull();
    expect(new x509.X509Crl(crl.pem).entries.map((e) => e.serialNumber)).toContain(cert.serial);

    // A revocation is final, and only issued serials can be revoked.
    expect(await appErrorType(ca.revoke(cert.serial, 'superseded'))).toBe('pki/already-revoked');
    expect(await appErrorType(ca.revoke('0a0b0c', 'superseded'))).toBe('pki/certificate-not-found');
    expect(await appErrorType(ca.revoke('not hex', 'superseded'))).toBe(
      'pki/certificate-not-found',
    );
  });

  it('IAM-003-12.2: a signature made before a revocation still validates at its time; after a key compromise it does not', async () => {
    const person = await issuePerson();
    clock.advance(10 * DAY);
    await ca.revoke(person.serial, 'superseded');
    const fiveDaysIn = new Date(Date.parse(START) + 5 * DAY);
    expect(reasonOf(await ca.validateChain(person.pem, fiveDaysIn))).toBe('ok');
    expect(reasonOf(await ca.validateChain(person.pem))).toBe('revoked');

    const compromised = await issuePerson();
    clock.advance(10 * DAY);
    await ca.revoke(compromised.serial, 'key-compromise');
    expect(
      reasonOf(await ca.validateChain(compromised.pem, new Date(Date.parse(START) + 12 * DAY))),
    ).toBe('revoked');
  });

  it('IAM-004-6.2.6: another app node learns of a revocation through NOTIFY', async () => {
    const otherNode = await open({
      listen: (channel, onNotify) => test.db.listen(channel, onNotify),
    });
    const { cert } = await issueMember();
    expect(reasonOf(await otherNode.validateChain(cert.pem))).toBe('ok');
    await ca.revoke(cert.serial, 'cessation-of-operation');
    let seen = 'ok';
    for (let i = 0; i < 100 && seen !== 'revoked'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen = reasonOf(await otherNode.validateChain(cert.pem));
    }
    expect(seen).toBe('revoked');
  });

  it('IAM-004-6.2.6: a certificate revoked after it expired is still refused when checked at an earlier instant', async () => {
    const { cert } = await issueMember(ca, 2);
    clock.advance(DAY);
    await ca.revoke(cert.serial, 'key-compromise');
    // A node started after the expiry holds no entry for it in memory: the database answers.
    clock.advance(5 * DAY);
    const later = await open();
    expect(
      reasonOf(await later.validateChain(cert.pem, new Date(Date.parse(START) + 12 * 3600 * 1000))),
    ).toBe('revoked');
  });

  it('EHIS-003-2.1.7: tampered certificate bytes are refused', async () => {
    const { cert } = await issueMember();
    const der = Buffer.from(cert.der);
    const at = der.indexOf('health/e-health-card');
    expect(at).toBeGreaterThan(0);
    const renamed = Buffer.from(der);
    renamed[at] = 'x'.charCodeAt(0);
    expect(reasonOf(await ca.validateChain(renamed))).toBe('bad-signature');

    const badSignature = Buffer.from(der);
    const last = badSignature.length - 1;
    badSignature[last] = (badSignature[last] ?? 0) ^ 0x01;
    expect(reasonOf(await ca.validateChain(badSignature))).toBe('bad-signature');

    for (let i = 4; i < der.length; i += 37) {
      const flipped = Buffer.from(der);
      flipped[i] = (flipped[i] ?? 0) ^ 0xff;
      expect(['bad-signature', 'malformed', 'unknown-issuer']).toContain(
        reasonOf(await ca.validateChain(flipped)),
      );
    }
    expect(reasonOf(await ca.validateChain(der.subarray(0, der.length - 10)))).toBe('malformed');
    // The untouched original is still fine (nothing was cached under the wrong bytes).
    expect(reasonOf(await ca.validateChain(cert.pem))).toBe('ok');
  });

  it('EHIS-003-2.1.7: garbage is malformed', async () => {
    for (const garbage of [
      '',
      'hello',
      '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----',
      '-----BEGIN CERTIFICATE-----\nMIIB',
      'MIIBxTCCAWugAwIBAgIU',
      'A'.repeat(100_000),
    ]) {
      expect(reasonOf(await ca.validateChain(garbage)), garbage.slice(0, 40)).toBe('malformed');
    }
    expect(reasonOf(await ca.validateChain(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])))).toBe(
      'malformed',
    );
    expect(reasonOf(await ca.validateChain(crypto.getRandomValues(new Uint8Array(300))))).toBe(
      'malformed',
    );
  });

  it('IAM-003-D5.2, IAM-004-6.1.17: person and staff signature certificates carry the FİN and non-repudiation', async () => {
    const person = await issuePerson();
    expect(person.subject).toBe('CN=Əliyev Rəşad, GN=Rəşad, SN=Əliyev, serialNumber=5ZK7Q2M, C=AZ');
    expect(person.subjectFin).toBe('5ZK7Q2M');
    expect(
      await ca.validateChain(person.pem, clock.now(), { profile: 'person-signature' }),
    ).toMatchObject({
      ok: true,
      profile: 'person-signature',
      fin: '5ZK7Q2M',
      member: undefined,
    });
    const usage = new x509.X509Certificate(person.pem).getExtension(x509.KeyUsagesExtension);
    expect(usage?.usages).toBe(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
    );

    const keys = await memberKeys();
    const staff = await ca.issueCertificate({
      profile: 'staff-signature',
      subject: {
        commonName: 'Məmmədova Leyla',
        serialNumber: '7AB12CD',
        organization: 'Səhiyyə Nazirliyi',
        organizationalUnit: 'e-health-card',
      },
      publicKey: await exportJWK(keys.publicKey),
      validDays: 730,
    });
    expect(await ca.validateChain(staff.pem)).toMatchObject({
      ok: true,
      profile: 'staff-signature',
      fin: '7AB12CD',
    });
    expect(await ca.listCertificates({ subjectFin: '7AB12CD' })).toHaveLength(1);
  });

  it('EHIS-003-2.1.7: a certificate of another profile is wrong-profile where members are expected', async () => {
    const person = await issuePerson();
    expect(reasonOf(await ca.validateChain(person.pem, clock.now(), { profile: 'member' }))).toBe(
      'wrong-profile',
    );
    // The CA certificate is signed by the CA key but is no end-entity certificate.
    expect(reasonOf(await ca.validateChain(ca.certificatePem))).toBe('wrong-profile');
  });

  it('IAM-003-13.2: requests with missing names, private keys or foreign key types are refused', async () => {
    const keys = await memberKeys();
    const invalid = async (promise: Promise<unknown>): Promise<unknown> => {
      try {
        await promise;
      } catch (error) {
        if (error instanceof AppError) return { type: error.type, errors: error.errors };
        throw error;
      }
      throw new Error('expected an AppError');
    };
    expect(
      await invalid(
        ca.issueCertificate({
          profile: 'member',
          subject: memberSubject('health', 'e-health-card'),
          publicKey: keys.publicKey,
          validDays: 365,
        }),
      ),
    ).toMatchObject({ type: 'pki/invalid-certificate-request', errors: [{ pointer: '/member' }] });
    expect(
      await invalid(
        ca.issueCertificate({
          profile: 'person-signature',
          subject: { commonName: 'Nobody' },
          publicKey: keys.publicKey,
          validDays: 365,
        }),
      ),
    ).toMatchObject({ errors: [{ pointer: '/subject/serialNumber' }] });
    expect(
      await invalid(
        ca.issueCertificate({
          profile: 'member',
          subject: memberSubject('Health', 'e-health-card'),
          member: { member: 'Health', subsystem: 'e-health-card' },
          publicKey: keys.publicKey,
          validDays: 0,
        }),
      ),
    ).toMatchObject({ errors: [{ pointer: '/validDays' }, { pointer: '/member/member' }] });
    // Longer than the CA certificate lives.
    clock.advance(DAY);
    expect(await appErrorType(issueMember(ca, 3650))).toBe('pki/invalid-certificate-request');

    // The holder's private key (its signature-creation data) is never taken.
    expect(
      await appErrorType(
        ca.issueCertificate({
          profile: 'member',
          subject: memberSubject('health', 'e-health-card'),
          member: { member: 'health', subsystem: 'e-health-card' },
          publicKey: await exportJWK(keys.privateKey),
          validDays: 365,
        }),
      ),
    ).toBe('pki/unsupported-public-key');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    for (const publicKey of [
      rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      keys.privateKey,
    ]) {
      expect(
        await appErrorType(
          ca.issueCertificate({
            profile: 'member',
            subject: memberSubject('health', 'e-health-card'),
            member: { member: 'health', subsystem: 'e-health-card' },
            publicKey,
            validDays: 365,
          }),
        ),
      ).toBe('pki/unsupported-public-key');
    }
  });

  it('EHIS-003-2.1.7: in production the CA comes from configuration and nothing is written to the data folder', async () => {
    const keyPem = await readFile(join(dataDir, 'keys', 'ca.key.pem'), 'utf8');
    const emptyDir = await folder();
    const configured = await open({
      dataDir: emptyDir,
      configuredCa: { privateKey: keyPem, certificate: ca.certificatePem },
    });
    expect(await readdir(emptyDir)).toEqual([]);
    expect(configured.certificatePem).toBe(ca.certificatePem);
    const { cert } = await issueMember(configured);
    expect(reasonOf(await ca.validateChain(cert.pem))).toBe('ok');

    // The same key as a JWK works too; a certificate for another key is refused at start.
    const jwk = JSON.stringify(createPrivateKey(keyPem).export({ format: 'jwk' }));
    await expect(
      open({
        dataDir: emptyDir,
        configuredCa: { privateKey: jwk, certificate: ca.certificatePem },
      }),
    ).resolves.toBeDefined();
    const stranger = await open({ dataDir: await folder() });
    await expect(
      open({
        dataDir: emptyDir,
        configuredCa: { privateKey: keyPem, certificate: stranger.certificatePem },
      }),
    ).rejects.toBeInstanceOf(CaKeyError);
    await expect(
      open({
        dataDir: emptyDir,
        configuredCa: { privateKey: 'nope', certificate: ca.certificatePem },
      }),
    ).rejects.toBeInstanceOf(CaKeyError);
  });

  it('EHIS-003-2.1.7: after a key rotation the previous CA certificate is still trusted for what it issued', async () => {
    const { cert: oldCert } = await issueMember();
    const newDir = await folder();
    const fresh = await open({ dataDir: newDir });
    const newKey = await readFile(join(newDir, 'keys', 'ca.key.pem'), 'utf8');
    const rotated = await open({
      dataDir: newDir,
      configuredCa: {
        privateKey: newKey,
        certificate: fresh.certificatePem,
        previousCertificates: [ca.certificatePem],
      },
    });
    expect(reasonOf(await rotated.validateChain(oldCert.pem))).toBe('ok');
    expect(reasonOf(await fresh.validateChain(oldCert.pem))).toBe('unknown-issuer');
    // The old CA's revocations still count.
    await ca.revoke(oldCert.serial, 'superseded');
    await rotated.refreshRevocations();
    expect(reasonOf(await rotated.validateChain(oldCert.pem))).toBe('revoked');
    // The new CA's CRL lists only what the new CA issued.
    expect((await rotated.getCrl()).serials).not.toContain(oldCert.serial);
  });

  it('IAM-004-6.2.6: the certificate register allows a revocation and nothing else', async () => {
    const { cert } = await issueMember();
    const db = test.db.kysely;
    await expect(
      sql`UPDATE pki.certificate SET subject = 'CN=someone else' WHERE serial = ${cert.serial}`.execute(
        db,
      ),
    ).rejects.toThrow(/only the revocation may change/);
    await expect(
      sql`DELETE FROM pki.certificate WHERE serial = ${cert.serial}`.execute(db),
    ).rejects.toThrow(/never deleted/);
    await ca.revoke(cert.serial, 'superseded');
    await expect(
      sql`UPDATE pki.certificate SET revoked_at = NULL, revocation_reason = NULL WHERE serial = ${cert.serial}`.execute(
        db,
      ),
    ).rejects.toThrow(/final/);
  });
});
