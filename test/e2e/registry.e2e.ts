import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, DESKTOP, launchChromium, MOBILE, saveScreenshot } from './browser.ts';
import { addOperatorCookies, loginAsDemoOperator, type OperatorSession } from './operator-login.ts';

/**
 * The e-services registry in a real browser (issue 5 item 7): a visitor finds a service with a
 * query without Azerbaijani letters; a provider's registry clerk submits a registration signed in
 * the page with their certificate; the operator approves it; the new service is in the catalogue
 * with its registry number. The demo start registered the 35 seed services (ES-000001…).
 */
const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
/** A provider that is also a member of the exchange, so the operator can invite its staff. */
const PROVIDER = 'internal-affairs';

interface DemoPerson {
  fin: string;
  idCardNumber: string | null;
  idCardStatus: string | null;
  firstName: string;
  lastName: string;
  tags: string[];
}

let browser: Browser;
const contexts: BrowserContext[] = [];
let operator: OperatorSession;

beforeAll(async () => {
  browser = await launchChromium();
  operator = await loginAsDemoOperator(baseUrl, dataDir);
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await browser.close();
});

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'az-AZ' });
  contexts.push(context);
  return context.newPage();
}

async function operatorPage(viewport: { width: number; height: number }): Promise<Page> {
  const page = await newPage(viewport);
  await addOperatorCookies(page.context(), baseUrl, operator);
  return page;
}

async function operatorPost(path: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      cookie: `ehis_session=${operator.session}; ehis_csrf=${operator.csrf}`,
      'x-csrf-token': operator.csrf,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
}

/**
 * A clerk the honest way: a demo adult registers with the ID card, logs in with the password,
 * takes a demo certificate (issueMyCertificate), and the operator makes them registry staff of
 * the provider (inviteStaff). Persons from the middle of the list: the seed clerks come from the
 * end, other journeys from the start or the end.
 */
async function makeClerk(page: Page): Promise<{ fin: string; p12: Buffer; password: string }> {
  const people = (await (await fetch(`${baseUrl}/api/demo/persons`)).json()) as DemoPerson[];
  const adults = people.filter(
    (p) => p.tags.join() === 'adult' && p.idCardStatus === 'valid' && p.idCardNumber !== null,
  );
  await page.request.get(`${baseUrl}/api/auth/csrf`);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'ehis_csrf')?.value ?? '';
  const headers = { 'x-csrf-token': csrf };
  const accountPassword = 'Reyestr katibi üçün şifrə 2026';
  for (const adult of adults.slice(Math.floor(adults.length / 2))) {
    const username = `reg.${adult.fin.toLowerCase()}`;
    const registered = await page.request.post(`${baseUrl}/api/auth/register`, {
      headers,
      data: {
        idCardNumber: adult.idCardNumber,
        fin: adult.fin,
        username,
        password: accountPassword,
      },
    });
    if (registered.status() !== 201) continue;
    const login = await page.request.post(`${baseUrl}/api/auth/login`, {
      headers,
      data: { username, password: accountPassword },
    });
    expect(login.status()).toBe(200);
    const issued = await page.request.post(`${baseUrl}/api/me/certificates`, { headers });
    expect(issued.status()).toBe(201);
    const { p12Base64, password } = (await issued.json()) as {
      p12Base64: string;
      password: string;
    };
    const invited = await operatorPost(`/api/agencies/${PROVIDER}/staff`, {
      fin: adult.fin,
      roles: [{ module: 'registry', role: 'staff' }],
      reason: 'E2E: reyestr üzrə məsul şəxs',
    });
    if (invited.status === 409) continue; // a seed clerk of this provider already
    expect(invited.status).toBe(201);
    // The password session ends; the cabinet needs the certificate login (acr high).
    await page.request.post(`${baseUrl}/api/auth/logout`, { headers });
    return { fin: adult.fin, p12: Buffer.from(p12Base64, 'base64'), password };
  }
  throw new Error('no demo adult left to register');
}

