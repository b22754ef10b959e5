import { sql } from 'kysely';
import * as client from 'openid-client';
import { createRemoteJWKSet, importJWK, jwtVerify, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '../../src/identity/index.ts';
import { bootstrapOperator } from '../../src/identity/staff/index.ts';
import { createIdentityHarness, type IdentityHarness } from '../support/identity.ts';

/** A browser over real HTTP: a cookie jar, the CSRF header for /api/, redirects followed by hand. */
class FetchBrowser {
  readonly cookies = new Map<string, string>();
  readonly base: string;

  constructor(base: string) {
    this.base = base;
  }

  #keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [k = '', v = ''] = a.trim().split('=');
        return (
          (k.toLowerCase() === 'expires' && new Date(v).getTime() < Date.now()) ||
          (k.toLowerCase() === 'max-age' && Number(v) <= 0)
        );
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await fetch(new URL(url, this.base), { ...init, headers, redirect: 'manual' });
    this.#keep(res);
    return res;
  }

  async api(method: string, path: string, body?: unknown): Promise<Response> {
    if (!this.cookies.has('ehis_csrf')) await this.fetch('/api/auth/csrf');
    return this.fetch(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        'x-csrf-token': this.cookies.get('ehis_csrf') ?? '',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /**
   * Follows redirects as a browser would until one leaves this server (the relying party's
   * redirect_uri) or a page answers; returns that last address and the answer.
   */
  async follow(start: string): Promise<{ url: URL; res: Response | undefined }> {
    let url = new URL(start, this.base);
    for (let hops = 0; hops < 20; hops += 1) {
      if (url.origin !== new URL(this.base).origin) return { url, res: undefined };
      let res = await this.fetch(url.href);
      // The provider's self-submitting form (its end-session step): submit it as a browser would.
      const form =
        res.status === 200 && (res.headers.get('content-type') ?? '').includes('text/html')
          ? /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(await res.text())
          : null;
      if (form !== null) {
        const inputs = new URLSearchParams();
        for (const m of (form[2] ?? '').matchAll(/name="([^"]+)" value="([^"]*)"/g)) {
          inputs.set(m[1] ?? '', m[2] ?? '');
        }
        res = await this.fetch(new URL(form[1] ?? '', url).href, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: inputs.toString(),
        });
      }
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || location === null) return { url, res };
      url = new URL(location, url);
    }
    throw new Error('too many redirects');
  }
}

const REDIRECT = 'http://127.0.0.1:9/callback';
const credentialsOf = new Map<string, { username: string; password: string }>();

