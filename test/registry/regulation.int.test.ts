import { sql } from 'kysely';
import parsePdf from 'pdf-parse/lib/pdf-parse.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity, createStaff } from '../../src/identity/index.ts';
import { FixedClock } from '../../src/platform/time/clock.ts';
import { loadHealthCardRegulation, loadSeedServices } from '../../src/registry/data/index.ts';
import {
  createRegistry,
  createRegulations,
  healthCardRegulationDocument,
  seedCatalog,
  seedHealthCardRegulation,
  tickingClock,
  SEED_ACTOR,
  type RegulationDocument,
  type SeedCatalogResult,
} from '../../src/registry/index.ts';
import { createIdentityHarness, type IdentityHarness } from '../support/identity.ts';
import { signInAs, signInAsOperator, type SignedInBrowser } from '../support/operator.ts';

const START = '2026-05-04T06:00:00Z';
// Discussions in this test last 20 minutes: the clock moves, and sessions end after 30 idle minutes.
const STEP = 20 * 60 * 1000;

interface RegulationBody {
  id: string;
  registryNumber: string;
  version: number;
  status: string;
  document: RegulationDocument;
  discussion: { open: boolean; closesAt: string } | null;
  approval: { approvedBy: string; approvedByName: string; decisionNumber: string | null } | null;
  publishedAt: string | null;
  supersededAt: string | null;
}

/** The text of every page of a PDF, as pdf.js (bundled in pdf-parse) extracts it. */
async function pdfText(bytes: Buffer): Promise<string> {
  return (await parsePdf(bytes)).text.replace(/\s+/g, ' ');
}

