import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { AccountContacts } from '../../identity/index.ts';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { format, type Lang } from '../../platform/i18n/lang.ts';
import type { Job, JobQueue, QueueTables } from '../../platform/queue/queue.service.ts';
import type { Clock } from '../../platform/time/index.ts';
import type { EmailSender } from './email.ts';
import { NotificationNotFound } from './notifications.errors.ts';
import {
  countUnread,
  deliveriesOf,
  findByDedupeKey,
  findDelivery,
  findNotification,
  findPreferences,
  insertDelivery,
  insertNotification,
  listInbox,
  markRead,
  recordAttempt,
  savePreferences,
  type ChannelChoice,
  type Delivery,
  type NotificationDb,
  type NotificationTables,
  type Preferences,
  type StoredNotification,
} from './notifications.store.ts';
import type { SmsProvider } from './sms.ts';
import {
  CHANNELS,
  NOTIFICATION_KINDS,
  checkParams,
  render,
  type Channel,
  type NotificationKind,
  type NotificationParams,
  type Rendered,
} from './templates.ts';

export const DELIVER_JOB = 'notifications.deliver';
/**
 * Attempts per e-mail or SMS. With the queue's backoff (2 s doubling, at most 10 min) sixteen
 * attempts span about 1 h 50 min of outage before the job is dead-lettered (and audited).
 */
export const DELIVERY_ATTEMPTS = 16;

export type NotifyInput = (
  | { readonly recipientFin: string; readonly accountId?: undefined }
  | { readonly accountId: string; readonly recipientFin?: undefined }
) & {
  readonly template: NotificationKind;
  readonly params: NotificationParams;
  /** The person the notice is about when not the recipient (a child, a ward). */
  readonly subjectFin?: string;
  /**
   * The channels besides the inbox, overriding the recipient's preferences (a notice the law
   * says must go by SMS, say). Left out: the recipient's preferences decide.
   */
  readonly channels?: readonly Channel[];
  /** Idempotency: a second notify with the same key for the same account adds nothing. */
  readonly dedupeKey?: string;
};

export interface NotifyResult {
  readonly notificationId: string;
  readonly accountId: string;
  /** False when the dedupe key had been used: nothing new was recorded or sent. */
  readonly created: boolean;
  readonly deliveries: readonly { readonly deliveryId: string; readonly channel: Channel }[];
}

/** A notice with its recipient and addresses resolved, ready to be written in a transaction. */
export interface PreparedNotification {
  readonly notificationId: string;
  readonly accountId: string;
  readonly input: NotifyInput;
  readonly deliveries: readonly {
    readonly deliveryId: string;
    readonly channel: Channel;
    readonly address: string;
    readonly lang: Lang;
  }[];
}

export interface InboxItem {
  readonly notification: StoredNotification;
  readonly rendered: Rendered;
}

export interface NotifierOptions {
  readonly db: NotificationDb;
  readonly queue: JobQueue;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly audit: AuditLog;
  readonly accounts: AccountContacts;
  /** Absent: e-mail is off (production without EHIS_SMTP_URL). */
  readonly email?: EmailSender | undefined;
  /** Absent: SMS is off (production: no provider adapter yet). */
  readonly sms?: SmsProvider | undefined;
  /** The portal's address, for the link at the foot of e-mails. */
  readonly portalUrl: string;
}

export const DEFAULT_LANG: Lang = 'az';

/** POR-002-NOTIFY: by default every kind goes to the inbox, e-mail and SMS. */
export function defaultChannels(): ChannelChoice {
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => [k, [...CHANNELS]]),
  ) as unknown as ChannelChoice;
}

const EMAIL_FOOTER = {
  az: 'Bu məktub EHİS portalı tərəfindən avtomatik göndərilib, ona cavab verməyin. Bütün bildirişləriniz: {url}',
  en: 'This message was sent automatically by the EHİS portal; do not reply to it. All your notifications: {url}',
  ru: 'Это письмо отправлено порталом EHİS автоматически, не отвечайте на него. Все ваши уведомления: {url}',
} as const;

