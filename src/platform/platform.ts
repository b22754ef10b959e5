import type { Logger } from 'pino';
import type { Config } from './config/config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { createLogger } from './logging/logger.ts';
import { systemClock, type Clock } from './time/clock.ts';
import { loadOrCreateSigningKey } from './crypto/signing-key.ts';
import { AuditLog } from './audit/audit.service.ts';
import type { AuditTables } from './audit/audit.store.ts';
import { JobQueue, type QueueTables } from './queue/queue.service.ts';
import { moduleMigrations } from '../modules.ts';
import type { Registry } from 'prom-client';
import { createMetricsRegistry } from './metrics/metrics.ts';
import { CertificateAuthority, type PkiTables } from './pki/index.ts';
import { createExchange, DELIVER_JOB, staffSignatures, type Exchange } from '../exchange/index.ts';
import { memberCertificates } from '../exchange/pki-adapter.ts';
import { createRemoteInvoker } from '../exchange/remote.ts';
import { LEGAL_ACTS } from '../exchange/legal-acts.ts';
import { ensureMessagePartitions } from '../exchange/partitions.ts';
import type { ExchangeTables } from '../exchange/exchange.store.ts';
import { openFileStore, type FileStore } from './files/index.ts';

/** The shared services every module is built on. */
export interface Platform {
  readonly config: Config;
  readonly db: Database;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly queue: JobQueue;
  readonly metrics: Registry;
  readonly ca: CertificateAuthority;
  readonly exchange: Exchange;
  /** Files (attachments, documents): `<dataDir>/files` or an S3-compatible bucket. */
  readonly files: FileStore;
  close(): Promise<void>;
}

export interface PlatformOverrides {
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** An already open database (tests); it is closed with the platform. */
  readonly db?: Database;
}

/** Opens the database, applies migrations, loads keys and creates the audit log and job queue. */
export async function startPlatform(
  config: Config,
  overrides: PlatformOverrides = {},
): Promise<Platform> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const db =
    overrides.db ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.pgPoolSize,
    }));
  try {
    const { applied } = await migrate(db, moduleMigrations);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    const signingKey = await loadOrCreateSigningKey({
      name: 'audit-signing',
      dataDir: config.dataDir,
      configuredJwk: config.auditSigningKey,
    });
    const audit = new AuditLog({ db: db.typed<AuditTables>(), clock, signingKey });
    const queue = new JobQueue({
      db: db.typed<QueueTables>(),
      clock,
      logger,
      listen: (channel, onNotify) => db.listen(channel, onNotify),
      leaseMs: config.queueLeaseMs,
      pollMs: config.queuePollMs,
      onDeadLetter: async (job, error) => {
        logger.error(
          { jobId: job.id, kind: job.kind },
          'job dead-lettered: operator attention needed',
        );
        await audit.append({
          actor: 'system:queue',
          action: 'queue.dead-letter',
          resource: `job:${job.id}:${job.kind}`,
          outcome: 'failed',
          purpose: error.slice(0, 200),
        });
      },
    });
    const metrics = createMetricsRegistry();
    const ca = await CertificateAuthority.open({
      db: db.typed<PkiTables>(),
      clock,
      dataDir: config.dataDir,
      configuredCa:
        config.caPrivateKey === undefined || config.caCertificate === undefined
          ? undefined
          : { privateKey: config.caPrivateKey, certificate: config.caCertificate },
      listen: (channel, onNotify) => db.listen(channel, onNotify),
      onBackgroundError: (error) => logger.error({ err: error }, 'revocation reload failed'),
    });
    const gatewayKey = await loadOrCreateSigningKey({
      name: 'exchange-gateway',
      dataDir: config.dataDir,
      configuredJwk: config.gatewaySigningKey,
    });
    const certificates = memberCertificates(ca);
    const exchange = createExchange({
      database: db,
      clock,
      logger,
      audit,
      logSigningKey: signingKey,
      gatewayKey,
      certificates: certificates.checker,
      issuer: certificates.issuer,
      metrics,
      remote: createRemoteInvoker({ gatewayKey, now: () => clock.now() }),
      queue,
      staffSignatures: staffSignatures(ca),
    });
    // Asynchronous exchange delivery (EHIS-004-4.4); a dead letter alerts through onDeadLetter.
    queue.handle(DELIVER_JOB, (job) => exchange.asyncCalls.deliver(job));
    await exchange.admin.upsertLegalActs(LEGAL_ACTS);
    const unfollow = await exchange.follow();
    const exchangeDb = db.typed<ExchangeTables>();
    await ensureMessagePartitions(exchangeDb, clock.now());
    // Next month's partition exists long before the month starts, even on a node never restarted.
    const partitionTimer = setInterval(
      () => {
        ensureMessagePartitions(exchangeDb, clock.now()).catch((error: unknown) =>
          logger.error({ err: error }, 'creating message-log partitions failed'),
        );
      },
      24 * 60 * 60_000,
    );
    partitionTimer.unref();
    const files = await openFileStore(config);
    return {
      config,
      db,
      logger,
      clock,
      audit,
      queue,
      metrics,
      ca,
      exchange,
      files,
      async close() {
        clearInterval(partitionTimer);
        await queue.stop();
        await unfollow();
        await exchange.messageLog.flush();
        await audit.flush();
        await ca.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
