import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, DESKTOP, launchChromium, MOBILE, saveScreenshot } from './browser.ts';

/**
 * Mobile signature and smartphone QR login (IAM-002-LOGIN-6, IAM-002-LOGIN-7) with two browsers:
 * a desktop on the login page and a phone whose browser holds the device key (the /mobile page,
 * no store app). The QR payload is read from the page's link text, not decoded from the image.
 */
const baseUrl = inject('baseUrl');

interface DemoPerson {
  fin: string;
  idCardNumber: string | null;
  idCardStatus: string | null;
  tags: string[];
}

let browser: Browser;
let people: DemoPerson[];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  people = (await (await fetch(`${baseUrl}/api/demo/persons`)).json()) as DemoPerson[];
});
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});
afterAll(async () => {
  await browser.close();
});

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale: 'az-AZ',
    ...(viewport === MOBILE ? { isMobile: true, hasTouch: true } : {}),
  });
  contexts.push(context);
  return context.newPage();
}

/**
 * A citizen registered and logged in with a password in `page`'s browser (through the API): the
 * first of `candidates` nobody registered yet (other e2e files share the server).
 */
async function passwordLogin(
  page: Page,
  candidates: readonly DemoPerson[],
  suffix: string,
): Promise<DemoPerson> {
  const api = page.context().request;
  const { token } = (await (await api.get(`${baseUrl}/api/auth/csrf`)).json()) as {
    token: string;
  };
  const password = 'Telefonla giriş 2 dəqiqə';
  const headers = { 'x-csrf-token': token };
  for (const person of candidates) {
    const username = `mob.${suffix}.${person.fin.toLowerCase()}`;
    const registered = await api.post(`${baseUrl}/api/auth/register`, {
      headers,
      data: { idCardNumber: person.idCardNumber, fin: person.fin, username, password },
    });
    if (registered.status() === 409) continue;
    expect(registered.status(), await registered.text()).toBe(201);
    const login = await api.post(`${baseUrl}/api/auth/login`, {
      headers,
      data: { username, password },
    });
    expect(login.status()).toBe(200);
    return person;
  }
  throw new Error('no demo adult left to register');
}

/** The phone registers its device key on /mobile (demo activation: acr high). */
async function registerPhone(phone: Page, number: string): Promise<string> {
  await phone.goto(`${baseUrl}/mobile`);
  await phone.getByRole('heading', { level: 1, name: 'Mobil cihaz' }).waitFor();
  await phone.getByRole('heading', { name: 'Telefonu qeydiyyatdan keçirin' }).waitFor();
  await phone.getByLabel('Mobil nömrə').fill(number);
  await phone.getByLabel('Demo: cihazı yüksək səviyyədə aktivləşdir', { exact: false }).check();
  expect(await axeViolations(phone)).toEqual([]);
  await phone.getByRole('button', { name: 'Qeydiyyatdan keçir' }).click();
  await phone.getByRole('heading', { name: 'Bu telefon qeydiyyatdadır' }).waitFor();
  const mobileUserId = (await phone.locator('.mobile-user-id').textContent()) ?? '';
  expect(mobileUserId).toMatch(/^[0-9]{6}$/);
  await phone.getByText('Gözləyən sorğu yoxdur', { exact: false }).waitFor();
  expect(await axeViolations(phone)).toEqual([]);
  return mobileUserId;
}

async function me(page: Page): Promise<{ acr: string; amr: string[]; fin: string }> {
  const res = await page.context().request.get(`${baseUrl}/api/me`);
  return (await res.json()) as { acr: string; amr: string[]; fin: string };
}

