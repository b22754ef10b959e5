import { importJWK } from 'jose';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../platform/time/clock.ts';
import { createTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import {
  countingProvider,
  joinExchange,
  OPERATOR,
  PERSON_SERVICE,
  type TestSubsystem,
} from '../../test/support/exchange.ts';
import { ExchangeCallError, ExchangeClient, inProcessTransport, signRequest } from './index.ts';
import type { Platform } from '../platform/platform.ts';

const SERVICE = 'internal-affairs/population/person-test';
const FIN = '5ABC12D';

describe('EHİS gateway: every call checked, signed and logged', () => {
  let test: TestPlatform;
  let platform: Platform;
  let clock: FixedClock;
  let client: TestSubsystem;
  let provider: ReturnType<typeof countingProvider>;
  let grantId: string;

  beforeEach(async () => {
    clock = new FixedClock('2026-11-23T10:00:00Z');
    test = await createTestPlatform({}, { clock });
    platform = test.platform;
    await joinExchange(platform, 'internal-affairs', 'population');
    client = await joinExchange(platform, 'health', 'e-health-card');
    await platform.exchange.admin.publishService(
      { member: 'internal-affairs', subsystem: 'population', ...PERSON_SERVICE, timeoutMs: 200 },
      OPERATOR,
    );
    provider = countingProvider();
    platform.exchange.gateway.provide(
      { member: 'internal-affairs', subsystem: 'population', service: 'person-test' },
      provider.handler,
    );
    const grant = await platform.exchange.admin.createAccessGrant(
      {
        clientMember: 'health',
        clientSubsystem: 'e-health-card',
        providerMember: 'internal-affairs',
        providerSubsystem: 'population',
        service: 'person-test',
        legalActId: 'cabinet-143-2006',
        legalArticle: '§2',
        purposes: ['health-card-registration'],
        dataItems: ['fullName'],
        validUntil: '2027-01-01T00:00:00Z',
      },
      OPERATOR,
    );
    grantId = grant.id;
  });
  afterEach(async () => {
    await test.close();
  });

  function newClient(identity = client.identity): ExchangeClient {
    return new ExchangeClient({
      identity,
      transport: inProcessTransport(platform.exchange.gateway),
      gatewayPublicJwk: platform.exchange.gateway.publicKey,
      now: () => clock.now(),
    });
  }

  async function problemOf(call: Promise<unknown>): Promise<{ type: string; status: number }> {
    try {
      await call;
    } catch (error) {
      if (error instanceof ExchangeCallError) return error.problem;
      throw error;
    }
    throw new Error('the call was expected to be refused');
  }

  const ask = (purpose = 'health-card-registration', body: unknown = { fin: FIN }) => ({
    purpose,
    subjectFin: FIN,
    actor: 'staff:7',
    body,
  });

  it('EHIS-001-5.1: a call with a grant in force reaches the provider; the answer is signed by the gateway', async () => {
    const answer = await newClient().call(SERVICE, ask());
    expect(answer.body).toEqual({ fin: FIN, name: `Person ${FIN}` });
    expect(provider.calls()).toBe(1);
  });

  it('EHIS-001-2.10.2: the message log records the call with client, actor, subject, purpose and legal basis', async () => {
    await newClient().call(SERVICE, ask());
    const accesses = await platform.exchange.admin.accessesForSubject(FIN);
    expect(accesses).toHaveLength(1);
    expect(accesses[0]).toMatchObject({
      client: 'health/e-health-card',
      service: SERVICE,
      purpose: 'health-card-registration',
      legalBasis: 'cabinet-143-2006 §2',
      actor: 'staff:7',
    });
    expect(await platform.exchange.messageLog.verify()).toMatchObject({ ok: true, entries: 1 });
  });

  it('EHIS-001-5.3.2: no grant → 403 exchange/no-legal-basis, logged as refused, provider untouched', async () => {
    const other = await joinExchange(platform, 'taxes', 'tax-system');
    expect(await problemOf(newClient(other.identity).call(SERVICE, ask()))).toMatchObject({
      status: 403,
      type: 'exchange/no-legal-basis',
    });
    expect(provider.calls()).toBe(0);
    const monitoring = await platform.exchange.admin.monitoring('1h');
    expect(monitoring.rows).toContainEqual(
      expect.objectContaining({ client: 'taxes/tax-system', refused: 1, calls: 1 }),
    );
  });

  it('a purpose the grant does not cover is refused', async () => {
    expect(await problemOf(newClient().call(SERVICE, ask('tax-inspection')))).toMatchObject({
      status: 403,
      type: 'exchange/no-legal-basis',
    });
  });

  it('an expired grant is refused', async () => {
    clock.set('2027-01-01T00:00:01Z');
    expect(await problemOf(newClient().call(SERVICE, ask()))).toMatchObject({
      status: 403,
      type: 'exchange/no-legal-basis',
    });
  });

  it('a revoked grant is refused from the moment of revocation', async () => {
    await newClient().call(SERVICE, ask());
    const revoked = await platform.exchange.admin.revokeAccessGrant(
      grantId,
      'legal basis repealed',
      OPERATOR,
    );
    expect(revoked).toMatchObject({
      active: false,
      revokedBy: OPERATOR,
      revocationReason: 'legal basis repealed',
    });
    expect(await problemOf(newClient().call(SERVICE, ask()))).toMatchObject({
      status: 403,
      type: 'exchange/no-legal-basis',
    });
  });

  it('EHIS-001-5.3.1: a suspended member is refused until reinstated; history kept', async () => {
    await platform.exchange.admin.setMemberStatus(
      'health',
      'suspended',
      'illegal entry confirmed',
      OPERATOR,
    );
    expect(await problemOf(newClient().call(SERVICE, ask()))).toMatchObject({
      status: 403,
      type: 'exchange/member-suspended',
    });
    const member = await platform.exchange.admin.setMemberStatus(
      'health',
      'active',
      'measures taken',
      OPERATOR,
    );
    expect(member.history.map((h) => h.event)).toEqual(['registered', 'suspended', 'reinstated']);
    await expect(newClient().call(SERVICE, ask())).resolves.toBeDefined();
  });

  it('a suspended provider member cannot be called either', async () => {
    await platform.exchange.admin.setMemberStatus(
      'internal-affairs',
      'suspended',
      'maintenance of legal basis',
      OPERATOR,
    );
    expect(await problemOf(newClient().call(SERVICE, ask()))).toMatchObject({
      status: 403,
      type: 'exchange/member-suspended',
    });
  });

  it('a tampered signature is refused (401 exchange/bad-signature)', async () => {
    const jws = await signRequest(client.identity, SERVICE, ask(), clock.now());
    const [header, payload, signature = ''] = jws.split('.');
    const flipped = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const answer = await inProcessTransport(platform.exchange.gateway)(SERVICE, flipped);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toMatchObject({ type: 'exchange/bad-signature' });
    // A body changed after signing fails the same way.
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()),
        purpose: 'other',
      }),
    ).toString('base64url');
    const answer2 = await inProcessTransport(platform.exchange.gateway)(
      SERVICE,
      `${header}.${forged}.${signature}`,
    );
    expect(JSON.parse(answer2.text)).toMatchObject({ type: 'exchange/bad-signature' });
    expect(provider.calls()).toBe(0);
  });

  it('an unknown client certificate is refused (401 exchange/unknown-client)', async () => {
    const stranger = { ...client.identity, certificateThumbprint: 'A'.repeat(43) };
    expect(await problemOf(newClient(stranger).call(SERVICE, ask()))).toMatchObject({
      status: 401,
      type: 'exchange/unknown-client',
    });
  });

  it('a revoked client certificate is refused (401 exchange/certificate-rejected)', async () => {
    const serial =
      (await platform.exchange.admin.listMembers()).find((m) => m.code === 'health')?.subsystems[0]
        ?.certificateSerial ?? '';
    await platform.ca.revoke(serial, 'key-compromise');
    expect(await problemOf(newClient().call(SERVICE, ask()))).toMatchObject({
      status: 401,
      type: 'exchange/certificate-rejected',
    });
  });

  it('a replayed envelope is refused; an old one too', async () => {
    const jws = await signRequest(client.identity, SERVICE, ask(), clock.now());
    const transport = inProcessTransport(platform.exchange.gateway);
    expect((await transport(SERVICE, jws)).status).toBe(200);
    expect(JSON.parse((await transport(SERVICE, jws)).text)).toMatchObject({
      type: 'exchange/bad-signature',
    });
    const stale = await signRequest(
      client.identity,
      SERVICE,
      ask(),
      new Date(clock.now().getTime() - 10 * 60_000),
    );
    expect(JSON.parse((await transport(SERVICE, stale)).text)).toMatchObject({
      type: 'exchange/bad-signature',
    });
  });

  it('a schema-invalid request gets 400 with pointers and reaches no provider', async () => {
    const problem = await problemOf(
      newClient().call(SERVICE, ask('health-card-registration', { fin: 'bad', extra: 1 })),
    );
    expect(problem).toMatchObject({ status: 400, type: 'exchange/invalid-request' });
    expect(
      (problem as { errors?: { pointer?: string }[] }).errors?.map((e) => e.pointer).sort(),
    ).toEqual(['#/body/extra', '#/body/fin']);
    expect(provider.calls()).toBe(0);
  });

  it('a provider timeout gives 504 and is logged as failed', async () => {
    platform.exchange.gateway.provide(
      { member: 'internal-affairs', subsystem: 'population', service: 'person-test' },
      () => new Promise(() => undefined),
    );
    expect(await problemOf(newClient().call(SERVICE, ask()))).toMatchObject({
      status: 504,
      type: 'exchange/provider-timeout',
    });
    const monitoring = await platform.exchange.admin.monitoring('5m');
    expect(monitoring.rows[0]).toMatchObject({ errors: 1, calls: 1 });
  });

  it('EHIS-004-7.1.9: a provider answer that breaks its contract is a fault: 502, logged, not passed on', async () => {
    platform.exchange.gateway.provide(
      { member: 'internal-affairs', subsystem: 'population', service: 'person-test' },
      async () => ({ wrong: true }),
    );
    expect(await problemOf(newClient().call(SERVICE, ask()))).toMatchObject({
      status: 502,
      type: 'exchange/invalid-response',
    });
  });

  it('an idempotency key returns the first answer without calling the provider again; reuse with another body is 409', async () => {
    const c = newClient();
    const first = await c.call(SERVICE, { ...ask(), idempotencyKey: 'k-1' });
    const second = await c.call(SERVICE, { ...ask(), idempotencyKey: 'k-1' });
    expect(second.body).toEqual(first.body);
    expect(provider.calls()).toBe(1);
    expect(
      await problemOf(
        c.call(SERVICE, {
          ...ask('health-card-registration', { fin: '1ABC234' }),
          idempotencyKey: 'k-1',
        }),
      ),
    ).toMatchObject({
      status: 409,
      type: 'exchange/idempotency-conflict',
    });
  });

  it('the client rejects an answer not signed by the gateway', async () => {
    const { generateKeyPair, exportJWK } = await import('jose');
    const wrong = await exportJWK((await generateKeyPair('ES256')).publicKey);
    const c = new ExchangeClient({
      identity: client.identity,
      // As over a network: the answer arrives as text only, and must verify.
      transport: async (service, jws) => {
        const { envelope: _inMemory, ...raw } = await inProcessTransport(platform.exchange.gateway)(
          service,
          jws,
        );
        return raw;
      },
      gatewayPublicJwk: wrong,
      now: () => clock.now(),
    });
    await expect(c.call(SERVICE, ask())).rejects.toThrow();
    // The gateway key published for members verifies.
    await expect(
      importJWK({ ...platform.exchange.gateway.publicKey, alg: 'ES256' }, 'ES256'),
    ).resolves.toBeDefined();
  });

  it('the message-log verifier finds an edited or a deleted row', async () => {
    const c = newClient();
    for (let i = 0; i < 5; i++) await c.call(SERVICE, ask());
    expect(await platform.exchange.messageLog.verify()).toMatchObject({ ok: true, entries: 5 });
    await platform.db.execScript(`
      ALTER TABLE exchange.message_y2026m11 DISABLE TRIGGER ALL;
      UPDATE exchange.message_y2026m11 SET purpose = 'other' WHERE seq = 3;
      ALTER TABLE exchange.message_y2026m11 ENABLE TRIGGER ALL;`);
    expect(await platform.exchange.messageLog.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 3,
    });
    await platform.db.execScript(`
      ALTER TABLE exchange.message_y2026m11 DISABLE TRIGGER ALL;
      DELETE FROM exchange.message_y2026m11 WHERE seq = 3;
      ALTER TABLE exchange.message_y2026m11 ENABLE TRIGGER ALL;`);
    expect(await platform.exchange.messageLog.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 3,
    });
  });

  it('EHIS-LEX: a grant must cite an act of the legal-basis catalogue; an unknown act is refused and nothing is created', async () => {
    const before = await platform.exchange.admin.listAccessGrants({});
    await expect(
      platform.exchange.admin.createAccessGrant(
        {
          clientMember: 'health',
          clientSubsystem: 'e-health-card',
          providerMember: 'internal-affairs',
          providerSubsystem: 'population',
          service: 'person-test',
          legalActId: 'no-such-act',
          purposes: ['health-card-registration'],
        },
        OPERATOR,
      ),
    ).rejects.toMatchObject({ type: 'platform/validation' });
    expect(await platform.exchange.admin.listAccessGrants({})).toHaveLength(before.length);
    const acts = await platform.exchange.admin.listLegalActs();
    expect(acts.map((a) => a.id)).toEqual(
      expect.arrayContaining([
        'law-personal-data',
        'decree-263-2018',
        'cabinet-308-2021',
        'cabinet-113-2025',
      ]),
    );
  });

  it('EHIS-001-2.9.1: every published service carries the classification of its data', async () => {
    const services = await platform.exchange.admin.listServices();
    expect(services.find((s) => s.code === 'person-test')).toMatchObject({
      dataClassification: 'restricted',
      subjectIsPerson: true,
    });
  });

  it('the message log is partitioned by month, the coming months created ahead', async () => {
    await newClient().call(SERVICE, ask());
    const parts = await platform.db.kysely
      .selectFrom('pg_inherits as i')
      .innerJoin('pg_class as c', 'c.oid', 'i.inhrelid')
      .select('c.relname')
      .where(sql<boolean>`i.inhparent = 'exchange.message'::regclass`)
      .execute();
    expect(parts.map((p: { relname: string }) => p.relname)).toEqual(
      expect.arrayContaining([
        'message_y2026m11',
        'message_y2026m12',
        'message_y2027m01',
        'message_default',
      ]),
    );
    const counted = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM exchange.message_y2026m11`.execute(platform.db.kysely);
    expect(counted.rows[0]?.n).toBe(1);
  });

  it('the message log refuses updates and deletes from the application', async () => {
    await newClient().call(SERVICE, ask());
    await expect(
      platform.db.execScript(`UPDATE exchange.message SET purpose = 'x'`),
    ).rejects.toThrow(/append-only/);
    await expect(platform.db.execScript(`DELETE FROM exchange.message`)).rejects.toThrow(
      /append-only/,
    );
  });
});
