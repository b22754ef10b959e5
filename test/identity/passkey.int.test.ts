import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createIdentityHarness,
  registerPerson,
  TestBrowser,
  type IdentityHarness,
} from '../support/identity.ts';

const HOST = 'localhost:3000';
const ORIGIN = `http://${HOST}`;
const b64u = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

/**
 * A software WebAuthn authenticator (ES256, "none" attestation, user verified), enough to drive
 * registration and login through the real API and the real verification without a browser.
 */
class SoftAuthenticator {
  readonly credentialId = randomBytes(32);
  readonly #key: KeyObject;
  readonly #publicJwk: { x: string; y: string };
  counter = 0;
  userHandle = '';

  constructor() {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.#key = pair.privateKey;
    const jwk = pair.publicKey.export({ format: 'jwk' });
    this.#publicJwk = { x: jwk.x ?? '', y: jwk.y ?? '' };
  }

  get id(): string {
    return b64u(this.credentialId);
  }

  #authData(rpId: string, flags: number, attested?: Buffer): Buffer {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    return Buffer.concat([
      sha256(rpId),
      Buffer.from([flags]),
      counter,
      attested ?? Buffer.alloc(0),
    ]);
  }

  create(
    options: { challenge: string; rp: { id?: string }; user: { id: string } },
    origin = ORIGIN,
  ) {
    this.userHandle = options.user.id;
    const cose = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(this.#publicJwk.x, 'base64url')],
      [-3, Buffer.from(this.#publicJwk.y, 'base64url')],
    ]);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([
      Buffer.alloc(16),
      length,
      this.credentialId,
      Buffer.from(isoCBOR.encode(cose)),
    ]);
    const authData = this.#authData(options.rp.id ?? 'localhost', 0x45, attested);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', new Uint8Array(authData)],
      ]),
    );
    const clientData = JSON.stringify({
      type: 'webauthn.create',
      challenge: options.challenge,
      origin,
      crossOrigin: false,
    });
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: b64u(Buffer.from(clientData)),
        attestationObject: b64u(attestationObject),
        transports: ['internal'],
      },
    };
  }

  get(options: { challenge: string; rpId?: string }, origin = ORIGIN) {
    this.counter += 1;
    const authData = this.#authData(options.rpId ?? 'localhost', 0x05);
    const clientData = Buffer.from(
      JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin }),
    );
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), this.#key);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: b64u(clientData),
        authenticatorData: b64u(authData),
        signature: b64u(signature),
        userHandle: this.userHandle,
      },
    };
  }
}

const at = { host: HOST };

