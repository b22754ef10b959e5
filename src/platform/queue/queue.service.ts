import { sql, type Generated, type Kysely, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../time/clock.ts';

export interface QueueTables {
  'queue.job': {
    id: Generated<number>;
    kind: string;
    payload: unknown;
    status: Generated<'pending' | 'running' | 'done' | 'dead'>;
    run_at: Date;
    attempts: Generated<number>;
    max_attempts: number;
    locked_until: Date | null;
    last_error: string | null;
    dedupe_key: string | null;
    result: unknown;
    created_at: Date;
    finished_at: Date | null;
  };
}

export interface Job {
  readonly id: number;
  readonly kind: string;
  readonly payload: unknown;
  readonly attempts: number;
  readonly maxAttempts: number;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

export interface JobHandler {
  (job: Job): Promise<unknown>;
}

export interface EnqueueOptions {
  readonly runAt?: Date;
  readonly maxAttempts?: number;
  /** A second enqueue with the same kind and key while the first is live does nothing. */
  readonly dedupeKey?: string;
  /** Enqueue inside the caller's transaction: the job exists exactly when the change commits. */
  readonly trx?: Transaction<QueueTables>;
}

export interface JobQueueOptions {
  readonly db: Kysely<QueueTables>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Subscribes to wake-ups (LISTEN); the poll interval still catches scheduled jobs. */
  readonly listen?: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;
  readonly pollMs?: number;
  readonly leaseMs?: number;
  readonly concurrency?: number;
  /** Called once a job has failed its last attempt: the operator alert. */
  readonly onDeadLetter?: (job: Job, error: string) => Promise<void> | void;
}

const CHANNEL = 'ehis_jobs';

/** Exponential backoff with a ceiling: 2 s, 4 s, 8 s … at most 10 minutes. */
export function backoffMs(attempt: number): number {
  return Math.min(2 ** attempt * 1000, 10 * 60 * 1000);
}

/**
 * A small PostgreSQL-backed job queue that runs on PGlite's single connection as well as on a
 * server (pg-boss and graphile-worker need several connections). Jobs survive restarts: a job
 * whose worker died is claimed again when its lease runs out, so handlers must be idempotent.
 */
export class JobQueue {
  readonly #db: Kysely<QueueTables>;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #options: JobQueueOptions;
  readonly #handlers = new Map<string, JobHandler>();
  #running = false;
  #timer: NodeJS.Timeout | undefined;
  #unlisten: (() => Promise<void>) | undefined;
  #tick: Promise<void> | undefined;
  #wakeAgain = false;

  constructor(options: JobQueueOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#log = options.logger;
    this.#options = options;
  }

  handle(kind: string, handler: JobHandler): void {
    if (this.#handlers.has(kind)) throw new Error(`job kind ${kind} already has a handler`);
    this.#handlers.set(kind, handler);
  }

  async enqueue(
    kind: string,
    payload: unknown,
    options: EnqueueOptions = {},
  ): Promise<number | undefined> {
    const db = options.trx ?? this.#db;
    const now = this.#clock.now();
    const row = await db
      .insertInto('queue.job')
      .values({
        kind,
        payload: JSON.stringify(payload),
        run_at: options.runAt ?? now,
        max_attempts: options.maxAttempts ?? 8,
        dedupe_key: options.dedupeKey ?? null,
        created_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['kind', 'dedupe_key'])
          .where('dedupe_key', 'is not', null)
          .where('status', 'in', ['pending', 'running'])
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    await sql`SELECT pg_notify(${CHANNEL}, ${kind})`.execute(db);
    return row?.id;
  }

  async status(
    id: number,
  ): Promise<
    { status: JobStatus; attempts: number; lastError: string | null; result: unknown } | undefined
  > {
    const row = await this.#db
      .selectFrom('queue.job')
      .select(['status', 'attempts', 'last_error', 'result'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : {
          status: row.status,
          attempts: row.attempts,
          lastError: row.last_error,
          result: row.result,
        };
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    if (this.#options.listen !== undefined) {
      this.#unlisten = await this.#options.listen(CHANNEL, () => this.wake());
    }
    this.#schedule();
    this.wake();
  }

  /** Stops claiming new jobs and waits for the ones in hand. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    while (this.#tick !== undefined) await this.#tick;
    await this.#unlisten?.();
    this.#unlisten = undefined;
  }

  wake(): void {
    if (!this.#running) return;
    if (this.#tick !== undefined) {
      this.#wakeAgain = true;
      return;
    }
    this.#tick = this.#runDue()
      .then(() => undefined)
      .catch((error: unknown) => this.#log.error({ err: error }, 'job queue tick failed'))
      .finally(() => {
        this.#tick = undefined;
        if (this.#wakeAgain) {
          this.#wakeAgain = false;
          this.wake();
        }
      });
  }

  #schedule(): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.wake();
      this.#schedule();
    }, this.#options.pollMs ?? 1000);
    this.#timer.unref();
  }

  /** Runs due jobs until none is left (or the queue stops). Exposed for tests and CLIs. */
  async runDue(): Promise<number> {
    return this.#runDue();
  }

  async #runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await this.#claim(this.#options.concurrency ?? 4);
      if (jobs.length === 0) return total;
      total += jobs.length;
      await Promise.all(jobs.map((job) => this.#run(job)));
      if (!this.#running && this.#timer === undefined && total > 0) return total;
    }
  }

  async #claim(limit: number): Promise<Job[]> {
    const kinds = [...this.#handlers.keys()];
    if (kinds.length === 0) return [];
    const now = this.#clock.now();
    const leaseUntil = new Date(now.getTime() + (this.#options.leaseMs ?? 60_000));
    const rows = await this.#db
      .updateTable('queue.job')
      .set((eb) => ({
        status: 'running',
        locked_until: leaseUntil,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('queue.job')
          .select('id')
          .where('kind', 'in', kinds)
          .where((w) =>
            w.or([
              w.and([w('status', '=', 'pending'), w('run_at', '<=', now)]),
              w.and([w('status', '=', 'running'), w('locked_until', '<', now)]),
            ]),
          )
          .orderBy('run_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'kind', 'payload', 'attempts', 'max_attempts'])
      .execute();
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      payload: row.payload,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
    }));
  }

  async #run(job: Job): Promise<void> {
    const handler = this.#handlers.get(job.kind);
    if (handler === undefined) return;
    try {
      const result = await handler(job);
      await this.#db
        .updateTable('queue.job')
        .set({
          status: 'done',
          locked_until: null,
          finished_at: this.#clock.now(),
          result: result === undefined ? null : JSON.stringify(result),
        })
        .where('id', '=', job.id)
        .execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const dead = job.attempts >= job.maxAttempts;
      const now = this.#clock.now();
      await this.#db
        .updateTable('queue.job')
        .set({
          status: dead ? 'dead' : 'pending',
          locked_until: null,
          last_error: message.slice(0, 2000),
          run_at: new Date(now.getTime() + backoffMs(job.attempts)),
          finished_at: dead ? now : null,
        })
        .where('id', '=', job.id)
        .execute();
      this.#log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, dead }, 'job failed');
      if (dead) await this.#options.onDeadLetter?.(job, message);
    }
  }
}
