import { Type, type Static } from 'typebox';
import { LANGS } from '../../platform/i18n/lang.ts';
import { CHANNELS, NOTIFICATION_KINDS } from './templates.ts';

export const NotificationKindSchema = Type.Enum(NOTIFICATION_KINDS, {
  description: 'The kind of notice (its template)',
});
export const ChannelSchema = Type.Enum(CHANNELS, {
  description: 'A channel besides the portal inbox, which always gets every notice',
});
export const LanguageSchema = Type.Enum(LANGS);

export const NotificationParamsSchema = Type.Object(
  { notificationId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export type NotificationParamsSchema = Static<typeof NotificationParamsSchema>;

export const InboxQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'Only notices not yet read' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    before: Type.Optional(
      Type.String({ format: 'date-time', description: 'Older than this (the next page)' }),
    ),
  },
  { additionalProperties: false },
);
export type InboxQuery = Static<typeof InboxQuery>;

export const InboxNotification = Type.Object({
  notificationId: Type.String({ format: 'uuid' }),
  kind: NotificationKindSchema,
  title: Type.String({ description: 'In the language of the request (Accept-Language)' }),
  body: Type.String(),
  subjectFin: Type.Union([Type.String(), Type.Null()], {
    description: 'The person the notice is about, when not you (a child, a ward)',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const Inbox = Type.Object({
  notifications: Type.Array(InboxNotification),
  unreadCount: Type.Integer(),
});
export type Inbox = Static<typeof Inbox>;

const channelList = Type.Array(ChannelSchema, { uniqueItems: true, maxItems: CHANNELS.length });

export const ChannelChoiceSchema = Type.Object(
  Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, channelList])) as Record<
    (typeof NOTIFICATION_KINDS)[number],
    typeof channelList
  >,
  { additionalProperties: false },
);

export const PreferencesBody = Type.Object(
  {
    language: LanguageSchema,
    channels: Type.Partial(ChannelChoiceSchema, {
      additionalProperties: false,
      description: 'Per kind of notice, the channels besides the inbox; kinds left out keep theirs',
    }),
  },
  { additionalProperties: false },
);
export type PreferencesBody = Static<typeof PreferencesBody>;

export const PreferencesView = Type.Object({
  language: LanguageSchema,
  channels: ChannelChoiceSchema,
  email: Type.Union([Type.String(), Type.Null()], {
    description: 'Where e-mails go (the account)',
  }),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'Where SMS go (the account)' }),
  availableChannels: Type.Array(ChannelSchema, {
    description: 'Channels this installation sends on',
  }),
});
export type PreferencesView = Static<typeof PreferencesView>;

export const DevOutbox = Type.Object({
  emails: Type.Array(
    Type.Object({
      to: Type.Array(Type.String()),
      subject: Type.String(),
      text: Type.String(),
      receivedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  sms: Type.Array(
    Type.Object({
      to: Type.String(),
      text: Type.String(),
      sentAt: Type.String({ format: 'date-time' }),
    }),
  ),
});
export type DevOutbox = Static<typeof DevOutbox>;