/**
 * Notifications (issue 6 item 5; POR-002-NOTIFY, POR-003-6.3, 7.1.2b, 7.1.3): every notice lands
 * in the portal inbox; copies go by e-mail and SMS as the recipient chose, each as a queue job
 * retried with backoff, so a mail server that is down delays a notice but does not lose it.
 */
export class Notifier {
  readonly #db: NotificationDb;
  readonly #queue: JobQueue;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #audit: AuditLog;
  readonly #accounts: AccountContacts;
  readonly #email: EmailSender | undefined;
  readonly #sms: SmsProvider | undefined;
  readonly #portalUrl: string;

  constructor(options: NotifierOptions) {
    this.#db = options.db;
    this.#queue = options.queue;
    this.#clock = options.clock;
    this.#log = options.logger;
    this.#audit = options.audit;
    this.#accounts = options.accounts;
    this.#email = options.email;
    this.#sms = options.sms;
    this.#portalUrl = options.portalUrl;
  }

  /** The channels this installation can send on (besides the inbox). */
  get availableChannels(): readonly Channel[] {
    return CHANNELS.filter((c) => (c === 'email' ? this.#email : this.#sms) !== undefined);
  }

  /**
   * Resolves the recipient, their preferences and addresses (reads only). Then `commit` writes
   * the notice and its delivery jobs, in the caller's transaction if it has one (outbox).
   */
  async prepare(input: NotifyInput): Promise<PreparedNotification> {
    checkParams(input.template, input.params);
    const accountId = input.accountId ?? (await this.#accounts.accountForFin(input.recipientFin));
    const contact = await this.#accounts.contactOf(accountId);
    if (contact === undefined) throw new Error(`no account ${accountId} to notify`);
    const preferences = await this.preferences(accountId);
    const wanted = input.channels ?? preferences.channels[input.template];
    const deliveries: PreparedNotification['deliveries'][number][] = [];
    for (const channel of CHANNELS) {
      if (!wanted.includes(channel)) continue;
      const address = channel === 'email' ? contact.email : contact.phone;
      const sender = channel === 'email' ? this.#email : this.#sms;
      if (address === null || address === '' || sender === undefined) continue;
      deliveries.push({ deliveryId: randomUUID(), channel, address, lang: preferences.lang });
    }
    return { notificationId: randomUUID(), accountId, input, deliveries };
  }

  async commit(
    prepared: PreparedNotification,
    trx?: Transaction<NotificationTables>,
  ): Promise<NotifyResult> {
    const work = async (tx: Transaction<NotificationTables>): Promise<NotifyResult> => {
      const { input } = prepared;
      const created = await insertNotification(tx, {
        id: prepared.notificationId,
        accountId: prepared.accountId,
        subjectFin: input.subjectFin ?? null,
        template: input.template,
        params: input.params,
        createdAt: this.#clock.now(),
        readAt: null,
        dedupeKey: input.dedupeKey ?? null,
      });
      if (!created && input.dedupeKey !== undefined) {
        const existing = await findByDedupeKey(tx, prepared.accountId, input.dedupeKey);
        if (existing === undefined) throw new Error('notification vanished during notify');
        const deliveries = await deliveriesOf(tx, existing.id);
        return {
          notificationId: existing.id,
          accountId: prepared.accountId,
          created: false,
          deliveries: deliveries.map((d) => ({ deliveryId: d.id, channel: d.channel })),
        };
      }
      // The queue's table in the same transaction: the jobs exist exactly when the notice commits.
      const queueTrx = tx as unknown as Transaction<QueueTables>;
      for (const d of prepared.deliveries) {
        await insertDelivery(tx, {
          ...d,
          id: d.deliveryId,
          notificationId: prepared.notificationId,
        });
        await this.#queue.enqueue(
          DELIVER_JOB,
          { deliveryId: d.deliveryId },
          { trx: queueTrx, maxAttempts: DELIVERY_ATTEMPTS, dedupeKey: d.deliveryId },
        );
      }
      return {
        notificationId: prepared.notificationId,
        accountId: prepared.accountId,
        created: true,
        deliveries: prepared.deliveries.map((d) => ({
          deliveryId: d.deliveryId,
          channel: d.channel,
        })),
      };
    };
    return trx === undefined ? this.#db.transaction().execute(work) : work(trx);
  }

  /** prepare + commit in a transaction of its own. */
  async notify(input: NotifyInput): Promise<NotifyResult> {
    return this.commit(await this.prepare(input));
  }

  /** The queue job: sends one e-mail or SMS; a failure is retried by the queue. Idempotent. */
  async deliver(job: Job): Promise<unknown> {
    const { deliveryId } = job.payload as { deliveryId: string };
    const delivery = await findDelivery(this.#db, deliveryId);
    if (delivery === undefined || delivery.status === 'sent') return { skipped: true };
    const notification = await findNotification(this.#db, delivery.notificationId);
    if (notification === undefined) return { skipped: true };
    const rendered = render(notification.template, notification.params, delivery.lang);
    try {
      const sent = await this.#send(delivery, rendered);
      await recordAttempt(this.#db, delivery.id, {
        status: 'sent',
        at: this.#clock.now(),
        providerMessageId: sent.id,
      });
      return { sent: delivery.channel };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await recordAttempt(this.#db, delivery.id, {
        status: job.attempts >= job.maxAttempts ? 'failed' : 'pending',
        error: message,
      });
      this.#log.warn(
        { deliveryId: delivery.id, channel: delivery.channel, attempt: job.attempts },
        'notification delivery failed; the queue retries it',
      );
      throw error;
    }
  }

  async #send(delivery: Delivery, rendered: Rendered): Promise<{ id: string }> {
    if (delivery.channel === 'email') {
      if (this.#email === undefined) throw new Error('e-mail is not configured (EHIS_SMTP_URL)');
      const footer = format(EMAIL_FOOTER[delivery.lang], {
        url: `${this.#portalUrl}/notifications`,
      });
      return this.#email.send({
        to: delivery.address,
        subject: rendered.title,
        text: `${rendered.body}\n\n--\n${footer}\n`,
      });
    }
    if (this.#sms === undefined) throw new Error('no SMS provider is configured');
    return this.#sms.send({ to: delivery.address, text: rendered.sms });
  }

