import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { readPkcs12 } from '../../src/identity/certificates/pkcs12.ts';

/** The cookies of an operator's session and its CSRF token (double submit). */
export interface OperatorSession {
  readonly session: string;
  readonly csrf: string;
  readonly fin: string;
}

function cookieValue(response: Response, name: string): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ''] = header.split(';');
    const [key, ...rest] = pair.split('=');
    if (key?.trim() === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Logs in as the demo operator the way the web app's certificate tab does, over HTTP: the server
 * wrote the demo operator's certificate to `<data dir>/demo/operator.p12` (its password beside
 * it) and made that person the operator at start; the challenge is signed with the key from the
 * file. The session then serves the API set-up and is put into browser contexts.
 */
export async function loginAsDemoOperator(
  baseUrl: string,
  dataDir: string,
): Promise<OperatorSession> {
  if (dataDir === '') throw new Error('the e2e data folder is unknown (EHIS_E2E_DATA_DIR)');
  const password = (await readFile(join(dataDir, 'demo', 'operator.p12.password'), 'utf8')).trim();
  const contents = readPkcs12(await readFile(join(dataDir, 'demo', 'operator.p12')), password);
  const key = await crypto.subtle.importKey(
    'pkcs8',
    contents.privateKeyPkcs8,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  const first = await fetch(`${baseUrl}/api/auth/csrf`);
  const csrf = cookieValue(first, 'ehis_csrf') ?? '';
  const headers = {
    cookie: `ehis_csrf=${csrf}`,
    'x-csrf-token': csrf,
    'content-type': 'application/json',
  };
  const challenge = (await (
    await fetch(`${baseUrl}/api/auth/certificate/challenge`, {
      method: 'POST',
      headers,
      body: '{}',
    })
  ).json()) as { challengeId: string; challenge: string };
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    new TextEncoder().encode(challenge.challenge),
  );
  const login = await fetch(`${baseUrl}/api/auth/certificate/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      challengeId: challenge.challengeId,
      certificate: Buffer.from(contents.certificateDer).toString('base64'),
      signature: Buffer.from(signature).toString('base64'),
    }),
  });
  const session = cookieValue(login, 'ehis_session');
  if (login.status !== 200 || session === undefined) {
    throw new Error(`certificate login failed: ${login.status} ${await login.text()}`);
  }
  const me = (await (
    await fetch(`${baseUrl}/api/me`, { headers: { cookie: `ehis_session=${session}` } })
  ).json()) as { fin: string };
  return { session, csrf, fin: me.fin };
}

/** Puts the operator's session into a browser context (set-up; the login itself is tested elsewhere). */
export async function addOperatorCookies(
  context: BrowserContext,
  baseUrl: string,
  operator: OperatorSession,
): Promise<void> {
  await context.addCookies([
    {
      name: 'ehis_session',
      value: operator.session,
      url: baseUrl,
      httpOnly: true,
      sameSite: 'Lax',
    },
    { name: 'ehis_csrf', value: operator.csrf, url: baseUrl, sameSite: 'Strict' },
  ]);
}
