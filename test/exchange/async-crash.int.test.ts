import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/database.ts';
import type { QueueTables } from '../../src/platform/queue/queue.service.ts';
import type { AsyncCallTables } from '../../src/exchange/async-call.store.ts';
import type { ExchangeTables } from '../../src/exchange/exchange.store.ts';
import {
  DELIVER_JOB,
  ExchangeClient,
  httpAsyncTransport,
  httpTransport,
  type AsyncResult,
} from '../../src/exchange/index.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db.ts';

const FIXTURE = new URL('./fixtures/async-node.ts', import.meta.url).pathname;
const SERVICE = 'test-provider/register/person-test';

interface Ready {
  port: number;
  clientThumbprint?: string;
  gatewayPublicJwk: JWK;
}

/** Starts a node on the shared database; resolves once it listens and its queue runs. */
function startNode(
  env: Record<string, string>,
  setup: unknown,
): Promise<{ child: ChildProcess; ready: Ready; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FIXTURE], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^ready (.+)$/m.exec(out);
      if (match?.[1] !== undefined) {
        resolve({ child, ready: JSON.parse(match[1]) as Ready, stderr: () => err });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code, signal) =>
      reject(new Error(`node exited (${code ?? signal ?? '?'}) before it was ready: ${err}`)),
    );
    child.stdin?.end(JSON.stringify(setup));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function markerLines(marker: string): string[] {
  return existsSync(marker) ? readFileSync(marker, 'utf8').trim().split('\n').filter(Boolean) : [];
}

describe('EHIS-004-4.4: an accepted asynchronous call survives the death of the node delivering it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ehis-crash-'));
  const marker = join(dir, 'provider.log');
  const children: ChildProcess[] = [];
  let server: TestDatabase | undefined;

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await server?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('EHIS-004-4.4: SIGKILL mid-delivery, restart: delivered exactly once (one success in the message log, the provider completed once)', async () => {
    // PGlite: a data folder only one process may open at a time; PostgreSQL: a fresh database.
    if (TEST_ENGINE === 'postgres') server = await createTestDatabase();
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      EHIS_DATA_DIR: join(dir, 'data'),
      // Short lease and poll: the restarted node takes the orphaned job over within a second.
      EHIS_QUEUE_LEASE_MS: '1000',
      EHIS_QUEUE_POLL_MS: '100',
      ...(server?.url === undefined ? {} : { DATABASE_URL: server.url }),
    };
    const keys = await generateKeyPair('ES256', { extractable: true });

    // 1. A node accepts the call; its provider blocks mid-delivery.
    const first = await startNode(env, {
      mode: 'block',
      marker,
      clientPublicJwk: await exportJWK(keys.publicKey),
    });
    children.push(first.child);
    const clientOf = (ready: Ready): ExchangeClient => {
      const url = `http://127.0.0.1:${ready.port}`;
      return new ExchangeClient({
        identity: {
          member: 'test-client',
          subsystem: 'cabinet',
          privateKey: keys.privateKey,
          certificateThumbprint: first.ready.clientThumbprint ?? '',
        },
        transport: httpTransport(url),
        asyncTransport: httpAsyncTransport(url),
        gatewayPublicJwk: ready.gatewayPublicJwk,
      });
    };
    const { id } = await clientOf(first.ready).callAsync(SERVICE, {
      purpose: 'health-card-registration',
      subjectFin: '5ABC12D',
      body: { fin: '5ABC12D' },
    });
    await until('the provider to be called', async () =>
      markerLines(marker).some((line) => line.startsWith('start')) ? true : undefined,
    );
    expect((await clientOf(first.ready).fetchAsync(id)).status).toBe('queued');

    // 2. Killed without a chance to clean up.
    first.child.kill('SIGKILL');
    await exited(first.child);

    // 3. A new node on the same database finishes the delivery.
    const second = await startNode(env, { mode: 'answer', marker });
    children.push(second.child);
    const result = await until<AsyncResult>('the delivery', async () => {
      const state = await clientOf(second.ready).fetchAsync(id);
      return state.status === 'queued' ? undefined : state;
    });
    expect(result).toMatchObject({
      id,
      status: 'delivered',
      attempts: 2,
      body: { fin: '5ABC12D', name: 'Person 5ABC12D', pid: second.child.pid },
    });
    second.child.kill('SIGTERM');
    await exited(second.child);
    expect(second.child.exitCode, second.stderr()).toBe(0);

    // 4. Exactly once: the provider completed once, the message log holds one success.
    const lines = markerLines(marker);
    expect(lines.filter((line) => line.startsWith('start'))).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith('complete'))).toEqual([
      `complete ${second.child.pid} ${id}`,
    ]);
    const db: Database = server?.db ?? (await openDatabase({ dataDir: env.EHIS_DATA_DIR }));
    try {
      const tables = db.typed<ExchangeTables & AsyncCallTables & QueueTables>();
      expect(
        await tables
          .selectFrom('exchange.message')
          .select(['outcome', 'status'])
          .where('message_id', '=', id)
          .execute(),
      ).toEqual([{ outcome: 'success', status: 200 }]);
      expect(
        await tables
          .selectFrom('exchange.async_call')
          .select(['status', 'attempts'])
          .where('id', '=', id)
          .execute(),
      ).toEqual([{ status: 'delivered', attempts: 2 }]);
      expect(
        await tables
          .selectFrom('queue.job')
          .select(['status', 'attempts'])
          .where('kind', '=', DELIVER_JOB)
          .execute(),
      ).toEqual([{ status: 'done', attempts: 2 }]);
    } finally {
      if (server === undefined) await db.close();
    }
  }, 120_000);
});