  /** The deliveries of a notice (tests, support). */
  deliveries(notificationId: string): Promise<Delivery[]> {
    return deliveriesOf(this.#db, notificationId);
  }

  async inbox(
    accountId: string,
    lang: Lang,
    options: { unreadOnly?: boolean; limit?: number; before?: Date | undefined } = {},
  ): Promise<{ items: InboxItem[]; unreadCount: number }> {
    const rows = await listInbox(this.#db, accountId, {
      unreadOnly: options.unreadOnly ?? false,
      limit: options.limit ?? 50,
      before: options.before,
    });
    return {
      items: rows.map((notification) => ({
        notification,
        rendered: render(notification.template, notification.params, lang),
      })),
      unreadCount: await countUnread(this.#db, accountId),
    };
  }

  async markRead(accountId: string, notificationId: string): Promise<void> {
    if (!(await markRead(this.#db, notificationId, accountId, this.#clock.now()))) {
      throw new AppError(NotificationNotFound);
    }
  }

  async preferences(accountId: string): Promise<Preferences> {
    const stored = await findPreferences(this.#db, accountId);
    const channels = defaultChannels() as Record<NotificationKind, readonly Channel[]>;
    if (stored === undefined) return { lang: DEFAULT_LANG, channels };
    const saved = stored.channels as Partial<Record<string, Channel[]>>;
    for (const kind of NOTIFICATION_KINDS) {
      const chosen = saved[kind];
      if (Array.isArray(chosen)) channels[kind] = chosen.filter((c) => CHANNELS.includes(c));
    }
    return { lang: stored.lang, channels };
  }

  async setPreferences(
    accountId: string,
    actor: string,
    preferences: Preferences,
  ): Promise<Preferences> {
    await savePreferences(this.#db, accountId, preferences, this.#clock.now());
    await this.#audit.append({
      actor,
      action: 'notifications.preferences-set',
      resource: `account:${accountId}`,
      purpose: `lang=${preferences.lang}`,
      outcome: 'success',
    });
    return this.preferences(accountId);
  }
}
