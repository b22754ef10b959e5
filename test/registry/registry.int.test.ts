import type { webcrypto } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity, createStaff } from '../../src/identity/index.ts';
import { FixedClock } from '../../src/platform/time/clock.ts';
import { loadProviders, loadSeedServices } from '../../src/registry/data/index.ts';
import {
  canonicalJson,
  createRegistry,
  seedCatalog,
  SEED_ACTOR,
  type SeedCatalogResult,
} from '../../src/registry/index.ts';
import { createIdentityHarness, type IdentityHarness } from '../support/identity.ts';
import { signInAs, signInAsOperator, type SignedInBrowser } from '../support/operator.ts';

// Friday 8 May 2026, 10:00 in Baku. Victory Day (9 May) falls on the Saturday, so Monday 11 May
// is a day off too (Labour Code art. 105.5): working days matter.
const FRIDAY = '2026-05-08T06:00:00Z';
const PROVIDER = 'justice';
const OTHER_PROVIDER = 'internal-affairs';

interface Signer {
  readonly fin: string;
  readonly browser: SignedInBrowser['browser'];
  readonly certificate: string;
  readonly privateKey: webcrypto.CryptoKey;
}

interface ApplicationFieldsInput {
  kind: 'register' | 'modify' | 'cancel';
  registryNumber?: string;
  provider: string;
  nameAz: string;
  nameEn: string;
  otherExecutors: string[];
  contentAz: string;
  contentEn: string;
  legalBasis: { legalActId: string; clauses: string }[];
  type: 'informative' | 'interactive';
  paid: boolean;
  users: string[];
  webAddress: string;
  domain: string;
}

function fieldsFor(overrides: Partial<ApplicationFieldsInput> = {}): ApplicationFieldsInput {
  return {
    kind: 'register',
    provider: PROVIDER,
    nameAz: 'Nikah haqqında arayışın verilməsi',
    nameEn: 'Issuing a marriage certificate extract',
    otherExecutors: [],
    contentAz: 'Vətəndaşa nikahın dövlət qeydiyyatı haqqında arayış verilir.',
    contentEn: 'The citizen receives an extract on the state registration of a marriage.',
    legalBasis: [{ legalActId: 'decree-429-2011', clauses: '2-ci bənd' }],
    type: 'interactive',
    paid: false,
    users: ['natural-persons'],
    webAddress: 'https://e-gov.az/services/marriage-extract',
    domain: 'legal-services',
    ...overrides,
  };
}