describe('mobile signature and smartphone QR login', () => {
  const adults = () =>
    people.filter(
      (p) =>
        p.tags.includes('adult') &&
        !p.tags.includes('parent') &&
        p.idCardStatus === 'valid' &&
        p.idCardNumber !== null,
    );

  it('IAM-002-LOGIN-6: the desktop asks by phone number and mobile user id, the phone shows the same code and approves, the desktop logs in at acr high', async () => {
    const phone = await newPage(MOBILE);
    const person = await passwordLogin(phone, adults().reverse(), 'a');
    const mobileUserId = await registerPhone(phone, '+994501110001');

    const desktop = await newPage(DESKTOP);
    await desktop.goto(`${baseUrl}/login#mobile`);
    const tab = desktop.getByRole('tab', { name: 'Mobil imza' });
    await tab.waitFor();
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    expect(await axeViolations(desktop)).toEqual([]);
    await desktop.getByLabel('Mobil nömrə').fill('+994501110001');
    await desktop.getByLabel('Mobil istifadəçi ID').fill(mobileUserId);
    await desktop.getByRole('button', { name: 'Davam et' }).click();
    const code = desktop.locator('.verification-code');
    await code.waitFor();
    const verificationCode = (await code.textContent()) ?? '';
    expect(verificationCode).toMatch(/^[0-9]{4}$/);
    await desktop.getByText('Telefonda təsdiq gözlənilir…').waitFor();
    expect(await axeViolations(desktop)).toEqual([]);
    await saveScreenshot(desktop, 'mobile-login-desktop-waiting');

    // The phone's page polls its requests: the same code appears with approve and deny.
    const request = phone.locator('.device-request');
    await request.waitFor({ timeout: 15_000 });
    expect(await request.locator('.verification-code').textContent()).toBe(verificationCode);
    expect(await axeViolations(phone)).toEqual([]);
    await saveScreenshot(phone, 'mobile-login-phone-approval');
    await request.getByRole('button', { name: 'Təsdiqlə' }).click();
    await phone.getByText('Giriş təsdiqləndi. Kompüterə qayıdın.').waitFor();

    await expect.poll(() => new URL(desktop.url()).pathname, { timeout: 15_000 }).toBe('/profile');
    expect(await me(desktop)).toMatchObject({ fin: person.fin, acr: 'high', amr: ['mobile'] });
    await desktop.getByText('Yüksək (e-imza, mobil imza)').waitFor();
    // My devices: the phone is listed on the profile.
    await desktop.getByRole('heading', { name: 'Cihazlarım' }).waitFor();
    await desktop.getByRole('cell', { name: mobileUserId }).waitFor();
    expect(await axeViolations(desktop)).toEqual([]);
    await saveScreenshot(desktop, 'mobile-login-profile-devices-desktop');
  });

  it('IAM-002-LOGIN-7: the login page shows a QR code and its link; the phone opens the link, approves, and the waiting page logs in', async () => {
    const phone = await newPage(MOBILE);
    const person = await passwordLogin(phone, adults().reverse(), 'b');
    await registerPhone(phone, '+994501110002');

    const desktop = await newPage(DESKTOP);
    await desktop.goto(`${baseUrl}/login#qr`);
    await desktop.getByRole('tab', { name: 'Smartfon (QR)' }).waitFor();
    await desktop.getByRole('img', { name: 'Giriş üçün QR kod', exact: false }).waitFor();
    const link = desktop.getByTestId('qr-payload');
    const payload = (await link.textContent()) ?? '';
    expect(payload).toMatch(/\/mobile\/approve\/[0-9a-f-]{36}#[A-Za-z0-9_-]{32}$/);
    const verificationCode = (await desktop.locator('.verification-code').textContent()) ?? '';
    expect(await axeViolations(desktop)).toEqual([]);
    await saveScreenshot(desktop, 'qr-login-desktop');

    await phone.goto(payload);
    await phone.getByRole('heading', { level: 1, name: 'QR kodla giriş' }).waitFor();
    const request = phone.locator('.device-request');
    await request.waitFor();
    expect(await request.locator('.verification-code').textContent()).toBe(verificationCode);
    expect(await axeViolations(phone)).toEqual([]);
    await saveScreenshot(phone, 'qr-login-phone-approval');
    await request.getByRole('button', { name: 'Təsdiqlə' }).click();
    await phone.getByText('Giriş təsdiqləndi. Kompüterə qayıdın.').waitFor();

    await expect.poll(() => new URL(desktop.url()).pathname, { timeout: 15_000 }).toBe('/profile');
    expect(await me(desktop)).toMatchObject({ fin: person.fin, acr: 'high', amr: ['qr'] });
  });

  it('IAM-002-LOGIN-6: a login denied on the phone says so on the desktop and does not log in', async () => {
    const phone = await newPage(MOBILE);
    await passwordLogin(phone, adults().reverse(), 'c');
    const mobileUserId = await registerPhone(phone, '+994501110003');
    const desktop = await newPage(DESKTOP);
    await desktop.goto(`${baseUrl}/login#mobile`);
    await desktop.getByLabel('Mobil nömrə').fill('+994501110003');
    await desktop.getByLabel('Mobil istifadəçi ID').fill(mobileUserId);
    await desktop.getByRole('button', { name: 'Davam et' }).click();
    const request = phone.locator('.device-request');
    await request.waitFor({ timeout: 15_000 });
    await request.getByRole('button', { name: 'Rədd et' }).click();
    await phone.getByText('Giriş rədd edildi.').waitFor();
    await desktop.getByText('Giriş telefonda rədd edildi.').waitFor({ timeout: 15_000 });
    expect((await desktop.context().request.get(`${baseUrl}/api/me`)).status()).toBe(401);
    await desktop.getByRole('button', { name: 'Yenidən başla' }).waitFor();
    expect(await axeViolations(desktop)).toEqual([]);
  });
});
