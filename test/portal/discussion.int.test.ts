import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity, createStaff } from '../../src/identity/index.ts';
import { createDiscussions } from '../../src/portal/discussion/index.ts';
import { FixedClock } from '../../src/platform/time/clock.ts';
import { SEED_ACTOR } from '../../src/registry/index.ts';
import { createIdentityHarness, TestBrowser, type IdentityHarness } from '../support/identity.ts';
import { signInAs, type SignedInBrowser } from '../support/operator.ts';

const START = '2026-05-04T06:00:00Z';
// Discussions here close 20 minutes after they open; sessions end after 30 idle minutes.
const MINUTE = 60 * 1000;

interface DraftBody {
  draftActId: string;
  subject: { kind: string; ref: string | null };
  agency: string;
  title: { az: string; en: string };
  status: 'open' | 'closed';
  closesAt: string;
  commentCount: number;
  summaryPublished: boolean;
  text: string;
  attachmentId: string | null;
  summary: { text: string; publishedAt: string } | null;
  comments: { commentId: string; text: string; mine: boolean; authorFin: string | null }[];
}

describe('public discussion of draft acts (issue 6 item 9; 002 ¶DRAFTS)', () => {
  let h: IdentityHarness;
  let clock: FixedClock;
  const fins = { citizen: '', second: '', clerk: '', foreignClerk: '', outsider: '' };
  const as: Record<keyof typeof fins, SignedInBrowser> = {} as never;

  const db = () => h.test.platform.db.kysely;
  async function count(table: 'discussion' | 'comment'): Promise<number> {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(
      `discussion.${table}`,
    )}`.execute(db());
    return r.rows[0]?.n ?? -1;
  }
  async function signInAll(): Promise<void> {
    for (const key of Object.keys(fins) as (keyof typeof fins)[]) {
      as[key] = await signInAs(
        h.test.platform,
        h.app,
        h.agencies.portalClient,
        fins[key],
        key === 'citizen' || key === 'second' ? 'low' : 'high',
      );
    }
  }
  function draft(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      agency: 'health',
      title: {
        az: 'Tibbi sığorta haqqında Qaydaların layihəsi',
        en: 'Draft rules on medical insurance',
      },
      text: '1. Ümumi müddəalar\n1.1. Bu Qaydalar icbari tibbi sığortanı tənzimləyir.',
      closesAt: new Date(clock.now().getTime() + 20 * MINUTE).toISOString(),
      ...overrides,
    };
  }
  async function publish(overrides: Record<string, unknown> = {}): Promise<DraftBody> {
    const res = await as.clerk.browser.post('/api/draft-acts', draft(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<DraftBody>();
  }

  beforeAll(async () => {
    clock = new FixedClock(START);
    h = await createIdentityHarness({ clock });
    const identity = createIdentity(h.test.platform, h.agencies.portalClient);
    const staff = createStaff(h.test.platform, identity.sessions, h.agencies.portalClient);
    for (const key of Object.keys(fins) as (keyof typeof fins)[]) fins[key] = h.adult().fin;
    const grant = (fin: string, member: string) =>
      staff.grantBySystem(
        fin,
        member,
        { module: 'portal', role: 'staff' },
        { actor: SEED_ACTOR, reason: 'test' },
      );
    await grant(fins.clerk, 'health');
    await grant(fins.foreignClerk, 'justice');
    await signInAll();
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('POR-002-DRAFTS-1 POR-002-DRAFTS-2: the agency’s portal staff publish a draft; anyone, signed in or not, lists it and reads its text', async () => {
    const attachmentId = '6f1c3a52-9d0e-4b8a-a1f2-3c4d5e6f7a8b';
    const published = await publish({ attachmentId });
    expect(published).toMatchObject({
      subject: { kind: 'draft-act', ref: null },
      agency: 'health',
      status: 'open',
      commentCount: 0,
      summaryPublished: false,
      attachmentId,
      comments: [],
    });
    const anonymous = new TestBrowser(h.app);
    const list = await anonymous.get('/api/draft-acts?agency=health&status=open');
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json<{ items: DraftBody[]; total: number }>().items;
    expect(items.map((d) => d.draftActId)).toContain(published.draftActId);
    const none = await anonymous.get('/api/draft-acts?agency=justice');
    expect(none.json<{ total: number }>().total).toBe(0);
    const found = await anonymous.get(`/api/draft-acts?q=${encodeURIComponent('sığorta')}`);
    expect(found.json<{ items: DraftBody[] }>().items.map((d) => d.draftActId)).toContain(
      published.draftActId,
    );
    const one = await anonymous.get(`/api/draft-acts/${published.draftActId}`);
    expect(one.statusCode).toBe(200);
    expect(one.json<DraftBody>().text).toContain('icbari tibbi sığorta');
    const entry = await sql<{ actor: string; resource: string }>`SELECT actor, resource
      FROM audit.entry WHERE action = 'discussion.draft-publish' AND outcome = 'success'
      ORDER BY seq DESC LIMIT 1`.execute(db());
    expect(entry.rows[0]).toEqual({
      actor: `staff:${fins.clerk}`,
      resource: `discussion:${published.draftActId}:draft-act:health`,
    });
  });

  it('POR-002-DRAFTS-2: publishing is refused for non-staff, another agency’s staff, acr low, and a closing date in the past; nothing stored', async () => {
    const before = await count('discussion');
    const outsider = await as.outsider.browser.post('/api/draft-acts', draft());
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json()).toMatchObject({ type: 'discussion/not-agency-staff' });
    const foreign = await as.foreignClerk.browser.post('/api/draft-acts', draft());
    expect(foreign.statusCode).toBe(403);
    const low = await as.citizen.browser.post('/api/draft-acts', draft());
    expect(low.statusCode).toBe(403);
    expect(low.json()).toMatchObject({ type: 'identity/assurance-too-low' });
    const past = await as.clerk.browser.post(
      '/api/draft-acts',
      draft({ closesAt: new Date(clock.now().getTime() - MINUTE).toISOString() }),
    );
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({
      type: 'discussion/closing-date-invalid',
      errors: [{ pointer: '#/closesAt' }],
    });
    const bad = await as.clerk.browser.post(
      '/api/draft-acts',
      draft({ title: { az: 'Ad' }, closesAt: 'sabah' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['#/title/en', '#/closesAt']),
    );
    expect(await count('discussion')).toBe(before);
  });

  it('POR-002-DRAFTS-3: any signed-in person comments, several times; proposals are public without their authors, the agency’s staff see the FİN', async () => {
    const d = await publish();
    const first = await as.citizen.browser.post(`/api/draft-acts/${d.draftActId}/comments`, {
      text: '1.1-ci bənddə "icbari" sözündən sonra "könüllü" əlavə edilsin.',
    });
    expect(first.statusCode, first.body).toBe(201);
    const second = await as.citizen.browser.post(`/api/draft-acts/${d.draftActId}/comments`, {
      text: 'Bir təklif də: müddət 30 gün olsun.',
    });
    expect(second.statusCode).toBe(201);
    expect(
      (
        await as.second.browser.post(`/api/draft-acts/${d.draftActId}/comments`, {
          text: 'Razıyam.',
        })
      ).statusCode,
    ).toBe(201);

    const mine = await as.citizen.browser.get(`/api/draft-acts/${d.draftActId}`);
    const body = mine.json<DraftBody>();
    expect(body.commentCount).toBe(3);
    expect(body.comments.map((c) => c.mine)).toEqual([true, true, false]);
    expect(body.comments.every((c) => c.authorFin === null)).toBe(true);
    const anonymous = await new TestBrowser(h.app).get(`/api/draft-acts/${d.draftActId}`);
    expect(anonymous.json<DraftBody>().comments.map((c) => c.authorFin)).toEqual([
      null,
      null,
      null,
    ]);
    const forStaff = await as.clerk.browser.get(`/api/draft-acts/${d.draftActId}`);
    expect(forStaff.json<DraftBody>().comments.map((c) => c.authorFin)).toEqual([
      fins.citizen,
      fins.citizen,
      fins.second,
    ]);
    const foreignStaff = await as.foreignClerk.browser.get(`/api/draft-acts/${d.draftActId}`);
    expect(foreignStaff.json<DraftBody>().comments.every((c) => c.authorFin === null)).toBe(true);
  });

  it('POR-002-DRAFTS-3: commenting needs a signed-in person (401), text of 1 to 5,000 characters (400), an existing draft (404); nothing stored', async () => {
    const d = await publish();
    const before = await count('comment');
    const anonymous = new TestBrowser(h.app);
    const anon = await anonymous.post(`/api/draft-acts/${d.draftActId}/comments`, {
      text: 'Salam',
    });
    expect(anon.statusCode).toBe(401);
    const long = await as.citizen.browser.post(`/api/draft-acts/${d.draftActId}/comments`, {
      text: 'ə'.repeat(5001),
    });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({
      type: 'platform/validation',
      errors: [{ pointer: '#/text' }],
    });
    const blank = await as.citizen.browser.post(`/api/draft-acts/${d.draftActId}/comments`, {
      text: '   ',
    });
    expect(blank.statusCode).toBe(400);
    const exact = await as.citizen.browser.post(`/api/draft-acts/${d.draftActId}/comments`, {
      text: 'ə'.repeat(5000),
    });
    expect(exact.statusCode).toBe(201);
    const missing = await as.citizen.browser.post(
      '/api/draft-acts/00000000-0000-4000-8000-000000000000/comments',
      { text: 'Salam' },
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ type: 'discussion/not-found' });
    expect(await count('comment')).toBe(before + 1);
  });

  it('POR-002-DRAFTS-3: the summary is refused before closing; after the closing time comments are refused and the agency publishes its summary once', async () => {
    const d = await publish();
    const early = await as.clerk.browser.post(`/api/draft-acts/${d.draftActId}/summary`, {
      summary: 'Hələ tezdir',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ type: 'discussion/still-open' });
    const ok = await as.citizen.browser.post(`/api/draft-acts/${d.draftActId}/comments`, {
      text: 'Son anda təklif.',
    });
    expect(ok.statusCode).toBe(201);

    clock.advance(20 * MINUTE); // exactly the closing time
    await signInAll();
    const before = await count('comment');
    const late = await as.citizen.browser.post(`/api/draft-acts/${d.draftActId}/comments`, {
      text: 'Gecikmiş təklif.',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ type: 'discussion/closed' });
    expect(await count('comment')).toBe(before);
    const refused = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit.entry
      WHERE action = 'discussion.comment' AND outcome = 'refused'
        AND resource = ${`discussion:${d.draftActId}`}`.execute(db());
    expect(refused.rows[0]?.n).toBe(1);

    const closed = await new TestBrowser(h.app).get('/api/draft-acts?status=closed');
    expect(closed.json<{ items: DraftBody[] }>().items.map((x) => x.draftActId)).toContain(
      d.draftActId,
    );
    const open = await new TestBrowser(h.app).get('/api/draft-acts?status=open');
    expect(open.json<{ items: DraftBody[] }>().items.map((x) => x.draftActId)).not.toContain(
      d.draftActId,
    );

    const foreign = await as.foreignClerk.browser.post(`/api/draft-acts/${d.draftActId}/summary`, {
      summary: 'Başqa qurum',
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ type: 'discussion/not-agency-staff' });

    const summary = await as.clerk.browser.post(`/api/draft-acts/${d.draftActId}/summary`, {
      summary: '1 təklif daxil olub; nəzərə alınıb.',
    });
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json<DraftBody>()).toMatchObject({
      status: 'closed',
      summaryPublished: true,
      summary: { text: '1 təklif daxil olub; nəzərə alınıb.' },
    });
    const twice = await as.clerk.browser.post(`/api/draft-acts/${d.draftActId}/summary`, {
      summary: 'Dəyişdirilmiş yekun',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ type: 'discussion/summary-published' });
    const read = await new TestBrowser(h.app).get(`/api/draft-acts/${d.draftActId}`);
    expect(read.json<DraftBody>().summary?.text).toBe('1 təklif daxil olub; nəzərə alınıb.');
  });

  it('POR-003-9.7: another module’s draft (a regulation) is discussed with the same function: listed by kind, commented, closed, one discussion per draft', async () => {
    const identity = createIdentity(h.test.platform, h.agencies.portalClient);
    const staff = createStaff(h.test.platform, identity.sessions, h.agencies.portalClient);
    const discussions = createDiscussions(h.test.platform, staff);
    const input = {
      subject: { kind: 'regulation' as const, ref: '2b0e7d1c-52a4-4f8e-9a61-0c3d2e1f4a5b' },
      agency: 'health',
      title: { az: 'İnzibati reqlamentin layihəsi', en: 'Draft administrative regulation' },
      text: 'Reqlamentin mətni',
      closesAt: new Date(clock.now().getTime() + 20 * MINUTE),
    };
    const opened = await discussions.openForSubject(input, `staff:${fins.clerk}`);
    await expect(discussions.openForSubject(input, `staff:${fins.clerk}`)).rejects.toMatchObject({
      type: 'discussion/subject-taken',
    });
    const list = await new TestBrowser(h.app).get('/api/draft-acts?kind=regulation');
    expect(list.json<{ items: DraftBody[] }>().items.map((x) => x.draftActId)).toEqual([opened.id]);
    const comment = await as.second.browser.post(`/api/draft-acts/${opened.id}/comments`, {
      text: '2.6.1-ci bənd aydın deyil.',
    });
    expect(comment.statusCode).toBe(201);
    expect((await discussions.findBySubject('regulation', input.subject.ref))?.commentCount).toBe(
      1,
    );
  });
});
