import { generateKeyPairSync } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { httpTransport, signRequest } from '../../src/exchange/client.ts';
import { axeViolations, DESKTOP, launchChromium, MOBILE, saveScreenshot } from './browser.ts';
import { addOperatorCookies, loginAsDemoOperator, type OperatorSession } from './operator-login.ts';

/**
 * The exchange operator console (/operator/exchange) against the real server in demo mode, which
 * attaches the population and civil-registry agencies at start: three members, six services and
 * six active grants for the portal. The operator is the demo operator, logged in with the
 * certificate the server wrote to its data folder (operator-login.ts). Monitoring needs real traffic, so beforeAll registers a
 * client member through the operator API and calls a service with it, once allowed and once
 * refused; the grant the revoke test revokes is that client's, so the portal's grants stay intact
 * for the other e2e files.
 */

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const CONSOLE_PATH = '/operator/exchange';
const PORTAL = 'digital-development-transport/portal';
const PERSON_BY_FIN = 'internal-affairs/population/person-by-fin';
const CLIENT_SUBSYSTEM = 'console-check';
const GRANTED_PURPOSE = 'console-check';

const MEMBERS = {
  'internal-affairs': 'Azərbaycan Respublikasının Daxili İşlər Nazirliyi',
  justice: 'Azərbaycan Respublikasının Ədliyyə Nazirliyi',
  'digital-development-transport':
    'Azərbaycan Respublikasının Rəqəmsal İnkişaf və Nəqliyyat Nazirliyi',
} as const;

/** The six services in the page's order (by id), with their Azerbaijani and English titles. */
const SERVICES = [
  ['internal-affairs/population/person-by-fin', 'FİN üzrə şəxs haqqında məlumat', 'Person by FİN'],
  [
    'internal-affairs/population/verify-id-card',
    'Şəxsiyyət vəsiqəsinin FİN ilə uyğunluğunun yoxlanılması',
    'Verify an ID card against a FİN',
  ],
  ['justice/civil-registry/birth-record', 'Doğum haqqında akt qeydi', 'Birth record'],
  [
    'justice/civil-registry/children-of',
    'Şəxsin uşaqları (doğum aktları üzrə)',
    'Children of a person (from birth records)',
  ],
  [
    'justice/civil-registry/guardianships-of',
    'Qəyyumluq və himayə (qəyyum və ya qəyyumluq altında olan kimi)',
    'Guardianships of a person (as guardian or as ward)',
  ],
  ['justice/civil-registry/parents-of', 'Şəxsin valideynləri', 'Parents of a person'],
] as const;

const HEADINGS = {
  az: [
    'Məlumat mübadiləsi: operator konsolu',
    'Üzvlər',
    'Xidmətlər',
    'Giriş icazələri',
    'Monitorinq',
  ],
  en: ['Data exchange: operator console', 'Members', 'Services', 'Access grants', 'Monitoring'],
  ru: [
    'Обмен данными: консоль оператора',
    'Участники',
    'Сервисы',
    'Разрешения на доступ',
    'Мониторинг',
  ],
} as const;
type Language = keyof typeof HEADINGS;
const LANGUAGE_NAMES: Record<Language, string> = {
  az: 'Azərbaycanca',
  en: 'English',
  ru: 'Русский',
};

// ---- API set-up: a client member that calls a service, for monitoring and the revoke test ----

