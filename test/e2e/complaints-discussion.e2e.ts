import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium, MOBILE, saveScreenshot } from './browser.ts';
import { loginAsDemoOperator, type OperatorSession } from './operator-login.ts';

/**
 * Complaints and the public discussion of draft acts in a real browser (issue 6 items 8, 9, 13):
 * a staff member publishes a draft act through the API; a citizen logs in, files a complaint
 * about a registered service (the form is prefilled with the name from the population register)
 * and sends a proposal on the draft.
 */
const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
/** An agency that is a member of the exchange, so the operator can give its roles. */
const AGENCY = 'internal-affairs';

interface DemoPerson {
  fin: string;
  idCardNumber: string | null;
  idCardStatus: string | null;
  firstName: string;
  lastName: string;
  patronymic: string;
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

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: MOBILE, locale: 'az-AZ' });
  contexts.push(context);
  return context.newPage();
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

/** A draft act published by portal staff of AGENCY (the operator, given that role). */
async function publishDraft(title: string): Promise<string> {
  const invited = await operatorPost(`/api/agencies/${AGENCY}/staff`, {
    fin: operator.fin,
    roles: [{ module: 'portal', role: 'staff' }],
    reason: 'E2E: layihələrin dərci',
  });
  expect([201, 409]).toContain(invited.status);
  const published = await operatorPost('/api/draft-acts', {
    agency: AGENCY,
    title: { az: title, en: 'Draft rules on residence registration' },
    text: '1. Ümumi müddəalar\n1.1. Bu Qaydalar yaşayış yeri üzrə qeydiyyatı tənzimləyir.',
    closesAt: new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString(),
  });
  expect(published.status, await published.clone().text()).toBe(201);
  return ((await published.json()) as { draftActId: string }).draftActId;
}

/**
 * A demo adult registers with the ID card (API) and logs in with the password in the page.
 * Persons from the last quarter of the list, from its end backwards: other journeys take theirs
 * from the start, the middle, and the very end (seed clerks).
 */
async function logInCitizen(page: Page, returnTo: string): Promise<DemoPerson> {
  const people = (await (await fetch(`${baseUrl}/api/demo/persons`)).json()) as DemoPerson[];
  const adults = people.filter(
    (p) => p.tags.join() === 'adult' && p.idCardStatus === 'valid' && p.idCardNumber !== null,
  );
  await page.request.get(`${baseUrl}/api/auth/csrf`);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'ehis_csrf')?.value ?? '';
  const password = 'Şikayət və təklif üçün şifrə';
  const start = Math.floor(adults.length * 0.75);
  for (const adult of adults.slice(start, start + 40).reverse()) {
    const username = `por.${adult.fin.toLowerCase()}`;
    const registered = await page.request.post(`${baseUrl}/api/auth/register`, {
      headers: { 'x-csrf-token': csrf },
      data: { idCardNumber: adult.idCardNumber, fin: adult.fin, username, password },
    });
    if (registered.status() !== 201) continue;
    await page.goto(`${baseUrl}/login?return=${encodeURIComponent(returnTo)}`);
    await page.getByRole('tab', { name: 'İstifadəçi adı və şifrə' }).waitFor();
    await page.getByLabel('İstifadəçi adı', { exact: true }).fill(username);
    await page.getByLabel('Şifrə', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Daxil ol', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(returnTo);
    return adult;
  }
  throw new Error('no demo adult left to register');
}

