import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  notificationsOf,
  SmtpSink,
  type Notifications,
} from '../../src/portal/notifications/index.ts';
import { sinkEmailSender } from '../../src/portal/notifications/email.ts';
import { FixedClock } from '../../src/platform/time/clock.ts';
import {
  createIdentityHarness,
  TestBrowser,
  type DemoPersonView,
  type IdentityHarness,
} from '../support/identity.ts';
import { signInAs } from '../support/operator.ts';

const clock = new FixedClock(new Date());

interface InboxBody {
  notifications: {
    notificationId: string;
    kind: string;
    title: string;
    body: string;
    subjectFin: string | null;
    createdAt: string;
    readAt: string | null;
  }[];
  unreadCount: number;
}

const RECEIVED = {
  trackingNumber: 'EHIS-2026-000001',
  serviceName: {
    az: 'Sağlamlıq kartı üzrə məlumat',
    en: 'Health card information',
    ru: 'Сведения карты здоровья',
  },
  agencyName: 'Səhiyyə Nazirliyi',
};

describe('notifications (issue 6 item 5; POR-002-NOTIFY, POR-003-6.3, POR-003-7.1.2b)', () => {
  let h: IdentityHarness;
  let sink: SmtpSink;
  let n: Notifications;
  let person: { fin: string; email: string; phone: string; browser: TestBrowser };
  let counter = 0;

  const db = () => h.test.platform.db.kysely;
  async function counts() {
    const r = await sql<{ notes: number; deliveries: number; jobs: number }>`
      SELECT (SELECT count(*)::int FROM notifications.notification) AS notes,
             (SELECT count(*)::int FROM notifications.delivery) AS deliveries,
             (SELECT count(*)::int FROM queue.job WHERE kind = 'notifications.deliver') AS jobs`.execute(
      db(),
    );
    return r.rows[0];
  }

  /** A person registered with e-mail and phone, logged in with a password. */
  async function registered(who: { fin: string; idCardNumber: string | null }) {
    counter += 1;
    const browser = new TestBrowser(h.app);
    const email = `vetendas${counter}@example.az`;
    const phone = `+99450${String(1000000 + counter).slice(-7)}`;
    const username = `notify${counter}${who.fin.toLowerCase()}`;
    const password = `Uzun-şifrə-${who.fin}-${counter}`;
    const reg = await browser.post('/api/auth/register', {
      idCardNumber: who.idCardNumber,
      fin: who.fin,
      username,
      password,
      email,
      phone,
    });
    expect(reg.statusCode).toBe(201);
    expect((await browser.post('/api/auth/login', { username, password })).statusCode).toBe(200);
    return { fin: who.fin, email, phone, browser };
  }

  beforeAll(async () => {
    sink = new SmtpSink();
    await sink.start();
    h = await createIdentityHarness({ clock, env: { EHIS_SMTP_URL: sink.url } });
    const found = notificationsOf(h.test.platform);
    if (found === undefined) throw new Error('notifications not created by buildApp');
    n = found;
    person = await registered(h.adult());
  }, 240_000);

  afterAll(async () => {
    await h?.close();
    await sink?.stop();
  });

  it('POR-003-7.1.2b POR-002-NOTIFY: a receipt notice lands in the inbox and goes by e-mail (a real SMTP conversation) and SMS', async () => {
    const result = await n.notifier.notify({
      recipientFin: person.fin,
      template: 'request-received',
      params: RECEIVED,
    });
    expect(result.created).toBe(true);
    expect(result.deliveries.map((d) => d.channel).sort()).toEqual(['email', 'sms']);
    const inbox = await person.browser.get('/api/notifications');
    expect(inbox.statusCode).toBe(200);
    const body = inbox.json<InboxBody>();
    expect(body.unreadCount).toBe(1);
    expect(body.notifications[0]).toMatchObject({
      notificationId: result.notificationId,
      kind: 'request-received',
      title: 'Müraciətiniz qəbul edildi: EHIS-2026-000001',
      readAt: null,
    });
    expect(body.notifications[0]?.body).toContain('Sağlamlıq kartı üzrə məlumat');
    const english = await person.browser.get('/api/notifications', { 'accept-language': 'en' });
    expect(english.json<InboxBody>().notifications[0]?.title).toBe(
      'Your request was received: EHIS-2026-000001',
    );

    expect(sink.to(person.email)).toHaveLength(0); // not yet: delivery is a queue job
    await h.test.platform.queue.runDue();
    const mails = sink.to(person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('Müraciətiniz qəbul edildi: EHIS-2026-000001');
    expect(mails[0]?.text).toContain('Səhiyyə Nazirliyi');
    expect(mails[0]?.text).toContain('/notifications');
    const sms = n.devSms?.to(person.phone) ?? [];
    expect(sms.map((m) => m.text)).toEqual([
      'EHİS: müraciətiniz qəbul edildi, nömrə EHIS-2026-000001.',
    ]);
    const deliveries = await n.notifier.deliveries(result.notificationId);
    expect(deliveries.map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ['email', 'sent', 1],
      ['sms', 'sent', 1],
    ]);
    // Running the queue again sends nothing twice.
    await h.test.platform.queue.runDue();
    expect(sink.to(person.email)).toHaveLength(1);
  });

  it('preferences: defaults, then Russian and no SMS for status changes; e-mails follow the chosen language', async () => {
    const defaults = await person.browser.get('/api/me/notification-preferences');
    expect(defaults.statusCode).toBe(200);
    expect(defaults.json()).toMatchObject({
      language: 'az',
      email: person.email,
      phone: person.phone,
      availableChannels: ['email', 'sms'],
      channels: { 'request-received': ['email', 'sms'], 'result-ready': ['email', 'sms'] },
    });
    const put = await person.browser.request({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      payload: { language: 'ru', channels: { 'request-status-changed': ['email'] } },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      language: 'ru',
      channels: { 'request-status-changed': ['email'], 'request-received': ['email', 'sms'] },
    });
    const smsBefore = n.devSms?.to(person.phone).length ?? 0;
    await n.notifier.notify({
      recipientFin: person.fin,
      template: 'request-status-changed',
      params: { ...RECEIVED, status: 'needs-documents' },
    });
    await h.test.platform.queue.runDue();
    const last = sink.to(person.email).at(-1);
    expect(last?.subject).toBe('Статус заявления изменился: EHIS-2026-000001');
    expect(last?.text).toContain('нужны документы');
    expect(last?.text).toContain('Сведения карты здоровья');
    expect(n.devSms?.to(person.phone)).toHaveLength(smsBefore);
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit.entry
      WHERE action = 'notifications.preferences-set' AND actor = ${`citizen:${person.fin}`}`.execute(
      db(),
    );
    expect(audit.rows[0]?.n).toBe(1);
  });

  it('bad preferences are refused with 400 and pointers; nothing changes', async () => {
    const before: unknown = (await person.browser.get('/api/me/notification-preferences')).json();
    for (const [payload, pointer] of [
      [{ language: 'de', channels: {} }, '/language'],
      [{ language: 'az', channels: { 'unknown-kind': ['email'] } }, '/channels'],
      [{ language: 'az', channels: { 'result-ready': ['fax'] } }, '/channels/result-ready/0'],
      [{ language: 'az', channels: { 'result-ready': ['sms', 'sms'] } }, '/channels/result-ready'],
      [{ language: 'az' }, ''],
    ] as const) {
      const res = await person.browser.request({
        method: 'PUT',
        url: '/api/me/notification-preferences',
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const problem = res.json<{ type: string; errors: { pointer: string }[] }>();
      expect(problem.type).toBe('platform/validation');
      expect(
        problem.errors.some((e) => e.pointer.startsWith(`#${pointer}`)),
        JSON.stringify(problem.errors),
      ).toBe(true);
    }
    expect((await person.browser.get('/api/me/notification-preferences')).json()).toEqual(before);
  });

  it('markNotificationRead: the owner marks a notice read once; another person gets 404 and changes nothing', async () => {
    const inbox = (await person.browser.get('/api/notifications?unread=true')).json<InboxBody>();
    const target = inbox.notifications[0];
    if (target === undefined) throw new Error('no unread notice');
    const stranger = await signInAs(
      h.test.platform,
      h.app,
      h.agencies.portalClient,
      h.adult().fin,
      'low',
    );
    const refused = await stranger.browser.post(`/api/notifications/${target.notificationId}/read`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ type: 'notifications/not-found' });
    const still = (await person.browser.get('/api/notifications')).json<InboxBody>();
    expect(still.unreadCount).toBe(inbox.unreadCount);

    const ok = await person.browser.post(`/api/notifications/${target.notificationId}/read`);
    expect(ok.statusCode).toBe(204);
    const after = (await person.browser.get('/api/notifications')).json<InboxBody>();
    expect(after.unreadCount).toBe(inbox.unreadCount - 1);
    const readAt = after.notifications.find(
      (x) => x.notificationId === target.notificationId,
    )?.readAt;
    expect(readAt).not.toBeNull();
    clock.advance(1000);
    expect(
      (await person.browser.post(`/api/notifications/${target.notificationId}/read`)).statusCode,
    ).toBe(204);
    const again = (await person.browser.get('/api/notifications')).json<InboxBody>();
    expect(
      again.notifications.find((x) => x.notificationId === target.notificationId)?.readAt,
    ).toBe(readAt);
    expect((await person.browser.post('/api/notifications/nope/read')).statusCode).toBe(400);
    expect((await new TestBrowser(h.app).get('/api/notifications')).statusCode).toBe(401);
    expect((await stranger.browser.get('/api/notifications')).json()).toEqual({
      notifications: [],
      unreadCount: 0,
    });
  });

  it('POR-002-NOTIFY: with the SMTP server down the e-mail is retried by the queue and delivered when it is back; the inbox has it at once', async () => {
    const port = sink.port;
    await sink.stop();
    const before = sink.to(person.email).length;
    const result = await n.notifier.notify({
      recipientFin: person.fin,
      template: 'result-ready',
      params: { trackingNumber: 'EHIS-2026-000002', serviceName: RECEIVED.serviceName },
    });
    const inbox = (await person.browser.get('/api/notifications')).json<InboxBody>();
    expect(inbox.notifications[0]?.notificationId).toBe(result.notificationId);

    await h.test.platform.queue.runDue();
    let email = (await n.notifier.deliveries(result.notificationId)).find(
      (d) => d.channel === 'email',
    );
    expect(email).toMatchObject({ status: 'pending', attempts: 1 });
    expect(email?.lastError).toMatch(/ECONNREFUSED|connect/i);
    const job = await sql<{
      status: string;
      attempts: number;
    }>`SELECT status, attempts FROM queue.job
      WHERE kind = 'notifications.deliver' AND dedupe_key = ${email?.id ?? ''}`.execute(db());
    expect(job.rows[0]).toEqual({ status: 'pending', attempts: 1 });

    // Still down at the next attempt (after the 2 s backoff).
    clock.advance(2_500);
    await h.test.platform.queue.runDue();
    email = (await n.notifier.deliveries(result.notificationId)).find((d) => d.channel === 'email');
    expect(email).toMatchObject({ status: 'pending', attempts: 2 });

    // Back up on the same address; nothing runs before the 4 s backoff is over.
    await sink.start(port);
    await h.test.platform.queue.runDue();
    expect(sink.to(person.email)).toHaveLength(before);
    clock.advance(4_500);
    await h.test.platform.queue.runDue();
    const mails = sink.to(person.email);
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)?.subject).toBe('Результат по заявлению готов: EHIS-2026-000002');
    email = (await n.notifier.deliveries(result.notificationId)).find((d) => d.channel === 'email');
    expect(email).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('SMS provider down: retried the same way', async () => {
    const sms = n.devSms;
    if (sms === undefined) throw new Error('no dev SMS sink');
    sms.failing = true;
    const before = sms.to(person.phone).length;
    const result = await n.notifier.notify({
      recipientFin: person.fin,
      template: 'documents-needed',
      params: { ...RECEIVED, documents: 'diplomun surəti' },
    });
    await h.test.platform.queue.runDue();
    expect(
      (await n.notifier.deliveries(result.notificationId)).find((d) => d.channel === 'sms'),
    ).toMatchObject({
      status: 'pending',
      attempts: 1,
    });
    sms.failing = false;
    clock.advance(2_500);
    await h.test.platform.queue.runDue();
    expect(sms.to(person.phone)).toHaveLength(before + 1);
    expect(sms.to(person.phone).at(-1)?.text).toContain('EHIS-2026-000001');
  });

  it('a retried notify with the same key adds nothing; missing parameters are refused before anything is stored', async () => {
    const first = await n.notifier.notify({
      recipientFin: person.fin,
      template: 'payment-received',
      params: { trackingNumber: 'EHIS-2026-000003', amount: '5.00', receiptNumber: 'R-1' },
      dedupeKey: 'payment:R-1',
    });
    const before = await counts();
    const second = await n.notifier.notify({
      recipientFin: person.fin,
      template: 'payment-received',
      params: { trackingNumber: 'EHIS-2026-000003', amount: '5.00', receiptNumber: 'R-1' },
      dedupeKey: 'payment:R-1',
    });
    expect(second).toMatchObject({ notificationId: first.notificationId, created: false });
    expect(second.deliveries).toHaveLength(first.deliveries.length);
    await expect(
      n.notifier.notify({
        recipientFin: person.fin,
        template: 'payment-received',
        params: { amount: 1 },
      }),
    ).rejects.toThrow(/trackingNumber, receiptNumber/);
    expect(await counts()).toEqual(before);
  });

  it('a notice to a person without e-mail or phone goes to the inbox only; channels given by the caller override preferences', async () => {
    const bare = await signInAs(
      h.test.platform,
      h.app,
      h.agencies.portalClient,
      h.adult().fin,
      'low',
    );
    const result = await n.notifier.notify({
      accountId: bare.accountId,
      template: 'complaint-answered',
      params: { complaintNumber: 'C-9', agencyName: 'Ədliyyə Nazirliyi' },
    });
    expect(result.deliveries).toEqual([]);
    const inbox = (
      await bare.browser.get('/api/notifications', { 'accept-language': 'ru' })
    ).json<InboxBody>();
    expect(inbox.notifications[0]?.title).toBe('На вашу жалобу дан ответ');

    const forced = await n.notifier.notify({
      recipientFin: person.fin,
      template: 'request-status-changed',
      params: { ...RECEIVED, status: 'approved' },
      channels: ['sms'],
    });
    expect(forced.deliveries.map((d) => d.channel)).toEqual(['sms']);
  });

  it('IAM-000-1.8a: a notice about a child goes to the parent account and names the child', async () => {
    const parent = h.person('parent', (p: DemoPersonView) => p.relations.minorChildren.length > 0);
    const child = parent.relations.minorChildren[0] ?? '';
    const p = await registered(parent);
    await n.notifier.notify({
      recipientFin: parent.fin,
      subjectFin: child,
      template: 'request-received',
      params: RECEIVED,
    });
    const inbox = (await p.browser.get('/api/notifications')).json<InboxBody>();
    expect(inbox.notifications).toEqual([expect.objectContaining({ subjectFin: child })]);
  });

  it('demo mode: listDevOutbox shows the SMS sent to my phone (mail went to EHIS_SMTP_URL here)', async () => {
    const res = await person.browser.get('/api/dev/outbox');
    expect(res.statusCode).toBe(200);
    const outbox = res.json<{ emails: unknown[]; sms: { to: string; text: string }[] }>();
    expect(outbox.emails).toEqual([]);
    expect(outbox.sms.length).toBeGreaterThan(0);
    expect(outbox.sms.every((m) => m.to === person.phone)).toBe(true);
  });

  it('the OpenAPI document lists the operation ids of attachments and notifications', async () => {
    const doc = (await h.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { operationId?: string }>>;
    }>();
    const ids = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops).map((op) => op.operationId),
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        'uploadAttachment',
        'listMyAttachments',
        'getAttachment',
        'deleteAttachment',
        'listNotifications',
        'markNotificationRead',
        'getNotificationPreferences',
        'setNotificationPreferences',
        'listDevOutbox',
      ]),
    );
  });

  it('the development mail sink starts on first use and receives Azerbaijani text intact', async () => {
    const devSink = new SmtpSink();
    try {
      const sender = sinkEmailSender(devSink, 'EHİS <no-reply@e-gov.az>');
      await sender.send({
        to: 'a@example.az',
        subject: 'Şikayət ğ ı ö ü ç ş ə',
        text: 'Əziz vətəndaş',
      });
      expect(devSink.to('a@example.az')[0]).toMatchObject({
        subject: 'Şikayət ğ ı ö ü ç ş ə',
        text: 'Əziz vətəndaş',
        from: 'no-reply@e-gov.az',
      });
    } finally {
      await devSink.stop();
    }
  });
});
