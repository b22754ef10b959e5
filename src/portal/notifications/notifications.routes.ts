import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AccountContacts } from '../../identity/index.ts';
import { requireSession, sessionOf } from '../../identity/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { App } from '../../platform/http/http.ts';
import { DevOutboxClosed } from './notifications.errors.ts';
import {
  DevOutbox,
  Inbox,
  InboxQuery,
  NotificationParamsSchema,
  PreferencesBody,
  PreferencesView,
} from './notifications.schema.ts';
import type { Preferences } from './notifications.store.ts';
import type { Notifier } from './notifier.ts';
import type { SmtpSink } from './smtp-sink.ts';
import type { DevSmsSink } from './sms.ts';
import type { Channel, NotificationKind } from './templates.ts';

export interface NotificationRouteDeps {
  readonly notifier: Notifier;
  readonly accounts: AccountContacts;
  /** The development sinks, shown by listDevOutbox in demo mode only. */
  readonly devOutbox?: { readonly mail?: SmtpSink; readonly sms?: DevSmsSink } | undefined;
}

function citizen(request: FastifyRequest): string {
  const session = sessionOf(request);
  return `citizen:${session.fin ?? session.accountId}`;
}

/** The portal inbox, notification preferences and (demo mode) the development outbox. */
export function registerNotificationRoutes(app: App, deps: NotificationRouteDeps): void {
  const { notifier, accounts } = deps;

  async function view(accountId: string, preferences: Preferences): Promise<PreferencesView> {
    const contact = await accounts.contactOf(accountId);
    return {
      language: preferences.lang,
      channels: preferences.channels as Record<NotificationKind, Channel[]>,
      email: contact?.email ?? null,
      phone: contact?.phone ?? null,
      availableChannels: [...notifier.availableChannels],
    };
  }

  app.get(
    '/api/notifications',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'listNotifications',
        tags: ['portal'],
        summary: 'My portal inbox, newest first, in the language of the request',
        description:
          'Notices about requests, payments, complaints and letters (POR-002-NOTIFY), for the signed-in account — also those about a child or ward (subjectFin). `before` pages back.',
        querystring: InboxQuery,
        response: { 200: Inbox },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { items, unreadCount } = await notifier.inbox(session.accountId, request.lang, {
        unreadOnly: request.query.unread ?? false,
        limit: request.query.limit ?? 50,
        before: request.query.before === undefined ? undefined : new Date(request.query.before),
      });
      return {
        notifications: items.map(({ notification: n, rendered }) => ({
          notificationId: n.id,
          kind: n.template,
          title: rendered.title,
          body: rendered.body,
          subjectFin: n.subjectFin,
          createdAt: n.createdAt.toISOString(),
          readAt: n.readAt === null ? null : n.readAt.toISOString(),
        })),
        unreadCount,
      };
    },
  );

  app.post(
    '/api/notifications/:notificationId/read',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'markNotificationRead',
        tags: ['portal'],
        summary: 'Mark one of my notices read (again: no change)',
        params: NotificationParamsSchema,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await notifier.markRead(sessionOf(request).accountId, request.params.notificationId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/notification-preferences',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'getNotificationPreferences',
        tags: ['portal'],
        summary: 'The language of my e-mails and SMS, and the channels per kind of notice',
        response: { 200: PreferencesView },
      },
    },
    async (request) => {
      const { accountId } = sessionOf(request);
      return view(accountId, await notifier.preferences(accountId));
    },
  );

  app.put(
    '/api/me/notification-preferences',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'setNotificationPreferences',
        tags: ['portal'],
        summary: 'Choose the language of e-mails and SMS and the channels per kind of notice',
        description:
          'The inbox always receives every notice; `channels` chooses e-mail and SMS per kind (kinds left out keep their choice). E-mails and SMS go to the e-mail address and phone number of the account.',
        body: PreferencesBody,
        response: { 200: PreferencesView },
      },
    },
    async (request) => {
      const { accountId } = sessionOf(request);
      const current = await notifier.preferences(accountId);
      const saved = await notifier.setPreferences(accountId, citizen(request), {
        lang: request.body.language,
        channels: { ...current.channels, ...request.body.channels },
      });
      return view(accountId, saved);
    },
  );

  app.get(
    '/api/dev/outbox',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'listDevOutbox',
        tags: ['demo'],
        summary: 'Demo mode: the e-mails and SMS the development sinks received for me',
        description:
          'Only in demo mode, where e-mail goes to a local SMTP sink and SMS to a development sink instead of real recipients: the messages to the e-mail address and phone of the signed-in account. Otherwise 404 notifications/dev-outbox-closed.',
        response: { 200: DevOutbox },
      },
    },
    async (request) => {
      const outbox = deps.devOutbox;
      if (outbox === undefined) throw new AppError(DevOutboxClosed);
      const contact = await accounts.contactOf(sessionOf(request).accountId);
      const email = contact?.email ?? null;
      const phone = contact?.phone ?? null;
      return {
        emails:
          email === null || outbox.mail === undefined
            ? []
            : outbox.mail.to(email).map((m) => ({
                to: [...m.to],
                subject: m.subject,
                text: m.text,
                receivedAt: m.receivedAt.toISOString(),
              })),
        sms:
          phone === null || outbox.sms === undefined
            ? []
            : outbox.sms
                .to(phone)
                .map((m) => ({ to: m.to, text: m.text, sentAt: m.sentAt.toISOString() })),
      };
    },
  );
}
