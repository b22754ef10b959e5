import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, DESKTOP, launchChromium, MOBILE, saveScreenshot } from './browser.ts';
import { addOperatorCookies, loginAsDemoOperator, type OperatorSession } from './operator-login.ts';

/**
 * /agency/staff (IAM-004-5.2a, 5.2c) as the demo operator, who manages the staff of the platform's
 * own ministry (digital-development-transport); an agency head sees the same page for their
 * agency. The operator is logged in with the demo certificate (operator-login.ts).
 */

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const PAGE_PATH = '/agency/staff';
const CAPTION = 'digital-development-transport qurumunun əməkdaşları və rolları';

let browser: Browser;
let context: BrowserContext | undefined;
let operator: OperatorSession;

beforeAll(async () => {
  browser = await launchChromium();
  operator = await loginAsDemoOperator(baseUrl, dataDir);
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser.close();
});

async function openPage(
  viewport: { width: number; height: number } = DESKTOP,
  signedIn = true,
): Promise<Page> {
  context = await browser.newContext({ viewport, locale: 'az-AZ' });
  if (signedIn) await addOperatorCookies(context, baseUrl, operator);
  const page = await context.newPage();
  await page.goto(`${baseUrl}${PAGE_PATH}`);
  return page;
}

describe('agency staff page', () => {
  it('IAM-004-5.2a: invites a person with a staff role, lists them, and revokes the role with a reason', async () => {
    const persons = (await (await fetch(`${baseUrl}/api/demo/persons`)).json()) as {
      fin: string;
      firstName: string;
      lastName: string;
      tags: string[];
    }[];
    const person = persons.find((p) => p.tags.includes('adult') && p.fin !== operator.fin);
    if (person === undefined) throw new Error('no demo adult');
    const name = `${person.firstName} ${person.lastName}`;

    const page = await openPage();
    const staff = page.getByRole('table', { name: CAPTION });
    await staff.waitFor({ timeout: 15_000 });
    expect(await staff.locator(`tr[data-fin="${operator.fin}"]`).textContent()).toContain(
      'Operator — Məlumat mübadiləsi',
    );

    // The form checks the FİN and the modules before asking the server.
    await page.getByRole('button', { name: 'Dəvət et' }).click();
    expect(await page.getByText('Ən azı bir modul seçin.').count()).toBe(1);
    await page.getByRole('textbox', { name: 'FİN' }).fill(person.fin);
    await page.getByRole('checkbox', { name: 'Portal (müraciətlər və yazışma)' }).check();
    await page.getByRole('textbox', { name: 'Əsas (istəyə bağlı)' }).fill('Əmr № 7 (e2e)');
    await page.getByRole('button', { name: 'Dəvət et' }).click();
    await expect
      .poll(() => page.locator('.success-message').textContent())
      .toBe(`${name} əməkdaş kimi əlavə edildi.`);
    const invited = staff.locator(`tr[data-fin="${person.fin}"]`);
    await invited.waitFor();
    expect(await invited.textContent()).toContain('Əməkdaş — Portal (müraciətlər və yazışma)');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'agency-staff-az-desktop-1280');

    await invited.getByRole('button', { name: /rolunu ləğv et$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Səbəb' }).fill('Başqa idarəyə keçdi');
    await dialog.getByRole('button', { name: 'Ləğv et', exact: true }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => invited.count()).toBe(0);
    expect(await page.locator('.success-message').textContent()).toContain('rolu ləğv edildi.');
  });

  it('IAM-004-7.1.1: without a strong login the page offers one; at 360 px nothing scrolls sideways; axe finds nothing', async () => {
    const anonymous = await openPage(DESKTOP, false);
    const link = anonymous.getByRole('link', {
      name: 'Sertifikat və ya mobil imza ilə daxil olun',
    });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/login?return=/agency/staff&acr=high');
    expect(await axeViolations(anonymous)).toEqual([]);
    await context?.close();

    const page = await openPage(MOBILE);
    await page.getByRole('table', { name: CAPTION }).waitFor({ timeout: 15_000 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(MOBILE.width);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'agency-staff-az-mobile-360');
  });
});
