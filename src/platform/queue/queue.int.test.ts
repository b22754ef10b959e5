import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../time/clock.ts';
import { JobQueue, backoffMs, type Job, type QueueTables } from './queue.service.ts';
import { createMigratedTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { silentLogger } from '../../../test/support/logger.ts';

describe('the platform job queue', () => {
  let test: TestDatabase;
  let clock: FixedClock;

  beforeEach(async () => {
    test = await createMigratedTestDatabase();
    clock = new FixedClock('2026-11-23T10:00:00Z');
  });
  afterEach(async () => {
    await test.drop();
  });

  function newQueue(
    options: { leaseMs?: number; onDeadLetter?: (job: Job, error: string) => void } = {},
  ): JobQueue {
    return new JobQueue({
      db: test.db.typed<QueueTables>(),
      clock,
      logger: silentLogger(),
      ...options,
    });
  }

  it('runs an enqueued job once and records its result', async () => {
    const queue = newQueue();
    const seen: unknown[] = [];
    queue.handle('greet', async (job) => {
      seen.push(job.payload);
      return { greeted: true };
    });
    const id = await queue.enqueue('greet', { name: 'Aysel' });
    expect(await queue.runDue()).toBe(1);
    expect(await queue.runDue()).toBe(0);
    expect(seen).toEqual([{ name: 'Aysel' }]);
    expect(await queue.status(id ?? -1)).toMatchObject({
      status: 'done',
      attempts: 1,
      result: { greeted: true },
    });
  });

  it('retries with backoff, then dead-letters after the last attempt and alerts', async () => {
    const dead: string[] = [];
    const queue = newQueue({ onDeadLetter: (_job, error) => void dead.push(error) });
    queue.handle('flaky', async () => {
      throw new Error('provider unavailable');
    });
    const id = (await queue.enqueue('flaky', {}, { maxAttempts: 3 })) ?? -1;
    expect(await queue.runDue()).toBe(1);
    expect(await queue.status(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'provider unavailable',
    });
    // Not due again before the backoff has passed.
    expect(await queue.runDue()).toBe(0);
    clock.advance(backoffMs(1));
    expect(await queue.runDue()).toBe(1);
    clock.advance(backoffMs(2));
    expect(await queue.runDue()).toBe(1);
    expect(await queue.status(id)).toMatchObject({ status: 'dead', attempts: 3 });
    expect(dead).toEqual(['provider unavailable']);
    clock.advance(backoffMs(10));
    expect(await queue.runDue()).toBe(0);
  });

  it('a job whose worker died is run again after its lease (jobs survive a restart)', async () => {
    const crashed = newQueue({ leaseMs: 30_000 });
    crashed.handle('deliver', () => new Promise<never>(() => undefined)); // never finishes: the "kill"
    const id = (await crashed.enqueue('deliver', { n: 1 })) ?? -1;
    void crashed.runDue();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await crashed.status(id)).toMatchObject({ status: 'running', attempts: 1 });

    const restarted = newQueue();
    let runs = 0;
    restarted.handle('deliver', async () => {
      runs += 1;
    });
    expect(await restarted.runDue()).toBe(0); // the lease still holds
    clock.advance(30_001);
    expect(await restarted.runDue()).toBe(1);
    expect(runs).toBe(1);
    expect(await restarted.status(id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a deduplication key makes a second enqueue of live work a no-op', async () => {
    const queue = newQueue();
    queue.handle('notify', async () => undefined);
    const first = await queue.enqueue('notify', { to: 1 }, { dedupeKey: 'request-42' });
    const second = await queue.enqueue('notify', { to: 1 }, { dedupeKey: 'request-42' });
    expect(first).toBeTypeOf('number');
    expect(second).toBeUndefined();
    expect(await queue.runDue()).toBe(1);
    // Once done, the same key may be used again.
    expect(await queue.enqueue('notify', { to: 1 }, { dedupeKey: 'request-42' })).toBeTypeOf(
      'number',
    );
  });

  it('a job enqueued in a transaction that rolls back never exists (transactional outbox)', async () => {
    const queue = newQueue();
    let runs = 0;
    queue.handle('outbox', async () => {
      runs += 1;
    });
    await expect(
      test.db
        .typed<QueueTables>()
        .transaction()
        .execute(async (trx) => {
          await queue.enqueue('outbox', {}, { trx });
          throw new Error('business change failed');
        }),
    ).rejects.toThrow('business change failed');
    expect(await queue.runDue()).toBe(0);
    expect(runs).toBe(0);
  });

  it('a started queue picks up new jobs by itself (NOTIFY wake-up)', async () => {
    const queue = new JobQueue({
      db: test.db.typed<QueueTables>(),
      clock,
      logger: silentLogger(),
      listen: (channel, onNotify) => test.db.listen(channel, onNotify),
      pollMs: 60_000,
    });
    const done = new Promise<unknown>((resolve) =>
      queue.handle('wake', async (job) => resolve(job.payload)),
    );
    await queue.start();
    try {
      await queue.enqueue('wake', { ok: 1 });
      await expect(done).resolves.toEqual({ ok: 1 });
    } finally {
      await queue.stop();
    }
  });
});
