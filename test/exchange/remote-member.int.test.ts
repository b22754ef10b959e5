import { spawn, type ChildProcess } from 'node:child_process';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { App } from '../../src/platform/http/http.ts';
import { ExchangeCallError, ExchangeClient, httpTransport } from '../../src/exchange/index.ts';
import { createTestPlatform, type TestPlatform } from '../support/platform.ts';
import { joinExchange, OPERATOR, PERSON_SERVICE, type TestSubsystem } from '../support/exchange.ts';

const FIXTURE = new URL('./fixtures/remote-provider.ts', import.meta.url).pathname;

/** Starts the remote provider process and resolves with its port. */
function startProvider(setup: unknown): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FIXTURE], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match?.[1] !== undefined) resolve({ child, port: Number(match[1]) });
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`provider exited ${code}: ${err}`)));
    child.stdin?.end(JSON.stringify(setup));
  });
}

describe('EHIS-004-6.1.11: members in separate processes talk over HTTP through the gateway', () => {
  let test: TestPlatform;
  let app: App;
  let gatewayUrl: string;
  let provider: { child: ChildProcess; port: number };
  let client: TestSubsystem;

  beforeAll(async () => {
    test = await createTestPlatform();
    const { platform } = test;
    app = await buildApp(platform);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    gatewayUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;

    // The provider agency makes its key, joins, then starts its own server with that key.
    const pair = await generateKeyPair('ES256', { extractable: true });
    await platform.exchange.admin.registerMember(
      {
        code: 'internal-affairs',
        nameAz: 'DİN',
        nameEn: 'Ministry of Internal Affairs',
        legalForm: 'state-body',
      },
      OPERATOR,
    );
    provider = await startProvider({
      member: 'internal-affairs',
      subsystem: 'population',
      privateJwk: await exportJWK(pair.privateKey),
      thumbprint: 'set-below',
      gatewayPublicJwk: platform.exchange.gateway.publicKey,
    });
    await platform.exchange.admin.registerSubsystem(
      {
        member: 'internal-affairs',
        code: 'population',
        name: 'Population register',
        publicKeyJwk: await exportJWK(pair.publicKey),
        endpointUrl: `http://127.0.0.1:${provider.port}`,
      },
      OPERATOR,
    );
    await platform.exchange.admin.publishService(
      {
        member: 'internal-affairs',
        subsystem: 'population',
        ...PERSON_SERVICE,
        responseSchema: { type: 'object', required: ['fin', 'name', 'pid'] },
      },
      OPERATOR,
    );
    client = await joinExchange(platform, 'health', 'e-health-card');
    await platform.exchange.admin.createAccessGrant(
      {
        clientMember: 'health',
        clientSubsystem: 'e-health-card',
        providerMember: 'internal-affairs',
        providerSubsystem: 'population',
        service: 'person-test',
        legalActId: 'cabinet-143-2006',
        purposes: ['health-card-registration'],
      },
      OPERATOR,
    );
  });
  afterAll(async () => {
    provider.child.kill('SIGTERM');
    await app.close();
    await test.close();
  });

  it('a client calls the gateway over HTTP, which calls the provider process over HTTP; both answers are signed', async () => {
    const keys = (await (await fetch(`${gatewayUrl}/exchange/v1/keys`)).json()) as {
      keys: [Record<string, unknown>];
    };
    const c = new ExchangeClient({
      identity: client.identity,
      transport: httpTransport(gatewayUrl),
      gatewayPublicJwk: keys.keys[0],
    });
    const answer = await c.call('internal-affairs/population/person-test', {
      purpose: 'health-card-registration',
      subjectFin: '5ABC12D',
      body: { fin: '5ABC12D' },
    });
    expect(answer.body).toMatchObject({ fin: '5ABC12D', name: 'Remote person 5ABC12D' });
    // The answer came from the other process.
    expect((answer.body as { pid: number }).pid).toBe(provider.child.pid);
    expect((answer.body as { pid: number }).pid).not.toBe(process.pid);
  });

  it('over HTTP, refusals are problem+json with the exchange type', async () => {
    const stranger = await joinExchange(test.platform, 'taxes', 'tax-system');
    const c = new ExchangeClient({
      identity: stranger.identity,
      transport: httpTransport(gatewayUrl),
      gatewayPublicJwk: test.platform.exchange.gateway.publicKey,
    });
    const error = await c
      .call('internal-affairs/population/person-test', { purpose: 'x-y', body: { fin: '5ABC12D' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeCallError);
    expect((error as ExchangeCallError).problem).toMatchObject({
      status: 403,
      type: 'exchange/no-legal-basis',
    });
  });

  it('a provider process that is down gives 503 exchange/provider-unavailable', async () => {
    provider.child.kill('SIGKILL');
    await new Promise((resolve) => provider.child.once('exit', resolve));
    const c = new ExchangeClient({
      identity: client.identity,
      transport: httpTransport(gatewayUrl),
      gatewayPublicJwk: test.platform.exchange.gateway.publicKey,
    });
    const error = await c
      .call('internal-affairs/population/person-test', {
        purpose: 'health-card-registration',
        body: { fin: '5ABC12D' },
      })
      .catch((e: unknown) => e);
    expect((error as ExchangeCallError).problem).toMatchObject({
      status: 503,
      type: 'exchange/provider-unavailable',
    });
  });
});

describe('the platform CA for relying parties', () => {
  it('publishes its certificate and a CRL listing revoked certificates', async () => {
    const test = await createTestPlatform();
    const app = await buildApp(test.platform);
    try {
      const member = await joinExchange(test.platform, 'test-member', 'test-system');
      const serial =
        (await test.platform.exchange.admin.listMembers()).find((m) => m.code === 'test-member')
          ?.subsystems[0]?.certificateSerial ?? '';
      await test.platform.ca.revoke(serial, 'key-compromise');
      const ca = await app.inject({ method: 'GET', url: '/pki/ca.pem' });
      expect(ca.statusCode).toBe(200);
      expect(ca.body).toContain('-----BEGIN CERTIFICATE-----');
      const crl = await app.inject({ method: 'GET', url: '/pki/crl?format=pem' });
      expect(crl.statusCode).toBe(200);
      await import('../../src/platform/pki/reflect-shim.ts');
      const { X509Crl } = await import('@peculiar/x509');
      const parsed = new X509Crl(crl.body);
      expect(parsed.entries.map((e) => e.serialNumber.toLowerCase())).toContain(serial);
      expect(member.certificatePem).toContain('BEGIN CERTIFICATE');
    } finally {
      await app.close();
      await test.close();
    }
  });
});
