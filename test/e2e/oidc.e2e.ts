import * as client from 'openid-client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium, MOBILE, saveScreenshot } from './browser.ts';
import { loginAsDemoOperator } from './operator-login.ts';

/**
 * Single sign-on in a real browser: a relying party (openid-client in the test) sends the browser
 * to /oidc/auth; the EHİS login page logs the citizen in and returns to the provider's interaction,
 * which redirects to the relying party with a code. A second relying-party login needs no login.
 */
const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const REDIRECT = 'http://127.0.0.1:65000/callback';

interface DemoPerson {
  fin: string;
  idCardNumber: string | null;
  idCardStatus: string | null;
  tags: string[];
}

let browser: Browser;
let context: BrowserContext | undefined;
let rp: client.Configuration;
let citizen: { username: string; password: string };

async function csrfHeaders(cookie = ''): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie } });
  const token = ((await res.json()) as { token: string }).token;
  return {
    'content-type': 'application/json',
    'x-csrf-token': token,
    cookie: `${cookie}${cookie === '' ? '' : '; '}ehis_csrf=${token}`,
  };
}

beforeAll(async () => {
  browser = await launchChromium();
  const operator = await loginAsDemoOperator(baseUrl, dataDir);
  const registered = await fetch(`${baseUrl}/api/oidc/clients`, {
    method: 'POST',
    headers: await csrfHeaders(`ehis_session=${operator.session}`),
    body: JSON.stringify({
      name: 'E2E kabineti',
      member: 'justice',
      redirectUris: [REDIRECT],
      allowFin: true,
    }),
  });
  expect(registered.status).toBe(201);
  const credentials = (await registered.json()) as { clientId: string; clientSecret: string };
  rp = await client.discovery(
    new URL(`${baseUrl}/oidc`),
    credentials.clientId,
    undefined,
    client.ClientSecretBasic(credentials.clientSecret),
    { execute: [client.allowInsecureRequests] },
  );

  const people = (await (await fetch(`${baseUrl}/api/demo/persons`)).json()) as DemoPerson[];
  for (const person of people.reverse()) {
    if (person.idCardStatus !== 'valid' || person.idCardNumber === null) continue;
    if (person.tags.join() !== 'adult') continue; // parents and guardians are left to other files
    const username = `sso.${person.fin.toLowerCase()}`;
    const password = 'Payız küləyi 5 yarpaq apardı';
    const res = await fetch(`${baseUrl}/api/auth/register`, {
      method: 'POST',
      headers: await csrfHeaders(),
      body: JSON.stringify({
        idCardNumber: person.idCardNumber,
        fin: person.fin,
        username,
        password,
      }),
    });
    if (res.status === 201) {
      citizen = { username, password };
      return;
    }
  }
  throw new Error('no demo adult could be registered');
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser.close();
});

async function startLogin(page: Page, scope = 'openid profile fin') {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(rp, {
    redirect_uri: REDIRECT,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  // Nobody listens at the relying party's address: the browser's request to it is what counts.
  await page.goto(url.href).catch(() => undefined);
  return { verifier, state, nonce };
}

/** The URL the browser was sent to at the relying party (with the code). */
function callback(page: Page): Promise<URL> {
  return page
    .waitForRequest((request) => request.url().startsWith(REDIRECT), { timeout: 20_000 })
    .then((request) => new URL(request.url()));
}

describe('single sign-on in the browser (issue 4 item 8)', () => {
  it('IAM-001-004-SSO: a relying party sends the citizen to EHİS, who logs in on the login page and comes back with a code; the second login is silent', async () => {
    context = await browser.newContext({ viewport: MOBILE, locale: 'az-AZ' });
    const page = await context.newPage();
    const first = await startLogin(page);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('return')).toMatch(/^\/oidc\/interaction\//);
    await page.getByRole('tab', { name: 'İstifadəçi adı və şifrə' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'oidc-login-mobile');
    await page.getByLabel('İstifadəçi adı', { exact: true }).fill(citizen.username);
    await page.getByLabel('Şifrə', { exact: true }).fill(citizen.password);
    const arrived = callback(page);
    await page.getByRole('button', { name: 'Daxil ol', exact: true }).click();

    const back = await arrived;
    const tokens = await client.authorizationCodeGrant(rp, back, {
      pkceCodeVerifier: first.verifier,
      expectedState: first.state,
      expectedNonce: first.nonce,
    });
    const claims = tokens.claims();
    expect(claims).toMatchObject({ acr: 'low', amr: ['pwd'] });
    expect(claims?.fin).toMatch(/^[0-9A-HJ-NP-Z]{7}$/);
    expect(claims?.birthdate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Single sign-on: the same browser is logged in to the relying party again without a form.
    const arrivedAgain = callback(page);
    const second = await startLogin(page, 'openid profile');
    const again = await client.authorizationCodeGrant(rp, await arrivedAgain, {
      pkceCodeVerifier: second.verifier,
      expectedState: second.state,
      expectedNonce: second.nonce,
    });
    expect(again.claims()?.sub).toBe(claims?.sub);
  });
});
