import type { Kysely, Transaction } from 'kysely';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { AuditLog } from '../platform/audit/audit.service.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { SigningKey } from '../platform/crypto/signing-key.ts';
import type { ModuleMigrations } from '../platform/db/migrate.ts';
import type { Database } from '../platform/db/database.ts';
import { ExchangeAdmin, type MemberCertificateIssuer } from './exchange.service.ts';
import type { ExchangeTables } from './exchange.store.ts';
import { Gateway, type CertificateChecker, type RemoteInvoker } from './gateway.ts';
import { MessageLog } from './message-log.ts';
import type { JobQueue, QueueTables } from '../platform/queue/queue.service.ts';
import { AsyncCalls, DELIVER_JOB } from './async-call.service.ts';
import type { AsyncCallTables } from './async-call.store.ts';
import { BatchImports } from './batch-import.service.ts';
import type { BatchImportTables } from './batch-import.store.ts';
import type { StaffCertificateChecker } from './staff-signatures.ts';

export { ExchangeAdmin } from './exchange.service.ts';
export type { MemberCertificateIssuer, PublishServiceInput } from './exchange.service.ts';
export { Gateway, parseServiceId } from './gateway.ts';
export type { CertificateChecker, ProviderHandler, ProviderRequest } from './gateway.ts';
export { MessageLog } from './message-log.ts';
export { ExchangeClient, ExchangeCallError, httpTransport, signRequest } from './client.ts';
export type { ExchangeIdentity } from './client.ts';
export { inProcessTransport } from './in-process.ts';
export { registerExchangeRoutes } from './exchange.routes.ts';
// Asynchronous calls and signed batches (EHIS-004-4.4).
export { AsyncCalls, DELIVER_JOB } from './async-call.service.ts';
export { BatchImports, MAX_BATCH_BYTES, MAX_BATCH_ROWS } from './batch-import.service.ts';
export type { BatchHandler, BatchTransaction, ProviderBatch } from './batch-import.service.ts';
export { signBatch, x5cOf } from './batch-signature.ts';
export { staffSignatures } from './staff-signatures.ts';
export type { StaffCertificateChecker } from './staff-signatures.ts';
export { httpAsyncTransport } from './client.ts';
export type { AsyncResult, AsyncTransport } from './client.ts';

/** Delivery attempts of an asynchronous call before it is dead-lettered (about 37 minutes). */
export const ASYNC_MAX_ATTEMPTS = 12;

export const exchangeMigrations: ModuleMigrations = {
  module: 'exchange',
  dir: new URL('./migrations/', import.meta.url),
};

export interface Exchange {
  readonly gateway: Gateway;
  readonly admin: ExchangeAdmin;
  readonly messageLog: MessageLog;
  /** Asynchronous calls; platform.ts registers `deliver` as the DELIVER_JOB handler. */
  readonly asyncCalls: AsyncCalls;
  /** Signed batch uploads; providers attach their batch handlers with `batches.provide`. */
  readonly batches: BatchImports;
  /** Follows changes made by other nodes (LISTEN); returns the unsubscribe function. */
  follow(): Promise<() => Promise<void>>;
}

export function createExchange(options: {
  readonly database: Database;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly audit: AuditLog;
  readonly logSigningKey: SigningKey;
  readonly gatewayKey: SigningKey;
  readonly certificates: CertificateChecker;
  readonly issuer: MemberCertificateIssuer;
  readonly metrics?: Registry;
  readonly remote?: RemoteInvoker;
  /** The job queue that delivers asynchronous calls (transactional outbox). */
  readonly queue: Pick<JobQueue, 'enqueue'>;
  /** Validates the staff e-signature certificates of signed batches. */
  readonly staffSignatures: StaffCertificateChecker;
  readonly asyncMaxAttempts?: number;
}): Exchange {
  const db: Kysely<ExchangeTables> = options.database.typed<ExchangeTables>();
  const messageLog = new MessageLog({
    db,
    clock: options.clock,
    signingKey: options.logSigningKey,
  });
  const gateway = new Gateway({
    db,
    clock: options.clock,
    logger: options.logger,
    messageLog,
    signingKey: options.gatewayKey,
    certificates: options.certificates,
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...(options.remote === undefined ? {} : { remote: options.remote }),
  });
  const admin = new ExchangeAdmin({
    db,
    clock: options.clock,
    audit: options.audit,
    gateway,
    issuer: options.issuer,
    notifyChange: () => ExchangeAdmin.notify(db),
  });
  const maxAttempts = options.asyncMaxAttempts ?? ASYNC_MAX_ATTEMPTS;
  const asyncCalls = new AsyncCalls({
    db: options.database.typed<AsyncCallTables>(),
    clock: options.clock,
    logger: options.logger,
    gateway,
    enqueueDelivery: async (trx: Transaction<AsyncCallTables>, callId: string) => {
      await options.queue.enqueue(
        DELIVER_JOB,
        { callId },
        {
          dedupeKey: callId,
          maxAttempts,
          // The same connection and transaction; only the table types differ.
          trx: trx as unknown as Transaction<QueueTables>,
        },
      );
    },
  });
  const batches = new BatchImports({
    db: options.database.typed<BatchImportTables>(),
    clock: options.clock,
    logger: options.logger,
    gateway,
    messageLog,
    audit: options.audit,
    signers: options.staffSignatures,
  });
  return {
    gateway,
    admin,
    messageLog,
    asyncCalls,
    batches,
    follow: () => options.database.listen('ehis_exchange_changed', () => gateway.invalidate()),
  };
}
