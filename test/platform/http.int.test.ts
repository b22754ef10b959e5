import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { createHttp, type App } from '../../src/platform/http/http.ts';
import { buildApp } from '../../src/app.ts';
import { silentLogger } from '../support/logger.ts';
import { createTestPlatform, type TestPlatform } from '../support/platform.ts';
import { TEST_ENGINE } from '../support/test-db.ts';
import { sql } from 'kysely';
import { attachAgencies } from '../../src/agencies/agencies.ts';
import { signInAs, signInAsOperator } from '../support/operator.ts';

const PROBLEM = 'application/problem+json; charset=utf-8';

describe('the real application', () => {
  let test: TestPlatform;
  let app: App;

  beforeAll(async () => {
    test = await createTestPlatform();
    app = await buildApp(test.platform);
  });
  afterAll(async () => {
    await app.close();
    await test.close();
  });

  it('getHealth reports ok, the database engine and the version', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      db: TEST_ENGINE,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown,
    });
  });

  it('serves a generated OpenAPI document listing operation ids', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string }>>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    const ids = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops).map((op) => op.operationId),
    );
    expect(ids).toEqual(expect.arrayContaining(['getHealth', 'verifyAuditChain']));
    const docs = await app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('unknown API route: 404 problem+json in the language asked for (az default, en, ru)', async () => {
    const az = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(az.statusCode).toBe(404);
    expect(az.headers['content-type']).toBe(PROBLEM);
    expect(az.json()).toMatchObject({
      type: 'platform/not-found',
      status: 404,
      title: 'Tapılmadı',
    });
    const en = await app.inject({
      method: 'GET',
      url: '/api/no-such-thing',
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(en.json()).toMatchObject({ title: 'Not found' });
    const ru = await app.inject({
      method: 'GET',
      url: '/api/no-such-thing',
      headers: { 'accept-language': 'fr, ru;q=0.5' },
    });
    expect(ru.json()).toMatchObject({ title: 'Не найдено' });
    expect(ru.headers['content-language']).toBe('ru');
  });

  it('wrong method on a known path: 405 with Allow', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/api/health' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.json()).toMatchObject({ type: 'platform/method-not-allowed' });
  });

  it('web pages fall back to the app shell; API paths do not', async () => {
    const page = await app.inject({ method: 'GET', url: '/some/page' });
    // The web build may be absent in a bare checkout; then the fallback is a 404 problem.
    if (page.statusCode === 200) {
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    } else {
      expect(page.statusCode).toBe(404);
    }
  });

  it('IAM-001-2.13: verifyAuditChain needs an operator session (acr high and the operator role)', async () => {
    const none = await app.inject({ method: 'GET', url: '/api/audit/verify' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ type: 'platform/unauthorized' });
    // A bearer token (the old operator access) opens nothing any more.
    const bearer = await app.inject({
      method: 'GET',
      url: '/api/audit/verify',
      headers: { authorization: `Bearer ${'o'.repeat(40)}` },
    });
    expect(bearer.statusCode).toBe(401);

    const operator = await signInAsOperator(test.platform, app);
    const agencies = await attachAgencies(test.platform);
    const citizen = await signInAs(
      test.platform,
      app,
      agencies.portalClient,
      await otherAdult(operator.fin),
    );
    const stranger = await citizen.browser.get('/api/audit/verify');
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json()).toMatchObject({ type: 'platform/forbidden' });

    const low = await signInAs(test.platform, app, agencies.portalClient, operator.fin, 'low');
    const weak = await low.browser.get('/api/audit/verify');
    expect(weak.statusCode).toBe(403);
    expect(weak.json()).toMatchObject({ type: 'identity/assurance-too-low' });

    const right = await operator.browser.get('/api/audit/verify');
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ ok: true, firstBadSeq: null });
    const entries = await sql<{ actor: string; outcome: string }>`
      SELECT actor, outcome FROM audit.entry WHERE action = 'audit.verify'`.execute(
      test.platform.db.kysely,
    );
    expect(entries.rows).toEqual([{ actor: `operator:${operator.fin}`, outcome: 'success' }]);
  });

  async function otherAdult(not: string): Promise<string> {
    const rows = await sql<{ fin: string }>`
      SELECT fin FROM population.person WHERE death_date IS NULL AND fin <> ${not}
        AND birth_date < now() - interval '25 years' ORDER BY fin DESC LIMIT 1`.execute(
      test.platform.db.kysely,
    );
    const fin = rows.rows[0]?.fin;
    if (fin === undefined) throw new Error('no second adult');
    return fin;
  }
});

describe('the error contract of every route (RFC 9457)', () => {
  let app: App;

  beforeAll(async () => {
    app = createHttp({ logger: silentLogger(), bodyLimitBytes: 2048 });
    const Person = Type.Object(
      {
        fin: Type.String({ pattern: '^[0-9A-Z]{7}$' }),
        age: Type.Integer({ minimum: 0 }),
        name: Type.String({ minLength: 1 }),
      },
      { additionalProperties: false },
    );
    app.post(
      '/api/echo',
      { schema: { operationId: 'echo', body: Person } },
      async (request) => request.body,
    );
    app.get('/api/boom', { schema: { operationId: 'boom' } }, async () => {
      throw new Error('SELECT secret FROM table WHERE fin = 5ABC12D');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('invalid body: 400 listing each failing field by JSON pointer, translated', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'accept-language': 'en' },
      payload: { fin: 'bad', age: -1, extra: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM);
    const body = res.json<{ type: string; errors: { pointer: string; detail: string }[] }>();
    expect(body.type).toBe('platform/validation');
    const pointers = body.errors.map((e) => e.pointer).sort();
    expect(pointers).toEqual(['#/age', '#/extra', '#/fin', '#/name']);
    expect(body.errors.find((e) => e.pointer === '#/name')?.detail).toBe('This field is required.');
    const az = await app.inject({
      method: 'POST',
      url: '/api/echo',
      payload: { fin: 'ABC1234', age: 1 },
    });
    expect(az.json<{ errors: { detail: string }[] }>().errors[0]?.detail).toBe(
      'Bu sahə tələb olunur.',
    );
  });

  it('malformed JSON: 400 platform/malformed-json', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"fin": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: 'platform/malformed-json' });
  });

  it('body over the limit: 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(5000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ type: 'platform/payload-too-large' });
  });

  it('unsupported media type: 415', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ type: 'platform/unsupported-media-type' });
  });

  it('unexpected failure: 500 with a correlation id and nothing internal', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/boom',
      headers: { 'x-request-id': 'test-corr-0001' },
    });
    expect(res.statusCode).toBe(500);
    const body = res.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      type: 'platform/internal',
      status: 500,
      correlationId: 'test-corr-0001',
    });
    expect(res.body).not.toMatch(/SELECT|5ABC12D|stack|at \//);
    expect(String(body.detail)).toContain('test-corr-0001');
  });
});