describe('single sign-on: OpenID Connect provider (issue 4 item 8)', () => {
  let h: IdentityHarness;
  let base: string;
  let issuer: string;
  let operator: FetchBrowser;

  async function codes(): Promise<number> {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM identity.oidc_model WHERE model = 'AuthorizationCode'`.execute(
      h.test.platform.db.kysely,
    );
    return r.rows[0]?.n ?? -1;
  }

  async function registerClient(
    allowFin: boolean,
    redirectUris = [REDIRECT],
  ): Promise<{ clientId: string; clientSecret: string }> {
    const res = await operator.api('POST', '/api/oidc/clients', {
      name: allowFin ? 'Sağlamlıq kabineti' : 'Kitabxana portalı',
      member: 'justice',
      redirectUris,
      allowFin,
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { clientId: string; clientSecret: string };
  }

  /** A citizen registered and logged in with a password (acr low) in a browser of their own. */
  async function citizen(): Promise<{ browser: FetchBrowser; userId: string; fin: string }> {
    const adult = h.adult();
    const browser = new FetchBrowser(base);
    const username = `sso${adult.fin.toLowerCase()}`;
    const password = `Ağ-${adult.fin}-uzun şifrə`;
    const reg = await browser.api('POST', '/api/auth/register', {
      idCardNumber: adult.idCardNumber,
      fin: adult.fin,
      username,
      password,
    });
    expect(reg.status).toBe(201);
    const login = await browser.api('POST', '/api/auth/login', { username, password });
    expect(login.status).toBe(200);
    const { userId } = (await login.json()) as { userId: string };
    credentialsOf.set(userId, { username, password });
    return { browser, userId, fin: adult.fin };
  }

  async function relyingParty(credentials: {
    clientId: string;
    clientSecret: string;
  }): Promise<client.Configuration> {
    return client.discovery(
      new URL(issuer),
      credentials.clientId,
      undefined,
      client.ClientSecretBasic(credentials.clientSecret),
      { execute: [client.allowInsecureRequests] },
    );
  }

  async function authorizationUrl(
    config: client.Configuration,
    extra: Record<string, string> = {},
  ): Promise<{ url: URL; verifier: string; state: string; nonce: string }> {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...extra,
    });
    return { url, verifier, state, nonce };
  }

  beforeAll(async () => {
    h = await createIdentityHarness();
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.app.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('not listening');
    base = `http://127.0.0.1:${address.port}`;
    issuer = `${base}/oidc`;
    // The operator: appointed as the CLI does, then an acr-high session opened for them directly
    // (certificate login is another module's; this is test setup, not a login path).
    const person = h.adult();
    await bootstrapOperator(h.test.platform, h.agencies.portalClient, person.fin);
    const identity = createIdentity(h.test.platform, h.agencies.portalClient);
    const accountId = await identity.ensureAccountForFin(person.fin);
    const { token } = await identity.startSession(
      accountId,
      { acr: 'high', amr: ['x509'] },
      { ip: '127.0.0.1', userAgent: 'test' },
    );
    operator = new FetchBrowser(base);
    operator.cookies.set('ehis_session', token);
  });
  afterAll(async () => {
    await h.close();
  });

  it('IAM-001-004-SSO: discovery at the issuer and at the root; the JWKS holds public ES256 and RS256 keys only', async () => {
    const atIssuer = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(atIssuer.status).toBe(200);
    const doc = (await atIssuer.json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/me`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      acr_values_supported: ['low', 'substantial', 'high'],
    });
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'fin']));
    expect(doc.claims_supported).toEqual(
      expect.arrayContaining(['sub', 'name', 'birthdate', 'fin', 'acr', 'amr']),
    );
    const atRoot = await fetch(`${base}/.well-known/openid-configuration`);
    expect(await atRoot.json()).toEqual(doc);
    const rfc8414 = await fetch(`${base}/.well-known/oauth-authorization-server/oidc`);
    expect(await rfc8414.json()).toEqual(doc);

    const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: JWK[] };
    expect(jwks.keys.map((k) => k.alg).sort()).toEqual(['ES256', 'RS256']);
    for (const key of jwks.keys) {
      expect(key).not.toHaveProperty('d');
      expect(key.use).toBe('sig');
      expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await expect(importJWK(key, key.alg)).resolves.toBeDefined();
    }
  });

  it('IAM-001-004-SSO IAM-004-5.2b: a relying party logs a citizen in with the authorization code flow and PKCE (openid-client); ID token and userinfo carry sub, name, birthdate, fin, acr', async () => {
    const credentials = await registerClient(true);
    const rp = await relyingParty(credentials);
    const { browser, userId, fin } = await citizen();
    const { url, verifier, state, nonce } = await authorizationUrl(rp, {
      scope: 'openid profile fin',
    });
    const { url: callback } = await browser.follow(url.href);
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    expect(callback.searchParams.get('code')).toBeTruthy();

    const tokens = await client.authorizationCodeGrant(rp, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    const claims = tokens.claims();
    const person = h.people.find((p) => p.fin === fin);
    expect(claims).toMatchObject({
      iss: issuer,
      aud: credentials.clientId,
      sub: userId,
      acr: 'low',
      amr: ['pwd'],
      fin,
    });
    expect(claims?.birthdate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(claims?.name).toBe(`${claims?.given_name as string} ${claims?.family_name as string}`);
    if (person !== undefined) expect(claims?.birthdate).toBe(person.birthDate);

    // The signature verifies with the published keys (jose, independently of openid-client).
    const idToken = tokens.id_token ?? '';
    const verified = await jwtVerify(idToken, createRemoteJWKSet(new URL(`${issuer}/jwks`)), {
      issuer,
      audience: credentials.clientId,
    });
    expect(verified.payload.sub).toBe(userId);

    const info = await client.fetchUserInfo(rp, tokens.access_token, userId);
    expect(info).toMatchObject({
      sub: userId,
      fin,
      name: claims?.name,
      birthdate: claims?.birthdate,
    });

    // Single sign-on: a second relying party logs the same browser in without a new login.
    const other = await relyingParty(await registerClient(false));
    const second = await authorizationUrl(other);
    const { url: back } = await browser.follow(second.url.href);
    const again = await client.authorizationCodeGrant(other, back, {
      pkceCodeVerifier: second.verifier,
      expectedState: second.state,
      expectedNonce: second.nonce,
    });
    expect(again.claims()).toMatchObject({ sub: userId, acr: 'low' });
    expect(again.claims()).not.toHaveProperty('fin');

    const audit = await sql<{ action: string; resource: string }>`
      SELECT action, resource FROM audit.entry
      WHERE action = 'identity.oidc-login' AND actor = ${`citizen:${fin}`}`.execute(
      h.test.platform.db.kysely,
    );
    expect(audit.rows.map((r) => r.resource)).toEqual(
      expect.arrayContaining([`oidc-client:${credentials.clientId}`]),
    );
  });

  it('IAM-001-004-SSO: when another person logs in on the same browser, the relying party gets that person, not the previous one', async () => {
    const rp = await relyingParty(await registerClient(false));
    const first = await citizen();
    const one = await authorizationUrl(rp);
    const { url: back1 } = await first.browser.follow(one.url.href);
    const tokens1 = await client.authorizationCodeGrant(rp, back1, {
      pkceCodeVerifier: one.verifier,
      expectedState: one.state,
      expectedNonce: one.nonce,
    });
    expect(tokens1.claims()?.sub).toBe(first.userId);

    // The first person logs out of EHİS; a second logs in on the same browser (same cookies).
    expect((await first.browser.api('POST', '/api/auth/logout')).status).toBe(204);
    const second = await citizen();
    first.browser.cookies.set('ehis_session', second.browser.cookies.get('ehis_session') ?? '');
    const two = await authorizationUrl(rp);
    const { url: back2 } = await first.browser.follow(two.url.href);
    const tokens2 = await client.authorizationCodeGrant(rp, back2, {
      pkceCodeVerifier: two.verifier,
      expectedState: two.state,
      expectedNonce: two.nonce,
    });
    expect(tokens2.claims()?.sub).toBe(second.userId);

    // After logout, the provider does not log anyone in silently: the login page comes first.
    expect((await first.browser.api('POST', '/api/auth/logout')).status).toBe(204);
    const three = await authorizationUrl(rp);
    const { url: landed } = await first.browser.follow(three.url.href);
    expect(landed.pathname).toBe('/login');
  });

  it('IAM-001-004-SSO: without an EHİS session the browser goes to the login page, and after logging in comes back through the interaction to the relying party', async () => {
    const rp = await relyingParty(await registerClient(false));
    const { browser, userId } = await citizen();
    expect((await browser.api('POST', '/api/auth/logout')).status).toBe(204);
    const { url, verifier, state, nonce } = await authorizationUrl(rp);
    const { url: landed, res } = await browser.follow(url.href);
    expect(landed.pathname).toBe('/login');
    const back = landed.searchParams.get('return') ?? '';
    expect(back).toMatch(/^\/oidc\/interaction\/[A-Za-z0-9_-]+$/);
    expect(landed.searchParams.has('acr')).toBe(false);
    expect(res?.status).toBe(200);

    // Another browser (no interaction cookie) cannot use the interaction address.
    const stranger = await new FetchBrowser(base).fetch(back);
    expect(stranger.status).toBe(400);
    expect(await stranger.json()).toMatchObject({ type: 'identity/oidc-interaction-expired' });

    // The login page logs the user in and goes to `return`, as the web app does.
    const login = await browser.api('POST', '/api/auth/login', credentialsOf.get(userId));
    expect(login.status).toBe(200);
    const { url: callback } = await browser.follow(back);
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    const tokens = await client.authorizationCodeGrant(rp, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    expect(tokens.claims()).toMatchObject({ sub: userId, acr: 'low', amr: ['pwd'] });
  });

  it('IAM-001-2.12: acr_values higher than the session sends the user to log in again with a stronger method', async () => {
    const rp = await relyingParty(await registerClient(false));
    const { browser } = await citizen();
    const before = await codes();
    const { url } = await authorizationUrl(rp, { acr_values: 'high' });
    const { url: landed } = await browser.follow(url.href);
    expect(landed.pathname).toBe('/login');
    expect(landed.searchParams.get('acr')).toBe('high');
    expect(landed.searchParams.get('return')).toMatch(/^\/oidc\/interaction\//);
    expect(await codes()).toBe(before);

    // A session of acr high (certificate) satisfies it: the ID token says acr high, amr x509.
    const strong = await authorizationUrl(rp, { acr_values: 'high' });
    const { url: back } = await operator.follow(strong.url.href);
    const tokens = await client.authorizationCodeGrant(rp, back, {
      pkceCodeVerifier: strong.verifier,
      expectedState: strong.state,
      expectedNonce: strong.nonce,
    });
    expect(tokens.claims()).toMatchObject({ acr: 'high', amr: ['x509'] });
  });

  it('IAM-001-004-SSO: an unknown client and a redirect_uri not registered are refused without a redirect', async () => {
    const credentials = await registerClient(false);
    const rp = await relyingParty(credentials);
    const { browser } = await citizen();
    const before = await codes();

    const { url } = await authorizationUrl(rp);
    url.searchParams.set('client_id', 'no-such-client-0000000');
    const unknown = await browser.fetch(url.href);
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('location')).toBeNull();
    expect(await unknown.json()).toMatchObject({ title: 'invalid_client' });

    const wrong = await authorizationUrl(rp);
    wrong.url.searchParams.set('redirect_uri', 'http://127.0.0.1:9/elsewhere');
    const res = await browser.fetch(wrong.url.href);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.json()).toMatchObject({ title: 'invalid_redirect_uri' });
    expect(await codes()).toBe(before);
  });

  it('IAM-001-004-SSO: an authorization request without PKCE is refused (invalid_request at the redirect_uri)', async () => {
    const rp = await relyingParty(await registerClient(false));
    const { browser } = await citizen();
    const before = await codes();
    const { url } = await authorizationUrl(rp);
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    const { url: back } = await browser.follow(url.href);
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(back.searchParams.has('code')).toBe(false);
    expect(await codes()).toBe(before);
  });

  it('IAM-001-004-SSO: scope fin from a client not allowed it is refused (invalid_scope), so no FİN leaves', async () => {
    const rp = await relyingParty(await registerClient(false));
    const { browser } = await citizen();
    const before = await codes();
    const { url } = await authorizationUrl(rp, { scope: 'openid profile fin' });
    const { url: back } = await browser.follow(url.href);
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('error')).toBe('invalid_scope');
    expect(back.searchParams.has('code')).toBe(false);
    expect(await codes()).toBe(before);
  });

  it('IAM-001-004-SSO: a revoked client can no longer log anyone in, and its tokens stop working', async () => {
    const credentials = await registerClient(true);
    const rp = await relyingParty(credentials);
    const { browser, userId } = await citizen();
    const first = await authorizationUrl(rp);
    const { url: back } = await browser.follow(first.url.href);
    const tokens = await client.authorizationCodeGrant(rp, back, {
      pkceCodeVerifier: first.verifier,
      expectedState: first.state,
      expectedNonce: first.nonce,
    });
    const revoke = await operator.api('DELETE', `/api/oidc/clients/${credentials.clientId}`);
    expect(revoke.status).toBe(204);

    await expect(client.fetchUserInfo(rp, tokens.access_token, userId)).rejects.toThrow();
    const before = await codes();
    const again = await authorizationUrl(rp);
    const res = await browser.fetch(again.url.href);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ title: 'invalid_client' });
    expect(await codes()).toBe(before);

    const twice = await operator.api('DELETE', `/api/oidc/clients/${credentials.clientId}`);
    expect(twice.status).toBe(404);
    expect(await twice.json()).toMatchObject({ type: 'identity/oidc-client-not-found' });
    const list = (await (await operator.api('GET', '/api/oidc/clients')).json()) as {
      clientId: string;
      revokedAt: string | null;
    }[];
    expect(list.find((c) => c.clientId === credentials.clientId)?.revokedAt).toBeTruthy();
    expect(JSON.stringify(list)).not.toContain(credentials.clientSecret);
  });

  it('IAM-001-004-SSO: only the operator registers clients; bad redirect URIs and unknown members are refused and nothing is stored', async () => {
    const count = async () =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM identity.oidc_client`.execute(
          h.test.platform.db.kysely,
        )
      ).rows[0]?.n;
    const before = await count();
    const body = { name: 'X', member: 'justice', redirectUris: [REDIRECT], allowFin: true };

    const anonymous = new FetchBrowser(base);
    const noSession = await anonymous.api('POST', '/api/oidc/clients', body);
    expect(noSession.status).toBe(401);
    const { browser } = await citizen();
    const notOperator = await browser.api('POST', '/api/oidc/clients', body);
    expect(notOperator.status).toBe(403);
    expect((await browser.api('GET', '/api/oidc/clients')).status).toBe(403);

    const bad = await operator.api('POST', '/api/oidc/clients', {
      ...body,
      redirectUris: ['http://rp.example.az/cb', 'https://rp.example.az/cb#x'],
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      type: 'platform/validation',
      errors: [{ pointer: '#/redirectUris/0' }, { pointer: '#/redirectUris/1' }],
    });
    const unknownMember = await operator.api('POST', '/api/oidc/clients', {
      ...body,
      member: 'no-such-member',
    });
    expect(unknownMember.status).toBeGreaterThanOrEqual(400);
    expect(unknownMember.status).toBeLessThan(500);
    expect(await count()).toBe(before);
  });
});
