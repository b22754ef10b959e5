import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity, createStaff } from '../../src/identity/index.ts';
import { FixedClock } from '../../src/platform/time/clock.ts';
import { createRegistry, seedCatalog, SEED_ACTOR } from '../../src/registry/index.ts';
import { createIdentityHarness, TestBrowser, type IdentityHarness } from '../support/identity.ts';
import { signInAs, signInAsOperator, type SignedInBrowser } from '../support/operator.ts';

// Monday 4 May 2026, 10:00 in Baku.
const START = '2026-05-04T06:00:00Z';
const DAY = 24 * 60 * 60 * 1000;

interface ComplaintBody {
  complaintId: string;
  requestId: string | null;
  registryNumber: string;
  agency: string;
  subjectFin: string;
  filedBy: string;
  status: 'received' | 'answered';
  periodDays: number;
  receivedOn: string;
  dueDate: string;
  overdue: boolean;
  extension: { extendedAt: string; reason: string } | null;
  answer: { text: string; answeredAt: string; courtNotice: string } | null;
  extendedBy: string | null;
  answeredBy: string | null;
}

describe('complaints (issue 6 item 8; 000 §3.5)', () => {
  let h: IdentityHarness;
  let clock: FixedClock;
  let healthService: string; // a registered service of the Ministry of Health
  let otherService: string; // a service of another provider
  let otherProvider: string;
  const fins = { citizen: '', other: '', clerk: '', head: '', foreignClerk: '', outsider: '' };
  const as: Record<keyof typeof fins, SignedInBrowser> = {} as never;

  const db = () => h.test.platform.db.kysely;
  async function count(): Promise<number> {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM complaints.complaint`.execute(
      db(),
    );
    return r.rows[0]?.n ?? -1;
  }
  async function row(id: string) {
    const r = await sql<Record<string, unknown>>`
      SELECT * FROM complaints.complaint WHERE id = ${id}`.execute(db());
    return r.rows[0];
  }
  async function audits(action: string, outcome: string): Promise<number> {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit.entry
      WHERE action = ${action} AND outcome = ${outcome}`.execute(db());
    return r.rows[0]?.n ?? -1;
  }

  /** Sessions end after 30 idle minutes: after moving the clock by days, everyone signs in again. */
  async function signInAll(): Promise<void> {
    const portal = h.agencies.portalClient;
    for (const key of Object.keys(fins) as (keyof typeof fins)[]) {
      as[key] = await signInAs(
        h.test.platform,
        h.app,
        portal,
        fins[key],
        key === 'citizen' || key === 'other' ? 'low' : 'high',
      );
    }
  }

  function complaint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      registryNumber: healthService,
      subject: 'Sağlamlıq kartının məlumatları açılmır',
      text: 'Üç gündür ki, elektron sağlamlıq kartına daxil ola bilmirəm; səhifə xəta verir.',
      firstName: 'Əli',
      lastName: 'Məmmədov',
      patronymic: 'Vüqar oğlu',
      address: 'Bakı şəhəri, Nəsimi rayonu, Azadlıq prospekti 10, mənzil 5',
      email: 'ali@example.az',
      ...overrides,
    };
  }

  async function file(who: SignedInBrowser, overrides: Record<string, unknown> = {}) {
    const res = await who.browser.post('/api/complaints', complaint(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ complaintId: string; dueDate: string }>();
  }

  beforeAll(async () => {
    clock = new FixedClock(START);
    h = await createIdentityHarness({ clock });
    const operator = await signInAsOperator(h.test.platform, h.app, {
      agencies: h.agencies,
      fin: h.adult().fin,
    });
    const identity = createIdentity(h.test.platform, h.agencies.portalClient);
    const staff = createStaff(h.test.platform, identity.sessions, h.agencies.portalClient);
    const clerks = Array.from({ length: 7 }, () => {
      const a = h.adult();
      return { fin: a.fin, firstName: a.firstName, lastName: a.lastName };
    });
    await seedCatalog({
      registry: createRegistry(h.test.platform, staff),
      ca: h.test.platform.ca,
      grantRegistryStaff: (fin, provider) =>
        staff.grantBySystem(
          fin,
          provider,
          { module: 'registry', role: 'staff' },
          { actor: SEED_ACTOR, reason: 'test seed' },
        ),
      clerks,
      operatorFin: operator.fin,
    });
    const list = await h.app.inject({ url: '/api/services?pageSize=100' });
    const items = list.json<{ items: { registryNumber: string; agency: { code: string } }[] }>()
      .items;
    healthService = items.find((s) => s.agency.code === 'health')?.registryNumber ?? '';
    const other = items.find((s) => s.agency.code !== 'health');
    otherService = other?.registryNumber ?? '';
    otherProvider = other?.agency.code ?? '';
    if (healthService === '' || otherService === '') throw new Error('seed services missing');

    for (const key of Object.keys(fins) as (keyof typeof fins)[]) fins[key] = h.adult().fin;
    const grant = (fin: string, member: string, module: 'portal' | '*', role: 'staff' | 'head') =>
      staff.grantBySystem(fin, member, { module, role }, { actor: SEED_ACTOR, reason: 'test' });
    await grant(fins.clerk, 'health', 'portal', 'staff');
    await grant(fins.head, 'health', '*', 'head');
    await grant(fins.foreignClerk, otherProvider, 'portal', 'staff');
    await signInAll();
  }, 240_000);

  afterAll(async () => {
    await h?.close();
  });

  it('the OpenAPI document names the operations of complaints and draft acts (issue 6 operation ids)', async () => {
    const doc = (await h.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { operationId?: string }>>;
    }>();
    const ids = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops).map((op) => op.operationId),
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        'fileComplaint',
        'listMyComplaints',
        'getComplaint',
        'listAgencyComplaints',
        'extendComplaint',
        'answerComplaint',
        'listDraftActs',
        'getDraftAct',
        'publishDraftAct',
        'commentOnDraftAct',
        'publishDraftActSummary',
      ]),
    );
  });

  it('POR-000-3.5.2b POR-000-3.5.3 POR-003-5.1.4: a citizen files a complaint about a service; due in 15 calendar days; listed and readable with status received', async () => {
    const auditsBefore = await audits('complaints.file', 'success');
    const filed = await file(as.citizen, { requestId: 'REQ-2026-000123', workplace: 'Məktəb 5' });
    expect(filed.complaintId).toMatch(/^[0-9a-f-]{36}$/);
    expect(filed.dueDate).toBe('2026-05-19');
    const stored = await row(filed.complaintId);
    expect(stored).toMatchObject({
      filed_by: fins.citizen,
      subject_fin: fins.citizen,
      request_id: 'REQ-2026-000123',
      registry_number: healthService,
      agency: 'health',
      patronymic: 'Vüqar oğlu',
      email: 'ali@example.az',
      workplace: 'Məktəb 5',
      postal_address: null,
      received_on: '2026-05-04',
      period_days: 15,
      due_on: '2026-05-19',
      status: 'received',
    });
    expect(await audits('complaints.file', 'success')).toBe(auditsBefore + 1);

    const mine = await as.citizen.browser.get('/api/me/complaints');
    expect(mine.statusCode, mine.body).toBe(200);
    const listed = mine.json<ComplaintBody[]>().find((c) => c.complaintId === filed.complaintId);
    expect(listed).toMatchObject({
      status: 'received',
      dueDate: '2026-05-19',
      periodDays: 15,
      overdue: false,
      answer: null,
      extension: null,
      requestId: 'REQ-2026-000123',
    });
    const one = await as.citizen.browser.get(`/api/complaints/${filed.complaintId}`);
    expect(one.statusCode).toBe(200);
    expect(one.json<ComplaintBody>()).toMatchObject({
      complaintId: filed.complaintId,
      filedBy: fins.citizen,
      extendedBy: null,
    });
  });

  it('POR-000-3.5.2b: either a postal address or a workplace is enough instead of an e-mail', async () => {
    const a = await file(as.citizen, { email: undefined, postalAddress: 'AZ1000, Bakı, a/q 12' });
    const b = await file(as.citizen, { email: undefined, workplace: 'Bakı Dövlət Universiteti' });
    expect((await row(a.complaintId))?.postal_address).toBe('AZ1000, Bakı, a/q 12');
    expect((await row(b.complaintId))?.workplace).toBe('Bakı Dövlət Universiteti');
  });

  it('POR-000-3.5.2b: without a postal address, e-mail or workplace the complaint is refused with 400 complaints/contact-missing, nothing stored', async () => {
    const before = await count();
    const res = await as.citizen.browser.post('/api/complaints', complaint({ email: undefined }));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json<{ type: string; errors: { pointer: string }[] }>();
    expect(body.type).toBe('complaints/contact-missing');
    expect(body.errors.map((e) => e.pointer)).toEqual([
      '#/email',
      '#/postalAddress',
      '#/workplace',
    ]);
    expect(await count()).toBe(before);
  });

  it('POR-000-3.5.2b: name, patronymic, surname and address are required (400 with pointers, blank counts as missing), nothing stored', async () => {
    const before = await count();
    const res = await as.citizen.browser.post(
      '/api/complaints',
      complaint({ patronymic: undefined, address: '   ', firstName: '' }),
    );
    expect(res.statusCode).toBe(400);
    const body = res.json<{ type: string; errors: { pointer: string }[] }>();
    expect(body.type).toBe('platform/validation');
    const pointers = body.errors.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['#/patronymic', '#/address', '#/firstName']));
    const email = await as.citizen.browser.post(
      '/api/complaints',
      complaint({ email: 'not-mail' }),
    );
    expect(email.statusCode).toBe(400);
    expect(email.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe('#/email');
    expect(await count()).toBe(before);
  });

  it('POR-000-3.5.1: an unknown registry number is refused with 422 complaints/unknown-service; no service at all with 400 complaints/service-required; nothing stored', async () => {
    const before = await count();
    const unknown = await as.citizen.browser.post(
      '/api/complaints',
      complaint({ registryNumber: 'ES-999999' }),
    );
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({
      type: 'complaints/unknown-service',
      errors: [{ pointer: '#/registryNumber' }],
    });
    const none = await as.citizen.browser.post(
      '/api/complaints',
      complaint({ registryNumber: undefined, requestId: 'REQ-1' }),
    );
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({
      type: 'complaints/service-required',
      errors: [{ pointer: '#/registryNumber' }],
    });
    expect(await count()).toBe(before);
  });

  it('IAM-003-4.4: filing and listing complaints need a signed-in person (401), and CSRF', async () => {
    const anonymous = new TestBrowser(h.app);
    const before = await count();
    expect((await anonymous.post('/api/complaints', complaint())).statusCode).toBe(401);
    expect((await anonymous.get('/api/me/complaints')).statusCode).toBe(401);
    const noCsrf = await as.citizen.browser.request({
      method: 'POST',
      url: '/api/complaints',
      payload: complaint(),
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('IAM-000-1.8b: a parent acting for a minor child files a complaint that concerns the child; both recorded; the child’s list shows it', async () => {
    const parentPerson = h.person('parent', (p) => p.relations.minorChildren.length > 0);
    const child = parentPerson.relations.minorChildren[0] ?? '';
    const parent = await signInAs(
      h.test.platform,
      h.app,
      h.agencies.portalClient,
      parentPerson.fin,
      'low',
    );
    const act = await parent.browser.post('/api/me/acting-for', { fin: child });
    expect(act.statusCode, act.body).toBe(200);
    const filed = await file(parent);
    expect(await row(filed.complaintId)).toMatchObject({
      filed_by: parentPerson.fin,
      subject_fin: child,
    });
    const entry = await sql<{ actor: string; on_behalf_of: string; subject_fin: string }>`
      SELECT actor, on_behalf_of, subject_fin FROM audit.entry
      WHERE action = 'complaints.file' ORDER BY seq DESC LIMIT 1`.execute(db());
    expect(entry.rows[0]).toEqual({
      actor: `citizen:${parentPerson.fin}`,
      on_behalf_of: child,
      subject_fin: child,
    });
    const forChild = await parent.browser.get('/api/me/complaints');
    expect(forChild.json<ComplaintBody[]>().map((c) => c.complaintId)).toEqual([filed.complaintId]);
    await parent.browser.post('/api/me/acting-for', { fin: null });
    const own = await parent.browser.get('/api/me/complaints');
    // Filed by the parent: it is also in the parent's own list.
    expect(own.json<ComplaintBody[]>().map((c) => c.complaintId)).toContain(filed.complaintId);
  });

  it('POR-000-3.5.1: another person cannot read someone’s complaint (404, the id reveals nothing)', async () => {
    const filed = await file(as.citizen);
    const res = await as.other.browser.get(`/api/complaints/${filed.complaintId}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ type: 'complaints/not-found' });
    const theirs = await as.other.browser.get('/api/me/complaints');
    expect(theirs.json<ComplaintBody[]>()).toEqual([]);
  });

  it('POR-000-3.5.3 HC-3.5: the provider’s portal staff list, extend once with a reason, and answer; the citizen sees status and answer with the court notice', async () => {
    const filed = await file(as.citizen, { subject: 'Cavab gözləyirəm' });
    const list = await as.clerk.browser.get('/api/agencies/health/complaints');
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json<{ items: ComplaintBody[]; total: number; overdue: number }>();
    expect(body.items.map((c) => c.complaintId)).toContain(filed.complaintId);
    expect(body.items.every((c) => c.agency === 'health')).toBe(true);

    const extendBefore = await audits('complaints.extend', 'success');
    const ext = await as.clerk.browser.post(`/api/complaints/${filed.complaintId}/extension`, {
      reason: 'Əlavə öyrənilmə və yoxlama tələb olunur',
    });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json<ComplaintBody>()).toMatchObject({
      periodDays: 30,
      dueDate: '2026-06-03',
      extendedBy: fins.clerk,
      extension: { reason: 'Əlavə öyrənilmə və yoxlama tələb olunur' },
    });
    expect(await audits('complaints.extend', 'success')).toBe(extendBefore + 1);

    const again = await as.head.browser.post(`/api/complaints/${filed.complaintId}/extension`, {
      reason: 'bir daha',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: 'complaints/already-extended' });
    expect(await row(filed.complaintId)).toMatchObject({
      period_days: 30,
      due_on: '2026-06-03',
      extension_reason: 'Əlavə öyrənilmə və yoxlama tələb olunur',
    });

    const answer = await as.head.browser.post(`/api/complaints/${filed.complaintId}/answer`, {
      answer: 'Xəta aradan qaldırıldı; kartınız artıq açılır.',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json<ComplaintBody>()).toMatchObject({
      status: 'answered',
      answeredBy: fins.head,
    });

    const seen = await as.citizen.browser.get(`/api/complaints/${filed.complaintId}`, {
      'accept-language': 'en',
    });
    const view = seen.json<ComplaintBody>();
    expect(view.status).toBe('answered');
    expect(view.answer?.text).toBe('Xəta aradan qaldırıldı; kartınız artıq açılır.');
    expect(view.answer?.courtNotice).toMatch(/court/);
    expect(view.answeredBy).toBeNull();

    const twice = await as.clerk.browser.post(`/api/complaints/${filed.complaintId}/answer`, {
      answer: 'İkinci cavab',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ type: 'complaints/already-answered' });
    expect((await row(filed.complaintId))?.answer).toBe(
      'Xəta aradan qaldırıldı; kartınız artıq açılır.',
    );
    const extendAnswered = await as.clerk.browser.post(
      `/api/complaints/${filed.complaintId}/extension`,
      { reason: 'gec' },
    );
    expect(extendAnswered.statusCode).toBe(409);
    expect(extendAnswered.json()).toMatchObject({ type: 'complaints/already-answered' });
    expect(await audits('complaints.answer', 'refused')).toBeGreaterThanOrEqual(1);
  });

  it('POR-000-3.5.3: non-staff, another agency’s staff and staff without acr high cannot list, extend or answer; nothing changes', async () => {
    const filed = await file(as.citizen);
    const stateBefore = await row(filed.complaintId);
    const refusedBefore = await audits('complaints.answer', 'refused');

    const outsiderList = await as.outsider.browser.get('/api/agencies/health/complaints');
    expect(outsiderList.statusCode).toBe(403);
    expect(outsiderList.json()).toMatchObject({ type: 'complaints/not-agency-staff' });
    const lowList = await as.citizen.browser.get('/api/agencies/health/complaints');
    expect(lowList.statusCode).toBe(403);
    expect(lowList.json()).toMatchObject({ type: 'identity/assurance-too-low' });

    const foreign = await as.foreignClerk.browser.post(
      `/api/complaints/${filed.complaintId}/answer`,
      { answer: 'Biz cavab veririk' },
    );
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ type: 'complaints/not-agency-staff' });
    const outsider = await as.outsider.browser.post(
      `/api/complaints/${filed.complaintId}/extension`,
      { reason: 'yox' },
    );
    expect(outsider.statusCode).toBe(403);
    const foreignRead = await as.foreignClerk.browser.get(`/api/complaints/${filed.complaintId}`);
    expect(foreignRead.statusCode).toBe(404);

    // The clerk, signed in with a password only.
    const lowClerk = await signInAs(
      h.test.platform,
      h.app,
      h.agencies.portalClient,
      fins.clerk,
      'low',
    );
    const low = await lowClerk.browser.post(`/api/complaints/${filed.complaintId}/answer`, {
      answer: 'Cavab',
    });
    expect(low.statusCode).toBe(403);
    expect(low.json()).toMatchObject({ type: 'identity/assurance-too-low' });

    const empty = await as.clerk.browser.post(`/api/complaints/${filed.complaintId}/answer`, {
      answer: '  ',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ errors: [{ pointer: '#/answer' }] });

    expect(await row(filed.complaintId)).toEqual(stateBefore);
    expect(await audits('complaints.answer', 'refused')).toBe(refusedBefore + 1);
  });

  it('HC-3.5 POR-000-3.5.1: a complaint goes to the provider of the service: only that agency’s staff list and read it', async () => {
    const filed = await file(as.citizen, { registryNumber: otherService });
    expect((await row(filed.complaintId))?.agency).toBe(otherProvider);
    const health = await as.clerk.browser.get('/api/agencies/health/complaints?pageSize=200');
    expect(health.json<{ items: ComplaintBody[] }>().items.map((c) => c.complaintId)).not.toContain(
      filed.complaintId,
    );
    expect((await as.clerk.browser.get(`/api/complaints/${filed.complaintId}`)).statusCode).toBe(
      404,
    );
    const theirs = await as.foreignClerk.browser.get(`/api/agencies/${otherProvider}/complaints`);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json<{ items: ComplaintBody[] }>().items.map((c) => c.complaintId)).toEqual([
      filed.complaintId,
    ]);
    const read = await as.foreignClerk.browser.get(`/api/complaints/${filed.complaintId}`);
    expect(read.statusCode).toBe(200);
    expect(read.json<ComplaintBody>().agency).toBe(otherProvider);
  });

  it('POR-000-3.5.3: after 15 days an unanswered complaint is flagged overdue to the agency and the citizen; it can no longer be extended', async () => {
    const filed = await file(as.citizen, { subject: 'Gecikən şikayət' });
    const extended = await file(as.citizen, { subject: 'Uzadılmış şikayət' });
    const ext = await as.clerk.browser.post(`/api/complaints/${extended.complaintId}/extension`, {
      reason: 'Yoxlama lazımdır',
    });
    expect(ext.statusCode).toBe(200);

    clock.advance(15 * DAY); // 19 May: the last day, not overdue yet
    await signInAll();
    let list = await as.clerk.browser.get('/api/agencies/health/complaints?overdue=true');
    expect(list.json<{ items: ComplaintBody[] }>().items.map((c) => c.complaintId)).not.toContain(
      filed.complaintId,
    );

    clock.advance(DAY); // 20 May
    await signInAll();
    list = await as.clerk.browser.get('/api/agencies/health/complaints?overdue=true');
    const overdue = list.json<{ items: ComplaintBody[]; overdue: number }>();
    expect(overdue.items.map((c) => c.complaintId)).toContain(filed.complaintId);
    expect(overdue.items.map((c) => c.complaintId)).not.toContain(extended.complaintId);
    expect(overdue.items.every((c) => c.overdue && c.status === 'received')).toBe(true);
    expect(overdue.overdue).toBe(overdue.items.length);

    const mine = await as.citizen.browser.get('/api/me/complaints');
    const view = mine.json<ComplaintBody[]>();
    expect(view.find((c) => c.complaintId === filed.complaintId)?.overdue).toBe(true);
    expect(view.find((c) => c.complaintId === extended.complaintId)?.overdue).toBe(false);

    const late = await as.clerk.browser.post(`/api/complaints/${filed.complaintId}/extension`, {
      reason: 'gec qaldıq',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ type: 'complaints/extension-too-late' });
    expect((await row(filed.complaintId))?.period_days).toBe(15);

    // Answering late is allowed, and the audit entry says it was late.
    const answered = await as.clerk.browser.post(`/api/complaints/${filed.complaintId}/answer`, {
      answer: 'Üzr istəyirik, cavab gecikdi.',
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json<ComplaintBody>().overdue).toBe(false);
    const entry = await sql<{ purpose: string }>`SELECT purpose FROM audit.entry
      WHERE action = 'complaints.answer' AND outcome = 'success' ORDER BY seq DESC LIMIT 1`.execute(
      db(),
    );
    expect(entry.rows[0]?.purpose).toBe('answered-late');
  });
});