describe('complaints and public discussion (issue 6 items 8, 9)', () => {
  it('POR-000-3.5.2b POR-002-DRAFTS-3: a citizen files a complaint, sees it under review, and sends a proposal on a draft act', async () => {
    const title = `Yaşayış yeri üzrə qeydiyyat Qaydalarının layihəsi ${Date.now()}`;
    const draftActId = await publishDraft(title);

    const page = await newPage();
    const citizen = await logInCitizen(page, '/complaints/new');

    // The complaint form, the name prefilled from the population register.
    await page.getByRole('heading', { level: 1, name: 'Şikayət vermək' }).waitFor();
    expect(await page.getByLabel('Ad', { exact: true }).inputValue()).toBe(citizen.firstName);
    expect(await page.getByLabel('Soyad', { exact: true }).inputValue()).toBe(citizen.lastName);
    const service = page.getByLabel('Şikayət etdiyiniz elektron xidmət');
    await expect.poll(() => service.locator('option').count()).toBeGreaterThan(1);
    const registryNumber =
      (await service.locator('option').nth(1).getAttribute('value')) ?? 'ES-000001';
    await service.selectOption(registryNumber);
    await page.getByLabel('Şikayətin mövzusu').fill('Xidmətin səhifəsi açılmır');
    await page.getByLabel('Şikayətin mətni').fill('Üç gündür ki, xidmətdən istifadə edə bilmirəm.');
    await page
      .getByLabel('Ünvan', { exact: true })
      .fill('Bakı şəhəri, Yasamal rayonu, Şərifzadə küç. 4');
    expect(await axeViolations(page)).toEqual([]);

    // No postal address, e-mail or workplace: refused, the three fields marked (000 §3.5.2).
    await page.getByRole('button', { name: 'Şikayəti göndər' }).click();
    await page.getByRole('alert').getByText('Şikayət göndərilmədi').waitFor();
    expect(
      await page.getByLabel('Elektron poçt ünvanı', { exact: true }).getAttribute('aria-invalid'),
    ).toBe('true');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Elektron poçt ünvanı', { exact: true }).fill('vetendas@example.az');
    await page.getByRole('button', { name: 'Şikayəti göndər' }).click();
    await page
      .getByText(/Şikayətiniz qəbul edildi\. Ona \d{2}\.\d{2}\.\d{4} tarixinədək/)
      .waitFor();
    await page.getByRole('link', { name: 'Şikayətlərimə bax' }).click();

    await expect.poll(() => new URL(page.url()).pathname).toBe('/complaints');
    await page.getByRole('heading', { level: 2, name: 'Xidmətin səhifəsi açılmır' }).waitFor();
    await page.getByText('Baxılır', { exact: true }).waitFor();
    await page.getByText(/^15 gün, \d{2}\.\d{2}\.\d{4} tarixinədək$/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'complaints-az-mobile-360');

    // The draft acts: listed, opened, commented.
    await page.goto(`${baseUrl}/discussions`);
    await page.getByRole('heading', { level: 1, name: 'Layihələrin ictimai müzakirəsi' }).waitFor();
    const link = page.getByRole('link', { name: title });
    await link.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await link.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/discussions/${draftActId}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('Hələ təklif göndərilməyib.').waitFor();
    await page.getByLabel('Təklifiniz').fill('1.1-ci bənddə müddət göstərilsin.');
    await page.getByRole('button', { name: 'Təklifi göndər' }).click();
    await page.getByText('Təklifiniz göndərildi.').waitFor();
    await page.getByText('1.1-ci bənddə müddət göstərilsin.').waitFor();
    await page.getByText('Sizin təklifiniz').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'discussion-az-mobile-360');

    const width: unknown = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBe(MOBILE.width);
  });

  it('POR-002-DRAFTS-3: a visitor reads a draft in English and is asked to log in to comment', async () => {
    const title = `Qaydaların layihəsi ${Date.now()}`;
    const draftActId = await publishDraft(title);
    const context = await browser.newContext({ viewport: MOBILE, locale: 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/discussions/${draftActId}`);
    await page
      .getByRole('group', { name: 'Dili seçin' })
      .getByRole('button', { name: 'English' })
      .click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page
      .getByRole('heading', { level: 1, name: 'Draft rules on residence registration' })
      .waitFor();
    await page.getByText('Open for proposals').waitFor();
    await page.getByText('Log in to send a proposal.').waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
