import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/platform/time/clock.ts';
import { buildApp } from '../../src/app.ts';
import {
  createIdentityHarness,
  registerPerson,
  TestBrowser,
  type IdentityHarness,
} from '../support/identity.ts';

const clock = new FixedClock(new Date());

async function accountCount(h: IdentityHarness): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM identity.account`.execute(
    h.test.platform.db.kysely,
  );
  return r.rows[0]?.n ?? -1;
}

describe('identity: registration, password login, sessions, CSRF (issue 4)', () => {
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await createIdentityHarness({ clock });
  });
  afterAll(async () => {
    await h.close();
  });

  it('IAM-000-3.1.1a IAM-000-3.1.1b IAM-003-11.5.1: a citizen registers with ID card + FİN, then logs in with the chosen username and password', async () => {
    const adult = h.adult();
    const browser = new TestBrowser(h.app);
    const res = await browser.post('/api/auth/register', {
      idCardNumber: adult.idCardNumber,
      fin: adult.fin,
      username: 'Anar.Test',
      password: 'bir uzun və yaxşı şifrə',
      email: 'anar@example.az',
      phone: '+994501234567',
    });
    expect(res.statusCode).toBe(201);
    const { userId } = res.json<{ userId: string }>();
    expect(userId).toMatch(/^[0-9a-f-]{36}$/);
    const row = await sql<{ password_hash: string }>`
      SELECT password_hash FROM identity.account WHERE id = ${userId}`.execute(
      h.test.platform.db.kysely,
    );
    expect(row.rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);

    const login = await browser.post('/api/auth/login', {
      username: 'anar.test',
      password: 'bir uzun və yaxşı şifrə',
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ userId, acr: 'low' });
    const cookie = login.cookies.find((c) => c.name === 'ehis_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.value.length).toBeGreaterThanOrEqual(40);

    const me = await browser.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      userId,
      kind: 'natural-person',
      username: 'Anar.Test',
      fin: adult.fin,
      firstName: adult.firstName,
      lastName: adult.lastName,
      birthDate: adult.birthDate,
      acr: 'low',
      amr: ['pwd'],
    });
    expect(me.json()).not.toHaveProperty('actingFor');
  });

  it('IAM-000-3.1.2: a mismatch, an unknown, an expired or a lost card get one message that names no field, and nothing is stored', async () => {
    const adult = h.adult();
    const other = h.person(
      'adult',
      (p) => p.fin !== adult.fin && p.idCardNumber !== adult.idCardNumber,
    );
    const expired = h.person('expired-card');
    const lost = h.person('lost-card');
    const before = await accountCount(h);
    const attempts = [
      { idCardNumber: other.idCardNumber, fin: adult.fin },
      { idCardNumber: 'AZE00000001', fin: adult.fin },
      { idCardNumber: expired.idCardNumber, fin: expired.fin },
      { idCardNumber: lost.idCardNumber, fin: lost.fin },
    ];
    const bodies: unknown[] = [];
    for (const [i, attempt] of attempts.entries()) {
      const res = await new TestBrowser(h.app).post('/api/auth/register', {
        ...attempt,
        username: `refused${i}`,
        password: 'bir uzun və yaxşı şifrə',
      });
      expect(res.statusCode).toBe(422);
      const { correlationId: _c, ...body } = res.json<Record<string, unknown>>();
      expect(body.type).toBe('identity/id-card-not-verified');
      expect(JSON.stringify(body)).not.toMatch(/pointer|idCardNumber"|fin"/);
      bodies.push(body);
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(await accountCount(h)).toBe(before);
  });

  it('registration: one account per FİN (409), usernames unique ignoring case (409)', async () => {
    const a = h.adult();
    const browser = new TestBrowser(h.app);
    const first = await registerPerson(browser, a);
    const again = await browser.post('/api/auth/register', {
      idCardNumber: a.idCardNumber,
      fin: a.fin,
      username: 'someone.else',
      password: 'bir uzun və yaxşı şifrə',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: 'identity/account-exists' });
    const b = h.adult();
    const taken = await browser.post('/api/auth/register', {
      idCardNumber: b.idCardNumber,
      fin: b.fin,
      username: first.username.toUpperCase(),
      password: 'bir uzun və yaxşı şifrə',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ type: 'identity/username-taken' });
  });

  it('registration: bad formats and weak passwords are 400 with field pointers, and nothing is stored', async () => {
    const a = h.adult();
    const before = await accountCount(h);
    const cases: [Record<string, unknown>, string][] = [
      [{ password: 'short1!' }, '#/password'],
      [{ password: 'password123456' }, '#/password'],
      [{ password: 'Azerbaycan2024!' }, '#/password'],
      [{ username: 'leyla77', password: 'mənim-LEYLA77-şifrəm' }, '#/password'],
      [{ fin: 'IIIIIII' }, '#/fin'],
      [{ idCardNumber: '12345' }, '#/idCardNumber'],
      [{ username: 'a' }, '#/username'],
      [{ phone: '0501234567' }, '#/phone'],
      [{ email: 'not-an-email' }, '#/email'],
    ];
    for (const [change, pointer] of cases) {
      const res = await new TestBrowser(h.app).post('/api/auth/register', {
        idCardNumber: a.idCardNumber,
        fin: a.fin,
        username: 'formats.user',
        password: 'bir uzun və yaxşı şifrə',
        ...change,
      });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      const pointers = res.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer);
      expect(pointers).toContain(pointer);
    }
    expect(await accountCount(h)).toBe(before);
  });

  it('IAM-000-3.3: a wrong username and a wrong password get the same 401; the right pair gets in', async () => {
    const person = h.adult();
    const browser = new TestBrowser(h.app, '10.0.0.5');
    const { username, password } = await registerPerson(browser, person);
    const strip = (body: Record<string, unknown>) => {
      const { correlationId: _c, ...rest } = body;
      return rest;
    };
    const wrongUser = await browser.post('/api/auth/login', { username: 'no.such.user', password });
    const wrongPass = await browser.post('/api/auth/login', {
      username,
      password: 'not the password',
    });
    expect(wrongUser.statusCode).toBe(401);
    expect(wrongPass.statusCode).toBe(401);
    expect(strip(wrongUser.json())).toEqual(strip(wrongPass.json()));
    expect(wrongUser.json()).toMatchObject({ type: 'identity/bad-credentials' });
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    expect((await browser.post('/api/auth/login', { username, password })).statusCode).toBe(200);
    expect((await browser.get('/api/me')).statusCode).toBe(200);
  });

  it('IAM-003-2.1.4 IAM-004-1.6: every account carries exactly one kind of user; the database refuses any other', async () => {
    const kinds = await sql<{ kind: string; n: number }>`
      SELECT kind, count(*)::int AS n FROM identity.account GROUP BY kind`.execute(
      h.test.platform.db.kysely,
    );
    expect(kinds.rows.map((r) => r.kind)).toEqual(['natural-person']);
    const id = '00000000-0000-4000-8000-000000000001';
    const insert = (kind: string | null) =>
      sql`INSERT INTO identity.account (id, kind, username, username_key, created_at)
          VALUES (${id}, ${kind}, 'kind.test', 'kind.test', now())`.execute(
        h.test.platform.db.kysely,
      );
    await expect(insert('robot')).rejects.toThrow();
    await expect(insert(null)).rejects.toThrow();
    await insert('local-self-government');
    await sql`DELETE FROM identity.account WHERE id = ${id}`.execute(h.test.platform.db.kysely);
  });

  it('IAM-003-4.4: interactive operations identify the user first — without a session every one is 401 and changes nothing', async () => {
    const anonymous = new TestBrowser(h.app);
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/me'],
      ['GET', '/api/me/represented'],
      ['POST', '/api/me/acting-for', { fin: null }],
      ['GET', '/api/me/data-accesses'],
      ['GET', '/api/me/sessions'],
      ['DELETE', '/api/me/sessions/abc'],
    ];
    for (const [method, url, payload] of calls) {
      const res = await anonymous.request({
        method: method,
        url,
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json()).toMatchObject({ type: 'platform/unauthorized' });
    }
    // Informative pages stay open to everyone (IAM-003-4.3).
    expect((await anonymous.get('/api/health')).statusCode).toBe(200);
  });

  it('CSRF: an unsafe method without the x-csrf-token header, or with another value, is 403 and does nothing', async () => {
    const browser = new TestBrowser(h.app);
    await browser.get('/api/auth/csrf');
    const none = await browser.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x', password: 'y' },
      csrf: false,
    });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ type: 'identity/csrf' });
    const wrong = await browser.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x', password: 'y' },
      csrf: false,
      headers: { 'x-csrf-token': 'a'.repeat(32) },
    });
    expect(wrong.statusCode).toBe(403);
    const noCookie = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x', password: 'y' },
    });
    expect(noCookie.statusCode).toBe(403);
    const csrfCookie = (await h.app.inject({ method: 'GET', url: '/api/auth/csrf' })).cookies.find(
      (c) => c.name === 'ehis_csrf',
    );
    expect(csrfCookie?.httpOnly).not.toBe(true);
  });

  it('sessions: logout ends the session; my sessions are listed and one can be ended from another', async () => {
    const person = h.adult();
    const laptop = new TestBrowser(h.app);
    const { username, password } = await registerPerson(laptop, person);
    expect((await laptop.post('/api/auth/login', { username, password })).statusCode).toBe(200);
    const phone = new TestBrowser(h.app, '10.1.1.1');
    expect((await phone.post('/api/auth/login', { username, password })).statusCode).toBe(200);
    const list = await laptop.get('/api/me/sessions');
    expect(list.statusCode).toBe(200);
    const sessions =
      list.json<{ id: string; current: boolean; endedAt: string | null; ip: string }[]>();
    const active = sessions.filter((s) => s.endedAt === null);
    expect(active).toHaveLength(2);
    const other = active.find((s) => !s.current);
    expect(other?.ip).toBe('10.1.1.1');
    expect((await laptop.delete(`/api/me/sessions/${other?.id}`)).statusCode).toBe(204);
    expect((await phone.get('/api/me')).json()).toMatchObject({ type: 'identity/session-expired' });
    expect((await laptop.delete(`/api/me/sessions/${other?.id}`)).statusCode).toBe(404);
    expect((await laptop.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await laptop.get('/api/me')).statusCode).toBe(401);
  });

  it('sessions: a session ended on one node is refused by another node at once (cache dropped on notification)', async () => {
    const other = await buildApp(h.test.platform, h.agencies);
    try {
      const person = h.adult();
      const nodeA = new TestBrowser(h.app);
      const { username, password } = await registerPerson(nodeA, person);
      await nodeA.post('/api/auth/login', { username, password });
      const nodeB = new TestBrowser(other);
      for (const [name, value] of nodeA.cookies) nodeB.cookies.set(name, value);
      expect((await nodeB.get('/api/me')).statusCode).toBe(200); // now cached on node B
      expect((await nodeA.post('/api/auth/logout')).statusCode).toBe(204);
      await expect.poll(async () => (await nodeB.get('/api/me')).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('sessions: idle timeout 30 minutes, absolute 12 hours (injectable clock)', async () => {
    const person = h.adult();
    const browser = new TestBrowser(h.app);
    const { username, password } = await registerPerson(browser, person);
    await browser.post('/api/auth/login', { username, password });
    clock.advance(29 * 60_000);
    expect((await browser.get('/api/me')).statusCode).toBe(200);
    clock.advance(29 * 60_000);
    expect((await browser.get('/api/me')).statusCode).toBe(200);
    clock.advance(31 * 60_000);
    const idle = await browser.get('/api/me');
    expect(idle.statusCode).toBe(401);
    expect(idle.json()).toMatchObject({ type: 'identity/session-expired' });

    await browser.post('/api/auth/login', { username, password });
    for (let i = 0; i < 24; i++) {
      clock.advance(29 * 60_000);
      expect((await browser.get('/api/me')).statusCode).toBe(200);
    }
    clock.advance(29 * 60_000);
    expect((await browser.get('/api/me')).statusCode).toBe(401);
  });
});
