import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import { AppError, errorCatalogue } from '../platform/errors/app-error.ts';
import { Internal } from '../platform/errors/platform.errors.ts';
import { format, type Lang } from '../platform/i18n/lang.ts';
import type { Job } from '../platform/queue/queue.service.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { AsyncCallAccepted, AsyncCallView, CallProblem } from './async-call.schema.ts';
import * as store from './async-call.store.ts';
import type { AsyncCall, AsyncCallTables, StoredProblem } from './async-call.store.ts';
import {
  BadSignature,
  ProviderError,
  ProviderTimeout,
  ProviderUnavailable,
  UnknownAsyncCall,
  UnknownService,
} from './exchange.errors.ts';
import type { ServiceRef } from './exchange.schema.ts';
import { parseServiceId, type Gateway } from './gateway.ts';

/** The job kind of an asynchronous delivery; its payload is `{ callId }`. */
export const DELIVER_JOB = 'exchange.deliver';

/**
 * Provider failures are retried with the queue's backoff; anything else (a refusal at delivery,
 * an answer that breaks the contract) is final: retrying would not change it.
 */
const RETRYABLE: ReadonlySet<string> = new Set([
  ProviderUnavailable.type,
  ProviderTimeout.type,
  ProviderError.type,
]);

/** How far the `iat` of a result fetch may be from now, as for envelopes. */
const FETCH_SKEW_SECONDS = 300;

/** `Prefer: respond-async` (RFC 7240 §4.1), among other preferences, in any letter case. */
export function prefersAsync(header: string | string[] | undefined): boolean {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return values.some((value) =>
    value
      .split(',')
      .some((preference) => preference.split(/[;=]/)[0]?.trim().toLowerCase() === 'respond-async'),
  );
}

export interface AsyncCallsOptions {
  readonly db: Kysely<AsyncCallTables>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly gateway: Gateway;
  /**
   * Enqueues the delivery job in the caller's transaction (transactional outbox): the job exists
   * exactly when the accepted call does.
   */
  readonly enqueueDelivery: (trx: Transaction<AsyncCallTables>, callId: string) => Promise<void>;
}

function toStoredProblem(error: AppError): StoredProblem {
  return {
    type: error.type,
    status: error.status,
    params: error.params,
    ...(error.errors === undefined ? {} : { errors: error.errors }),
  };
}

/** A stored problem in the reader's language, from the catalogue its type names. */
function renderProblem(problem: StoredProblem, lang: Lang): CallProblem {
  const definition = errorCatalogue().find((d) => d.type === problem.type);
  return {
    type: problem.type,
    title: definition?.title[lang] ?? problem.type,
    status: problem.status,
    ...(definition?.detail === undefined
      ? {}
      : { detail: format(definition.detail[lang], problem.params) }),
    ...(problem.errors === undefined ? {} : { errors: [...problem.errors] }),
  };
}

function callIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const callId = (payload as Record<string, unknown>).callId;
  return typeof callId === 'string' ? callId : undefined;
}

/**
 * Asynchronous calls (EHIS-004-4.4, issue 3 item 8): when real-time exchange is not possible the
 * gateway accepts a call after all of its checks, keeps it and delivers it from the job queue,
 * retrying while the provider is unavailable. The client fetches the signed answer later.
 */
export class AsyncCalls {
  readonly #o: AsyncCallsOptions;

  constructor(options: AsyncCallsOptions) {
    this.#o = options;
  }

