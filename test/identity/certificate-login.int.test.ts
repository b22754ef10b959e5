import {
  createHash,
  createPrivateKey,
  sign as nodeSign,
  type JsonWebKey as NodeJwk,
  type webcrypto,
} from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCertificateService,
  readPkcs12,
  type CertificateService,
} from '../../src/identity/certificates/index.ts';
import {
  demoOperatorFin,
  ensureDemoOperatorCertificate,
} from '../../src/identity/demo-operator.ts';
import { createIdentity } from '../../src/identity/index.ts';
import { CertificateAuthority, type PkiTables } from '../../src/platform/pki/index.ts';
import { FixedClock } from '../../src/platform/time/clock.ts';
import {
  createIdentityHarness,
  registerPerson,
  TestBrowser,
  type IdentityHarness,
} from '../support/identity.ts';

const clock = new FixedClock(new Date());
type CryptoKey = webcrypto.CryptoKey;

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

interface Holder {
  readonly certificate: string;
  readonly privateKey: CryptoKey;
}

/** Registers the person and logs in with the password (acr low). */
async function signUp(
  browser: TestBrowser,
  person: { fin: string; idCardNumber: string | null },
): Promise<{ userId: string }> {
  const { username, password, userId } = await registerPerson(browser, person);
  const res = await browser.post('/api/auth/login', { username, password });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  return { userId };
}

/** What the web app does with a .p12 file: open it with the password, import the key. */
async function openP12(p12Base64: string, password: string): Promise<Holder> {
  const contents = readPkcs12(Buffer.from(p12Base64, 'base64'), password);
  return {
    certificate: Buffer.from(contents.certificateDer).toString('base64'),
    privateKey: await crypto.subtle.importKey('pkcs8', contents.privateKeyPkcs8, P256, false, [
      'sign',
    ]),
  };
}

async function sign(key: CryptoKey, text: string): Promise<string> {
  const signature = await crypto.subtle.sign(ES256, key, new TextEncoder().encode(text));
  return Buffer.from(signature).toString('base64');
}

async function challenge(
  browser: TestBrowser,
): Promise<{ challengeId: string; challenge: string; expiresAt: string }> {
  const res = await browser.post('/api/auth/certificate/challenge');
  expect(res.statusCode).toBe(200);
  return res.json();
}

/** The whole browser side of a certificate login. */
async function certificateLogin(
  browser: TestBrowser,
  holder: Holder,
  tamper: { signText?: string } = {},
): Promise<{ res: LightMyRequestResponse; challengeId: string; signature: string }> {
  const c = await challenge(browser);
  const signature = await sign(holder.privateKey, tamper.signText ?? c.challenge);
  const res = await browser.post('/api/auth/certificate/login', {
    challengeId: c.challengeId,
    certificate: holder.certificate,
    signature,
  });
  return { res, challengeId: c.challengeId, signature };
}