describe('the e-services registry (issue 5 items 2, 4, 5, 6)', () => {
  let h: IdentityHarness;
  let clock: FixedClock;
  let operator: SignedInBrowser;
  let clerk: Signer;
  let otherClerk: Signer;
  let stranger: Signer;
  let seeded: SeedCatalogResult;

  const db = () => h.test.platform.db.kysely;

  async function count(table: string): Promise<number> {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(
      `registry.${table}`,
    )}`.execute(db());
    return r.rows[0]?.n ?? -1;
  }

  async function refusedAudits(action: string): Promise<{ actor: string; purpose: string }[]> {
    const r = await sql<{ actor: string; purpose: string }>`
      SELECT actor, purpose FROM audit.entry WHERE action = ${action} AND outcome = 'refused'
      ORDER BY seq`.execute(db());
    return r.rows;
  }

  /** A person with a staff-signature certificate of the platform CA and a session (acr high). */
  async function signer(fin: string, organization: string): Promise<Signer> {
    const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ]);
    const issued = await h.test.platform.ca.issueCertificate({
      profile: 'staff-signature',
      subject: { commonName: `Clerk ${fin}`, serialNumber: fin, organization, country: 'AZ' },
      publicKey: keys.publicKey,
      validDays: 365,
    });
    const session = await signInAs(h.test.platform, h.app, h.agencies.portalClient, fin);
    return { fin, browser: session.browser, certificate: issued.pem, privateKey: keys.privateKey };
  }

  async function sign(key: webcrypto.CryptoKey, fields: unknown): Promise<string> {
    const bytes = new TextEncoder().encode(canonicalJson(fields));
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, bytes);
    return Buffer.from(signature).toString('base64');
  }

  async function submit(by: Signer, fields: ApplicationFieldsInput, signWith = by) {
    return by.browser.post('/api/registry/applications', {
      fields,
      certificate: signWith.certificate,
      signature: await sign(signWith.privateKey, fields),
    });
  }

  async function decide(applicationId: string, body: { decision: string; reason?: string }) {
    return operator.browser.post(`/api/registry/applications/${applicationId}/decision`, body);
  }

  /** Submits and approves; returns the registry number. */
  async function register(fields: ApplicationFieldsInput): Promise<string> {
    const submitted = await submit(clerk, fields);
    expect(submitted.statusCode, submitted.body).toBe(201);
    const decided = await decide(submitted.json<{ applicationId: string }>().applicationId, {
      decision: 'approve',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    return decided.json<{ registryNumber: string }>().registryNumber;
  }

  async function invite(member: string, fin: string): Promise<void> {
    const res = await operator.browser.post(`/api/agencies/${member}/staff`, {
      fin,
      roles: [{ module: 'registry', role: 'staff' }],
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  beforeAll(async () => {
    clock = new FixedClock(FRIDAY);
    h = await createIdentityHarness({ clock });
    operator = await signInAsOperator(h.test.platform, h.app, {
      agencies: h.agencies,
      fin: h.adult().fin,
    });
    const clerkFin = h.adult().fin;
    const otherFin = h.adult().fin;
    await invite(PROVIDER, clerkFin);
    await invite(OTHER_PROVIDER, otherFin);
    clerk = await signer(clerkFin, 'Ədliyyə Nazirliyi');
    otherClerk = await signer(otherFin, 'Daxili İşlər Nazirliyi');
    stranger = await signer(h.adult().fin, 'none');

    // The seed catalogue, through the same flow, clerks from the register (issue 5 item 5).
    const identity = createIdentity(h.test.platform, h.agencies.portalClient);
    const staff = createStaff(h.test.platform, identity.sessions, h.agencies.portalClient);
    const seedClerks = Array.from({ length: 7 }, () => {
      const a = h.adult();
      return { fin: a.fin, firstName: a.firstName, lastName: a.lastName };
    });
    seeded = await seedCatalog({
      registry: createRegistry(h.test.platform, staff),
      ca: h.test.platform.ca,
      grantRegistryStaff: (fin, provider) =>
        staff.grantBySystem(
          fin,
          provider,
          { module: 'registry', role: 'staff' },
          { actor: SEED_ACTOR, reason: 'test seed' },
        ),
      clerks: seedClerks,
      operatorFin: operator.fin,
    });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('issue 5 item 5: the seeded catalogue holds every seed-002 service with its agency, each registered through a signed, approved application', async () => {
    const seeds = loadSeedServices();
    expect(seeded.registered).toBe(seeds.length);
    const res = await h.app.inject({ url: '/api/services?pageSize=100' });
    expect(res.statusCode).toBe(200);
    const list = res.json<{
      items: {
        registryNumber: string;
        name: { az: string };
        agency: { code: string; nameAz: string };
      }[];
      total: number;
    }>();
    expect(list.total).toBe(seeds.length);
    for (const seed of seeds) {
      const found = list.items.find((i) => i.name.az === seed.nameAz);
      expect(found, seed.key).toBeDefined();
      expect(found?.agency.code).toBe(seed.provider);
      expect(found?.agency.nameAz).toBe(
        loadProviders().find((p) => p.code === seed.provider)?.nameAz,
      );
    }
    // Every seeded service has an approved application with a stored certificate and signature.
    const apps = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM registry.application
      WHERE seed_key IS NOT NULL AND status = 'approved' AND length(certificate_der) > 100
        AND signature <> ''`.execute(db());
    expect(apps.rows[0]?.n).toBe(seeds.length);
    // Idempotent: a second run registers nothing and makes no new certificates.
    const identity = createIdentity(h.test.platform, h.agencies.portalClient);
    const staff = createStaff(h.test.platform, identity.sessions, h.agencies.portalClient);
    const certificates = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM pki.certificate`.execute(db());
    const again = await seedCatalog({
      registry: createRegistry(h.test.platform, staff),
      ca: h.test.platform.ca,
      grantRegistryStaff: () => Promise.resolve(false),
      clerks: Object.values(seeded.clerks).map((fin) => ({ fin, firstName: 'A', lastName: 'B' })),
      operatorFin: operator.fin,
    });
    expect(again).toMatchObject({ registered: 0, present: seeds.length });
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pki.certificate`.execute(
      db(),
    );
    expect(after.rows[0]?.n).toBe(certificates.rows[0]?.n);
  });

  it('REG-003-10.3 REG-003-10.4a REG-003-A2-N2: registry staff submit a signed registration; due in 3 working days (Friday before a holiday weekend → Thursday)', async () => {
    const before = await count('application');
    const fields = fieldsFor({ nameAz: 'Doğum haqqında şəhadətnamənin təkrar verilməsi' });
    const res = await submit(clerk, fields);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ applicationId: string; dueDate: string }>();
    // Fri 8 May + 3 working days: Sat 9, Sun 10 and Mon 11 (Victory Day moved) are off.
    expect(body.dueDate).toBe('2026-05-14');
    expect(await count('application')).toBe(before + 1);
    const stored = await sql<{ canonical_fields: string; submitted_by: string; status: string }>`
      SELECT canonical_fields, submitted_by, status FROM registry.application
      WHERE id = ${body.applicationId}`.execute(db());
    expect(stored.rows[0]).toEqual({
      canonical_fields: canonicalJson(fields),
      submitted_by: clerk.fin,
      status: 'pending',
    });
    // The operator sees it, not overdue; the clerk sees it; the other agency's clerk does not.
    const all = await operator.browser.get('/api/registry/applications?status=pending');
    expect(all.statusCode).toBe(200);
    expect(all.json<{ id: string; overdue: boolean; dueDate: string }[]>()).toContainEqual(
      expect.objectContaining({ id: body.applicationId, overdue: false, dueDate: '2026-05-14' }),
    );
    const mine = await clerk.browser.get('/api/registry/applications');
    expect(mine.json<{ id: string }[]>().map((a) => a.id)).toContain(body.applicationId);
    const theirs = await otherClerk.browser.get('/api/registry/applications');
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json<{ id: string }[]>().map((a) => a.id)).not.toContain(body.applicationId);
  });

  it('REG-003-10.4b REG-003-10.5 REG-003-10.8: approval assigns a unique number and notifies the agency; a modification is due in 1 working day and makes version 2; deciding twice is 409', async () => {
    const fields = fieldsFor({
      nameAz: 'Notariat arxivindən arayış',
      nameEn: 'Notary archive extract',
    });
    const submitted = await submit(clerk, fields);
    const { applicationId } = submitted.json<{ applicationId: string }>();
    const approved = await decide(applicationId, { decision: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    const { registryNumber } = approved.json<{ registryNumber: string }>();
    expect(registryNumber).toMatch(/^ES-\d{6}$/);

    const twice = await decide(applicationId, { decision: 'refuse', reason: 'again' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ type: 'registry/already-decided' });

    const notes = await clerk.browser.get(`/api/registry/notifications?provider=${PROVIDER}`);
    expect(notes.statusCode).toBe(200);
    expect(notes.json()).toContainEqual(
      expect.objectContaining({ applicationId, kind: 'approved', registryNumber }),
    );
    const notesOther = await otherClerk.browser.get(
      `/api/registry/notifications?provider=${PROVIDER}`,
    );
    expect(notesOther.statusCode).toBe(403);

    const service = await h.app.inject({ url: `/api/services/${registryNumber}` });
    expect(service.statusCode).toBe(200);
    expect(service.json()).toMatchObject({
      registryNumber,
      status: 'registered',
      version: 1,
      name: { az: 'Notariat arxivindən arayış' },
      agency: { code: PROVIDER },
      identificationRequired: true,
      regulation: null,
      legalBasis: [{ legalActId: 'decree-429-2011', clauses: '2-ci bənd' }],
    });

    const modification = fieldsFor({
      kind: 'modify',
      registryNumber,
      nameAz: 'Notariat arxivindən arayışın verilməsi',
      nameEn: 'Notary archive extract',
      type: 'informative',
    });
    const modified = await submit(clerk, modification);
    expect(modified.statusCode, modified.body).toBe(201);
    expect(modified.json<{ dueDate: string }>().dueDate).toBe('2026-05-12');
    await decide(modified.json<{ applicationId: string }>().applicationId, { decision: 'approve' });
    const after = await h.app.inject({ url: `/api/services/${registryNumber}` });
    expect(after.json()).toMatchObject({
      version: 2,
      name: { az: 'Notariat arxivindən arayışın verilməsi' },
      type: 'informative',
      identificationRequired: false,
    });

    const history = await clerk.browser.get(`/api/services/${registryNumber}/history`);
    expect(history.statusCode).toBe(200);
    const events = history.json<{
      events: { version: number; kind: string; fields: { nameAz: string } }[];
    }>().events;
    expect(events.map((e) => [e.version, e.kind, e.fields.nameAz])).toEqual([
      [1, 'register', 'Notariat arxivindən arayış'],
      [2, 'modify', 'Notariat arxivindən arayışın verilməsi'],
    ]);
    const foreign = await otherClerk.browser.get(`/api/services/${registryNumber}/history`);
    expect(foreign.statusCode).toBe(403);
  });

  it('REG-003-10.7 REG-003-10.4b: a cancelled service leaves the catalogue, keeps its number, which is never given again; it cannot be modified (409); an unknown number is 404', async () => {
    const number = await register(
      fieldsFor({ nameAz: 'Qovluqzibil xidməti', nameEn: 'Zyxwv service' }),
    );
    const cancel = await submit(
      clerk,
      fieldsFor({ kind: 'cancel', registryNumber: number, nameAz: 'Qovluqzibil xidməti' }),
    );
    expect(cancel.statusCode, cancel.body).toBe(201);
    expect(cancel.json<{ dueDate: string }>().dueDate).toBe('2026-05-12');
    await decide(cancel.json<{ applicationId: string }>().applicationId, { decision: 'approve' });

    const listed = await h.app.inject({ url: '/api/services?q=qovluqzibil' });
    expect(listed.json<{ total: number }>().total).toBe(0);
    const shown = await h.app.inject({ url: `/api/services/${number}` });
    expect(shown.json()).toMatchObject({ status: 'cancelled', version: 2 });

    const next = await register(
      fieldsFor({ nameAz: 'Qovluqzibil xidməti', nameEn: 'Zyxwv service' }),
    );
    expect(next).not.toBe(number);
    expect(Number(next.slice(3))).toBeGreaterThan(Number(number.slice(3)));

    const before = await count('application');
    const modifyCancelled = await submit(
      clerk,
      fieldsFor({ kind: 'modify', registryNumber: number }),
    );
    expect(modifyCancelled.statusCode).toBe(409);
    expect(modifyCancelled.json()).toMatchObject({ type: 'registry/service-cancelled' });
    const modifyUnknown = await submit(
      clerk,
      fieldsFor({ kind: 'modify', registryNumber: 'ES-999999' }),
    );
    expect(modifyUnknown.statusCode).toBe(404);
    expect(modifyUnknown.json()).toMatchObject({ type: 'registry/service-not-found' });
    expect(await count('application')).toBe(before);
    const unknown = await h.app.inject({ url: '/api/services/ES-999999' });
    expect(unknown.statusCode).toBe(404);
  });

  it('REG-003-A2: refusals — missing fields (400 with pointers), a registry number on a registration, a non-provider, another agency’s staff, acr low, a bad signature, someone else’s certificate, an unknown legal act; nothing is stored', async () => {
    const before = await count('application');
    const refusedBefore = (await refusedAudits('registry.application-submit')).length;

    const { contentAz: _c, users: _u, ...partial } = fieldsFor();
    const missing = await clerk.browser.post('/api/registry/applications', {
      fields: partial,
      certificate: clerk.certificate,
      signature: await sign(clerk.privateKey, partial),
    });
    expect(missing.statusCode).toBe(400);
    const pointers = missing.json<{ type: string; errors: { pointer: string }[] }>();
    expect(pointers.type).toBe('platform/validation');
    expect(pointers.errors.map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['#/fields/contentAz', '#/fields/users']),
    );

    const withNumber = await submit(clerk, fieldsFor({ registryNumber: 'ES-000001' }));
    expect(withNumber.statusCode).toBe(400);
    expect(withNumber.json()).toMatchObject({
      errors: [{ pointer: '#/fields/registryNumber' }],
    });
    const modifyWithout = await submit(clerk, fieldsFor({ kind: 'modify' }));
    expect(modifyWithout.statusCode).toBe(400);

    const nonProvider = await submit(stranger, fieldsFor());
    expect(nonProvider.statusCode).toBe(403);
    expect(nonProvider.json()).toMatchObject({ type: 'registry/not-provider-staff' });

    const otherAgency = await submit(otherClerk, fieldsFor());
    expect(otherAgency.statusCode).toBe(403);
    expect(otherAgency.json()).toMatchObject({ type: 'registry/not-provider-staff' });

    const weak = await signInAs(h.test.platform, h.app, h.agencies.portalClient, clerk.fin, 'low');
    const fields = fieldsFor();
    const low = await weak.browser.post('/api/registry/applications', {
      fields,
      certificate: clerk.certificate,
      signature: await sign(clerk.privateKey, fields),
    });
    expect(low.statusCode).toBe(403);
    expect(low.json()).toMatchObject({ type: 'identity/assurance-too-low' });

    // Signed over other fields than those sent.
    const tampered = await clerk.browser.post('/api/registry/applications', {
      fields: { ...fields, paid: true },
      certificate: clerk.certificate,
      signature: await sign(clerk.privateKey, fields),
    });
    expect(tampered.statusCode).toBe(422);
    expect(tampered.json()).toMatchObject({ type: 'registry/signature-invalid' });

    const garbage = await clerk.browser.post('/api/registry/applications', {
      fields,
      certificate: clerk.certificate,
      signature: Buffer.alloc(64, 7).toString('base64'),
    });
    expect(garbage.statusCode).toBe(422);
    expect(garbage.json()).toMatchObject({ type: 'registry/signature-invalid' });

    // A valid signature, but with another person's certificate and key.
    const someoneElse = await submit(clerk, fields, otherClerk);
    expect(someoneElse.statusCode).toBe(422);
    expect(someoneElse.json()).toMatchObject({ type: 'registry/certificate-not-submitters' });

    const notOurs = await clerk.browser.post('/api/registry/applications', {
      fields,
      certificate: 'MIIBkTCB+wIJAKHBfpegPjMCMA0GCSqGSIb3DQEBBQUAMBExDzANBgNVBAMMBnVudXNlZDAeFw0',
      signature: await sign(clerk.privateKey, fields),
    });
    expect(notOurs.statusCode).toBe(422);
    expect(notOurs.json()).toMatchObject({ type: 'registry/certificate-not-accepted' });

    const unknownAct = fieldsFor({ legalBasis: [{ legalActId: 'no-such-act', clauses: '1' }] });
    const act = await submit(clerk, unknownAct);
    expect(act.statusCode).toBe(422);
    expect(act.json()).toMatchObject({
      type: 'registry/unknown-legal-act',
      errors: [{ pointer: '#/fields/legalBasis/0/legalActId' }],
    });

    expect(await count('application')).toBe(before);
    const refused = (await refusedAudits('registry.application-submit')).slice(refusedBefore);
    expect(refused.map((r) => r.purpose)).toEqual([
      'not-provider-staff',
      'not-provider-staff',
      'signature',
      'signature',
      'certificate-not-submitters',
      'malformed',
    ]);
  });

  it('REG-003-10.4: the operator alone decides; refusing needs a reason (400); a refusal is told to the agency with its reason', async () => {
    const submitted = await submit(clerk, fieldsFor({ nameAz: 'Rədd ediləcək xidmət' }));
    const { applicationId } = submitted.json<{ applicationId: string }>();
    const byClerk = await clerk.browser.post(
      `/api/registry/applications/${applicationId}/decision`,
      {
        decision: 'approve',
      },
    );
    expect(byClerk.statusCode).toBe(403);
    const noReason = await decide(applicationId, { decision: 'refuse' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({
      type: 'registry/refusal-reason-required',
      errors: [{ pointer: '#/reason' }],
    });
    const blank = await decide(applicationId, { decision: 'refuse', reason: '   ' });
    expect(blank.statusCode).toBe(400);
    const still = await sql<{ status: string }>`
      SELECT status FROM registry.application WHERE id = ${applicationId}`.execute(db());
    expect(still.rows[0]?.status).toBe('pending');

    const refused = await decide(applicationId, {
      decision: 'refuse',
      reason: 'Hüquqi əsas natamamdır',
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', registryNumber: null });
    const notes = await clerk.browser.get('/api/registry/notifications');
    expect(notes.json()).toContainEqual(
      expect.objectContaining({ applicationId, kind: 'refused', reason: 'Hüquqi əsas natamamdır' }),
    );
    const unknown = await decide('00000000-0000-4000-8000-000000000000', { decision: 'approve' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ type: 'registry/application-not-found' });
  });

  it('REG-003-10.9: a pending application past its due date is flagged overdue on the operator’s list', async () => {
    const submitted = await submit(clerk, fieldsFor({ nameAz: 'Gecikən ərizə' }));
    const { applicationId } = submitted.json<{ applicationId: string }>();
    clock.set('2026-05-15T06:00:00Z'); // Friday: the Thursday due date has passed
    try {
      // A session of its own: the week-old one has expired at this clock.
      const later = await signInAs(h.test.platform, h.app, h.agencies.portalClient, operator.fin);
      const overdue = await later.browser.get('/api/registry/applications?overdue=true');
      expect(overdue.statusCode).toBe(200);
      const items = overdue.json<{ id: string; overdue: boolean }[]>();
      expect(items.map((a) => a.id)).toContain(applicationId);
      expect(items.every((a) => a.overdue)).toBe(true);
      const justice = await later.browser.get(`/api/registry/applications?provider=${PROVIDER}`);
      expect(justice.json<{ provider: string }[]>().every((a) => a.provider === PROVIDER)).toBe(
        true,
      );
    } finally {
      clock.set(FRIDAY);
    }
  });

  it('issue 5 item 4: the catalogue ignores case and Azerbaijani letters (sehiyye, SEHIYYE, saglamliq, usaq)', async () => {
    await register(
      fieldsFor({
        nameAz: 'Uşaq müavinətinin təyin edilməsi',
        nameEn: 'Assigning the child allowance',
        domain: 'family-women-children',
      }),
    );
    const names = async (q: string) =>
      (await h.app.inject({ url: `/api/services?q=${encodeURIComponent(q)}&pageSize=100` }))
        .json<{ items: { name: { az: string } }[] }>()
        .items.map((i) => i.name.az);
    const sehiyye = await names('sehiyye');
    expect(sehiyye.length).toBeGreaterThan(0);
    expect(sehiyye.every((n) => /səhiyyə/i.test(n))).toBe(true);
    expect(sehiyye).toContain(
      'Səhiyyə Nazirliyinə göndərilmiş sorğuların və məktubların icrasının müraciət edənlər tərəfindən onlayn izlənilməsi',
    );
    expect(await names('SEHIYYE')).toEqual(sehiyye);
    expect(await names('Səhiyyə')).toEqual(sehiyye);
    expect(await names('saglamliq')).toContain(
      'Vətəndaşlara elektron sağlamlıq kartı üzrə məlumatların verilməsi',
    );
    expect(await names('usaq')).toContain('Uşaq müavinətinin təyin edilməsi');
    expect(await names('UŞAQ')).toContain('Uşaq müavinətinin təyin edilməsi');
    expect(await names('usaq muavineti')).toEqual(['Uşaq müavinətinin təyin edilməsi']);
  });

  it('issue 5 item 4: ranking — a name match before a content match; whole word before prefix before substring', async () => {
    const base = { domain: 'statistics', nameEn: 'Ranking test' };
    await register(fieldsFor({ ...base, nameAz: 'Kvorax arayışı' })); // whole word in name
    await register(fieldsFor({ ...base, nameAz: 'Kvoraxlar reyestri' })); // prefix in name
    await register(fieldsFor({ ...base, nameAz: 'Antikvorax bölməsi' })); // substring in name
    await register(
      fieldsFor({ ...base, nameAz: 'Məlumat xidməti', contentAz: 'Kvorax haqqında məlumat.' }),
    ); // whole word in content only
    const res = await h.app.inject({ url: '/api/services?q=kvorax' });
    const body = res.json<{ items: { name: { az: string } }[]; total: number }>();
    expect(body.total).toBe(4);
    expect(body.items.map((i) => i.name.az)).toEqual([
      'Kvorax arayışı',
      'Kvoraxlar reyestri',
      'Antikvorax bölməsi',
      'Məlumat xidməti',
    ]);
  });

  it('issue 5 item 4: filters by agency, domain, type, paid and users, with paging; providers and domains are listed', async () => {
    const health = await h.app.inject({ url: '/api/services?agency=health&pageSize=5&page=2' });
    expect(health.statusCode).toBe(200);
    const page2 = health.json<{ items: { agency: { code: string } }[]; total: number }>();
    expect(page2.total).toBe(21);
    expect(page2.items).toHaveLength(5);
    expect(page2.items.every((i) => i.agency.code === 'health')).toBe(true);

    const informative = await h.app.inject({
      url: '/api/services?domain=social-protection&type=informative&paid=false&users=natural-persons',
    });
    const items = informative.json<{
      items: { domain: { code: string }; type: string; paid: boolean; users: string[] }[];
    }>().items;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item).toMatchObject({
        domain: { code: 'social-protection' },
        type: 'informative',
        paid: false,
      });
      expect(item.users).toContain('natural-persons');
    }
    const bad = await h.app.inject({ url: '/api/services?agency=nobody' });
    expect(bad.statusCode).toBe(400);

    const providers = await h.app.inject({ url: '/api/registry/providers' });
    expect(providers.json<unknown[]>()).toHaveLength(56);
    const domains = await h.app.inject({ url: '/api/registry/domains' });
    expect(domains.json<unknown[]>()).toHaveLength(29);
  });

  it('issue 5 item 6: uses are counted per service per month; only the operator reads them', async () => {
    const registry = createRegistry(
      h.test.platform,
      createStaff(
        h.test.platform,
        createIdentity(h.test.platform, h.agencies.portalClient).sessions,
        h.agencies.portalClient,
      ),
    );
    const number = await register(
      fieldsFor({ nameAz: 'İstifadə sayğacı', nameEn: 'Usage counter' }),
    );
    await registry.recordServiceUse(number);
    await registry.recordServiceUse(number);
    clock.set('2026-06-02T06:00:00Z');
    try {
      await registry.recordServiceUse(number);
    } finally {
      clock.set(FRIDAY);
    }
    await expect(registry.recordServiceUse('ES-999999')).rejects.toMatchObject({
      type: 'registry/service-not-found',
    });
    const usage = await operator.browser.get(`/api/registry/usage?registryNumber=${number}`);
    expect(usage.statusCode).toBe(200);
    expect(usage.json()).toEqual([
      { registryNumber: number, month: '2026-05', uses: 2 },
      { registryNumber: number, month: '2026-06', uses: 1 },
    ]);
    // The seed's September 2013 figures (002 ¶T-TOP10) are there too.
    const seededUsage = await operator.browser.get('/api/registry/usage?from=2013-09&to=2013-09');
    expect(seededUsage.json<unknown[]>().length).toBeGreaterThan(5);
    const byClerk = await clerk.browser.get('/api/registry/usage');
    expect(byClerk.statusCode).toBe(403);
  });
});
