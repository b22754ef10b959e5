import type { Kysely } from 'kysely';
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

export { ExchangeAdmin } from './exchange.service.ts';
export type { MemberCertificateIssuer, PublishServiceInput } from './exchange.service.ts';
export { Gateway, parseServiceId } from './gateway.ts';
export type { CertificateChecker, ProviderHandler, ProviderRequest } from './gateway.ts';
export { MessageLog } from './message-log.ts';
export { ExchangeClient, ExchangeCallError, httpTransport, signRequest } from './client.ts';
export type { ExchangeIdentity } from './client.ts';
export { inProcessTransport } from './in-process.ts';
export { registerExchangeRoutes } from './exchange.routes.ts';

export const exchangeMigrations: ModuleMigrations = {
  module: 'exchange',
  dir: new URL('./migrations/', import.meta.url),
};

export interface Exchange {
  readonly gateway: Gateway;
  readonly admin: ExchangeAdmin;
  readonly messageLog: MessageLog;
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
  return {
    gateway,
    admin,
    messageLog,
    follow: () => options.database.listen('ehis_exchange_changed', () => gateway.invalidate()),
  };
}
