import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium, MOBILE, saveScreenshot } from './browser.ts';

/**
 * E-signature certificate login in a real browser (IAM-002-LOGIN-5, IAM-003-12.1.1): a citizen
 * downloads a demo certificate on the profile page, logs out, and logs in with the certificate
 * tab; the file is opened and the challenge signed in the page (IAM-003-13.2).
 */
const baseUrl = inject('baseUrl');

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

/** Registers an adult nobody else uses and logs in with the password, in the page's context. */
async function registerAndLogIn(page: Page): Promise<string> {
  const people = (await (await fetch(`${baseUrl}/api/demo/persons`)).json()) as DemoPerson[];
  // From the end of the list: the first adult is the demo operator, other journeys start early.
  const adults = people
    .filter((p) => p.tags.join() === 'adult' && p.idCardStatus === 'valid' && p.idCardNumber)
    .reverse();
  await page.request.get(`${baseUrl}/api/auth/csrf`);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'ehis_csrf')?.value ?? '';
  const headers = { 'x-csrf-token': csrf };
  const password = 'Sertifikat üçün uzun şifrə 42';
  for (const adult of adults) {
    const username = `cert.${adult.fin.toLowerCase()}`;
    const registered = await page.request.post(`${baseUrl}/api/auth/register`, {
      headers,
      data: { idCardNumber: adult.idCardNumber, fin: adult.fin, username, password },
    });
    if (registered.status() !== 201) continue;
    const login = await page.request.post(`${baseUrl}/api/auth/login`, {
      headers,
      data: { username, password },
    });
    expect(login.status()).toBe(200);
    return adult.fin;
  }
  throw new Error('no demo adult left to register');
}

describe('e-signature certificate login', () => {
  it('IAM-002-LOGIN-5 IAM-003-12.1.1 IAM-003-13.2: download a demo certificate, log out, log in with it at acr high', async () => {
    context = await browser.newContext({
      viewport: MOBILE,
      locale: 'az-AZ',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    const fin = await registerAndLogIn(page);

    // The profile: "My certificates", empty, with the demo download.
    await page.goto(`${baseUrl}/profile`);
    await page.getByRole('heading', { level: 2, name: 'Sertifikatlarım' }).waitFor();
    await page.getByText('Sizin e-imza sertifikatınız yoxdur.').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Demo sertifikatı yüklə' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^ehis-${fin}-[0-9a-f]{8}\\.p12$`));
    const file = await download.path();
    const password = (await page.getByTestId('certificate-password').textContent()) ?? '';
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    await page.getByText('Qüvvədədir').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'certificate-profile-mobile');
    const p12 = await readFile(file);

    // Log out.
    await page.getByRole('button', { name: 'Çıxış' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Daxil ol' }).waitFor();

    // The certificate tab: a wrong password is told apart, locally, before anything is sent.
    await page.goto(`${baseUrl}/login#certificate`);
    await page.getByRole('tab', { name: 'E-imza sertifikatı' }).waitFor();
    expect(
      await page.getByRole('tab', { name: 'E-imza sertifikatı' }).getAttribute('aria-selected'),
    ).toBe('true');
    const fileInput = page.getByLabel('Sertifikat faylı (.p12, .pfx)');
    await fileInput.setInputFiles({
      name: 'mine.p12',
      mimeType: 'application/x-pkcs12',
      buffer: p12,
    });
    await page.getByLabel('Faylın şifrəsi').fill('not-the-password');
    await page.getByRole('button', { name: 'Sertifikatla daxil ol' }).click();
    await page.getByRole('alert').getByText('Fayl açılmadı: şifrə yanlışdır.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'certificate-login-wrong-password-mobile');

    await page.getByLabel('Faylın şifrəsi').fill(password);
    await page.getByRole('button', { name: 'Sertifikatla daxil ol' }).click();

    // Logged in at acr high: the profile says so, and the server agrees.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/profile');
    await page.getByText('Yüksək (e-imza, mobil imza)').waitFor();
    await page.getByText(fin, { exact: true }).first().waitFor();
    const me = (await (await page.request.get(`${baseUrl}/api/me`)).json()) as {
      acr: string;
      amr: string[];
      fin: string;
    };
    expect(me).toMatchObject({ acr: 'high', amr: ['x509'], fin });
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'certificate-login-profile-mobile');

    // Revoke it from the profile: the status changes and the certificate no longer logs in.
    await page.getByRole('button', { name: 'Ləğv et' }).click();
    await page.getByRole('button', { name: 'Bəli, ləğv et' }).click();
    await page.getByText('Sertifikat ləğv edildi.').waitFor();
    await page.getByText('Ləğv edilib', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Çıxış' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Daxil ol' }).waitFor();
    await page.goto(`${baseUrl}/login#certificate`);
    await page
      .getByLabel('Sertifikat faylı (.p12, .pfx)')
      .setInputFiles({ name: 'mine.p12', mimeType: 'application/x-pkcs12', buffer: p12 });
    await page.getByLabel('Faylın şifrəsi').fill(password);
    await page.getByRole('button', { name: 'Sertifikatla daxil ol' }).click();
    await page.getByRole('alert').getByText('Sertifikat ləğv edilib').waitFor();
    await saveScreenshot(page, 'certificate-login-revoked-mobile');
  });
});
