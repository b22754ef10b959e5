import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium, MOBILE, saveScreenshot } from './browser.ts';

/**
 * Passkeys in a real Chromium with a CDP virtual authenticator (CTAP2, internal transport,
 * resident keys, user verification): add a passkey from the profile, log out, log in with it.
 * WebAuthn refuses IP addresses as relying party ids, so the page is opened at localhost.
 */
const baseUrl = inject('baseUrl').replace('://127.0.0.1:', '://localhost:');

interface DemoPerson {
  fin: string;
  idCardNumber: string | null;
  idCardStatus: string | null;
  tags: string[];
}

let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser.close();
});

/** Registers an unused demo adult through the API; returns the credentials. */
async function registeredCitizen(): Promise<{ username: string; password: string }> {
  const people = (await (await fetch(`${baseUrl}/api/demo/persons`)).json()) as DemoPerson[];
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const token = ((await csrf.json()) as { token: string }).token;
  const cookie = `ehis_csrf=${token}`;
  for (const person of people) {
    if (person.idCardStatus !== 'valid' || person.idCardNumber === null) continue;
    if (person.tags.join() !== 'adult') continue; // parents and guardians are left to other files
    const username = `passkey.${person.fin.toLowerCase()}`;
    const password = 'Bahar yağışı 9 dəfə yağdı';
    const res = await fetch(`${baseUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
      body: JSON.stringify({
        idCardNumber: person.idCardNumber,
        fin: person.fin,
        username,
        password,
      }),
    });
    if (res.status === 201) return { username, password };
  }
  throw new Error('no demo adult could be registered');
}

async function acrOf(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const res = await fetch('/api/me');
    return res.ok ? ((await res.json()) as { acr: string; amr: string[] }) : res.status;
  });
}

describe('passkeys (issue 4 item 2)', () => {
  it('a citizen adds a passkey in the profile, logs out, and logs in with it (acr substantial); pages are axe-clean', async () => {
    const { username, password } = await registeredCitizen();
    context = await browser.newContext({ viewport: MOBILE, locale: 'az-AZ' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await page.goto(`${baseUrl}/login?return=/profile`);
    await page.getByRole('tab', { name: 'İstifadəçi adı və şifrə' }).waitFor();
    await page.getByLabel('İstifadəçi adı', { exact: true }).fill(username);
    await page.getByLabel('Şifrə', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Daxil ol', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/profile');

    const section = page.getByRole('region', { name: 'Açarlar (passkey)' });
    await section.getByText('Hələ açarınız yoxdur.').waitFor();
    await section.getByLabel('Açarın adı').fill('Telefonum');
    await section.getByRole('button', { name: 'Açar əlavə et' }).click();
    await section.getByText('Açar əlavə edildi', { exact: false }).waitFor();
    await section.getByText('Telefonum', { exact: true }).waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'passkey-profile-mobile');

    await page.getByRole('button', { name: 'Çıxış' }).click();
    await expect.poll(() => acrOf(page)).toBe(401);

    await page.goto(`${baseUrl}/login?return=/profile#passkey`);
    const tab = page.getByRole('tab', { name: 'Açar (passkey)' });
    await tab.click();
    await page.getByRole('button', { name: 'Açarla daxil ol' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'passkey-login-mobile');
    await page.getByRole('button', { name: 'Açarla daxil ol' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/profile');
    expect(await acrOf(page)).toMatchObject({ acr: 'substantial', amr: ['passkey'] });
    await page.getByText('Əhəmiyyətli (passkey)').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('without a passkey for the site, the login says so and the user stays logged out', async () => {
    context = await browser.newContext({ viewport: MOBILE, locale: 'az-AZ' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await page.goto(`${baseUrl}/login#passkey`);
    await page.getByRole('tab', { name: 'Açar (passkey)' }).click();
    await page.getByRole('button', { name: 'Açarla daxil ol' }).click();
    await page.getByRole('alert').getByText('Açarla giriş alınmadı').waitFor({ timeout: 30_000 });
    expect(await acrOf(page)).toBe(401);
    expect(await axeViolations(page)).toEqual([]);
  });
});
