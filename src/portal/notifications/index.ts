// Notifications of the portal (issue 6 item 5). Other modules import from here.
import { join } from 'node:path';
import type { AccountContacts } from '../../identity/index.ts';
import type { Platform } from '../../platform/platform.ts';
import { SmtpEmailSender, sinkEmailSender, type EmailSender } from './email.ts';
import type { NotificationTables } from './notifications.store.ts';
import { DELIVER_JOB, Notifier } from './notifier.ts';
import { SmtpSink } from './smtp-sink.ts';
import { DevSmsSink, type SmsProvider } from './sms.ts';

export {
  DELIVER_JOB,
  DELIVERY_ATTEMPTS,
  Notifier,
  type NotifyInput,
  type NotifyResult,
  type PreparedNotification,
} from './notifier.ts';
export type { NotificationTables } from './notifications.store.ts';
export { registerNotificationRoutes } from './notifications.routes.ts';
export { SmtpEmailSender, type EmailSender } from './email.ts';
export { SmtpSink, parseMessage, type SinkMessage } from './smtp-sink.ts';
export { DevSmsSink, type SmsProvider, type SinkSms } from './sms.ts';
export {
  CHANNELS,
  NOTIFICATION_KINDS,
  TEMPLATES,
  render,
  type Channel,
  type NotificationKind,
  type NotificationParams,
} from './templates.ts';

export interface Notifications {
  readonly notifier: Notifier;
  /** The development sinks (outside production, when EHIS_SMTP_URL is not set for mail). */
  readonly devMail: SmtpSink | undefined;
  readonly devSms: DevSmsSink | undefined;
}

const byPlatform = new WeakMap<Platform, Notifications>();

/**
 * The notifications of a platform: one per platform, because the job queue takes one handler per
 * kind of job. E-mail goes to EHIS_SMTP_URL; without it, outside production, to a local SMTP sink
 * started on first use (messages also saved in `<dataDir>/dev-outbox/mail/*.eml`); in production
 * without it, e-mail is off. SMS go to the development sink outside production
 * (`<dataDir>/dev-outbox/sms.jsonl`); production has no SMS provider adapter yet, so SMS is off.
 */
export function createNotifications(platform: Platform, accounts: AccountContacts): Notifications {
  const existing = byPlatform.get(platform);
  if (existing !== undefined) return existing;
  const { config } = platform;
  const production = config.profile === 'production';
  const outbox = join(config.dataDir, 'dev-outbox');
  const devMail =
    config.smtpUrl === undefined && !production
      ? new SmtpSink({ dir: join(outbox, 'mail') })
      : undefined;
  const email: EmailSender | undefined =
    config.smtpUrl !== undefined
      ? new SmtpEmailSender({ url: config.smtpUrl, from: config.smtpFrom })
      : devMail === undefined
        ? undefined
        : sinkEmailSender(devMail, config.smtpFrom);
  const devSms = production ? undefined : new DevSmsSink({ file: join(outbox, 'sms.jsonl') });
  const sms: SmsProvider | undefined = devSms;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const notifier = new Notifier({
    db: platform.db.typed<NotificationTables>(),
    queue: platform.queue,
    clock: platform.clock,
    logger: platform.logger,
    audit: platform.audit,
    accounts,
    email,
    sms,
    portalUrl: config.publicUrl ?? `http://${host}:${config.port}`,
  });
  platform.queue.handle(DELIVER_JOB, (job) => notifier.deliver(job));
  const notifications = { notifier, devMail, devSms };
  byPlatform.set(platform, notifications);
  return notifications;
}

/** The notifications created on this platform (tests, the request engine). */
export function notificationsOf(platform: Platform): Notifications | undefined {
  return byPlatform.get(platform);
}
