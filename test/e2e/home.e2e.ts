import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, DESKTOP, launchChromium, MOBILE, saveScreenshot } from './browser.ts';

const baseUrl = inject('baseUrl');

/** The home page heading in each language, straight from the requirement that az comes first. */
const HEADINGS = {
  az: 'Elektron Hökumət portalı',
  en: 'E-Government portal',
  ru: 'Портал электронного правительства',
} as const;
const LANGUAGE_NAMES = { az: 'Azərbaycanca', en: 'English', ru: 'Русский' } as const;
type Language = keyof typeof HEADINGS;
const LANGUAGES: readonly Language[] = ['az', 'en', 'ru'];

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

/** A fresh context per test: no language remembered in localStorage from an earlier test. */
async function openHome(viewport: { width: number; height: number } = DESKTOP): Promise<Page> {
  context = await browser.newContext({ viewport, locale: 'az-AZ' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  return page;
}

async function chooseLanguage(page: Page, language: Language): Promise<void> {
  await page
    .getByRole('group', { name: /Dili seçin|Choose language|Выберите язык/ })
    .getByRole('button', { name: LANGUAGE_NAMES[language] })
    .click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
}

/** Waits until the system status has loaded, so screenshots and axe see the settled page. */
async function waitForSettled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('.status-line--ok, .status-line--warning, .error-message').first().waitFor();
}

/**
 * Waits for the demo persons table. When it does not come, the message says what the server
 * answered, which is nearly always the cause (demo mode off, or the route missing).
 */
async function waitForDemoTable(page: Page): Promise<void> {
  try {
    await page.getByRole('table').first().waitFor({ timeout: 15_000 });
  } catch (error) {
    const response = await page.request.get(`${baseUrl}/api/demo/persons`);
    throw new Error(
      `the demo persons table did not appear; GET /api/demo/persons answered ${response.status()}: ${(await response.text()).slice(0, 300)}`,
      { cause: error },
    );
  }
}

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

describe('home page', () => {
  it('IAM-003-4.3: opens without logging in, in Azerbaijani by default, with the system status', async () => {
    const page = await openHome();
    expect(await htmlLang(page)).toBe('az');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe(HEADINGS.az);
    expect(await page.title()).toContain('Elektron Hökumət / EHİS');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Sistem' }).first().textContent())
      .toMatch(/^Sistem işləyir\. Verilənlər bazası: pglite, versiya: .+\.$/);
    // Landmarks a screen-reader user jumps between.
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('contentinfo').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Əsas naviqasiya' }).count()).toBe(1);
  });

  it('switching to English and Russian changes the text and <html lang>, and the choice persists', async () => {
    const page = await openHome();
    await waitForSettled(page);

    for (const language of ['en', 'ru', 'az'] as const) {
      // The API is asked in the chosen language, so its problem details come back translated.
      const healthRequest = page.waitForRequest((request) => request.url().endsWith('/api/health'));
      await chooseLanguage(page, language);
      expect((await healthRequest).headers()['accept-language']).toBe(language);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(HEADINGS[language]);
      const pressed = page.getByRole('button', { name: LANGUAGE_NAMES[language], pressed: true });
      expect(await pressed.count()).toBe(1);
    }

    await chooseLanguage(page, 'ru');
    await page.reload();
    expect(await htmlLang(page)).toBe('ru');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(HEADINGS.ru);
    expect(
      await page.getByRole('link', { name: 'Главная', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
  });

  it('OPS-004-2.2: mobile first — at 360×740 nothing scrolls sideways and every navigation item is visible', async () => {
    for (const language of LANGUAGES) {
      const page = await openHome(MOBILE);
      if (language !== 'az') await chooseLanguage(page, language);
      await waitForSettled(page);
      await waitForDemoTable(page);

      const pageWidth: unknown = await page.evaluate('document.documentElement.scrollWidth');
      expect(pageWidth).toBe(MOBILE.width);
      // The demo persons become stacked cards on a phone, so the table needs no sideways scroll.
      const tableOverflow: unknown = await page.evaluate(
        "(() => { const r = document.querySelector('.table-scroll'); return r.scrollWidth - r.clientWidth; })()",
      );
      expect(tableOverflow).toBe(0);
      const navigation = page.getByRole('navigation', { name: /naviqasiya|navigation|навигация/ });
      const links = navigation.getByRole('link');
      expect(await links.count()).toBe(5);
      for (const link of await links.all()) expect(await link.isVisible()).toBe(true);

      await saveScreenshot(page, `home-${language}-mobile-360`);
      await context?.close();
      context = undefined;
    }
  });

  it('OPS-004-2.2: the desktop layout renders, screenshot saved', async () => {
    const page = await openHome(DESKTOP);
    await waitForSettled(page);
    await waitForDemoTable(page);
    const pageWidth: unknown = await page.evaluate('document.documentElement.scrollWidth');
    expect(pageWidth).toBe(DESKTOP.width);
    await saveScreenshot(page, 'home-az-desktop-1280');
  });

  for (const language of LANGUAGES) {
    it(`POR-002-ACCESS: axe-core finds no accessibility violations on the home page (${language})`, async () => {
      const page = await openHome();
      if (language !== 'az') await chooseLanguage(page, language);
      await waitForSettled(page);
      await waitForDemoTable(page);
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  it('POR-002-ACCESS: axe-core finds no violations at the mobile width either', async () => {
    const page = await openHome(MOBILE);
    await waitForSettled(page);
    await waitForDemoTable(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('POR-002-ACCESS: the skip link is the first stop and moves focus to the main content', async () => {
    const page = await openHome();
    await waitForSettled(page);
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Əsas məzmuna keç' });
    expect(await skipLink.isVisible()).toBe(true);
    expect(await page.locator('a.skip-link:focus').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('main:focus').count()).toBe(1);
  });
});

describe('demo persons', () => {
  it('lists the seeded demo persons with name, FİN, ID card and tags, and filters them', async () => {
    const page = await openHome();
    await waitForDemoTable(page);
    const table = page.getByRole('table', { name: 'Demo şəxslərin siyahısı' });
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toEqual([
      'Soyad, ad, ata adı',
      'FİN',
      'Şəxsiyyət vəsiqəsi',
      'Doğum tarixi',
      'Etiketlər',
    ]);
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);

    // Searching by the first person's FİN narrows the list to that person.
    const fin = (await rows.first().locator('td').first().textContent()) ?? '';
    // FİN: seven characters of 0–9 and A–Z without I and O.
    expect(fin).toMatch(/^[0-9A-HJ-NP-Z]{7}$/);
    await page
      .getByRole('searchbox', { name: 'Ad, soyad, FİN və ya etiket üzrə axtarış' })
      .fill(fin);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: 'göstərilir' }).textContent()).toBe(
      'Cəmi 1 şəxsdən 1 göstərilir.',
    );

    // Tags are searchable by their translated label: "valideyn" lists the parents only.
    await page.getByRole('searchbox').fill('valideyn');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    for (const tags of await rows.locator('td:last-child').allTextContents()) {
      expect(tags).toContain('valideyn');
    }
  });
});

describe('loading and error states', () => {
  it('POR-002-ACCESS: an API problem is shown with its title and detail, in the chosen language, with a retry', async () => {
    context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.route('**/api/demo/persons', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'https://ehis.example/problems/unavailable',
          title: 'Service unavailable',
          detail: 'The population register does not answer.',
          status: 503,
        }),
      }),
    );
    await page.goto(`${baseUrl}/`);
    await chooseLanguage(page, 'en');
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toContain('The list of demo persons could not be loaded.');
    expect(await alert.textContent()).toContain(
      'Service unavailable: The population register does not answer.',
    );

    // The retry asks again; this time the real server answers.
    await page.unroute('**/api/demo/persons');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await waitForDemoTable(page);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('a network failure is explained in the chosen language', async () => {
    context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.route('**/api/health', (route) => route.abort('connectionrefused'));
    await page.goto(`${baseUrl}/`);
    await chooseLanguage(page, 'ru');
    const alert = page.getByRole('alert').filter({ hasText: 'состояние системы' });
    await expect.poll(() => alert.textContent()).toContain('Не удалось связаться с сервером.');
  });
});

describe('navigation', () => {
  it('every primary navigation item opens its page; unbuilt pages say "coming soon"', async () => {
    const page = await openHome();
    const navigation = page.getByRole('navigation', { name: 'Əsas naviqasiya' });
    const expected = [
      ['Müraciətlərim', '/requests', 'Müraciətlərim'],
      ['Sağlamlıq kartı', '/health-card', 'Elektron sağlamlıq kartı'],
    ] as const;
    for (const [linkName, path, heading] of expected) {
      const link = navigation.getByRole('link', { name: linkName });
      await link.click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(path);
      expect(await link.getAttribute('aria-current')).toBe('page');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
      expect(await page.getByText('Tezliklə', { exact: true }).count()).toBe(1);
      expect(await page.title()).toBe(`${heading} — Elektron Hökumət / EHİS`);
    }
    // Built pages: the catalogue of e-services is public (registry.e2e.ts tests it).
    await navigation.getByRole('link', { name: 'Elektron xidmətlər' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/services');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Elektron xidmətlər');
    expect(await page.getByText('Tezliklə', { exact: true }).count()).toBe(0);
    // The data tracker asks a visitor to log in first.
    const tracker = navigation.getByRole('link', { name: 'Məlumatlarıma kim baxıb' });
    await tracker.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/data-access');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Məlumatlarıma kim baxıb',
    );
    await page.getByText('Bu səhifəyə baxmaq üçün daxil olun.').waitFor();
    // A deep link works on a fresh load too (the server falls back to index.html).
    await page.goto(`${baseUrl}/health-card`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Elektron sağlamlıq kartı',
    );
    await page.goto(`${baseUrl}/no-such-page`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Səhifə tapılmadı');
  });
});