describe('passkeys (issue 4 item 2): WebAuthn registration and login', () => {
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await createIdentityHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  async function count(table: 'passkey' | 'session' | 'passkey_challenge'): Promise<number> {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(
      `identity.${table}`,
    )}`.execute(h.test.platform.db.kysely);
    return r.rows[0]?.n ?? -1;
  }

  /** A logged-in citizen (password) with a passkey registered through the API. */
  async function withPasskey(): Promise<{
    browser: TestBrowser;
    authenticator: SoftAuthenticator;
    userId: string;
  }> {
    const browser = new TestBrowser(h.app);
    const credentials = await registerPerson(browser, h.adult());
    expect(
      (
        await browser.post('/api/auth/login', {
          username: credentials.username,
          password: credentials.password,
        })
      ).statusCode,
    ).toBe(200);
    const authenticator = new SoftAuthenticator();
    const options = await browser.post('/api/me/passkeys/options', undefined, at);
    expect(options.statusCode).toBe(200);
    const created = await browser.post(
      '/api/me/passkeys',
      { label: 'Telefonum', credential: authenticator.create(options.json()) },
      at,
    );
    expect(created.statusCode).toBe(201);
    return { browser, authenticator, userId: credentials.userId };
  }

  async function loginWith(
    authenticator: SoftAuthenticator,
    browser = new TestBrowser(h.app),
  ): Promise<{ browser: TestBrowser; status: number; body: Record<string, unknown> }> {
    const options = await browser.post('/api/auth/passkey/options', undefined, at);
    expect(options.statusCode).toBe(200);
    const res = await browser.post(
      '/api/auth/passkey',
      { credential: authenticator.get(options.json()) },
      at,
    );
    return { browser, status: res.statusCode, body: res.json() };
  }

  it('a logged-in citizen adds a discoverable, user-verified passkey; the options say so and the list shows no key material', async () => {
    const browser = new TestBrowser(h.app);
    const credentials = await registerPerson(browser, h.adult());
    await browser.post('/api/auth/login', {
      username: credentials.username,
      password: credentials.password,
    });
    const options = await browser.post('/api/me/passkeys/options', undefined, at);
    expect(options.json()).toMatchObject({
      rp: { id: 'localhost' },
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      attestation: 'none',
    });
    const authenticator = new SoftAuthenticator();
    const created = await browser.post(
      '/api/me/passkeys',
      { label: 'Noutbuk', credential: authenticator.create(options.json()) },
      at,
    );
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: authenticator.id, label: 'Noutbuk' });
    const list = await browser.get('/api/me/passkeys');
    expect(list.json()).toEqual([
      expect.objectContaining({ id: authenticator.id, label: 'Noutbuk', lastUsedAt: null }),
    ]);
    expect(list.body).not.toContain('publicKey');

    // Adding the same authenticator again is excluded in the options and refused if forced.
    const again = await browser.post('/api/me/passkeys/options', undefined, at);
    expect(again.json<{ excludeCredentials: { id: string }[] }>().excludeCredentials).toEqual([
      expect.objectContaining({ id: authenticator.id }),
    ]);
    const before = await count('passkey');
    const twice = await browser.post(
      '/api/me/passkeys',
      { credential: authenticator.create(again.json()) },
      at,
    );
    expect(twice.statusCode).toBe(401);
    expect(await count('passkey')).toBe(before);
  });

  it('a passkey login opens a session of acr substantial, amr passkey, for the passkey’s owner', async () => {
    const { authenticator, userId } = await withPasskey();
    const { browser, status, body } = await loginWith(authenticator);
    expect(status).toBe(200);
    expect(body).toMatchObject({ userId, acr: 'substantial' });
    const me = await browser.get('/api/me');
    expect(me.json()).toMatchObject({ userId, acr: 'substantial', amr: ['passkey'] });
    const mine = await browser.get('/api/me/passkeys');
    expect(mine.json<{ lastUsedAt: string | null }[]>()[0]?.lastUsedAt).not.toBeNull();
  });

  it('a replayed login response is refused (the challenge is spent) and opens no session', async () => {
    const { authenticator } = await withPasskey();
    const browser = new TestBrowser(h.app);
    const options = await browser.post('/api/auth/passkey/options', undefined, at);
    const credential = authenticator.get(options.json());
    const first = await browser.post('/api/auth/passkey', { credential }, at);
    expect(first.statusCode).toBe(200);
    const sessions = await count('session');
    const replay = await new TestBrowser(h.app).post('/api/auth/passkey', { credential }, at);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ type: 'identity/passkey-not-accepted' });
    expect(replay.cookies.find((c) => c.name === 'ehis_session')).toBeUndefined();
    expect(await count('session')).toBe(sessions);
  });

  it('an unknown passkey is refused with the same answer, spends its challenge and opens no session', async () => {
    const stranger = new SoftAuthenticator();
    const browser = new TestBrowser(h.app);
    const options = await browser.post('/api/auth/passkey/options', undefined, at);
    const sessions = await count('session');
    const challenges = await count('passkey_challenge');
    const res = await browser.post(
      '/api/auth/passkey',
      { credential: stranger.get(options.json()) },
      at,
    );
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ type: 'identity/passkey-not-accepted' });
    expect(await count('session')).toBe(sessions);
    expect(await count('passkey_challenge')).toBe(challenges - 1);
  });

  it('a response made for another origin, and a cloned authenticator (counter gone back), are refused', async () => {
    const { authenticator } = await withPasskey();
    const browser = new TestBrowser(h.app);
    const options = await browser.post('/api/auth/passkey/options', undefined, at);
    const phished = await browser.post(
      '/api/auth/passkey',
      { credential: authenticator.get(options.json(), 'https://e-gov.example.com') },
      at,
    );
    expect(phished.statusCode).toBe(401);

    expect((await loginWith(authenticator)).status).toBe(200);
    authenticator.counter = 0;
    const clone = await loginWith(authenticator);
    expect(clone.status).toBe(401);
    expect(clone.body).toMatchObject({ type: 'identity/passkey-not-accepted' });
  });

  it('registration needs a session and its own challenge: none, a login challenge or another account’s are refused and nothing is stored', async () => {
    const anonymous = new TestBrowser(h.app);
    expect((await anonymous.post('/api/me/passkeys/options', undefined, at)).statusCode).toBe(401);

    const { browser: other } = await withPasskey();
    const otherOptions = (await other.post('/api/me/passkeys/options', undefined, at)).json<{
      challenge: string;
      rp: { id?: string };
      user: { id: string };
    }>();
    const browser = new TestBrowser(h.app);
    const credentials = await registerPerson(browser, h.adult());
    await browser.post('/api/auth/login', {
      username: credentials.username,
      password: credentials.password,
    });
    const before = await count('passkey');
    const stolen = await browser.post(
      '/api/me/passkeys',
      { credential: new SoftAuthenticator().create(otherOptions) },
      at,
    );
    expect(stolen.statusCode).toBe(401);
    const loginChallenge = (await browser.post('/api/auth/passkey/options', undefined, at)).json<{
      challenge: string;
    }>();
    const wrongKind = await browser.post(
      '/api/me/passkeys',
      {
        credential: new SoftAuthenticator().create({
          challenge: loginChallenge.challenge,
          rp: { id: 'localhost' },
          user: { id: 'x' },
        }),
      },
      at,
    );
    expect(wrongKind.statusCode).toBe(401);
    expect(await count('passkey')).toBe(before);
  });

  it('a deleted passkey no longer logs in; nobody deletes another person’s passkey', async () => {
    const { browser, authenticator } = await withPasskey();
    const { browser: stranger } = await withPasskey();
    const foreign = await stranger.delete(`/api/me/passkeys/${authenticator.id}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ type: 'identity/passkey-not-found' });
    expect((await loginWith(authenticator)).status).toBe(200);

    expect((await browser.delete(`/api/me/passkeys/${authenticator.id}`)).statusCode).toBe(204);
    expect((await browser.get('/api/me/passkeys')).json()).toEqual([]);
    expect((await loginWith(authenticator)).status).toBe(401);
  });

  it('at an IP address (no domain) passkeys are unavailable, with a message naming the address to use', async () => {
    const res = await new TestBrowser(h.app).post('/api/auth/passkey/options', undefined, {
      host: '127.0.0.1:3000',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: 'identity/passkey-unavailable' });
    expect(res.json<{ detail: string }>().detail).toContain('http://localhost:3000');
  });
});