describe('certificate login (IAM-002-LOGIN-5, IAM-003-12.1.1, IAM-003-13.2)', () => {
  let h: IdentityHarness;
  let certificates: CertificateService;
  let foreignDir: string;

  async function count(table: 'identity.session' | 'identity.account'): Promise<number> {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
      h.test.platform.db.kysely,
    );
    return r.rows[0]?.n ?? -1;
  }

  async function lastLoginAudit(): Promise<Record<string, unknown> | undefined> {
    const r = await sql<Record<string, unknown>>`
      SELECT actor, subject_fin, resource, purpose, outcome FROM audit.entry
      WHERE action = 'identity.login' ORDER BY seq DESC LIMIT 1`.execute(h.test.platform.db.kysely);
    return r.rows[0];
  }

  /** A refusal: the exact problem type, no session, no cookie, audited with the reason. */
  async function expectRefused(
    attempt: () => Promise<LightMyRequestResponse>,
    type: string,
    reason: string,
  ): Promise<void> {
    const sessions = await count('identity.session');
    const accounts = await count('identity.account');
    const res = await attempt();
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type, status: 401 });
    expect(res.json<{ title: string }>().title.length).toBeGreaterThan(5);
    expect(res.cookies.find((c) => c.name === 'ehis_session')).toBeUndefined();
    expect(await count('identity.session')).toBe(sessions);
    expect(await count('identity.account')).toBe(accounts);
    expect(await lastLoginAudit()).toMatchObject({
      resource: 'x509',
      outcome: 'refused',
      purpose: reason,
    });
  }

  /** A certificate for an adult without an account, as the registration authority issues it. */
  async function issued(
    validDays?: number,
  ): Promise<Holder & { fin: string; serial: string; exportable: CryptoKey }> {
    const adult = h.adult();
    const result = await certificates.issue({
      fin: adult.fin,
      channel: 'cli',
      actor: 'operator:cli:test',
      ...(validDays === undefined ? {} : { validDays }),
    });
    if (result === undefined) throw new Error('not issued');
    const holder = await openP12(Buffer.from(result.p12).toString('base64'), result.password);
    const exportable = await crypto.subtle.importKey(
      'pkcs8',
      readPkcs12(result.p12, result.password).privateKeyPkcs8,
      P256,
      true,
      ['sign'],
    );
    return { ...holder, exportable, fin: adult.fin, serial: result.certificate.serial };
  }

  beforeAll(async () => {
    h = await createIdentityHarness({ clock });
    const identity = createIdentity(h.test.platform, h.agencies.portalClient);
    certificates = createCertificateService(h.test.platform, identity, h.agencies.portalClient);
    foreignDir = mkdtempSync(join(tmpdir(), 'ehis-foreign-ca-'));
  });
  afterAll(async () => {
    await h.close();
    rmSync(foreignDir, { recursive: true, force: true });
  });

  it('IAM-002-LOGIN-5 IAM-003-12.1.1: a citizen downloads a demo certificate, then logs in with it at acr high', async () => {
    const adult = h.adult();
    const browser = new TestBrowser(h.app);
    const { userId } = await signUp(browser, adult);
    const res = await browser.post('/api/me/certificates');
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json<{
      certificate: { serial: string; status: string; subject: string; fingerprintSha256: string };
      fileName: string;
      p12Base64: string;
      password: string;
    }>();
    expect(body.password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(body.fileName).toMatch(new RegExp(`^ehis-${adult.fin}-[0-9a-f]{8}\\.p12$`));
    expect(body.certificate).toMatchObject({ status: 'valid', profile: 'person-signature' });
    expect(body.certificate.subject).toContain(adult.fin);
    const holder = await openP12(body.p12Base64, body.password);
    expect(body.certificate.fingerprintSha256).toBe(
      createHash('sha256').update(Buffer.from(holder.certificate, 'base64')).digest('hex'),
    );
    expect(() => readPkcs12(Buffer.from(body.p12Base64, 'base64'), 'not-the-password')).toThrow();

    await browser.post('/api/auth/logout');
    expect((await browser.get('/api/me')).statusCode).toBe(401);

    const { res: login } = await certificateLogin(browser, holder);
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ userId, acr: 'high' });
    expect(login.cookies.find((c) => c.name === 'ehis_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    });
    const me = await browser.get('/api/me');
    expect(me.json()).toMatchObject({ userId, fin: adult.fin, acr: 'high', amr: ['x509'] });
    expect(await lastLoginAudit()).toMatchObject({
      actor: `citizen:${adult.fin}`,
      resource: 'x509',
      outcome: 'success',
    });

    const list = await browser.get('/api/me/certificates');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({
      selfService: true,
      certificates: [expect.objectContaining({ serial: body.certificate.serial, status: 'valid' })],
    });
  });

  it('IAM-004-5.3: the first certificate login of a person without an account creates it', async () => {
    const holder = await issued();
    const before = await count('identity.account');
    const browser = new TestBrowser(h.app);
    const { res } = await certificateLogin(browser, holder);
    expect(res.statusCode).toBe(200);
    expect(await count('identity.account')).toBe(before + 1);
    const me = await browser.get('/api/me');
    expect(me.json()).toMatchObject({ fin: holder.fin, username: holder.fin, acr: 'high' });
    // A registration-authority certificate is the holder's too.
    const list = await browser.get('/api/me/certificates');
    expect(list.json()).toMatchObject({
      certificates: [expect.objectContaining({ serial: holder.serial })],
    });
  });

  it('IAM-002-LOGIN-5: accepts the certificate as PEM and a DER signature, as OpenSSL tools make them', async () => {
    const holder = await issued();
    const browser = new TestBrowser(h.app);
    const c = await challenge(browser);
    const pem = `-----BEGIN CERTIFICATE-----\n${holder.certificate.replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
    const jwk = await crypto.subtle.exportKey('jwk', holder.exportable);
    const der = nodeSign('sha256', Buffer.from(c.challenge, 'utf8'), {
      key: createPrivateKey({ key: jwk as NodeJwk, format: 'jwk' }),
      dsaEncoding: 'der',
    });
    expect(der[0]).toBe(0x30);
    const res = await browser.post('/api/auth/certificate/login', {
      challengeId: c.challengeId,
      certificate: pem,
      signature: der.toString('base64'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ acr: 'high' });
  });

  it('IAM-003-13.2: the server keeps no private key and no password', async () => {
    const browser = new TestBrowser(h.app);
    await signUp(browser, h.adult());
    const res = await browser.post('/api/me/certificates');
    const body = res.json<{
      p12Base64: string;
      password: string;
      certificate: { serial: string };
    }>();
    const contents = readPkcs12(Buffer.from(body.p12Base64, 'base64'), body.password);
    const key = await crypto.subtle.importKey('pkcs8', contents.privateKeyPkcs8, P256, true, [
      'sign',
    ]);
    const d = (await crypto.subtle.exportKey('jwk', key)).d ?? '';
    const scalarHex = Buffer.from(d, 'base64url').toString('hex');
    const rows = await sql<{ dump: string }>`
      SELECT (SELECT coalesce(string_agg(c::text, ' '), '') FROM identity.certificate c)
          || (SELECT coalesce(string_agg(encode(p.der, 'hex') || p::text, ' '), '') FROM pki.certificate p)
          || (SELECT coalesce(string_agg(a::text, ' '), '') FROM audit.entry a) AS dump`.execute(
      h.test.platform.db.kysely,
    );
    const dump = rows.rows[0]?.dump ?? '';
    expect(dump).toContain(body.certificate.serial);
    expect(dump).not.toContain(scalarHex);
    expect(dump).not.toContain(d);
    expect(dump).not.toContain(body.password);
    expect(dump).not.toContain('PRIVATE KEY');
  });

  it('IAM-002-LOGIN-5: a challenge is one-time: a replayed login is refused', async () => {
    const holder = await issued();
    const browser = new TestBrowser(h.app);
    const first = await certificateLogin(browser, holder);
    expect(first.res.statusCode).toBe(200);
    const attacker = new TestBrowser(h.app, '10.0.0.9');
    await expectRefused(
      () =>
        attacker.post('/api/auth/certificate/login', {
          challengeId: first.challengeId,
          certificate: holder.certificate,
          signature: first.signature,
        }),
      'identity/certificate-challenge-invalid',
      'challenge',
    );
  });

  it('IAM-002-LOGIN-5: a challenge older than 2 minutes is refused, and an unknown one too', async () => {
    const holder = await issued();
    const browser = new TestBrowser(h.app);
    const c = await challenge(browser);
    expect(new Date(c.expiresAt).getTime() - clock.now().getTime()).toBe(120_000);
    expect(c.challenge).toMatch(/^ehis-certificate-login:[A-Za-z0-9_-]{43}$/);
    const signature = await sign(holder.privateKey, c.challenge);
    clock.advance(120_001);
    try {
      await expectRefused(
        () =>
          browser.post('/api/auth/certificate/login', {
            challengeId: c.challengeId,
            certificate: holder.certificate,
            signature,
          }),
        'identity/certificate-challenge-invalid',
        'challenge',
      );
    } finally {
      clock.advance(-120_001);
    }
    await expectRefused(
      () =>
        browser.post('/api/auth/certificate/login', {
          challengeId: 'AAAAAAAAAAAAAAAAAAAAAAAA',
          certificate: holder.certificate,
          signature,
        }),
      'identity/certificate-challenge-invalid',
      'challenge',
    );
  });

  it('IAM-002-LOGIN-5: a signature over anything but the exact challenge is refused, and spends the challenge', async () => {
    const holder = await issued();
    const browser = new TestBrowser(h.app);
    const c = await challenge(browser);
    await expectRefused(
      async () =>
        browser.post('/api/auth/certificate/login', {
          challengeId: c.challengeId,
          certificate: holder.certificate,
          signature: await sign(holder.privateKey, `${c.challenge} `),
        }),
      'identity/certificate-signature-invalid',
      'signature',
    );
    // The right signature now comes too late: the challenge was spent by the failed attempt.
    await expectRefused(
      async () =>
        browser.post('/api/auth/certificate/login', {
          challengeId: c.challengeId,
          certificate: holder.certificate,
          signature: await sign(holder.privateKey, c.challenge),
        }),
      'identity/certificate-challenge-invalid',
      'challenge',
    );
    // Someone else's certificate with one's own key: the signature does not match its key.
    const other = await issued();
    await expectRefused(
      async () => {
        const next = await challenge(browser);
        return browser.post('/api/auth/certificate/login', {
          challengeId: next.challengeId,
          certificate: other.certificate,
          signature: await sign(holder.privateKey, next.challenge),
        });
      },
      'identity/certificate-signature-invalid',
      'signature',
    );
  });

  it('IAM-002-LOGIN-5: an expired certificate is refused (validity checked at the clock’s now)', async () => {
    const holder = await issued(1);
    const browser = new TestBrowser(h.app);
    clock.advance(2 * 24 * 60 * 60_000);
    try {
      await expectRefused(
        async () => (await certificateLogin(browser, holder)).res,
        'identity/certificate-expired',
        'expired',
      );
      expect(await lastLoginAudit()).toMatchObject({ actor: `citizen:${holder.fin}` });
    } finally {
      clock.advance(-2 * 24 * 60 * 60_000);
    }
    expect((await certificateLogin(browser, holder)).res.statusCode).toBe(200);
  });

  it('IAM-004-6.2.6: a holder revokes a certificate: it is in the CRL and no longer logs in; others cannot revoke it', async () => {
    const adult = h.adult();
    const browser = new TestBrowser(h.app);
    await signUp(browser, adult);
    const body = (await browser.post('/api/me/certificates')).json<{
      p12Base64: string;
      password: string;
      certificate: { serial: string };
    }>();
    const holder = await openP12(body.p12Base64, body.password);
    const serial = body.certificate.serial;

    // Someone else's login cannot revoke it, nor learn that it exists.
    const stranger = new TestBrowser(h.app);
    await signUp(stranger, h.adult());
    const refused = await stranger.post(`/api/me/certificates/${serial}/revoke`, {
      reason: 'key-compromise',
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ type: 'identity/certificate-not-found' });
    expect((await h.test.platform.ca.getCertificate(serial)).revokedAt).toBeUndefined();

    const revoked = await browser.post(`/api/me/certificates/${serial.toUpperCase()}/revoke`, {
      reason: 'key-compromise',
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({
      serial,
      status: 'revoked',
      revocationReason: 'key-compromise',
    });
    expect((await h.test.platform.ca.getCrl()).serials).toContain(serial);
    expect((await browser.get('/api/me/certificates')).json()).toMatchObject({
      certificates: [expect.objectContaining({ serial, status: 'revoked' })],
    });

    const again = await browser.post(`/api/me/certificates/${serial}/revoke`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: 'identity/certificate-already-revoked' });

    await browser.post('/api/auth/logout');
    await expectRefused(
      async () => (await certificateLogin(browser, holder)).res,
      'identity/certificate-revoked',
      'revoked',
    );
    expect(await lastLoginAudit()).toMatchObject({
      actor: `citizen:${adult.fin}`,
      subject_fin: adult.fin,
    });
  });

  it('IAM-002-LOGIN-5: a certificate from another CA is refused, even naming a real FİN', async () => {
    const foreign = await CertificateAuthority.open({
      db: h.test.platform.db.typed<PkiTables>(),
      clock,
      dataDir: foreignDir,
      caName: { commonName: 'EHIS Platform CA', organization: 'EHIS', country: 'AZ' },
    });
    const keys = await crypto.subtle.generateKey(P256, true, ['sign', 'verify']);
    const adult = h.adult();
    const cert = await foreign.issueCertificate({
      profile: 'person-signature',
      subject: { commonName: adult.firstName, serialNumber: adult.fin, country: 'AZ' },
      publicKey: keys.publicKey,
      validDays: 30,
    });
    await foreign.close();
    const browser = new TestBrowser(h.app);
    await expectRefused(
      async () =>
        (await certificateLogin(browser, { certificate: cert.pem, privateKey: keys.privateKey }))
          .res,
      'identity/certificate-untrusted',
      'unknown-issuer',
    );
    await expectRefused(
      async () => {
        const c = await challenge(browser);
        return browser.post('/api/auth/certificate/login', {
          challengeId: c.challengeId,
          certificate: 'A'.repeat(200),
          signature: await sign(keys.privateKey, c.challenge),
        });
      },
      'identity/certificate-untrusted',
      'malformed',
    );
  });

  it('IAM-002-LOGIN-5: a platform certificate that names no person in the register, or an exchange member, does not log in', async () => {
    const ca = h.test.platform.ca;
    const keys = await crypto.subtle.generateKey(P256, true, ['sign', 'verify']);
    const browser = new TestBrowser(h.app);
    const unknown = await ca.issueCertificate({
      profile: 'person-signature',
      subject: { commonName: 'Nobody', serialNumber: 'ZZZZZZ9', country: 'AZ' },
      publicKey: keys.publicKey,
      validDays: 30,
    });
    await expectRefused(
      async () =>
        (await certificateLogin(browser, { certificate: unknown.pem, privateKey: keys.privateKey }))
          .res,
      'identity/certificate-not-for-login',
      'unknown-person',
    );
    const member = await ca.issueCertificate({
      profile: 'member',
      subject: { commonName: 'test/login', organization: 'test', country: 'AZ' },
      member: { member: 'test', subsystem: 'login' },
      publicKey: keys.publicKey,
      validDays: 30,
    });
    await expectRefused(
      async () =>
        (await certificateLogin(browser, { certificate: member.pem, privateKey: keys.privateKey }))
          .res,
      'identity/certificate-not-for-login',
      'wrong-profile',
    );
  });

  it('refuses a malformed login body with a validation error and opens nothing', async () => {
    const browser = new TestBrowser(h.app);
    const sessions = await count('identity.session');
    const res = await browser.post('/api/auth/certificate/login', {
      challengeId: 'x',
      certificate: 'short',
      signature: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: 'platform/validation' });
    expect(await count('identity.session')).toBe(sessions);
  });

  it('issuing and listing need a login; revoking an unknown serial is a 404', async () => {
    const browser = new TestBrowser(h.app);
    expect((await browser.post('/api/me/certificates')).statusCode).toBe(401);
    expect((await browser.get('/api/me/certificates')).statusCode).toBe(401);
    await signUp(browser, h.adult());
    expect((await browser.get('/api/me/certificates')).json()).toEqual({
      certificates: [],
      selfService: true,
    });
    const res = await browser.post('/api/me/certificates/abcdef01/revoke', {});
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ type: 'identity/certificate-not-found' });
  });

  // Last in this file: the operator's first login creates an account the pickers above may not reuse.
  it('demo mode: the demo operator gets a certificate file at start, kept across starts, renewed when revoked', async () => {
    const platform = h.test.platform;
    const first = await ensureDemoOperatorCertificate({ platform, agencies: h.agencies });
    if (first === undefined) throw new Error('no demo operator certificate');
    expect(first.fin).toBe(await demoOperatorFin(platform, h.agencies));
    expect(first.issued).toBe(true);
    expect(first.p12Path).toBe(join(h.test.config.dataDir, 'demo', 'operator.p12'));
    expect(statSync(first.p12Path).mode & 0o777).toBe(0o600);
    expect(statSync(first.passwordPath).mode & 0o777).toBe(0o600);
    const password = readFileSync(first.passwordPath, 'utf8').trim();
    const holder = await openP12(readFileSync(first.p12Path).toString('base64'), password);

    const again = await ensureDemoOperatorCertificate({ platform, agencies: h.agencies });
    expect(again).toMatchObject({ fin: first.fin, serial: first.serial, issued: false });

    const browser = new TestBrowser(h.app);
    expect((await certificateLogin(browser, holder)).res.statusCode).toBe(200);
    expect((await browser.get('/api/me')).json()).toMatchObject({ fin: first.fin, acr: 'high' });

    await platform.ca.revoke(first.serial, 'superseded');
    const renewed = await ensureDemoOperatorCertificate({ platform, agencies: h.agencies });
    expect(renewed).toMatchObject({ fin: first.fin, issued: true });
    expect(renewed?.serial).not.toBe(first.serial);
  });
});

describe('certificate self-service outside demo mode', () => {
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await createIdentityHarness({ persons: 60, env: { EHIS_DEMO: 'false' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('IAM-003-13.2: citizens cannot issue themselves certificates; they come from the registration authority', async () => {
    const browser = new TestBrowser(h.app);
    await signUp(browser, h.adult());
    const before = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM identity.certificate`.execute(h.test.platform.db.kysely);
    expect((await browser.get('/api/me/certificates')).json()).toEqual({
      certificates: [],
      selfService: false,
    });
    const res = await browser.post('/api/me/certificates');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ type: 'identity/certificate-self-service-off' });
    const after = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM identity.certificate`.execute(h.test.platform.db.kysely);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });
});
