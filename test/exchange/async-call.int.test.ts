import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { AppError } from '../../src/platform/errors/app-error.ts';
import type { App } from '../../src/platform/http/http.ts';
import type { Platform } from '../../src/platform/platform.ts';
import { backoffMs, type QueueTables } from '../../src/platform/queue/queue.service.ts';
import type { AuditTables } from '../../src/platform/audit/audit.store.ts';
import { FixedClock } from '../../src/platform/time/clock.ts';
import { ProviderUnavailable } from '../../src/exchange/exchange.errors.ts';
import type { AsyncCallTables } from '../../src/exchange/async-call.store.ts';
import type { ExchangeTables } from '../../src/exchange/exchange.store.ts';
import {
  ASYNC_MAX_ATTEMPTS,
  DELIVER_JOB,
  ExchangeCallError,
  ExchangeClient,
  inProcessTransport,
  signRequest,
  type AsyncTransport,
} from '../../src/exchange/index.ts';
import { createTestPlatform, type TestPlatform } from '../support/platform.ts';
import {
  countingProvider,
  joinExchange,
  OPERATOR,
  PERSON_SERVICE,
  type TestSubsystem,
} from '../support/exchange.ts';

const SERVICE = 'test-provider/register/person-test';
const TARGET = { member: 'test-provider', subsystem: 'register', service: 'person-test' };
const FIN = '5ABC12D';

type Tables = AsyncCallTables & QueueTables & AuditTables & ExchangeTables;

/** The async endpoints over the app's HTTP layer (inject: same routes, no socket). */
function injectTransport(app: App): AsyncTransport {
  return {
    async submit(service, jws) {
      const response = await app.inject({
        method: 'POST',
        url: `/exchange/v1/${service}`,
        headers: { 'content-type': 'application/jose', prefer: 'respond-async' },
        payload: jws,
      });
      return {
        status: response.statusCode,
        contentType: String(response.headers['content-type'] ?? ''),
        text: response.body,
      };
    },
    async fetch(callId, authorization) {
      const response = await app.inject({
        method: 'GET',
        url: `/exchange/v1/async/${callId}`,
        headers: { authorization },
      });
      return {
        status: response.statusCode,
        contentType: String(response.headers['content-type'] ?? ''),
        text: response.body,
      };
    },
  };
}

