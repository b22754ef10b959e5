import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthdayAt } from '../../src/identity/representation.ts';
import { startOfBakuDay, type IsoDate } from '../../src/platform/time/baku-date.ts';
import { FixedClock } from '../../src/platform/time/clock.ts';
import { toBakuDate } from '../../src/platform/time/baku-date.ts';
import { sql } from 'kysely';
import {
  createIdentityHarness,
  registerPerson,
  TestBrowser,
  type DemoPersonView,
  type IdentityHarness,
} from '../support/identity.ts';

const clock = new FixedClock(new Date());

describe('representation and the data tracker (issue 4 items 5 and 6)', () => {
  let h: IdentityHarness;
  let parent: DemoPersonView;
  let child: DemoPersonView;
  let parentLogin: { username: string; password: string };

  beforeAll(async () => {
    h = await createIdentityHarness({ clock });
    parent = h.person('parent', (p) => p.relations.minorChildren.length > 0);
    const childFin = parent.relations.minorChildren[0] ?? '';
    child = h.people.find((p) => p.fin === childFin) as DemoPersonView;
    parentLogin = await registerPerson(new TestBrowser(h.app), parent);
  });
  afterAll(async () => {
    await h.close();
  });

  async function loggedIn(login = parentLogin): Promise<TestBrowser> {
    const browser = new TestBrowser(h.app);
    const res = await browser.post('/api/auth/login', {
      username: login.username,
      password: login.password,
    });
    expect(res.statusCode).toBe(200);
    return browser;
  }

  it('IAM-000-1.8a: listRepresentedPersons lists the minor children with the day the right ends', async () => {
    const browser = await loggedIn();
    const res = await browser.get('/api/me/represented');
    expect(res.statusCode).toBe(200);
    const list = res.json<{ fin: string; relation: string; until: string; firstName: string }[]>();
    const entry = list.find((p) => p.fin === child.fin);
    expect(entry).toMatchObject({
      relation: 'parent',
      firstName: child.firstName,
      until: birthdayAt(child.birthDate, 18),
    });
    for (const p of list.filter((x) => x.relation === 'parent')) {
      expect(parent.relations.minorChildren).toContain(p.fin);
    }
  });

  it('IAM-000-1.8a: actFor switches the session to the child; getMe shows it; later audit entries carry actor and subject', async () => {
    const browser = await loggedIn();
    const res = await browser.post('/api/me/acting-for', { fin: child.fin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ actingFor: { fin: child.fin, relation: 'parent' } });
    const me = (await browser.get('/api/me')).json<Record<string, unknown>>();
    expect(me.fin).toBe(parent.fin);
    expect(me.actingFor).toMatchObject({
      fin: child.fin,
      name: `${child.firstName} ${child.lastName}`,
    });
    const read = await browser.get('/api/me/data-accesses');
    expect(read.statusCode).toBe(200);
    await h.test.platform.audit.flush();
    const entries = await h.test.platform.audit.entriesForSubject(child.fin);
    expect(
      entries.some(
        (e) =>
          e.action === 'identity.data-accesses-read' &&
          e.actor === `citizen:${parent.fin}` &&
          e.onBehalfOf === child.fin,
      ),
    ).toBe(true);
    expect((await browser.post('/api/me/acting-for', { fin: null })).json()).toEqual({
      actingFor: null,
    });
    expect((await browser.get('/api/me')).json()).not.toHaveProperty('actingFor');
  });

  it('a stranger can never act for the child (403 identity/not-represented), and nothing changes', async () => {
    const stranger = h.adult();
    const login = await registerPerson(new TestBrowser(h.app), stranger);
    const browser = await loggedIn(login);
    const res = await browser.post('/api/me/acting-for', { fin: child.fin });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ type: 'identity/not-represented' });
    expect((await browser.get('/api/me')).json()).not.toHaveProperty('actingFor');
    const peek = await browser.get(`/api/me/data-accesses?subject=${child.fin}`);
    expect(peek.statusCode).toBe(403);
  });

  it('IAM-000-1.8a: the parent can act for the child until the 18th birthday and not a day after (injectable clock)', async () => {
    // A child of the register who turns 18 within the year (certificates of the exchange members
    // are valid for years, not decades, so the clock moves only months), with a parent who has a
    // valid card.
    const today = toBakuDate(clock.now());
    const found = await sql<{
      childFin: string;
      birthDate: string;
      parentFin: string;
      card: string;
    }>`
      SELECT b.child_fin AS "childFin", c.birth_date AS "birthDate", p.fin AS "parentFin", card.number AS card
      FROM civil_registry.birth_record b
      JOIN population.person c ON c.fin = b.child_fin
      JOIN population.person p ON p.fin = b.mother_fin
      JOIN LATERAL (SELECT * FROM population.id_card k WHERE k.fin = p.fin ORDER BY issued_on DESC LIMIT 1) card ON true
      WHERE c.death_date IS NULL AND p.death_date IS NULL
        AND card.lost_on IS NULL AND card.annulled_on IS NULL
        AND (card.expires_on IS NULL OR card.expires_on > ${today}::date + 400)
        AND c.birth_date > ${today}::date - interval '18 years'
        AND c.birth_date < ${today}::date - interval '17 years' + interval '10 days'
      ORDER BY c.birth_date LIMIT 1`.execute(h.test.platform.db.kysely);
    const row = found.rows[0];
    expect(row).toBeDefined();
    if (row === undefined) return;
    const mother = { fin: row.parentFin, idCardNumber: row.card };
    const motherLogin = await registerPerson(new TestBrowser(h.app), mother);
    const loginAsMother = () => loggedIn(motherLogin);
    const child = { fin: row.childFin, birthDate: row.birthDate };
    const eighteen = birthdayAt(child.birthDate, 18);
    const saved = clock.now();
    try {
      // 23:45 in Baku on the day before the 18th birthday: still a minor.
      clock.set(new Date(startOfBakuDay(eighteen as IsoDate).getTime() - 15 * 60_000));
      const browser = await loginAsMother();
      expect((await browser.post('/api/me/acting-for', { fin: child.fin })).statusCode).toBe(200);
      expect((await browser.get('/api/me/data-accesses')).statusCode).toBe(200);
      // Midnight passes in Baku: the session's right ends with the birthday.
      clock.set(new Date(startOfBakuDay(eighteen as IsoDate).getTime() + 60_000));
      const after = await browser.get('/api/me/data-accesses');
      expect(after.statusCode).toBe(403);
      expect(after.json()).toMatchObject({ type: 'identity/not-represented' });
      expect((await browser.get('/api/me')).json()).not.toHaveProperty('actingFor');
      const again = await browser.post('/api/me/acting-for', { fin: child.fin });
      expect(again.statusCode).toBe(403);
      const list = (await browser.get('/api/me/represented')).json<{ fin: string }[]>();
      expect(list.map((p) => p.fin)).not.toContain(child.fin);
    } finally {
      clock.set(saved);
    }
  });

  it('IAM-000-1.8b: a guardian may act for the ward while the guardianship is in force', async () => {
    const guardian = h.person('guardian', (p) => p.relations.wards.length > 0);
    const login = await registerPerson(new TestBrowser(h.app), guardian);
    const browser = await loggedIn(login);
    const list = (await browser.get('/api/me/represented')).json<
      { fin: string; relation: string }[]
    >();
    const ward = guardian.relations.wards[0] ?? '';
    const entry = list.find((p) => p.fin === ward);
    expect(entry?.relation).toMatch(/^(guardian|curator)$/);
    expect((await browser.post('/api/me/acting-for', { fin: ward })).statusCode).toBe(200);
  });

  it('EHIS-003-DT: listMyDataAccesses shows the portal reading my data through the exchange, with purpose and legal basis; filters work', async () => {
    const browser = await loggedIn();
    await browser.get('/api/me'); // reads person-by-fin through the exchange
    const res = await browser.get('/api/me/data-accesses');
    expect(res.statusCode).toBe(200);
    const rows = res.json<
      {
        subjectFin: string;
        member: string;
        system: string;
        service: string;
        purpose: string;
        legalBasis: string;
        at: string;
      }[]
    >();
    const registration = rows.find((r) => r.service.endsWith('verify-id-card'));
    expect(registration).toMatchObject({
      subjectFin: parent.fin,
      member: 'digital-development-transport',
      system: 'portal',
      purpose: 'citizen-registration',
    });
    expect(registration?.legalBasis).toMatch(/429/);
    expect(
      rows.some((r) => r.service.endsWith('person-by-fin') && r.purpose === 'citizen-profile'),
    ).toBe(true);
    const sorted = [...rows].sort((a, b) => b.at.localeCompare(a.at));
    expect(rows).toEqual(sorted);
    const none = await browser.get('/api/me/data-accesses?member=health');
    expect(none.json()).toEqual([]);
    const future = await browser.get(
      `/api/me/data-accesses?from=${encodeURIComponent(new Date(clock.now().getTime() + 86_400_000).toISOString())}`,
    );
    expect(future.json()).toEqual([]);
    const childRows = await browser.get(`/api/me/data-accesses?subject=${child.fin}`);
    expect(childRows.statusCode).toBe(200);
    for (const r of childRows.json<{ subjectFin: string }[]>())
      expect(r.subjectFin).toBe(child.fin);
    expect((await new TestBrowser(h.app).get('/api/me/data-accesses')).statusCode).toBe(401);
  });
});