describe('administrative regulations (issue 5 item 3)', () => {
  let h: IdentityHarness;
  let clock: FixedClock;
  let operator: SignedInBrowser;
  let seeded: SeedCatalogResult;
  let clerk: SignedInBrowser; // registry staff of the Ministry of Health
  let head: SignedInBrowser; // head of the Ministry of Health
  let head2: SignedInBrowser; // another head of it
  let otherHead: SignedInBrowser; // head of another agency
  let citizen: SignedInBrowser; // acr low
  let healthCard: string; // registry number of the health-card service
  let target: { registryNumber: string; type: 'informative' | 'interactive'; nameAz: string };

  const db = () => h.test.platform.db.kysely;
  async function count(table: string): Promise<number> {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(
      `registry.${table}`,
    )}`.execute(db());
    return r.rows[0]?.n ?? -1;
  }
  async function audits(action: string, outcome: string): Promise<number> {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit.entry
      WHERE action = ${action} AND outcome = ${outcome}`.execute(db());
    return r.rows[0]?.n ?? -1;
  }

  function put(who: SignedInBrowser, url: string, payload: Record<string, unknown>) {
    return who.browser.request({ method: 'PUT', url, payload });
  }

  /** Heads of providers are made as the seed makes them (providers need not be exchange members). */
  async function appointHead(member: string, fin: string): Promise<void> {
    const identity = createIdentity(h.test.platform, h.agencies.portalClient);
    const staff = createStaff(h.test.platform, identity.sessions, h.agencies.portalClient);
    expect(
      await staff.grantBySystem(
        fin,
        member,
        { module: '*', role: 'head' },
        {
          actor: SEED_ACTOR,
          reason: 'test head',
        },
      ),
    ).toBe(true);
  }

  /** A valid document for `target` (seed 000's, renamed, its type adjusted). */
  function documentFor(overrides: (d: RegulationDocument) => void = () => undefined) {
    const d = structuredClone(healthCardRegulationDocument());
    d.approvalRecord = null;
    d.title = { az: `${target.nameAz} üzrə inzibati reqlament`, en: 'Test regulation' };
    d.general.name = { az: target.nameAz, en: 'Test service' };
    d.provision.type = { az: target.type, en: target.type, value: target.type };
    if (target.type === 'informative') {
      d.procedures.informativeOpen = {
        az: 'İnformativ növlü elektron xidmətlər istifadəçilər üçün daim açıqdır.',
        en: 'Informative e-services are always open to users.',
      };
    }
    overrides(d);
    return d;
  }

  beforeAll(async () => {
    clock = new FixedClock(START);
    h = await createIdentityHarness({ clock });
    operator = await signInAsOperator(h.test.platform, h.app, {
      agencies: h.agencies,
      fin: h.adult().fin,
    });
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
    const portal = h.agencies.portalClient;
    const clerkFin = seeded.clerks.health;
    if (clerkFin === undefined) throw new Error('no health clerk');
    clerk = await signInAs(h.test.platform, h.app, portal, clerkFin);
    const [headFin, head2Fin, otherFin] = [h.adult().fin, h.adult().fin, h.adult().fin];
    await appointHead('health', headFin);
    await appointHead('health', head2Fin);
    await appointHead('justice', otherFin);
    head = await signInAs(h.test.platform, h.app, portal, headFin);
    head2 = await signInAs(h.test.platform, h.app, portal, head2Fin);
    otherHead = await signInAs(h.test.platform, h.app, portal, otherFin);
    citizen = await signInAs(h.test.platform, h.app, portal, h.adult().fin, 'low');

    const services = await h.app.inject({ url: '/api/services?agency=health&pageSize=100' });
    const items = services.json<{
      items: {
        registryNumber: string;
        name: { az: string };
        type: 'informative' | 'interactive';
      }[];
    }>().items;
    const cardName = loadSeedServices().find((s) => s.key === 'health-card-data')?.nameAz;
    healthCard = items.find((s) => s.name.az === cardName)?.registryNumber ?? '';
    const other = items.find((s) => s.registryNumber !== healthCard && s.type === 'informative');
    if (other === undefined || healthCard === '') throw new Error('seed services missing');
    target = { registryNumber: other.registryNumber, type: other.type, nameAz: other.name.az };
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('REG-000-ALL REG-003-9.8: seed 000’s regulation is taken through the lifecycle and published for the health-card service, exactly as written; idempotent', async () => {
    const identity = createIdentity(h.test.platform, h.agencies.portalClient);
    const staff = createStaff(h.test.platform, identity.sessions, h.agencies.portalClient);
    const ticking = tickingClock(h.test.platform.clock);
    const run = () =>
      seedHealthCardRegulation({
        registry: createRegistry(h.test.platform, staff),
        regulations: createRegulations(h.test.platform, staff, { clock: ticking }),
        clock: ticking,
        clerkFin: clerk.fin,
        headFin: head.fin,
      });
    const first = await run();
    expect(first.seededNow).toBe(true);
    expect(first.regulation.status).toBe('published');

    const res = await h.app.inject({ url: `/api/services/${healthCard}/regulation` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<RegulationBody>();
    expect(body).toMatchObject({ registryNumber: healthCard, version: 1, status: 'published' });
    expect(body.document).toEqual(healthCardRegulationDocument());
    const seed = loadHealthCardRegulation();
    expect(body.document.title.az).toBe(seed.title.az);
    // The outline the page and the PDF show: the template's sections and every filled clause,
    // with the seed's label and text in each language.
    const outline = (
      body as unknown as {
        outline: Record<
          'az' | 'en',
          {
            number: string;
            title: string;
            items: { clause: string; label: string; text: string | null }[];
          }[]
        >;
      }
    ).outline;
    expect(outline.az.map((sec) => sec.title)).toEqual(seed.sections.map((sec) => sec.titleAz));
    expect(outline.en.map((sec) => sec.title)).toEqual(seed.sections.map((sec) => sec.titleEn));
    const clause11 = outline.az[0]?.items.find((item) => item.clause === '1.1');
    expect(clause11?.text).toBe(body.document.general.name.az);
    expect(clause11?.label).toBe(seed.sections[0]?.fields.find((f) => f.clause === '1.1')?.labelAz);
    expect(body.document.general.legalBasis.items.map((i) => i.legalActId)).toEqual([
      'law-health-protection',
      'decree-413-2006',
      'decree-429-2011',
      'cabinet-143-2006',
    ]);
    expect(body.document.general.automation.level).toBe('full');
    expect(body.document.provision.documents.items[0]).toMatchObject({
      id: 'idCard',
      heldByState: true,
    });
    expect(body.document.procedures.requestForming?.sourceClause).toBe('3.1.1');
    expect(body.document.procedures.complaintReview).toMatchObject({ days: 15, extendedDays: 30 });
    expect(body.approval).toMatchObject({ approvedBy: head.fin, decisionNumber: '05' });

    // getService carries it.
    const service = await h.app.inject({ url: `/api/services/${healthCard}` });
    expect(service.json<{ regulation: RegulationBody | null }>().regulation?.version).toBe(1);

    // Every step was audited.
    for (const action of [
      'registry.regulation-draft-create',
      'registry.regulation-discussion-open',
      'registry.regulation-approve',
      'registry.regulation-publish',
    ]) {
      expect(await audits(action, 'success'), action).toBeGreaterThanOrEqual(1);
    }

    const before = await count('regulation');
    const again = await run();
    expect(again.seededNow).toBe(false);
    expect(await count('regulation')).toBe(before);
  });

  it('REG-003-9.8: the published regulation as a PDF with the Azerbaijani text in an embedded font; English on request', async () => {
    const res = await h.app.inject({ url: `/api/services/${healthCard}/regulation.pdf` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const bytes = res.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('DejaVuSans');
    const text = await pdfText(bytes);
    expect(text).toContain('Vətəndaşlara elektron sağlamlıq kartı üzrə məlumatların');
    expect(text).toContain('Ümumi müddəalar');
    expect(text).toContain('İnternet ünvanı');
    expect(text).toContain('ödənişsiz');
    expect(text).toContain('Şikayətə 15 gün ərzində baxılmalıdır');
    expect(text).toContain(healthCard);
    for (const letter of ['ə', 'ğ', 'ı', 'İ', 'ş', 'ç', 'ö', 'ü', 'Ə', 'Ş', 'Ü']) {
      expect(text, letter).toContain(letter);
    }

    const en = await h.app.inject({ url: `/api/services/${healthCard}/regulation.pdf?lang=en` });
    expect(en.statusCode).toBe(200);
    expect(await pdfText(en.rawPayload)).toContain('General provisions');

    const none = await h.app.inject({
      url: `/api/services/${target.registryNumber}/regulation.pdf`,
    });
    expect(none.statusCode).toBe(404);
    expect(none.json<{ type: string }>().type).toBe('registry/regulation-not-found');
  });

  it('REG-003-9.2a REG-003-A1-*: drafting is for the provider’s registry staff or head with acr high; the template’s conditional fields are checked; refusals store nothing', async () => {
    const url = `/api/services/${target.registryNumber}/regulations`;
    const before = await count('regulation');
    const refusedBefore = await audits('registry.regulation-draft-create', 'refused');

    const anonymous = await h.app.inject({
      method: 'POST',
      url,
      payload: { document: documentFor() },
    });
    expect([401, 403]).toContain(anonymous.statusCode);

    const low = await citizen.browser.post(url, { document: documentFor() });
    expect(low.statusCode).toBe(403);
    expect(low.json<{ type: string }>().type).toBe('identity/assurance-too-low');

    const other = await otherHead.browser.post(url, { document: documentFor() });
    expect(other.statusCode).toBe(403);
    expect(other.json<{ type: string }>().type).toBe('registry/not-provider-staff');
    expect(await audits('registry.regulation-draft-create', 'refused')).toBe(refusedBefore + 1);

    // The schema: a required clause missing.
    const missing = documentFor() as unknown as { general: Record<string, unknown> };
    delete missing.general.result;
    const noResult = await clerk.browser.post(url, { document: missing });
    expect(noResult.statusCode).toBe(400);

    // The template's rules the schema cannot say.
    const invalid = await clerk.browser.post(url, {
      document: documentFor((d) => {
        d.general.automation = { az: 'qismən', en: 'partial', level: 'partial' };
        d.provision.payment = { az: 'ödənişli', en: 'paid', paid: true };
        d.procedures.informativeOpen = null;
        d.provision.documents.items.push({
          id: 'diploma',
          nameAz: 'diplom',
          nameEn: 'diploma',
          heldByState: false,
          submissionAz: 'surəti',
          submissionEn: 'a copy',
        });
        d.general.legalBasis.items = d.general.legalBasis.items.map((item, i) =>
          i === 0 ? { ...item, legalActId: 'no-such-act' } : item,
        );
      }),
    });
    expect(invalid.statusCode, invalid.body).toBe(422);
    const problem = invalid.json<{ type: string; errors: { pointer: string }[] }>();
    expect(problem.type).toBe('registry/regulation-invalid');
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual(
      [
        '#/document/general/executionPeriod/rule',
        '#/document/general/executionPeriod/min',
        '#/document/general/executionPeriod/max',
        '#/document/general/legalBasis/items/0/legalActId',
        '#/document/provision/payment/paid',
        '#/document/provision/paymentDetails',
        '#/document/provision/documentsNotHeldByState',
        '#/document/procedures/informativeOpen',
      ].sort(),
    );
    expect(await count('regulation')).toBe(before);
  });

  it('REG-003-9.7 REG-003-9.2a REG-003-9.8: draft → public discussion with comments until it closes → approval by the agency head → published; versions; refusals change nothing', async () => {
    const rn = target.registryNumber;
    const created = await clerk.browser.post(`/api/services/${rn}/regulations`, {
      document: documentFor(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const { regulationId: id, version } = created.json<{ regulationId: string; version: number }>();
    expect(version).toBe(1);

    // One in the making at a time.
    const twice = await head.browser.post(`/api/services/${rn}/regulations`, {
      document: documentFor(),
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ type: string }>().type).toBe('registry/regulation-in-making');

    // A draft is not public.
    expect((await h.app.inject({ url: `/api/regulations/${id}` })).statusCode).toBe(404);
    expect((await citizen.browser.get(`/api/regulations/${id}`)).statusCode).toBe(404);
    expect((await clerk.browser.get(`/api/regulations/${id}`)).statusCode).toBe(200);
    const publicList = await h.app.inject({ url: `/api/regulations?registryNumber=${rn}` });
    expect(publicList.json<unknown[]>()).toEqual([]);
    const staffList = await clerk.browser.get(`/api/regulations?registryNumber=${rn}`);
    expect(staffList.json<{ id: string }[]>().map((r) => r.id)).toEqual([id]);
    expect((await h.app.inject({ url: `/api/services/${rn}/regulation` })).statusCode).toBe(404);
    const comment0 = await citizen.browser.post(`/api/regulations/${id}/comments`, { text: 'x' });
    expect(comment0.statusCode).toBe(404);

    // The draft can be edited until the discussion opens.
    const edited = await put(clerk, `/api/regulations/${id}`, {
      document: documentFor((d) => {
        d.general.content = { az: 'Yenilənmiş məzmun.', en: 'Updated content.' };
      }),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<RegulationBody>().document.general.content.az).toBe('Yenilənmiş məzmun.');

    // Opening the discussion: staff only, a closing time in the future.
    const closesAt = new Date(clock.now().getTime() + STEP).toISOString();
    const notStaff = await otherHead.browser.post(`/api/regulations/${id}/discussion`, {
      closesAt,
    });
    expect(notStaff.statusCode).toBe(403);
    const past = await clerk.browser.post(`/api/regulations/${id}/discussion`, {
      closesAt: new Date(clock.now().getTime() - 1000).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json<{ type: string }>().type).toBe('registry/discussion-closing-invalid');
    const opened = await clerk.browser.post(`/api/regulations/${id}/discussion`, { closesAt });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json<RegulationBody>()).toMatchObject({
      status: 'discussion',
      discussion: { open: true, closesAt },
    });
    const reopen = await clerk.browser.post(`/api/regulations/${id}/discussion`, { closesAt });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json<{ type: string }>().type).toBe('registry/regulation-wrong-state');
    const lateEdit = await put(clerk, `/api/regulations/${id}`, { document: documentFor() });
    expect(lateEdit.statusCode).toBe(409);

    // Public now: anyone reads it; any signed-in person comments.
    expect((await h.app.inject({ url: `/api/regulations/${id}` })).statusCode).toBe(200);
    const listed = await h.app.inject({ url: '/api/regulations?status=discussion' });
    expect(listed.json<{ id: string }[]>().map((r) => r.id)).toContain(id);
    const anonymousComment = await h.app.inject({
      method: 'POST',
      url: `/api/regulations/${id}/comments`,
      payload: { text: 'anonim' },
    });
    expect([401, 403]).toContain(anonymousComment.statusCode);
    const comment = await citizen.browser.post(`/api/regulations/${id}/comments`, {
      text: 'Sənədlərin siyahısını qısaltmaq təklif edirəm.',
      clause: '2.6',
    });
    expect(comment.statusCode, comment.body).toBe(201);
    const publicComments = await h.app.inject({ url: `/api/regulations/${id}/comments` });
    expect(publicComments.json<Record<string, unknown>[]>()).toEqual([
      expect.objectContaining({
        text: 'Sənədlərin siyahısını qısaltmaq təklif edirəm.',
        clause: '2.6',
      }),
    ]);
    expect(publicComments.json<Record<string, unknown>[]>()[0]).not.toHaveProperty('authorFin');
    const staffComments = await clerk.browser.get(`/api/regulations/${id}/comments`);
    expect(staffComments.json<{ authorFin: string }[]>()[0]?.authorFin).toBe(citizen.fin);

    // No approval while the discussion is open.
    const early = await head.browser.post(`/api/regulations/${id}/approval`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json<{ type: string }>().type).toBe('registry/discussion-still-open');

    // The discussion closes: no more comments (POR-002-DRAFTS-3).
    clock.advance(STEP + 1);
    const commentsBefore = await count('regulation_comment');
    const late = await citizen.browser.post(`/api/regulations/${id}/comments`, { text: 'gec' });
    expect(late.statusCode).toBe(409);
    expect(late.json<{ type: string }>().type).toBe('registry/discussion-closed');
    expect(await count('regulation_comment')).toBe(commentsBefore);

    // Approval: the head of the provider only.
    const byClerk = await clerk.browser.post(`/api/regulations/${id}/approval`, {});
    expect(byClerk.statusCode).toBe(403);
    expect(byClerk.json<{ type: string }>().type).toBe('registry/not-provider-head');
    const byOtherHead = await otherHead.browser.post(`/api/regulations/${id}/approval`, {});
    expect(byOtherHead.statusCode).toBe(403);
    const notApproved = await clerk.browser.get(`/api/regulations/${id}`);
    expect(notApproved.json<RegulationBody>().status).toBe('discussion');
    expect(await audits('registry.regulation-approve', 'refused')).toBeGreaterThanOrEqual(2);

    // Publishing before approval is refused.
    const tooSoon = await clerk.browser.post(`/api/regulations/${id}/publication`, {});
    expect(tooSoon.statusCode).toBe(409);

    const approved = await head.browser.post(`/api/regulations/${id}/approval`, {
      decisionNumber: '12/3',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<RegulationBody>()).toMatchObject({
      status: 'approved',
      approval: { approvedBy: head.fin, decisionNumber: '12/3' },
    });
    expect(approved.json<RegulationBody>().approval?.approvedByName).not.toBe(head.fin);
    const again = await head2.browser.post(`/api/regulations/${id}/approval`, {});
    expect(again.statusCode).toBe(409);
    // Approved is not yet public.
    expect((await h.app.inject({ url: `/api/regulations/${id}` })).statusCode).toBe(404);

    const byStranger = await otherHead.browser.post(`/api/regulations/${id}/publication`, {});
    expect(byStranger.statusCode).toBe(403);
    const published = await clerk.browser.post(`/api/regulations/${id}/publication`, {});
    expect(published.statusCode, published.body).toBe(200);
    const v1 = await h.app.inject({ url: `/api/services/${rn}/regulation` });
    expect(v1.statusCode).toBe(200);
    expect(v1.json<RegulationBody>()).toMatchObject({ id, version: 1, status: 'published' });
    const service = await h.app.inject({ url: `/api/services/${rn}` });
    expect(service.json<{ regulation: { id: string } | null }>().regulation?.id).toBe(id);
    // Comments stay readable after the discussion.
    expect(
      (await h.app.inject({ url: `/api/regulations/${id}/comments` })).json<unknown[]>(),
    ).toHaveLength(1);

    // Version 2, drafted by a head: that head may not approve it (four eyes); another head may.
    const draft2 = await head.browser.post(`/api/services/${rn}/regulations`, {
      document: documentFor((d) => {
        d.general.result = { az: 'Məlumat ekranda göstərilir.', en: 'The data are shown.' };
      }),
    });
    expect(draft2.statusCode, draft2.body).toBe(201);
    const id2 = draft2.json<{ regulationId: string; version: number }>().regulationId;
    expect(draft2.json<{ version: number }>().version).toBe(2);
    const opened2 = await head.browser.post(`/api/regulations/${id2}/discussion`, {
      closesAt: new Date(clock.now().getTime() + STEP).toISOString(),
    });
    expect(opened2.statusCode).toBe(200);
    clock.advance(STEP + 1);
    const own = await head.browser.post(`/api/regulations/${id2}/approval`, {});
    expect(own.statusCode).toBe(403);
    expect(own.json<{ type: string }>().type).toBe('registry/regulation-own-draft');
    // Until version 2 is published, version 1 stays in force.
    expect(
      (await h.app.inject({ url: `/api/services/${rn}/regulation` })).json<RegulationBody>()
        .version,
    ).toBe(1);
    expect((await head2.browser.post(`/api/regulations/${id2}/approval`, {})).statusCode).toBe(200);
    expect((await head.browser.post(`/api/regulations/${id2}/publication`, {})).statusCode).toBe(
      200,
    );
    const current = await h.app.inject({ url: `/api/services/${rn}/regulation` });
    expect(current.json<RegulationBody>()).toMatchObject({ version: 2, status: 'published' });
    const older = await h.app.inject({ url: `/api/services/${rn}/regulation?version=1` });
    expect(older.json<RegulationBody>()).toMatchObject({ version: 1, status: 'superseded' });
    expect(older.json<RegulationBody>().supersededAt).not.toBeNull();
    const missing = await h.app.inject({ url: `/api/services/${rn}/regulation?version=3` });
    expect(missing.statusCode).toBe(404);
    const pdf1 = await h.app.inject({ url: `/api/services/${rn}/regulation.pdf?version=1` });
    expect(pdf1.statusCode).toBe(200);
    expect(await pdfText(pdf1.rawPayload)).toContain('Yenilənmiş məzmun.');

    for (const action of [
      'registry.regulation-draft-create',
      'registry.regulation-draft-update',
      'registry.regulation-discussion-open',
      'registry.regulation-comment',
      'registry.regulation-approve',
      'registry.regulation-publish',
    ]) {
      expect(await audits(action, 'success'), action).toBeGreaterThanOrEqual(1);
    }
  });
});
