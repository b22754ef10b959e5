import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, DESKTOP, launchChromium, MOBILE, saveScreenshot } from './browser.ts';

/**
 * Registration with the ID card, password login, the profile with "acting for" a minor child,
 * the data tracker and logout — the citizen's journey of issue 4 in a real browser against the
 * real server in demo mode.
 */
const baseUrl = inject('baseUrl');

interface DemoPerson {
  fin: string;
  idCardNumber: string | null;
  firstName: string;
  lastName: string;
  idCardStatus: string | null;
  tags: string[];
  relations: { minorChildren: string[] };
}

let browser: Browser;
let context: BrowserContext | undefined;
let people: DemoPerson[];

beforeAll(async () => {
  browser = await launchChromium();
  people = (await (await fetch(`${baseUrl}/api/demo/persons`)).json()) as DemoPerson[];
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser.close();
});

async function open(
  path: string,
  viewport: { width: number; height: number } = MOBILE,
): Promise<Page> {
  context = await browser.newContext({ viewport, locale: 'az-AZ' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`);
  return page;
}

async function fillRegistration(
  page: Page,
  values: { idCardNumber: string; fin: string; username: string; password: string },
): Promise<void> {
  await page.getByLabel('Şəxsiyyət vəsiqəsinin nömrəsi').fill(values.idCardNumber);
  await page.getByLabel('FİN (fərdi identifikasiya nömrəsi)').fill(values.fin);
  await page.getByLabel('İstifadəçi adı', { exact: true }).fill(values.username);
  await page.getByLabel('Şifrə', { exact: true }).fill(values.password);
  await page.getByRole('button', { name: 'Qeydiyyatdan keç' }).click();
}

describe('citizen identity journey', () => {
  it('IAM-000-3.1.1a IAM-000-3.3 IAM-000-1.8a: register with the ID card, log in, act for a child, see who used my data, log out', async () => {
    // The last such parent: files before this one take adults from the start of the list, and
    // the first adult is the demo operator.
    const parent = people.findLast(
      (p) =>
        p.tags.includes('parent') &&
        p.idCardStatus === 'valid' &&
        p.relations.minorChildren.some((fin) => people.some((c) => c.fin === fin)),
    );
    expect(parent, 'the demo list has a parent of a minor with a valid card').toBeDefined();
    if (parent === undefined || parent.idCardNumber === null) return;
    const child = people.find((p) => p.fin === parent.relations.minorChildren[0]);
    const username = `e2e.${parent.fin.toLowerCase()}`;
    const password = 'Qış gecəsi 7 ulduz sayırıq';

    const page = await open('/register');
    await page.getByRole('heading', { level: 1, name: 'Qeydiyyat' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A wrong FİN: one message that does not say which field was wrong; nothing stored.
    const wrongFin = parent.fin === '1234567' ? '7654321' : '1234567';
    await fillRegistration(page, {
      idCardNumber: parent.idCardNumber,
      fin: wrongFin,
      username,
      password,
    });
    const refusal = page.getByRole('alert');
    await refusal.getByText('Şəxsiyyət vəsiqəsi təsdiqlənmədi').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A weak password: the field says why.
    await fillRegistration(page, {
      idCardNumber: parent.idCardNumber,
      fin: parent.fin,
      username,
      password: 'password123',
    });
    await page.getByText('Bu şifrə çox geniş yayılıb', { exact: false }).first().waitFor();
    expect(await page.getByLabel('Şifrə', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await saveScreenshot(page, 'identity-register-errors-mobile');

    await fillRegistration(page, {
      idCardNumber: parent.idCardNumber,
      fin: parent.fin,
      username,
      password,
    });
    await page.getByText('Qeydiyyat tamamlandı').waitFor();
    await page.getByRole('link', { name: 'Girişə keçin' }).click();

    // Login: the password tab; a wrong password is refused with one message for both fields.
    await page.getByRole('heading', { level: 1, name: 'Sistemə giriş' }).waitFor();
    await page.getByRole('tab', { name: 'İstifadəçi adı və şifrə' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('İstifadəçi adı', { exact: true }).fill(username);
    await page.getByLabel('Şifrə', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Daxil ol', exact: true }).click();
    await page.getByText('İstifadəçi adı və ya şifrə yanlışdır').first().waitFor();
    await page.getByLabel('Şifrə', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Daxil ol', exact: true }).click();

    // The profile: data from the population register through the exchange.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/profile');
    await page.getByRole('heading', { level: 1, name: 'Şəxsi kabinet' }).waitFor();
    await page.getByText(parent.fin, { exact: true }).first().waitFor();
    await page.getByText('Aşağı (şifrə)').waitFor();
    expect(
      await page.getByRole('banner').getByRole('link', { name: parent.firstName }).count(),
    ).toBe(1);

    // Acting for the child: the banner says so on every page.
    if (child !== undefined) {
      const name = `${child.firstName} ${child.lastName}`;
      await page.getByRole('button', { name: `${name} adından hərəkət et` }).click();
      await page.getByText(`${name} adından hərəkət edirsiniz`).first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-profile-acting-mobile');
      await page
        .getByRole('region', { name: `${name} adından hərəkət edirsiniz` })
        .getByRole('button', { name: 'Özüm kimi davam et' })
        .click();
      await expect.poll(() => page.locator('.acting-banner').count()).toBe(0);
    }

    // Sessions: this one is listed as current.
    await page.getByRole('heading', { name: 'Sessiyalarım' }).waitFor();
    await page.getByText('Bu sessiya').waitFor();

    // Who used my data: the registration check by the portal is there with its legal basis.
    await page.goto(`${baseUrl}/data-access`);
    await page.getByRole('heading', { level: 1, name: 'Məlumatlarıma kim baxıb' }).waitFor();
    await page.getByText('internal-affairs/population/verify-id-card').first().waitFor();
    await page.getByText('citizen-registration').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'identity-data-access-mobile');

    // Log out: the header offers the login again, the profile asks to log in.
    await page.getByRole('button', { name: 'Çıxış' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Daxil ol' }).waitFor();
    await page.goto(`${baseUrl}/profile`);
    await page.getByText('Bu səhifəyə baxmaq üçün daxil olun.').waitFor();
  });

  it('the login page works in English and Russian and is axe-clean on a desktop', async () => {
    const page = await open('/login', DESKTOP);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { level: 1, name: 'Вход в систему' }).waitFor();
    await saveScreenshot(page, 'identity-login-desktop-ru');
  });
});
