import type { Kysely } from 'kysely';
import type { Lang } from '../../platform/i18n/lang.ts';
import type { Channel, NotificationKind, NotificationParams } from './templates.ts';

export interface NotificationTables {
  'notifications.notification': {
    id: string;
    account_id: string;
    subject_fin: string | null;
    template: NotificationKind;
    params: unknown;
    dedupe_key: string | null;
    created_at: Date;
    read_at: Date | null;
  };
  'notifications.delivery': {
    id: string;
    notification_id: string;
    channel: Channel;
    address: string;
    lang: Lang;
    status: 'pending' | 'sent' | 'failed';
    attempts: number;
    last_error: string | null;
    provider_message_id: string | null;
    sent_at: Date | null;
  };
  'notifications.preference': {
    account_id: string;
    lang: Lang;
    channels: unknown;
    updated_at: Date;
  };
}

export type NotificationDb = Kysely<NotificationTables>;

export interface StoredNotification {
  readonly id: string;
  readonly accountId: string;
  readonly subjectFin: string | null;
  readonly template: NotificationKind;
  readonly params: NotificationParams;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}

export interface Delivery {
  readonly id: string;
  readonly notificationId: string;
  readonly channel: Channel;
  readonly address: string;
  readonly lang: Lang;
  readonly status: 'pending' | 'sent' | 'failed';
  readonly attempts: number;
  readonly lastError: string | null;
  readonly sentAt: Date | null;
}

export type ChannelChoice = Readonly<Record<NotificationKind, readonly Channel[]>>;

export interface Preferences {
  readonly lang: Lang;
  readonly channels: ChannelChoice;
}

type NotificationRow = NotificationTables['notifications.notification'];
type DeliveryRow = NotificationTables['notifications.delivery'];

function toNotification(row: NotificationRow): StoredNotification {
  return {
    id: row.id,
    accountId: row.account_id,
    subjectFin: row.subject_fin,
    template: row.template,
    params: row.params as NotificationParams,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    notificationId: row.notification_id,
    channel: row.channel,
    address: row.address,
    lang: row.lang,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    sentAt: row.sent_at,
  };
}

export async function insertNotification(
  db: NotificationDb,
  n: StoredNotification & { dedupeKey: string | null },
): Promise<boolean> {
  const result = await db
    .insertInto('notifications.notification')
    .values({
      id: n.id,
      account_id: n.accountId,
      subject_fin: n.subjectFin,
      template: n.template,
      params: JSON.stringify(n.params),
      dedupe_key: n.dedupeKey,
      created_at: n.createdAt,
      read_at: null,
    })
    .onConflict((oc) =>
      oc.columns(['account_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}

export async function findByDedupeKey(
  db: NotificationDb,
  accountId: string,
  dedupeKey: string,
): Promise<StoredNotification | undefined> {
  const row = await db
    .selectFrom('notifications.notification')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('dedupe_key', '=', dedupeKey)
    .executeTakeFirst();
  return row === undefined ? undefined : toNotification(row);
}

export async function insertDelivery(
  db: NotificationDb,
  d: { id: string; notificationId: string; channel: Channel; address: string; lang: Lang },
): Promise<void> {
  await db
    .insertInto('notifications.delivery')
    .values({
      id: d.id,
      notification_id: d.notificationId,
      channel: d.channel,
      address: d.address,
      lang: d.lang,
      status: 'pending',
      attempts: 0,
      last_error: null,
      provider_message_id: null,
      sent_at: null,
    })
    .execute();
}

export async function findNotification(
  db: NotificationDb,
  id: string,
): Promise<StoredNotification | undefined> {
  const row = await db
    .selectFrom('notifications.notification')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toNotification(row);
}

export async function findDelivery(db: NotificationDb, id: string): Promise<Delivery | undefined> {
  const row = await db
    .selectFrom('notifications.delivery')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toDelivery(row);
}

export async function deliveriesOf(
  db: NotificationDb,
  notificationId: string,
): Promise<Delivery[]> {
  const rows = await db
    .selectFrom('notifications.delivery')
    .selectAll()
    .where('notification_id', '=', notificationId)
    .orderBy('channel')
    .execute();
  return rows.map(toDelivery);
}

export async function recordAttempt(
  db: NotificationDb,
  id: string,
  outcome:
    | { status: 'sent'; at: Date; providerMessageId: string }
    | { status: 'pending' | 'failed'; error: string },
): Promise<void> {
  await db
    .updateTable('notifications.delivery')
    .set((eb) =>
      outcome.status === 'sent'
        ? {
            status: 'sent',
            sent_at: outcome.at,
            provider_message_id: outcome.providerMessageId,
            attempts: eb('attempts', '+', 1),
          }
        : {
            status: outcome.status,
            last_error: outcome.error.slice(0, 1000),
            attempts: eb('attempts', '+', 1),
          },
    )
    .where('id', '=', id)
    .where('status', '!=', 'sent')
    .execute();
}

export async function listInbox(
  db: NotificationDb,
  accountId: string,
  options: { unreadOnly: boolean; limit: number; before?: Date | undefined },
): Promise<StoredNotification[]> {
  let query = db
    .selectFrom('notifications.notification')
    .selectAll()
    .where('account_id', '=', accountId);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  if (options.before !== undefined) query = query.where('created_at', '<', options.before);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map(toNotification);
}

export async function countUnread(db: NotificationDb, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications.notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the account's notice read (once: the first time stays); false when it is not theirs. */
export async function markRead(
  db: NotificationDb,
  id: string,
  accountId: string,
  at: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('notifications.notification')
    .select(['id', 'read_at'])
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (row === undefined) return false;
  if (row.read_at === null) {
    await db
      .updateTable('notifications.notification')
      .set({ read_at: at })
      .where('id', '=', id)
      .where('read_at', 'is', null)
      .execute();
  }
  return true;
}

export async function findPreferences(
  db: NotificationDb,
  accountId: string,
): Promise<{ lang: Lang; channels: unknown } | undefined> {
  return db
    .selectFrom('notifications.preference')
    .select(['lang', 'channels'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export async function savePreferences(
  db: NotificationDb,
  accountId: string,
  preferences: Preferences,
  at: Date,
): Promise<void> {
  const channels = JSON.stringify(preferences.channels);
  await db
    .insertInto('notifications.preference')
    .values({ account_id: accountId, lang: preferences.lang, channels, updated_at: at })
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet({ lang: preferences.lang, channels, updated_at: at }),
    )
    .execute();
}