describe('public catalogue', () => {
  it('REG-003-4.3: a visitor finds a service by a query without Azerbaijani letters and opens it', async () => {
    const page = await newPage(MOBILE);
    await page.goto(`${baseUrl}/services`);
    await page.getByRole('heading', { level: 1, name: 'Elektron xidmətlər' }).waitFor();
    await page
      .getByRole('status')
      .getByText(/^Tapılan xidmətlər: \d+$/)
      .waitFor();
    await page.getByRole('heading', { level: 2, name: 'Qurumlar üzrə xidmətlər' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(MOBILE.width);
    await saveScreenshot(page, 'registry-catalog-az-mobile-360');

    await page.getByRole('searchbox', { name: 'Axtarış' }).fill('saglamliq karti');
    await page.getByRole('button', { name: 'Axtar' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?q=saglamliq+karti');
    await page.getByRole('status').getByText('Tapılan xidmətlər: 1').waitFor();
    const result = page.getByRole('link', {
      name: 'Vətəndaşlara elektron sağlamlıq kartı üzrə məlumatların verilməsi',
    });
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'registry-search-az-mobile-360');

    await result.click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/services\/ES-\d{6}$/);
    await page
      .getByRole('heading', {
        level: 1,
        name: 'Vətəndaşlara elektron sağlamlıq kartı üzrə məlumatların verilməsi',
      })
      .waitFor();
    // Interactive: identification is needed, with a login that comes back here.
    await page.getByText(/Bu interaktiv xidmətdir/).waitFor();
    const login = page.getByRole('main').getByRole('link', { name: 'Portala daxil olun' });
    expect(await login.getAttribute('href')).toBe(`/login?return=${new URL(page.url()).pathname}`);
    // The health-card service has its regulation (seed 000) published: the page links its PDF.
    const pdf = page.getByRole('link', { name: 'İnzibati reqlament (PDF)' });
    expect(await pdf.getAttribute('href')).toMatch(/^\/api\/services\/ES-\d{6}\/regulation\.pdf$/);
    // …and shows it on the page, on the Appendix 1 template (REG-003-9.8: open to everyone).
    await page.getByRole('heading', { level: 3, name: '1. Ümumi müddəalar' }).waitFor();
    await page
      .getByRole('heading', {
        level: 3,
        name: '3. Elektron xidmətin göstərilməsi üçün inzibati prosedurlar',
      })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(MOBILE.width);
    await saveScreenshot(page, 'registry-service-az-mobile-360');
  });

  it('REG-003-A1-3.1: filters are in the address; an informative service is open to everyone', async () => {
    const page = await newPage(DESKTOP);
    await page.goto(`${baseUrl}/services?type=informative&q=derman`);
    expect(await page.getByLabel('Növ').inputValue()).toBe('informative');
    await page.getByRole('status').getByText('Tapılan xidmətlər: 1').waitFor();
    await page.getByRole('link', { name: 'Dərman vasitələri haqqında məlumat verilməsi' }).click();
    await page.getByText(/Bu informativ xidmətdir: hamı üçün açıqdır/).waitFor();
    await page.getByText('Bu xidmətin inzibati reqlamenti hələ dərc edilməyib.').waitFor();
    expect(
      await page.getByRole('main').getByRole('link', { name: 'Portala daxil olun' }).count(),
    ).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'registry-service-informative-az-desktop-1280');

    // Browsing by agency is a link that sets the filter; "no result" is announced.
    await page.goto(`${baseUrl}/services`);
    await page
      .getByRole('link', { name: /^Səhiyyə Nazirliyi/ })
      .first()
      .click();
    await expect.poll(() => new URL(page.url()).search).toBe('?agency=health');
    await page
      .getByRole('status')
      .getByText(/^Tapılan xidmətlər: \d+$/)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'registry-catalog-agency-az-desktop-1280');
    await page.goto(`${baseUrl}/services?q=yoxdurbelesoz`);
    await page
      .getByRole('status')
      .getByText(/^Axtarışa uyğun xidmət tapılmadı/)
      .waitFor();
  });
});