describe('EHIS-004-4.4: asynchronous calls through the gateway', () => {
  let test: TestPlatform;
  let platform: Platform;
  let app: App;
  let clock: FixedClock;
  let client: TestSubsystem;
  let provider: ReturnType<typeof countingProvider>;
  let grantId: string;

  beforeEach(async () => {
    clock = new FixedClock('2026-11-23T10:00:00Z');
    test = await createTestPlatform({}, { clock });
    platform = test.platform;
    app = await buildApp(platform);
    await joinExchange(platform, 'test-provider', 'register');
    client = await joinExchange(platform, 'test-client', 'cabinet');
    await platform.exchange.admin.publishService(
      { member: 'test-provider', subsystem: 'register', ...PERSON_SERVICE, timeoutMs: 200 },
      OPERATOR,
    );
    provider = countingProvider();
    platform.exchange.gateway.provide(TARGET, provider.handler);
    grantId = (
      await platform.exchange.admin.createAccessGrant(
        {
          clientMember: 'test-client',
          clientSubsystem: 'cabinet',
          providerMember: 'test-provider',
          providerSubsystem: 'register',
          service: 'person-test',
          legalActId: 'cabinet-143-2006',
          purposes: ['health-card-registration'],
          validUntil: '2027-06-01T00:00:00Z',
        },
        OPERATOR,
      )
    ).id;
  });
  afterEach(async () => {
    await app.close();
    await test.close();
  });

  function newClient(identity = client.identity): ExchangeClient {
    return new ExchangeClient({
      identity,
      transport: inProcessTransport(platform.exchange.gateway),
      asyncTransport: injectTransport(app),
      gatewayPublicJwk: platform.exchange.gateway.publicKey,
      now: () => clock.now(),
    });
  }

  const ask = { purpose: 'health-card-registration', subjectFin: FIN, body: { fin: FIN } };
  const db = (): Kysely<Tables> => platform.db.typed<Tables>();

  async function jobsFor(callId: string): Promise<{ status: string; attempts: number }[]> {
    return db()
      .selectFrom('queue.job')
      .select(['status', 'attempts'])
      .where('kind', '=', DELIVER_JOB)
      .where('dedupe_key', '=', callId)
      .execute();
  }

  async function successes(messageId: string): Promise<number> {
    const rows = await db()
      .selectFrom('exchange.message')
      .select('outcome')
      .where('message_id', '=', messageId)
      .where('outcome', '=', 'success')
      .execute();
    return rows.length;
  }

  it('EHIS-004-4.4: Prefer: respond-async → 202 with Location; the queue delivers; the caller fetches the signed answer', async () => {
    const jws = await signRequest(client.identity, SERVICE, ask, clock.now());
    const response = await app.inject({
      method: 'POST',
      url: `/exchange/v1/${SERVICE}`,
      headers: { 'content-type': 'application/jose', prefer: 'respond-async, wait=5' },
      payload: jws,
    });
    expect(response.statusCode).toBe(202);
    const accepted = response.json<{ id: string; status: string }>();
    expect(accepted.status).toBe('queued');
    expect(response.headers.location).toBe(`/exchange/v1/async/${accepted.id}`);
    expect(response.headers['preference-applied']).toBe('respond-async');
    // Accepted, not yet delivered: the provider has not been called.
    expect(provider.calls()).toBe(0);
    expect(await jobsFor(accepted.id)).toEqual([{ status: 'pending', attempts: 0 }]);
    const c = newClient();
    expect(await c.fetchAsync(accepted.id)).toEqual({
      id: accepted.id,
      status: 'queued',
      attempts: 0,
    });

    expect(await platform.queue.runDue()).toBe(1);
    expect(provider.calls()).toBe(1);
    expect(await c.fetchAsync(accepted.id)).toEqual({
      id: accepted.id,
      status: 'delivered',
      attempts: 1,
      body: { fin: FIN, name: `Person ${FIN}` },
      messageId: accepted.id,
    });
    expect(await successes(accepted.id)).toBe(1);
    expect(await jobsFor(accepted.id)).toEqual([{ status: 'done', attempts: 1 }]);
    // The call is logged like a synchronous one: the citizen sees the access.
    expect(await platform.exchange.admin.accessesForSubject(FIN)).toHaveLength(1);
  });

  it('EHIS-004-4.4: the client library submits and fetches; a second run of the job delivers nothing twice', async () => {
    const c = newClient();
    const { id } = await c.callAsync(SERVICE, ask);
    await platform.queue.runDue();
    // A stray duplicate job (e.g. re-enqueued by hand) finds the call delivered and does nothing.
    await platform.queue.enqueue(DELIVER_JOB, { callId: id }, { dedupeKey: id });
    expect(await platform.queue.runDue()).toBe(1);
    expect(provider.calls()).toBe(1);
    expect(await successes(id)).toBe(1);
    expect((await c.fetchAsync(id)).status).toBe('delivered');
  });

  it('EHIS-004-4.4: refused at acceptance (no grant → 403 at once, logged), nothing queued', async () => {
    const other = await joinExchange(platform, 'test-stranger', 'system');
    const error = await newClient(other.identity)
      .callAsync(SERVICE, ask)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeCallError);
    expect((error as ExchangeCallError).problem).toMatchObject({
      status: 403,
      type: 'exchange/no-legal-basis',
    });
    expect(await db().selectFrom('exchange.async_call').selectAll().execute()).toEqual([]);
    expect(await db().selectFrom('queue.job').selectAll().execute()).toEqual([]);
    const monitoring = await platform.exchange.admin.monitoring('5m');
    expect(monitoring.rows).toContainEqual(
      expect.objectContaining({ client: 'test-stranger/system', refused: 1, calls: 1 }),
    );
    // A schema-invalid body is refused at acceptance too.
    const invalid = await newClient()
      .callAsync(SERVICE, { ...ask, body: { fin: 'bad' } })
      .catch((e: unknown) => e);
    expect((invalid as ExchangeCallError).problem).toMatchObject({
      status: 400,
      type: 'exchange/invalid-request',
    });
  });

  it('EHIS-004-4.4: while the provider is unavailable the call is retried with backoff, then delivered', async () => {
    let down = true;
    let calls = 0;
    platform.exchange.gateway.provide(TARGET, async (request) => {
      calls += 1;
      if (down) throw new AppError(ProviderUnavailable);
      return { fin: (request.body as { fin: string }).fin, name: 'Back' };
    });
    const c = newClient();
    const { id } = await c.callAsync(SERVICE, ask);

    expect(await platform.queue.runDue()).toBe(1);
    expect(await c.fetchAsync(id)).toMatchObject({ status: 'queued', attempts: 1 });
    const row = await db()
      .selectFrom('exchange.async_call')
      .select(['last_error'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.last_error).toBe('exchange/provider-unavailable');
    // Not due before its backoff.
    clock.advance(backoffMs(1) - 1);
    expect(await platform.queue.runDue()).toBe(0);
    clock.advance(1);
    expect(await platform.queue.runDue()).toBe(1);
    expect(calls).toBe(2);
    clock.advance(backoffMs(2) - 1);
    expect(await platform.queue.runDue()).toBe(0);
    down = false;
    clock.advance(1);
    expect(await platform.queue.runDue()).toBe(1);
    expect(await c.fetchAsync(id)).toMatchObject({
      status: 'delivered',
      attempts: 3,
      body: { fin: FIN, name: 'Back' },
    });
    // Two failures and one success in the message log for the same message id.
    const outcomes = await db()
      .selectFrom('exchange.message')
      .select(['outcome', 'error_type'])
      .where('message_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(outcomes).toEqual([
      { outcome: 'failed', error_type: 'exchange/provider-unavailable' },
      { outcome: 'failed', error_type: 'exchange/provider-unavailable' },
      { outcome: 'success', error_type: null },
    ]);
  });

  it(`EHIS-004-4.4: after ${ASYNC_MAX_ATTEMPTS} failed tries the call is dead and the operator alerted (queue.dead-letter audited)`, async () => {
    platform.exchange.gateway.provide(TARGET, async () => {
      throw new AppError(ProviderUnavailable);
    });
    const c = newClient();
    const { id } = await c.callAsync(SERVICE, ask);
    for (let attempt = 1; attempt <= ASYNC_MAX_ATTEMPTS; attempt++) {
      expect(await platform.queue.runDue()).toBe(1);
      if (attempt < ASYNC_MAX_ATTEMPTS) {
        expect(await c.fetchAsync(id)).toMatchObject({ status: 'queued', attempts: attempt });
      }
      clock.advance(backoffMs(attempt));
    }
    expect(await platform.queue.runDue()).toBe(0);
    expect(await c.fetchAsync(id)).toEqual({
      id,
      status: 'dead',
      attempts: ASYNC_MAX_ATTEMPTS,
      problem: expect.objectContaining({
        type: 'exchange/provider-unavailable',
        status: 503,
        title: 'Təchizatçı əlçatan deyil',
      }) as unknown,
    });
    expect(await jobsFor(id)).toEqual([{ status: 'dead', attempts: ASYNC_MAX_ATTEMPTS }]);
    const alerts = await db()
      .selectFrom('audit.entry')
      .select(['actor', 'resource', 'outcome'])
      .where('action', '=', 'queue.dead-letter')
      .execute();
    expect(alerts).toEqual([
      {
        actor: 'system:queue',
        resource: expect.stringMatching(/^job:\d+:exchange\.deliver$/) as unknown,
        outcome: 'failed',
      },
    ]);
  });

  it('EHIS-004-4.4: a grant revoked between acceptance and delivery fails the call, without retries', async () => {
    const c = newClient();
    const { id } = await c.callAsync(SERVICE, ask);
    await platform.exchange.admin.revokeAccessGrant(grantId, 'legal basis repealed', OPERATOR);
    expect(await platform.queue.runDue()).toBe(1);
    expect(provider.calls()).toBe(0);
    expect(await c.fetchAsync(id)).toMatchObject({
      id,
      status: 'failed',
      attempts: 1,
      problem: { type: 'exchange/no-legal-basis', status: 403 },
    });
    expect(await jobsFor(id)).toEqual([{ status: 'done', attempts: 1 }]);
    clock.advance(60 * 60_000);
    expect(await platform.queue.runDue()).toBe(0);
  });

  it('EHIS-004-4.4: delivery happens long after acceptance (the envelope time is checked once)', async () => {
    const c = newClient();
    const { id } = await c.callAsync(SERVICE, ask);
    clock.advance(30 * 60_000);
    await platform.queue.runDue();
    expect((await c.fetchAsync(id)).status).toBe('delivered');
  });

  it('EHIS-004-4.4: only the calling subsystem reads the result; others get 404, a bad or stale signature 401', async () => {
    const c = newClient();
    const { id } = await c.callAsync(SERVICE, ask);
    const other = await joinExchange(platform, 'test-stranger', 'system');
    const stranger = await newClient(other.identity)
      .fetchAsync(id)
      .catch((e: unknown) => e);
    expect((stranger as ExchangeCallError).problem).toMatchObject({
      status: 404,
      type: 'exchange/unknown-async-call',
    });
    // An unknown id looks the same: ids are not confirmed to strangers.
    const unknown = await c
      .fetchAsync('00000000-0000-4000-8000-000000000000')
      .catch((e: unknown) => e);
    expect((unknown as ExchangeCallError).problem).toMatchObject({
      status: 404,
      type: 'exchange/unknown-async-call',
    });

    const fetch = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: `/exchange/v1/async/${id}`, headers });
    expect((await fetch({})).json()).toMatchObject({
      status: 401,
      type: 'exchange/bad-signature',
    });
    expect((await fetch({ authorization: 'Bearer x' })).statusCode).toBe(401);
    // Signed for another call id: refused.
    const elsewhere = injectTransport(app);
    let captured = '';
    const capturing = new ExchangeClient({
      identity: client.identity,
      transport: inProcessTransport(platform.exchange.gateway),
      asyncTransport: {
        submit: (service, jws) => elsewhere.submit(service, jws),
        async fetch(_callId, authorization) {
          captured = authorization;
          return elsewhere.fetch(id, authorization);
        },
      },
      gatewayPublicJwk: platform.exchange.gateway.publicKey,
      now: () => clock.now(),
    });
    const wrongId = await capturing
      .fetchAsync('00000000-0000-4000-8000-000000000000')
      .catch((e: unknown) => e);
    expect((wrongId as ExchangeCallError).problem).toMatchObject({
      status: 401,
      type: 'exchange/bad-signature',
    });
    // A token older than five minutes is refused.
    expect((await capturing.fetchAsync(id)).status).toBe('queued');
    expect((await fetch({ authorization: captured })).statusCode).toBe(200);
    clock.advance(6 * 60_000);
    expect((await fetch({ authorization: captured })).statusCode).toBe(401);
  });

  it('EHIS-004-4.4: a replayed envelope id is not accepted twice', async () => {
    const jws = await signRequest(client.identity, SERVICE, ask, clock.now());
    const transport = injectTransport(app);
    expect((await transport.submit(SERVICE, jws)).status).toBe(202);
    expect(JSON.parse((await transport.submit(SERVICE, jws)).text)).toMatchObject({
      status: 401,
      type: 'exchange/bad-signature',
    });
    expect(await db().selectFrom('queue.job').selectAll().execute()).toHaveLength(1);
  });
});