async function operatorApi<T>(
  server: string,
  path: string,
  options: { body?: unknown } = {},
): Promise<T> {
  const { body } = options;
  const headers: Record<string, string> = {
    cookie: `ehis_session=${operator.session}; ehis_csrf=${operator.csrf}`,
    'x-csrf-token': operator.csrf,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/**
 * Registers a member and subsystem (the test holds its private key), grants it person-by-fin on
 * decree 429 article 3, and calls the service twice: with the granted purpose (200) and with
 * another (403 exchange/no-legal-basis). A unique code lets the suite run again on one server.
 * Returns the client as `member/subsystem`.
 */
async function createMonitoredClient(): Promise<string> {
  const member = `e2e-console-${Date.now().toString(36)}`;
  await operatorApi(baseUrl, '/api/exchange/members', {
    body: {
      code: member,
      nameAz: 'E2E sınaq qurumu',
      nameEn: 'E2E test body',
      legalForm: 'state-body',
    },
  });
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const { thumbprint } = await operatorApi<{ thumbprint: string }>(
    baseUrl,
    `/api/exchange/members/${member}/subsystems`,
    {
      body: {
        code: CLIENT_SUBSYSTEM,
        name: 'Operator console check',
        publicKeyJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
      },
    },
  );
  await operatorApi(baseUrl, '/api/exchange/grants', {
    body: {
      clientMember: member,
      clientSubsystem: CLIENT_SUBSYSTEM,
      providerMember: 'internal-affairs',
      providerSubsystem: 'population',
      service: 'person-by-fin',
      legalActId: 'decree-429-2011',
      legalArticle: '3',
      purposes: [GRANTED_PURPOSE],
    },
  });

  const persons = await operatorApi<{ fin: string }[]>(baseUrl, '/api/demo/persons');
  const fin = persons[0]?.fin;
  if (fin === undefined) throw new Error('demo mode seeded no persons');
  const identity = {
    member,
    subsystem: CLIENT_SUBSYSTEM,
    privateKey,
    certificateThumbprint: thumbprint,
  };
  const transport = httpTransport(baseUrl);
  const statuses: number[] = [];
  for (const purpose of [GRANTED_PURPOSE, 'not-granted']) {
    const jws = await signRequest(identity, PERSON_BY_FIN, {
      purpose,
      subjectFin: fin,
      body: { fin },
    });
    statuses.push((await transport(PERSON_BY_FIN, jws)).status);
  }
  expect(statuses).toEqual([200, 403]);
  return `${member}/${CLIENT_SUBSYSTEM}`;
}

// ---- browser helpers ----

let browser: Browser;
let context: BrowserContext | undefined;
/** The demo operator's session (certificate login), used by the API set-up and the pages. */
let operator: OperatorSession;
/** The client subsystem beforeAll registers and calls with (member/subsystem). */
let monitoredClient: string;

beforeAll(async () => {
  browser = await launchChromium();
  operator = await loginAsDemoOperator(baseUrl, dataDir);
  monitoredClient = await createMonitoredClient();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser.close();
});

/** The console in a new browser context, signed in as the operator unless `signedIn` is false. */
async function openConsole(
  options: { viewport?: { width: number; height: number }; signedIn?: boolean } = {},
): Promise<Page> {
  context = await browser.newContext({ viewport: options.viewport ?? DESKTOP, locale: 'az-AZ' });
  if (options.signedIn !== false) await addOperatorCookies(context, baseUrl, operator);
  const page = await context.newPage();
  await page.goto(`${baseUrl}${CONSOLE_PATH}`);
  return page;
}

async function chooseLanguage(page: Page, language: Language): Promise<void> {
  await page
    .getByRole('group', { name: /Dili seçin|Choose language|Выберите язык/ })
    .getByRole('button', { name: LANGUAGE_NAMES[language] })
    .click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
}

/** A section of the page: a <section> labelled by its h2. */
function section(page: Page, heading: string): Locator {
  return page.getByRole('region', { name: heading, exact: true });
}

function table(page: Page, caption: string): Locator {
  return page.getByRole('table', { name: caption, exact: true });
}

/** The body row whose row header or cells contain `text`. */
function row(tableLocator: Locator, text: string): Locator {
  return tableLocator.locator('tbody tr').filter({ hasText: text });
}

/** Waits until the lists and the monitoring period are on screen, for screenshots and axe. */
async function waitForSettled(page: Page): Promise<void> {
  for (const caption of [
    'Mübadilə üzvləri',
    'Dərc edilmiş xidmətlər',
    'Giriş icazələrinin siyahısı',
  ]) {
    await table(page, caption).waitFor({ timeout: 15_000 });
  }
  await page.getByText(/^Dövr: /).waitFor();
}

async function cellTexts(rowLocator: Locator): Promise<string[]> {
  return rowLocator.getByRole('cell').allTextContents();
}

// ---- tests ----

describe('operator console: lists', () => {
  it("EHIS-001-5.3.1: lists the members with status and subsystems, the six services and the portal's six active grants", async () => {
    const page = await openConsole();
    await waitForSettled(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(HEADINGS.az[0]);
    expect(await page.title()).toBe(`${HEADINGS.az[0]} — Elektron Hökumət / EHİS`);

    const members = table(page, 'Mübadilə üzvləri');
    expect(await members.getByRole('columnheader').allTextContents()).toEqual([
      'Üzv',
      'Kod',
      'Vəziyyət',
      'Alt sistemlər',
      'Əməliyyat',
    ]);
    for (const [code, name] of Object.entries(MEMBERS)) {
      const memberRow = row(members, name);
      expect(await memberRow.count()).toBe(1);
      const [codeCell, status, subsystems, action] = await cellTexts(memberRow);
      expect(codeCell).toBe(code);
      expect(status).toContain('fəaldır');
      expect(subsystems).not.toBe('');
      expect(action).toBe(`Fəaliyyəti dayandır ${code}`);
    }
    expect(await row(members, 'justice').getByRole('cell').nth(2).textContent()).toContain(
      'civil-registry',
    );

    const services = table(page, 'Dərc edilmiş xidmətlər');
    const serviceRows = services.locator('tbody tr');
    expect(await serviceRows.count()).toBe(6);
    for (const [index, [id, titleAz]] of SERVICES.entries()) {
      const serviceRow = serviceRows.nth(index);
      expect(await serviceRow.getByRole('rowheader').textContent()).toBe(titleAz);
      expect(await cellTexts(serviceRow)).toEqual([`${id}versiya 1`, 'məhdud girişli', '5.000 ms']);
    }

    const grants = table(page, 'Giriş icazələrinin siyahısı');
    const portalGrants = row(grants, PORTAL);
    expect(await portalGrants.count()).toBe(6);
    for (const grantRow of await portalGrants.all()) {
      expect(await grantRow.getByRole('cell').nth(3).textContent()).toMatch(/^qüvvədədir/);
    }
    // Legal basis: the act's Azerbaijani title from the catalogue, its number, date and article,
    // and who checked it (EHIS-001-5.1).
    const birthRecord = row(grants, 'justice/civil-registry/birth-record');
    expect(await birthRecord.getByRole('rowheader').textContent()).toContain(
      'Doğum haqqında akt qeydi',
    );
    const [client, legalBasis, purposes] = await cellTexts(birthRecord);
    expect(client).toBe(PORTAL);
    expect(legalBasis).toMatch(
      /^Mərkəzi icra hakimiyyəti orqanları tərəfindən elektron xidmətlərin göstərilməsi Qaydaları№ 191, 24\.11\.2011 tarixliYoxlayıb: system:bootstrap, \d\d\.\d\d\.\d{4} \d\d:\d\d$/,
    );
    expect(purposes).toBe('representation-check');
    const monitoredGrant = row(grants, monitoredClient);
    expect(await monitoredGrant.getByRole('cell').nth(1).textContent()).toContain(
      `№ 429, 23.05.2011 tarixli, maddə 3Yoxlayıb: operator:${operator.fin}, `,
    );
  });

  it('the footer links to the console; the primary navigation does not', async () => {
    context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    const primary = page.getByRole('navigation', { name: 'Əsas naviqasiya' });
    expect(await primary.getByRole('link', { name: 'Mübadilə operatoru' }).count()).toBe(0);
    const footerLink = page
      .getByRole('navigation', { name: 'Əlavə keçidlər' })
      .getByRole('link', { name: 'Mübadilə operatoru' });
    await footerLink.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(CONSOLE_PATH);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(HEADINGS.az[0]);
    expect(await footerLink.getAttribute('aria-current')).toBe('page');
  });
});

describe('operator console: actions', () => {
  it('EHIS-001-5.3.1, EHIS-001-5.3.2: suspends justice with a required reason, then reinstates it', async () => {
    const page = await openConsole();
    await waitForSettled(page);
    const members = table(page, 'Mübadilə üzvləri');
    const justice = row(members, MEMBERS.justice);

    // Escape closes the dialog and nothing happens.
    await justice.getByRole('button', { name: 'Fəaliyyəti dayandır justice' }).click();
    const dialog = page.getByRole('dialog', { name: 'justice üzvünün fəaliyyətini dayandırmaq' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    await justice.getByRole('button', { name: 'Fəaliyyəti dayandır justice' }).click();
    await dialog.waitFor();
    // The reason field has focus; the reason is required (at least three characters).
    const reason = dialog.getByRole('textbox', { name: 'Səbəb' });
    expect(await dialog.locator('textarea:focus').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Fəaliyyəti dayandır', exact: true }).click();
    expect(await dialog.getByText('Ən azı 3 simvoldan ibarət səbəb yazın.').count()).toBe(1);
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await saveScreenshot(page, 'operator-az-dialog-desktop-1280', { fullPage: false });

    const suspendReason = 'Planlı texniki xidmət (e2e)';
    await reason.fill(suspendReason);
    await dialog.getByRole('button', { name: 'Fəaliyyəti dayandır', exact: true }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect
      .poll(() => section(page, 'Üzvlər').getByRole('status').first().textContent())
      .toBe('justice üzvünün fəaliyyəti dayandırıldı.');
    await expect
      .poll(() => justice.getByRole('cell').nth(1).textContent())
      .toMatch(
        new RegExp(`^fəaliyyəti dayandırılıbSəbəb: ${escapeRegExp(suspendReason)}Dəyişib: `),
      );
    // The server agrees: the member is suspended with that reason.
    const suspended = await operatorApi<{ code: string; status: string; statusReason: string }[]>(
      baseUrl,
      '/api/exchange/members',
    );
    expect(suspended.find((member) => member.code === 'justice')).toMatchObject({
      status: 'suspended',
      statusReason: suspendReason,
    });

    const reinstateButton = justice.getByRole('button', { name: 'Bərpa et justice' });
    await reinstateButton.click();
    const reinstateDialog = page.getByRole('dialog', {
      name: 'justice üzvünün fəaliyyətini bərpa etmək',
    });
    await reinstateDialog.getByRole('textbox', { name: 'Səbəb' }).fill('Xidmət başa çatdı');
    await reinstateDialog.getByRole('button', { name: 'Bərpa et', exact: true }).click();
    await expect.poll(() => reinstateDialog.count()).toBe(0);
    await expect
      .poll(() => justice.getByRole('cell').nth(1).textContent())
      .toMatch(/^fəaldırSəbəb: Xidmət başa çatdı/);
    expect(await section(page, 'Üzvlər').getByRole('status').first().textContent()).toBe(
      'justice üzvünün fəaliyyəti bərpa edildi.',
    );
  });

  it('EHIS-001-5.1: revokes a grant with a reason; it shows as revoked, and the filter tells active from inactive', async () => {
    const page = await openConsole();
    await waitForSettled(page);
    const grants = table(page, 'Giriş icazələrinin siyahısı');
    const grant = row(grants, monitoredClient);
    await grant
      .getByRole('button', { name: `Ləğv et ${PERSON_BY_FIN} (${monitoredClient})` })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Giriş icazəsini ləğv etmək' });
    expect(await dialog.textContent()).toContain(
      `${monitoredClient} artıq bu icazə əsasında ${PERSON_BY_FIN} xidmətini çağıra bilməyəcək.`,
    );
    await dialog.getByRole('textbox', { name: 'Səbəb' }).fill('Sınaq başa çatdı');
    await dialog.getByRole('button', { name: 'Ləğv et', exact: true }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect
      .poll(() => grant.getByRole('cell').nth(3).textContent())
      .toMatch(/^ləğv edilib.*Ləğv tarixi: .*Səbəb: Sınaq başa çatdı$/);
    expect(await grant.getByRole('button').count()).toBe(0);
    expect(await section(page, 'Giriş icazələri').getByRole('status').first().textContent()).toBe(
      `${monitoredClient} üçün ${PERSON_BY_FIN} xidmətinə giriş icazəsi ləğv edildi.`,
    );

    // Each choice asks the API again (active=true / active=false); counts are read once the
    // answer is on screen, not while the section says it is loading.
    const filter = page.getByRole('combobox', { name: 'Göstər' });
    const countLine = section(page, 'Giriş icazələri').getByText(/^İcazələrin sayı: /);
    await filter.selectOption({ label: 'Yalnız qüvvədə olanlar' });
    await expect.poll(() => countLine.textContent()).toBe('İcazələrin sayı: 6');
    expect(await row(grants, PORTAL).count()).toBe(6);
    expect(await row(grants, monitoredClient).count()).toBe(0);
    await filter.selectOption({ label: 'Yalnız ləğv edilmiş və ya qüvvədə olmayanlar' });
    await expect.poll(() => countLine.textContent()).toBe('İcazələrin sayı: 1');
    expect(await row(grants, monitoredClient).count()).toBe(1);
    expect(await row(grants, PORTAL).count()).toBe(0);
  });
});

describe('operator console: monitoring', () => {
  it('OPS-000-3.4.2: shows calls, errors, refused calls and p50/p95/p99 per service and client, for the chosen window', async () => {
    const page = await openConsole();
    await waitForSettled(page);
    const monitoring = section(page, 'Monitorinq');
    const windowSelect = monitoring.getByRole('combobox', { name: 'Dövr' });
    expect(await windowSelect.inputValue()).toBe('1h');
    expect(await windowSelect.locator('option').allTextContents()).toEqual([
      'son 5 dəqiqə',
      'son 1 saat',
      'son 24 saat',
      'son 7 gün',
    ]);

    for (const window of ['5m', '7d'] as const) {
      const request = page.waitForRequest((r) => r.url().endsWith(`/monitoring?window=${window}`));
      await windowSelect.selectOption(window);
      await request;
      const calls = row(table(page, 'Xidmət və müştəri üzrə sorğular'), monitoredClient);
      await calls.waitFor();
      expect(await calls.getByRole('rowheader').textContent()).toBe(PERSON_BY_FIN);
      const [client, total, errors, refused, p50, p95, p99] = await cellTexts(calls);
      expect([client, total, errors, refused]).toEqual([monitoredClient, '2', '0', '1']);
      for (const latency of [p50, p95, p99]) expect(latency).toMatch(/^\d+(,\d)?$/);
    }
    expect(
      await table(page, 'Xidmət və müştəri üzrə sorğular')
        .getByRole('columnheader')
        .allTextContents(),
    ).toEqual([
      'Xidmət',
      'Müştəri',
      'Sorğular',
      'Xətalar',
      'Rədd edilib',
      'p50, ms',
      'p95, ms',
      'p99, ms',
    ]);
  });
});

describe('operator console: access', () => {
  it('IAM-004-7.1.1: without an operator session the console shows no data and offers a certificate or mobile-signature login that comes back here', async () => {
    const page = await openConsole({ signedIn: false });
    const notice = page.locator('.notice');
    await expect
      .poll(() => notice.textContent())
      .toContain('Bu səhifə qurum əməkdaşları və operatorlar üçündür.');
    const link = notice.getByRole('link', { name: 'Sertifikat və ya mobil imza ilə daxil olun' });
    expect(await link.getAttribute('href')).toBe('/login?return=/operator/exchange&acr=high');
    expect(await page.getByRole('table', { name: 'Mübadilə üzvləri' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'operator-az-login-required-desktop-1280');
    await link.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('acr')).toBe('high');
  });

  it('EHIS-001-5.3.1: an action the server refuses keeps the dialog open with the problem, and changes nothing', async () => {
    const page = await openConsole();
    await waitForSettled(page);
    // The session ends while the page is open (its cookie is gone): the action goes out without it.
    await context?.clearCookies({ name: 'ehis_session' });
    const justice = row(table(page, 'Mübadilə üzvləri'), MEMBERS.justice);
    await justice.getByRole('button', { name: 'Fəaliyyəti dayandır justice' }).click();
    const dialog = page.getByRole('dialog', { name: 'justice üzvünün fəaliyyətini dayandırmaq' });
    await dialog.getByRole('textbox', { name: 'Səbəb' }).fill('Planlı yoxlama');
    await dialog.getByRole('button', { name: 'Fəaliyyəti dayandır', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toContain('Əməliyyatı yerinə yetirmək mümkün olmadı.Giriş tələb olunur: ');
    expect(await alert.textContent()).toContain('operator rolu');
    expect(await dialog.isVisible()).toBe(true);
    const members = await operatorApi<{ code: string; status: string }[]>(
      baseUrl,
      '/api/exchange/members',
    );
    expect(members.find((member) => member.code === 'justice')?.status).toBe('active');
  });
});

describe('operator console: languages, accessibility, mobile', () => {
  it('switching language changes the headings, the titles and <html lang>', async () => {
    const page = await openConsole();
    await waitForSettled(page);
    for (const language of ['en', 'ru', 'az'] as const) {
      await chooseLanguage(page, language);
      const [h1, ...h2s] = HEADINGS[language];
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(h1);
      for (const heading of h2s) {
        expect(
          await page.getByRole('heading', { level: 2, name: heading, exact: true }).count(),
        ).toBe(1);
      }
      expect(await page.title()).toContain(h1);
      // Service titles: titleAz on an Azerbaijani page, titleEn otherwise.
      const [, titleAz, titleEn] = SERVICES[0];
      const firstService = page.locator('tbody tr', { hasText: PERSON_BY_FIN }).first();
      expect(await firstService.getByRole('rowheader').textContent()).toBe(
        language === 'az' ? titleAz : titleEn,
      );
    }
  });

  it('OPS-004-2.2: at 360 px nothing scrolls sideways; tables stack; screenshots saved', async () => {
    for (const language of ['az', 'en', 'ru'] as const) {
      const page = await openConsole({ viewport: MOBILE });
      if (language !== 'az') await chooseLanguage(page, language);
      await page.getByRole('table').nth(2).waitFor({ timeout: 15_000 });
      await page.locator('.result-count').last().waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(MOBILE.width);
      // Every table stacks into cards, so none needs a sideways scroll either.
      const overflow: unknown = await page.evaluate(
        "Math.max(...[...document.querySelectorAll('.table-scroll')].map((r) => r.scrollWidth - r.clientWidth))",
      );
      expect(overflow).toBe(0);
      await saveScreenshot(page, `operator-${language}-mobile-360`);
      await context?.close();
      context = undefined;
    }
  });

  it('the desktop layout renders, screenshot saved', async () => {
    const page = await openConsole();
    await waitForSettled(page);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(DESKTOP.width);
    await saveScreenshot(page, 'operator-az-desktop-1280');
  });

  it('POR-002-ACCESS: axe-core finds no violations on the console (az)', async () => {
    const page = await openConsole();
    await waitForSettled(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('POR-002-ACCESS: axe-core finds no violations at 360 px, nor with the reason dialog open', async () => {
    const page = await openConsole({ viewport: MOBILE });
    await waitForSettled(page);
    expect(await axeViolations(page)).toEqual([]);
    await row(table(page, 'Mübadilə üzvləri'), MEMBERS['internal-affairs'])
      .getByRole('button', { name: 'Fəaliyyəti dayandır internal-affairs' })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Fəaliyyəti dayandır', exact: true }).click();
    await dialog.getByText('Ən azı 3 simvoldan ibarət səbəb yazın.').waitFor();
    await saveScreenshot(page, 'operator-az-dialog-mobile-360', { fullPage: false });
    expect(await axeViolations(page)).toEqual([]);
  });

  for (const language of ['en', 'ru'] as const) {
    it(`POR-002-ACCESS: axe-core finds no violations on the console (${language})`, async () => {
      const page = await openConsole();
      await chooseLanguage(page, language);
      await page.getByRole('table').nth(2).waitFor({ timeout: 15_000 });
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