  /**
   * Runs every check of a call now (a refusal is answered and logged at once), then records the
   * call and its delivery job in one transaction.
   */
  async accept(target: ServiceRef, jws: string, lang: Lang): Promise<AsyncCallAccepted> {
    const { envelope, client } = await this.#o.gateway.precheck(target, jws, lang);
    const accepted = await this.#o.db.transaction().execute(async (trx) => {
      const inserted = await store.insertCall(trx, {
        id: envelope.id,
        client,
        service: envelope.service,
        envelope: jws,
        createdAt: this.#o.clock.now(),
      });
      if (inserted) await this.#o.enqueueDelivery(trx, envelope.id);
      return inserted;
    });
    // The id is taken: an envelope replayed to another node, past its in-memory replay check.
    if (!accepted) throw new AppError(BadSignature);
    return { id: envelope.id, status: 'queued' };
  }

  /**
   * The `exchange.deliver` job. Idempotent: a call no longer queued (delivered by an earlier run
   * whose job record was lost with its process) is left alone.
   */
  async deliver(job: Job): Promise<unknown> {
    const callId = callIdOf(job.payload);
    if (callId === undefined) {
      this.#o.logger.error({ jobId: job.id }, 'exchange.deliver job without a callId');
      return { skipped: 'no callId' };
    }
    const call = await store.findCall(this.#o.db, callId);
    if (call === undefined || call.status !== 'queued') return { skipped: call?.status ?? 'none' };
    const target = parseServiceId(call.service);
    if (target === undefined) {
      await this.#finishFailed(call, new AppError(UnknownService), job.attempts);
      return { status: 'failed' };
    }
    try {
      // Time and replay were checked at acceptance; certificate, members, grant and contract are
      // checked again now: a grant revoked in between stops the delivery.
      const result = await this.#o.gateway.call(target, call.envelope, 'az', { accepted: true });
      await store.finishCall(this.#o.db, call.id, {
        status: 'delivered',
        answer: result.jws,
        attempts: job.attempts,
        at: this.#o.clock.now(),
      });
      return { status: 'delivered' };
    } catch (error) {
      if (error instanceof AppError && !RETRYABLE.has(error.type)) {
        await this.#finishFailed(call, error, job.attempts);
        return { status: 'failed' };
      }
      const problem =
        error instanceof AppError
          ? error
          : new AppError(Internal, { params: { correlationId: `job:${job.id}` }, cause: error });
      if (!(error instanceof AppError)) {
        this.#o.logger.error({ err: error, callId, jobId: job.id }, 'asynchronous delivery failed');
      }
      if (job.attempts >= job.maxAttempts) {
        // The queue dead-letters the job when this throws: the operator alert and audit entry.
        await store.finishCall(this.#o.db, call.id, {
          status: 'dead',
          problem: toStoredProblem(problem),
          attempts: job.attempts,
          at: this.#o.clock.now(),
        });
      } else {
        await store.recordAttempt(this.#o.db, call.id, job.attempts, problem.type);
      }
      this.#o.logger.warn(
        { callId, jobId: job.id, attempt: job.attempts, of: job.maxAttempts, type: problem.type },
        'asynchronous delivery attempt failed',
      );
      throw problem;
    }
  }

  async #finishFailed(call: AsyncCall, error: AppError, attempts: number): Promise<void> {
    await store.finishCall(this.#o.db, call.id, {
      status: 'failed',
      problem: toStoredProblem(error),
      attempts,
      at: this.#o.clock.now(),
    });
  }

  /**
   * The result, for the client subsystem that made the call only. `authorization` is
   * `EHIS-JWS <compact JWS>` signed with that subsystem's key, payload `{ callId, iat }`. Another
   * subsystem gets the same 404 as an unknown id, so ids cannot be probed.
   */
  async fetch(
    callId: string,
    authorization: string | undefined,
    lang: Lang,
  ): Promise<AsyncCallView> {
    const match = /^EHIS-JWS\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i.exec(
      authorization?.trim() ?? '',
    );
    if (match?.[1] === undefined) throw new AppError(BadSignature);
    const { client, payload } = await this.#o.gateway.verifyClientJws(match[1]);
    const claims = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
      string,
      unknown
    >;
    const nowSeconds = this.#o.clock.now().getTime() / 1000;
    if (
      claims.callId !== callId ||
      typeof claims.iat !== 'number' ||
      Math.abs(nowSeconds - claims.iat) > FETCH_SKEW_SECONDS
    ) {
      throw new AppError(BadSignature);
    }
    const call = await store.findCall(this.#o.db, callId);
    if (call === undefined || call.client !== client) throw new AppError(UnknownAsyncCall);
    return {
      id: call.id,
      status: call.status,
      attempts: call.attempts,
      ...(call.answer === undefined ? {} : { answer: call.answer }),
      ...(call.problem === undefined ? {} : { problem: renderProblem(call.problem, lang) }),
    };
  }
}
