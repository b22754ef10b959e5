CREATE SCHEMA IF NOT EXISTS notifications;

CREATE TABLE notifications.notification (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  -- The person the notice is about when it is not the account holder (a child, a ward).
  subject_fin text CHECK (subject_fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  template text NOT NULL CHECK (template IN ('request-received', 'request-status-changed',
    'documents-needed', 'result-ready', 'payment-received', 'complaint-answered',
    'correspondence-received')),
  params jsonb NOT NULL,
  -- The caller's idempotency key: a retried notify with the same key adds nothing.
  dedupe_key text CHECK (dedupe_key IS NULL OR length(dedupe_key) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX notification_inbox_idx ON notifications.notification (account_id, created_at DESC, id);
CREATE INDEX notification_unread_idx ON notifications.notification (account_id)
  WHERE read_at IS NULL;
CREATE UNIQUE INDEX notification_dedupe_idx ON notifications.notification (account_id, dedupe_key)
  WHERE dedupe_key IS NOT NULL;
COMMENT ON TABLE notifications.notification IS 'The portal inbox (POR-002-NOTIFY, POR-003-6.3, 7.1.2b): one row per notice to an account, kept as a template name and its parameters and rendered in the reader''s language when listed. read_at is set by markNotificationRead.';

CREATE TABLE notifications.delivery (
  id uuid PRIMARY KEY,
  notification_id uuid NOT NULL REFERENCES notifications.notification (id),
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  address text NOT NULL CHECK (length(address) BETWEEN 3 AND 254),
  lang text NOT NULL CHECK (lang IN ('az', 'en', 'ru')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  provider_message_id text,
  sent_at timestamptz,
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX delivery_notification_idx ON notifications.delivery (notification_id);
COMMENT ON TABLE notifications.delivery IS 'Copies of a notice sent outside the portal: e-mail over SMTP, SMS through the SMS provider. Each is a job of the queue (notifications.deliver) retried with backoff until sent; failed after the last attempt (the queue dead-letters the job). address and lang are those of the account when the notice was made.';

CREATE TABLE notifications.preference (
  account_id uuid PRIMARY KEY,
  lang text NOT NULL CHECK (lang IN ('az', 'en', 'ru')),
  channels jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
COMMENT ON TABLE notifications.preference IS 'Per account: the language of e-mails and SMS, and for each kind of notice the channels besides the inbox (channels: {"<template>": ["email", "sms"]}). An account without a row gets the defaults (Azerbaijani; e-mail and SMS for every kind).';
