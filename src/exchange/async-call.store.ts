import type { Kysely, Transaction } from 'kysely';
import type { FieldError } from '../platform/errors/app-error.ts';

/** The asynchronous-call table (migrations 0001, 0002). */
export interface AsyncCallTables {
  'exchange.async_call': {
    id: string;
    client: string;
    service: string;
    envelope: string;
    status: AsyncCallStatus;
    attempts: number;
    result: unknown;
    last_error: string | null;
    created_at: Date;
    finished_at: Date | null;
  };
}

export type AsyncCallStatus = 'queued' | 'delivered' | 'failed' | 'dead';

/** A problem as stored: rendered in the reader's language when fetched. */
export interface StoredProblem {
  readonly type: string;
  readonly status: number;
  readonly params: Readonly<Record<string, string | number>>;
  readonly errors?: readonly FieldError[];
}

/** One asynchronous call, parsed (STYLE.md §6). */
export interface AsyncCall {
  readonly id: string;
  readonly client: string;
  readonly service: string;
  readonly envelope: string;
  readonly status: AsyncCallStatus;
  readonly attempts: number;
  readonly answer: string | undefined;
  readonly problem: StoredProblem | undefined;
  readonly lastError: string | undefined;
  readonly createdAt: Date;
  readonly finishedAt: Date | undefined;
}

type Db = Kysely<AsyncCallTables> | Transaction<AsyncCallTables>;
type Row = AsyncCallTables['exchange.async_call'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function toCall(row: Row): AsyncCall {
  // Both engines return jsonb parsed; the CHECK constraint fixes its shape per status.
  const result = isRecord(row.result) ? row.result : {};
  return {
    id: row.id,
    client: row.client,
    service: row.service,
    envelope: row.envelope,
    status: row.status,
    attempts: row.attempts,
    answer: typeof result.answer === 'string' ? result.answer : undefined,
    problem: isRecord(result.problem) ? (result.problem as unknown as StoredProblem) : undefined,
    lastError: row.last_error ?? undefined,
    createdAt: row.created_at,
    finishedAt: row.finished_at ?? undefined,
  };
}

/** Inserts a queued call; false when the id is taken (a replayed envelope). */
export async function insertCall(
  db: Db,
  call: { id: string; client: string; service: string; envelope: string; createdAt: Date },
): Promise<boolean> {
  const row = await db
    .insertInto('exchange.async_call')
    .values({
      id: call.id,
      client: call.client,
      service: call.service,
      envelope: call.envelope,
      status: 'queued',
      attempts: 0,
      result: null,
      last_error: null,
      created_at: call.createdAt,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findCall(db: Db, id: string): Promise<AsyncCall | undefined> {
  const row = await db
    .selectFrom('exchange.async_call')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toCall(row);
}

/** A failed attempt while retries go on. Only a queued call changes. */
export async function recordAttempt(
  db: Db,
  id: string,
  attempts: number,
  lastError: string,
): Promise<void> {
  await db
    .updateTable('exchange.async_call')
    .set({ attempts, last_error: lastError.slice(0, 500) })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
}

/**
 * The end of a call: delivered with the gateway's signed answer, or failed / dead with the
 * problem. Only a queued call finishes, so a late second delivery cannot overwrite the first;
 * returns whether this one did.
 */
export async function finishCall(
  db: Db,
  id: string,
  end:
    | { status: 'delivered'; answer: string; attempts: number; at: Date }
    | { status: 'failed' | 'dead'; problem: StoredProblem; attempts: number; at: Date },
): Promise<boolean> {
  const result = end.status === 'delivered' ? { answer: end.answer } : { problem: end.problem };
  const updated = await db
    .updateTable('exchange.async_call')
    .set({
      status: end.status,
      attempts: end.attempts,
      result: JSON.stringify(result),
      last_error: end.status === 'delivered' ? null : end.problem.type,
      finished_at: end.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