describe('registration through the cabinet and the operator console', () => {
  it('REG-003-10.2 REG-003-A2-N2 REG-003-10.4b: a clerk submits a signed registration, the operator approves it, the service is in the catalogue', async () => {
    const clerkPage = await newPage(MOBILE);
    await clerkPage.goto(`${baseUrl}/`);
    const clerk = await makeClerk(clerkPage);

    // Without a strong login the cabinet offers one that comes back.
    await clerkPage.goto(`${baseUrl}/agency/registry`);
    const loginLink = clerkPage.getByRole('link', {
      name: 'Sertifikat və ya mobil imza ilə daxil olun',
    });
    await loginLink.click();
    await clerkPage.getByLabel('Sertifikat faylı (.p12, .pfx)').setInputFiles({
      name: 'clerk.p12',
      mimeType: 'application/x-pkcs12',
      buffer: clerk.p12,
    });
    await clerkPage.getByLabel('Faylın şifrəsi').fill(clerk.password);
    await clerkPage.getByRole('button', { name: 'Sertifikatla daxil ol' }).click();
    await expect.poll(() => new URL(clerkPage.url()).pathname).toBe('/agency/registry');
    await clerkPage.getByRole('heading', { level: 2, name: 'Yeni müraciət' }).waitFor();
    // A person may do registry work for several agencies (a seed clerk too): choose this one.
    const agencies = clerkPage.getByRole('combobox', { name: 'Qurum', exact: true });
    if ((await agencies.count()) > 0) await agencies.selectOption(PROVIDER);
    await clerkPage.locator('dd', { hasText: 'Daxili İşlər Nazirliyi' }).waitFor();

    // An empty form is refused here, field by field, before anything is signed.
    await clerkPage.getByRole('button', { name: 'E-imza ilə imzala və göndər' }).click();
    const summary = clerkPage
      .getByRole('alert')
      .filter({ hasText: 'Formada düzəldilməli sahələr var' });
    await summary.waitFor();
    expect(await summary.getByRole('link').count()).toBeGreaterThanOrEqual(10);
    expect(await axeViolations(clerkPage)).toEqual([]);
    await saveScreenshot(clerkPage, 'registry-cabinet-errors-az-mobile-360');

    const stamp = Date.now().toString(36);
    const nameAz = `Sınaq arayışının verilməsi ${stamp}`;
    await clerkPage.getByLabel('3. Elektron xidmətin adı (Azərbaycan dilində)').fill(nameAz);
    await clerkPage
      .getByLabel('Elektron xidmətin adı (ingilis dilində)')
      .fill(`Issuing a test certificate ${stamp}`);
    await clerkPage
      .getByLabel('5. Elektron xidmətin məzmunu (Azərbaycan dilində)')
      .fill('Vətəndaşa sınaq arayışı elektron qaydada verilir.');
    await clerkPage
      .getByLabel('Elektron xidmətin məzmunu (ingilis dilində)')
      .fill('A citizen receives a test certificate electronically.');
    await clerkPage.getByLabel('Normativ hüquqi akt 1').selectOption('decree-429-2011');
    await clerkPage.getByLabel('Akt 1: konkret maddə və bəndlər').fill('2-ci bənd');
    await clerkPage.getByRole('radio', { name: 'İnteraktiv' }).check();
    await clerkPage.getByRole('radio', { name: 'Ödənişsiz' }).check();
    await clerkPage.getByRole('checkbox', { name: 'Fiziki şəxslər' }).check();
    await clerkPage
      .getByLabel('10. Elektron xidmətin təqdim olunma yeri')
      .fill('https://www.e-gov.az/sinaq');
    const domain = clerkPage.getByLabel('Fəaliyyət sahəsi');
    const firstDomain = await domain.locator('option').nth(1).getAttribute('value');
    await domain.selectOption(firstDomain ?? '');
    await clerkPage.getByLabel('Sertifikat faylı (.p12, .pfx)').setInputFiles({
      name: 'clerk.p12',
      mimeType: 'application/x-pkcs12',
      buffer: clerk.p12,
    });
    await clerkPage.getByLabel('Faylın şifrəsi').fill(clerk.password);
    await clerkPage.getByRole('button', { name: 'E-imza ilə imzala və göndər' }).click();
    await expect
      .poll(() => clerkPage.locator('.success-message').textContent(), { timeout: 15_000 })
      .toMatch(
        new RegExp(
          `^“${nameAz}” üzrə müraciət göndərildi\\. Operator ona \\d{2}\\.\\d{2}\\.\\d{4} tarixinədək baxmalıdır\\.$`,
        ),
      );
    const pendingRow = clerkPage
      .getByRole('table', { name: 'Qurumun reyestrə müraciətləri' })
      .getByRole('row')
      .filter({ hasText: nameAz });
    await pendingRow.getByText('Baxılır').waitFor();
    expect(await axeViolations(clerkPage)).toEqual([]);
    await saveScreenshot(clerkPage, 'registry-cabinet-submitted-az-mobile-360');

    // The operator approves it in the console.
    const operatorView = await operatorPage(DESKTOP);
    await operatorView.goto(`${baseUrl}/operator/registry`);
    const table = operatorView.getByRole('table', { name: 'Reyestrə müraciətlər' });
    await table.waitFor({ timeout: 15_000 });
    const row = table.getByRole('row').filter({ hasText: nameAz });
    await row.waitFor();
    expect(await row.textContent()).toContain('Daxili İşlər Nazirliyi');
    await operatorView.getByRole('heading', { level: 2, name: 'İstifadə statistikası' }).waitFor();
    await operatorView.getByRole('table', { name: 'Xidmətlər və aylar üzrə istifadə' }).waitFor();
    expect(await axeViolations(operatorView)).toEqual([]);
    await saveScreenshot(operatorView, 'registry-operator-az-desktop-1280');
    await row.getByRole('button', { name: `“${nameAz}” üzrə müraciəti təsdiq et` }).click();
    const approved = operatorView.locator('.success-message');
    await expect
      .poll(() => approved.textContent())
      .toMatch(
        new RegExp(`^“${nameAz}” üzrə müraciət təsdiq edildi\\. Reyestr nömrəsi: ES-\\d{6}\\.$`),
      );
    const registryNumber = /ES-\d{6}/.exec((await approved.textContent()) ?? '')?.[0] ?? '';
    expect(registryNumber).toMatch(/^ES-\d{6}$/);

    // The console on a phone: the approved ones, stacked, nothing scrolls sideways.
    const operatorMobile = await operatorPage(MOBILE);
    await operatorMobile.goto(`${baseUrl}/operator/registry`);
    await operatorMobile.getByLabel('Vəziyyət').selectOption('approved');
    await operatorMobile.getByRole('table', { name: 'Reyestrə müraciətlər' }).waitFor();
    expect(await operatorMobile.evaluate('document.documentElement.scrollWidth')).toBe(
      MOBILE.width,
    );
    expect(await axeViolations(operatorMobile)).toEqual([]);
    await saveScreenshot(operatorMobile, 'registry-operator-az-mobile-360');

    // The clerk is told, and the catalogue has the service under its number.
    await clerkPage.reload();
    await clerkPage
      .getByText(`Müraciət təsdiq edildi: reyestr nömrəsi ${registryNumber}.`)
      .waitFor({ timeout: 15_000 });
    const visitor = await newPage(DESKTOP);
    await visitor.goto(`${baseUrl}/services?q=${encodeURIComponent(`sinaq arayisinin ${stamp}`)}`);
    await visitor.getByRole('status').getByText('Tapılan xidmətlər: 1').waitFor();
    const item = visitor.getByRole('listitem').filter({ hasText: registryNumber });
    await item.getByRole('link', { name: nameAz }).click();
    await expect.poll(() => new URL(visitor.url()).pathname).toBe(`/services/${registryNumber}`);
    await visitor.getByRole('heading', { level: 1, name: nameAz }).waitFor();
    expect(await axeViolations(visitor)).toEqual([]);
    await saveScreenshot(visitor, 'registry-new-service-az-desktop-1280');
  });
});
