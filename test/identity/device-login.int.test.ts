import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/platform/time/clock.ts';
import {
  createIdentityHarness,
  registerPerson,
  TestBrowser,
  type IdentityHarness,
} from '../support/identity.ts';
import { TestDevice } from '../support/devices.ts';

const clock = new FixedClock(new Date());

interface DeviceView {
  deviceId: string;
  mobileUserId: string;
  label: string;
  phone: string;
  assurance: 'substantial' | 'high';
  activatedBy: string;
}
interface DeviceRequest {
  challengeId: string;
  kind: 'mobile' | 'qr';
  verificationCode: string;
  nonce: string;
  expiresAt: string;
  requestedFrom: { ip: string | null; userAgent: string | null };
}
interface Started {
  challengeId: string;
  verificationCode: string;
  expiresAt: string;
  qrPayload?: string;
}

let phoneCounter = 0;
function nextPhone(): string {
  phoneCounter += 1;
  return `+99450${String(10_000_000 + phoneCounter).slice(1)}`;
}

describe('identity: mobile signature and smartphone QR login (IAM-002-LOGIN-6, IAM-002-LOGIN-7)', () => {
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await createIdentityHarness({ clock });
  });
  afterAll(async () => {
    await h.close();
  });

  async function query<T>(q: ReturnType<typeof sql<T>>): Promise<T[]> {
    return (await q.execute(h.test.platform.db.kysely)).rows;
  }

  async function count(table: string): Promise<number> {
    const rows = await query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM ${sql.table(table)}`,
    );
    return rows[0]?.n ?? -1;
  }

  /** What refusals must leave alone: devices, sessions and every challenge's state. */
  async function snapshot(): Promise<string> {
    const devices = await query(
      sql`SELECT id, revoked_at, last_used_at FROM identity.device ORDER BY id`,
    );
    const challenges = await query(
      sql`SELECT id, status, device_id, decided_at, completed_at FROM identity.device_challenge ORDER BY id`,
    );
    return JSON.stringify({ devices, challenges, sessions: await count('identity.session') });
  }

  async function auditEntries(action: string): Promise<
    {
      actor: string;
      subject_fin: string | null;
      resource: string | null;
      purpose: string | null;
      outcome: string;
    }[]
  > {
    await h.test.platform.audit.flush();
    return query(sql`
      SELECT actor, subject_fin, resource, purpose, outcome FROM audit.entry
      WHERE action = ${action} ORDER BY seq`);
  }

  /** A citizen logged in with a password on the phone's browser (acr low). */
  async function passwordPhone(): Promise<{ browser: TestBrowser; fin: string; userId: string }> {
    const adult = h.adult();
    const browser = new TestBrowser(h.app, '10.0.0.2');
    const { username, password, userId } = await registerPerson(browser, adult);
    const login = await browser.post('/api/auth/login', { username, password });
    expect(login.statusCode).toBe(200);
    return { browser, fin: adult.fin, userId };
  }

  async function registerDevice(
    browser: TestBrowser,
    device: TestDevice,
    extra: Record<string, unknown> = {},
  ): Promise<DeviceView> {
    const res = await browser.post('/api/me/devices', {
      label: 'Mənim telefonum',
      phone: nextPhone(),
      publicKey: device.publicKey,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json<DeviceView>();
    device.deviceId = view.deviceId;
    device.mobileUserId = view.mobileUserId;
    return view;
  }

  /** A phone with a device activated in demo mode (acr high). */
  async function highDevice(): Promise<{
    phone: TestBrowser;
    device: TestDevice;
    view: DeviceView;
    fin: string;
    userId: string;
  }> {
    const { browser, fin, userId } = await passwordPhone();
    const device = await TestDevice.create(clock);
    const view = await registerDevice(browser, device, { demoActivation: true });
    return { phone: browser, device, view, fin, userId };
  }

  async function pendingOn(phone: TestBrowser, device: TestDevice): Promise<DeviceRequest[]> {
    const res = await phone.get(`/api/devices/${device.deviceId}/requests`, {
      'x-ehis-device-proof': await device.proof(),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<DeviceRequest[]>();
  }

  async function decide(
    phone: TestBrowser,
    device: TestDevice,
    request: { challengeId: string; nonce: string },
    decision: 'approve' | 'deny' = 'approve',
    extra: Record<string, unknown> = {},
  ) {
    return phone.post(
      `/api/devices/${device.deviceId}/requests/${request.challengeId}/${decision}`,
      { signature: await device.decision(decision, request.challengeId, request.nonce), ...extra },
    );
  }

  async function startMobile(desktop: TestBrowser, view: DeviceView): Promise<Started> {
    const res = await desktop.post('/api/auth/mobile-login', {
      phone: view.phone,
      mobileUserId: view.mobileUserId,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Started>();
  }

  async function statusOf(desktop: TestBrowser, challengeId: string): Promise<string> {
    const res = await desktop.get(`/api/auth/device-login/${challengeId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ status: string }>().status;
  }

  it('IAM-002-LOGIN-6: a device registered from a password session gets a 6-digit mobile user id and gives acr substantial logins', async () => {
    const { browser: phone, fin, userId } = await passwordPhone();
    const activation = await phone.get('/api/me/devices/activation');
    expect(activation.json()).toEqual({ assurance: 'substantial', demoActivation: true });
    const device = await TestDevice.create(clock);
    const view = await registerDevice(phone, device);
    expect(view).toMatchObject({
      label: 'Mənim telefonum',
      assurance: 'substantial',
      activatedBy: 'pwd',
    });
    expect(view.mobileUserId).toMatch(/^[0-9]{6}$/);
    const listed = await phone.get('/api/me/devices');
    expect(listed.json<DeviceView[]>().map((d) => d.deviceId)).toEqual([view.deviceId]);
    const stored = await query<{ public_key: Record<string, unknown> }>(
      sql`SELECT public_key FROM identity.device WHERE id = ${view.deviceId}`,
    );
    expect(Object.keys(stored[0]?.public_key ?? {}).sort()).toEqual(['crv', 'kty', 'x', 'y']);

    const desktop = new TestBrowser(h.app, '10.0.0.1');
    const started = await startMobile(desktop, view);
    expect(started.verificationCode).toMatch(/^[0-9]{4}$/);
    expect(new Date(started.expiresAt).getTime() - clock.now().getTime()).toBe(120_000);
    expect(desktop.cookies.has('ehis_login_binding')).toBe(true);
    expect(await statusOf(desktop, started.challengeId)).toBe('pending');

    const pending = await pendingOn(phone, device);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      challengeId: started.challengeId,
      kind: 'mobile',
      verificationCode: started.verificationCode,
      requestedFrom: { ip: '10.0.0.1' },
    });
    const approve = await decide(phone, device, pending[0] as DeviceRequest);
    expect(approve.statusCode, approve.body).toBe(204);
    expect(await statusOf(desktop, started.challengeId)).toBe('approved');
    expect(await pendingOn(phone, device)).toEqual([]);

    const done = await desktop.post(`/api/auth/device-login/${started.challengeId}/complete`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ userId, acr: 'substantial' });
    const me = await desktop.get('/api/me');
    expect(me.json()).toMatchObject({ userId, fin, acr: 'substantial', amr: ['mobile'] });
    // The binding cookie went with the login: the challenge is spent and this browser is done.
    expect(desktop.cookies.has('ehis_login_binding')).toBe(false);
    const spent = await query<{ status: string }>(
      sql`SELECT status FROM identity.device_challenge WHERE id = ${started.challengeId}`,
    );
    expect(spent[0]?.status).toBe('completed');

    const logins = await auditEntries('identity.login');
    expect(logins.at(-1)).toMatchObject({
      actor: `citizen:${fin}`,
      resource: 'mobile',
      outcome: 'success',
    });
    const approvals = await auditEntries('identity.device-approve');
    expect(approvals.at(-1)).toMatchObject({
      actor: `citizen:${fin}`,
      subject_fin: fin,
      outcome: 'success',
      resource: `challenge:${started.challengeId}:mobile:device:${view.deviceId}`,
    });
    const registered = await auditEntries('identity.device-register');
    expect(registered.at(-1)).toMatchObject({
      resource: `device:${view.deviceId}:substantial:pwd`,
      outcome: 'success',
    });
  });

  it('IAM-002-LOGIN-6: a device activated in demo mode gives acr high; an acr-high session registers further devices at high', async () => {
    const { device, view, userId, phone } = await highDevice();
    expect(view).toMatchObject({ assurance: 'high', activatedBy: 'demo' });
    const desktop = new TestBrowser(h.app, '10.0.0.1');
    const started = await startMobile(desktop, view);
    const [request] = await pendingOn(phone, device);
    expect((await decide(phone, device, request as DeviceRequest)).statusCode).toBe(204);
    const done = await desktop.post(`/api/auth/device-login/${started.challengeId}/complete`);
    expect(done.json()).toMatchObject({ userId, acr: 'high' });

    // The desktop now holds an acr-high session: a device registered from it is high too.
    expect((await desktop.get('/api/me/devices/activation')).json()).toMatchObject({
      assurance: 'high',
    });
    const second = await TestDevice.create(clock);
    const secondView = await registerDevice(desktop, second);
    expect(secondView).toMatchObject({ assurance: 'high', activatedBy: 'mobile' });
    expect((await desktop.get('/api/me/devices')).json<DeviceView[]>()).toHaveLength(2);
  });

  it('IAM-002-LOGIN-6: an unknown phone number or mobile user id gets the same answer, and no device sees a request', async () => {
    const { view, device, phone } = await highDevice();
    const known = await startMobile(new TestBrowser(h.app), view);
    const unknownId = await new TestBrowser(h.app).post('/api/auth/mobile-login', {
      phone: view.phone,
      mobileUserId: view.mobileUserId === '000000' ? '000001' : '000000',
    });
    const unknownPhone = await new TestBrowser(h.app).post('/api/auth/mobile-login', {
      phone: '+994709999999',
      mobileUserId: view.mobileUserId,
    });
    for (const res of [unknownId, unknownPhone]) {
      expect(res.statusCode).toBe(201);
      expect(Object.keys(res.json<Started>()).sort()).toEqual(Object.keys(known).sort());
      expect(res.cookies.map((c) => c.name)).toContain('ehis_login_binding');
    }
    expect((await pendingOn(phone, device)).map((r) => r.challengeId)).toEqual([known.challengeId]);
    const starts = await auditEntries('identity.device-login-start');
    expect(starts.filter((e) => e.purpose === 'no-device')).toHaveLength(2);
  });

  it('IAM-002-LOGIN-6: the device must prove possession of its key before it sees requests (missing, forged, stale, replayed proof, revoked device)', async () => {
    const { view, device, phone } = await highDevice();
    await startMobile(new TestBrowser(h.app), view);
    const url = `/api/devices/${view.deviceId}/requests`;
    const stranger = await TestDevice.create(clock);
    const t = clock.now().getTime();
    const fresh = await device.proof();
    const cases: [string, Record<string, string>][] = [
      ['missing', {}],
      ['garbage', { 'x-ehis-device-proof': 'abc' }],
      ['other key', { 'x-ehis-device-proof': await stranger.proof(view.deviceId, t + 5) }],
      ['stale', { 'x-ehis-device-proof': await device.proof(view.deviceId, t - 3 * 60_000) }],
      [
        'another device id',
        {
          'x-ehis-device-proof': (await device.proof(view.deviceId)).replace(
            /^\d+/,
            String(t + 50),
          ),
        },
      ],
    ];
    for (const [name, headers] of cases) {
      const res = await new TestBrowser(h.app).get(url, headers);
      expect(res.statusCode, name).toBe(401);
      expect(res.json(), name).toMatchObject({ type: 'identity/device-unrecognised' });
      expect(res.body).not.toContain('verificationCode');
    }
    // A proof is good once: the same header again is a replay.
    expect((await phone.get(url, { 'x-ehis-device-proof': fresh })).statusCode).toBe(200);
    const replay = await phone.get(url, { 'x-ehis-device-proof': fresh });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ type: 'identity/device-unrecognised' });

    const revoke = await phone.delete(`/api/me/devices/${view.deviceId}`);
    expect(revoke.statusCode).toBe(204);
    const revoked = await phone.get(url, { 'x-ehis-device-proof': await device.proof() });
    expect(revoked.statusCode).toBe(401);
    const proofs = await auditEntries('identity.device-proof');
    expect(new Set(proofs.map((p) => p.purpose))).toEqual(
      new Set(['malformed', 'bad-signature', 'stale', 'replay', 'unknown-or-revoked']),
    );
    expect(proofs.every((p) => p.outcome === 'refused')).toBe(true);
  });

  it('IAM-002-LOGIN-6: another device cannot approve a request addressed to mine, and nothing changes', async () => {
    const mine = await highDevice();
    const other = await highDevice();
    const desktop = new TestBrowser(h.app);
    const started = await startMobile(desktop, mine.view);
    const [request] = await pendingOn(mine.phone, mine.device);
    const before = await snapshot();
    const res = await other.phone.post(
      `/api/devices/${other.view.deviceId}/requests/${started.challengeId}/approve`,
      {
        signature: await other.device.decision(
          'approve',
          started.challengeId,
          (request as DeviceRequest).nonce,
        ),
      },
    );
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ type: 'identity/device-request-not-found' });
    const look = await other.phone.get(
      `/api/devices/${other.view.deviceId}/requests/${started.challengeId}`,
      { 'x-ehis-device-proof': await other.device.proof() },
    );
    expect(look.statusCode).toBe(404);
    expect(await snapshot()).toBe(before);
    expect(await statusOf(desktop, started.challengeId)).toBe('pending');
    const refused = await auditEntries('identity.device-approve');
    expect(refused.at(-1)).toMatchObject({ outcome: 'refused', purpose: 'wrong-device' });
  });

  it('IAM-002-LOGIN-6: a signature that is not the device key over this challenge is refused, and nothing changes', async () => {
    const { view, device, phone } = await highDevice();
    const desktop = new TestBrowser(h.app);
    const started = await startMobile(desktop, view);
    const [request] = (await pendingOn(phone, device)) as [DeviceRequest];
    const stranger = await TestDevice.create(clock);
    const before = await snapshot();
    const forged = [
      await stranger.decision('approve', started.challengeId, request.nonce, view.deviceId),
      await device.decision('deny', started.challengeId, request.nonce),
      await device.decision('approve', started.challengeId, 'another-nonce'),
    ];
    for (const signature of forged) {
      const res = await phone.post(
        `/api/devices/${view.deviceId}/requests/${started.challengeId}/approve`,
        { signature },
      );
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ type: 'identity/device-signature-invalid' });
    }
    expect(await snapshot()).toBe(before);
    expect(await statusOf(desktop, started.challengeId)).toBe('pending');
  });

  it('IAM-002-LOGIN-6: a request is answered once (replay → 409) and a session is collected once', async () => {
    const { view, device, phone } = await highDevice();
    const desktop = new TestBrowser(h.app);
    const started = await startMobile(desktop, view);
    const [request] = (await pendingOn(phone, device)) as [DeviceRequest];
    const signature = await device.decision('approve', started.challengeId, request.nonce);
    const url = `/api/devices/${view.deviceId}/requests/${started.challengeId}`;
    expect((await phone.post(`${url}/approve`, { signature })).statusCode).toBe(204);
    const before = await snapshot();
    const again = await phone.post(`${url}/approve`, { signature });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: 'identity/login-challenge-used' });
    const deny = await decide(phone, device, request, 'deny');
    expect(deny.statusCode).toBe(409);
    expect(await snapshot()).toBe(before);

    expect(
      (await desktop.post(`/api/auth/device-login/${started.challengeId}/complete`)).statusCode,
    ).toBe(200);
    // The binding cookie was cleared with the login; a copy of it replayed gets nothing either.
    const sessionsBefore = await count('identity.session');
    const copy = await h.app.inject({
      method: 'POST',
      url: `/api/auth/device-login/${started.challengeId}/complete`,
      headers: {
        cookie: `ehis_csrf=${'c'.repeat(24)}; ehis_login_binding=${'x'.repeat(43)}`,
        'x-csrf-token': 'c'.repeat(24),
      },
    });
    expect(copy.statusCode).toBe(404);
    expect(await count('identity.session')).toBe(sessionsBefore);
    const replays = (await auditEntries('identity.device-approve')).filter(
      (e) => e.purpose === 'replay',
    );
    expect(replays.length).toBeGreaterThanOrEqual(1);
  });

  it('IAM-002-LOGIN-6: the waiting browser cannot collect twice (409 identity/login-challenge-used)', async () => {
    const { view, device, phone } = await highDevice();
    const desktop = new TestBrowser(h.app);
    const started = await startMobile(desktop, view);
    const binding = desktop.cookies.get('ehis_login_binding') ?? '';
    const [request] = (await pendingOn(phone, device)) as [DeviceRequest];
    expect((await decide(phone, device, request)).statusCode).toBe(204);
    const url = `/api/auth/device-login/${started.challengeId}/complete`;
    expect((await desktop.post(url)).statusCode).toBe(200);
    desktop.cookies.set('ehis_login_binding', binding);
    const sessions = await count('identity.session');
    const again = await desktop.post(url);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: 'identity/login-challenge-used' });
    expect(await count('identity.session')).toBe(sessions);
  });

  it('IAM-002-LOGIN-6: a denied login never becomes a session (403 identity/login-challenge-denied)', async () => {
    const { view, device, phone } = await highDevice();
    const desktop = new TestBrowser(h.app);
    const started = await startMobile(desktop, view);
    const [request] = (await pendingOn(phone, device)) as [DeviceRequest];
    expect((await decide(phone, device, request, 'deny')).statusCode).toBe(204);
    expect(await statusOf(desktop, started.challengeId)).toBe('denied');
    const sessions = await count('identity.session');
    const res = await desktop.post(`/api/auth/device-login/${started.challengeId}/complete`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ type: 'identity/login-challenge-denied' });
    expect(await count('identity.session')).toBe(sessions);
    expect((await desktop.get('/api/me')).statusCode).toBe(401);
    const denials = await auditEntries('identity.device-deny');
    expect(denials.at(-1)).toMatchObject({ outcome: 'success' });
    const refusals = await auditEntries('identity.device-login');
    expect(refusals.at(-1)).toMatchObject({ outcome: 'refused', purpose: 'denied' });
  });

  it('IAM-002-LOGIN-6: completing before approval is 409 identity/login-challenge-pending', async () => {
    const { view } = await highDevice();
    const desktop = new TestBrowser(h.app);
    const started = await startMobile(desktop, view);
    const before = await snapshot();
    const res = await desktop.post(`/api/auth/device-login/${started.challengeId}/complete`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ type: 'identity/login-challenge-pending' });
    expect(await snapshot()).toBe(before);
  });

  it('IAM-002-LOGIN-6: a request expires after 2 minutes; an approval must be collected within 60 seconds', async () => {
    const { view, device, phone } = await highDevice();
    const desktop = new TestBrowser(h.app);
    const started = await startMobile(desktop, view);
    const [request] = (await pendingOn(phone, device)) as [DeviceRequest];
    clock.advance(120_000);
    try {
      expect(await pendingOn(phone, device)).toEqual([]);
      const before = await snapshot();
      const late = await decide(phone, device, request);
      expect(late.statusCode).toBe(410);
      expect(late.json()).toMatchObject({ type: 'identity/login-challenge-expired' });
      expect(await statusOf(desktop, started.challengeId)).toBe('expired');
      const complete = await desktop.post(`/api/auth/device-login/${started.challengeId}/complete`);
      expect(complete.statusCode).toBe(410);
      expect(await snapshot()).toBe(before);
    } finally {
      clock.advance(1);
    }

    const second = await startMobile(desktop, view);
    const [fresh] = (await pendingOn(phone, device)) as [DeviceRequest];
    expect(fresh.challengeId).toBe(second.challengeId);
    expect((await decide(phone, device, fresh)).statusCode).toBe(204);
    clock.advance(60_000);
    const sessions = await count('identity.session');
    const tooLate = await desktop.post(`/api/auth/device-login/${second.challengeId}/complete`);
    expect(tooLate.statusCode).toBe(410);
    expect(tooLate.json()).toMatchObject({ type: 'identity/login-challenge-expired' });
    expect(await count('identity.session')).toBe(sessions);
  });

  it('IAM-002-LOGIN-6: only the browser that started the login sees its state and collects the session', async () => {
    const { view, device, phone, userId } = await highDevice();
    const desktop = new TestBrowser(h.app, '10.0.0.1');
    const started = await startMobile(desktop, view);
    const [request] = (await pendingOn(phone, device)) as [DeviceRequest];
    expect((await decide(phone, device, request)).statusCode).toBe(204);
    const attacker = new TestBrowser(h.app, '10.6.6.6');
    const before = await snapshot();
    const look = await attacker.get(`/api/auth/device-login/${started.challengeId}`);
    expect(look.statusCode).toBe(404);
    expect(look.json()).toMatchObject({ type: 'identity/login-challenge-not-found' });
    const steal = await attacker.post(`/api/auth/device-login/${started.challengeId}/complete`);
    expect(steal.statusCode).toBe(404);
    expect(steal.json()).toMatchObject({ type: 'identity/login-challenge-not-found' });
    expect(await snapshot()).toBe(before);
    expect((await attacker.get('/api/me')).statusCode).toBe(401);
    const refused = await auditEntries('identity.device-login');
    expect(refused.at(-1)).toMatchObject({
      actor: 'ip:10.6.6.6',
      outcome: 'refused',
      purpose: 'not-the-binding-browser',
    });
    const done = await desktop.post(`/api/auth/device-login/${started.challengeId}/complete`);
    expect(done.json()).toMatchObject({ userId, acr: 'high' });
  });

  it('IAM-002-LOGIN-6: a device revoked between approval and collection gives no session', async () => {
    const { view, device, phone } = await highDevice();
    const desktop = new TestBrowser(h.app);
    const started = await startMobile(desktop, view);
    const [request] = (await pendingOn(phone, device)) as [DeviceRequest];
    expect((await decide(phone, device, request)).statusCode).toBe(204);
    expect((await phone.delete(`/api/me/devices/${view.deviceId}`)).statusCode).toBe(204);
    const sessions = await count('identity.session');
    const res = await desktop.post(`/api/auth/device-login/${started.challengeId}/complete`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ type: 'identity/login-challenge-denied' });
    expect(await count('identity.session')).toBe(sessions);
  });

  it('IAM-002-LOGIN-7: QR login — the device opens the payload URL, approves, and the waiting browser logs in as the device owner', async () => {
    const { device, phone, fin, userId, view } = await highDevice();
    const desktop = new TestBrowser(h.app, '10.0.0.1');
    const res = await desktop.post('/api/auth/qr-login');
    expect(res.statusCode, res.body).toBe(201);
    const started = res.json<Started & { qrPayload: string }>();
    const url = new URL(started.qrPayload);
    expect(url.pathname).toBe(`/mobile/approve/${started.challengeId}`);
    const secret = url.hash.slice(1);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const rows = await query<{ qr_secret_hash: string }>(
      sql`SELECT qr_secret_hash FROM identity.device_challenge WHERE id = ${started.challengeId}`,
    );
    expect(rows[0]?.qr_secret_hash).not.toContain(secret);
    // A QR request is not pushed to devices: only the phone that scanned the code knows it.
    expect(await pendingOn(phone, device)).toEqual([]);

    const requestUrl = `/api/devices/${view.deviceId}/requests/${started.challengeId}`;
    const shown = await phone.get(requestUrl, {
      'x-ehis-device-proof': await device.proof(),
      'x-ehis-qr-secret': secret,
    });
    expect(shown.statusCode, shown.body).toBe(200);
    const request = shown.json<DeviceRequest>();
    expect(request).toMatchObject({
      kind: 'qr',
      verificationCode: started.verificationCode,
      requestedFrom: { ip: '10.0.0.1' },
    });
    expect((await decide(phone, device, request, 'approve', { qrSecret: secret })).statusCode).toBe(
      204,
    );
    expect(await statusOf(desktop, started.challengeId)).toBe('approved');
    const done = await desktop.post(`/api/auth/device-login/${started.challengeId}/complete`);
    expect(done.json()).toMatchObject({ userId, acr: 'high' });
    expect((await desktop.get('/api/me')).json()).toMatchObject({ fin, amr: ['qr'], acr: 'high' });
    const logins = await auditEntries('identity.login');
    expect(logins.at(-1)).toMatchObject({ actor: `citizen:${fin}`, resource: 'qr' });
  });

  it('IAM-002-LOGIN-7: without the secret of the QR code a device can neither see nor approve the request, and nothing changes', async () => {
    const { device, phone, view } = await highDevice();
    const desktop = new TestBrowser(h.app);
    const started = (await desktop.post('/api/auth/qr-login')).json<
      Started & { qrPayload: string }
    >();
    const secret = new URL(started.qrPayload).hash.slice(1);
    const requestUrl = `/api/devices/${view.deviceId}/requests/${started.challengeId}`;
    const before = await snapshot();
    const wrongSecrets: Record<string, string>[] = [
      {},
      { 'x-ehis-qr-secret': `${secret.slice(0, -1)}A` },
    ];
    for (const headers of wrongSecrets) {
      const look = await phone.get(requestUrl, {
        'x-ehis-device-proof': await device.proof(),
        ...headers,
      });
      expect(look.statusCode).toBe(404);
      expect(look.json()).toMatchObject({ type: 'identity/device-request-not-found' });
    }
    // Even knowing the nonce (it is not shown without the secret), the approval needs the secret.
    const nonce = (
      await query<{ nonce: string }>(
        sql`SELECT nonce FROM identity.device_challenge WHERE id = ${started.challengeId}`,
      )
    )[0]?.nonce as string;
    const approve = await decide(phone, device, { challengeId: started.challengeId, nonce });
    expect(approve.statusCode).toBe(404);
    expect(approve.json()).toMatchObject({ type: 'identity/device-request-not-found' });
    expect(await snapshot()).toBe(before);
    expect(await statusOf(desktop, started.challengeId)).toBe('pending');
  });

  it("devices: only my own active devices are listed and revoked; another user's device is 404 and stays", async () => {
    const a = await highDevice();
    const b = await highDevice();
    expect(
      (await a.phone.get('/api/me/devices')).json<DeviceView[]>().map((d) => d.deviceId),
    ).toEqual([a.view.deviceId]);
    const before = await snapshot();
    const res = await a.phone.delete(`/api/me/devices/${b.view.deviceId}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ type: 'identity/device-not-found' });
    expect(await snapshot()).toBe(before);
    expect((await a.phone.delete(`/api/me/devices/${a.view.deviceId}`)).statusCode).toBe(204);
    expect((await a.phone.get('/api/me/devices')).json()).toEqual([]);
    const again = await a.phone.delete(`/api/me/devices/${a.view.deviceId}`);
    expect(again.statusCode).toBe(404);
    // A revoked device is not found by phone and id: the login never reaches it.
    const desktop = new TestBrowser(h.app);
    const started = await startMobile(desktop, a.view);
    const rows = await query<{ device_id: string | null }>(
      sql`SELECT device_id FROM identity.device_challenge WHERE id = ${started.challengeId}`,
    );
    expect(rows[0]?.device_id).toBeNull();
    const revokes = await auditEntries('identity.device-revoke');
    expect(revokes.map((r) => r.outcome).slice(-3)).toEqual(['refused', 'success', 'refused']);
  });

  it('registerDevice refusals: no session, a private key, a point not on the curve, a key registered twice, too many devices — nothing stored', async () => {
    const { browser } = await passwordPhone();
    const device = await TestDevice.create(clock);
    const body = { label: 'Telefon', phone: nextPhone(), publicKey: device.publicKey };
    const devicesBefore = await count('identity.device');

    const anonymous = await new TestBrowser(h.app).post('/api/me/devices', body);
    expect(anonymous.statusCode).toBe(401);

    const withPrivate = await browser.post('/api/me/devices', {
      ...body,
      publicKey: { ...device.publicKey, d: 'A'.repeat(43) },
    });
    expect(withPrivate.statusCode).toBe(400);
    expect(withPrivate.json()).toMatchObject({ type: 'platform/validation' });

    const offCurve = await browser.post('/api/me/devices', {
      ...body,
      publicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43) },
    });
    expect(offCurve.statusCode).toBe(422);
    expect(offCurve.json()).toMatchObject({ type: 'identity/device-key-invalid' });

    const badPhone = await browser.post('/api/me/devices', { ...body, phone: '0501234567' });
    expect(badPhone.statusCode).toBe(400);
    expect(await count('identity.device')).toBe(devicesBefore);

    expect((await browser.post('/api/me/devices', body)).statusCode).toBe(201);
    const twice = await browser.post('/api/me/devices', body);
    expect(twice.statusCode).toBe(422);
    expect(twice.json()).toMatchObject({ type: 'identity/device-key-invalid' });
    for (let i = 1; i < 5; i += 1) {
      const extra = await TestDevice.create(clock);
      await registerDevice(browser, extra);
    }
    const sixth = await TestDevice.create(clock);
    const devicesAtLimit = await count('identity.device');
    const limit = await browser.post('/api/me/devices', {
      ...body,
      publicKey: sixth.publicKey,
    });
    expect(limit.statusCode).toBe(409);
    expect(limit.json()).toMatchObject({ type: 'identity/device-limit' });
    expect(limit.json<{ detail: string }>().detail).toContain('5');
    expect(await count('identity.device')).toBe(devicesAtLimit);
  });

  it('IAM-002-LOGIN-6: pushing many requests at one device shows it at most 3 at a time', async () => {
    const { view, device, phone } = await highDevice();
    for (let i = 0; i < 5; i += 1) await startMobile(new TestBrowser(h.app), view);
    expect(await pendingOn(phone, device)).toHaveLength(3);
  });

  it('IAM-002-LOGIN-6: starting a login needs the CSRF header like every POST', async () => {
    const { view } = await highDevice();
    const before = await count('identity.device_challenge');
    const res = await new TestBrowser(h.app).request({
      method: 'POST',
      url: '/api/auth/mobile-login',
      payload: { phone: view.phone, mobileUserId: view.mobileUserId },
      csrf: false,
    });
    expect(res.statusCode).toBe(403);
    expect(await count('identity.device_challenge')).toBe(before);
  });
});

describe('identity: device activation outside demo mode', () => {
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await createIdentityHarness({ clock, persons: 60, env: { EHIS_DEMO: 'false' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('IAM-002-LOGIN-6: demo activation is refused (403 identity/device-activation-refused) and nothing is stored; a password session registers at substantial', async () => {
    const adult = h.adult();
    const browser = new TestBrowser(h.app);
    const { username, password } = await registerPerson(browser, adult);
    await browser.post('/api/auth/login', { username, password });
    const device = await TestDevice.create(clock);
    const body = { label: 'Telefon', phone: '+994551112233', publicKey: device.publicKey };
    const refused = await browser.post('/api/me/devices', { ...body, demoActivation: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ type: 'identity/device-activation-refused' });
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM identity.device`.execute(
      h.test.platform.db.kysely,
    );
    expect(rows.rows[0]?.n).toBe(0);
    expect((await browser.get('/api/me/devices/activation')).json()).toEqual({
      assurance: 'substantial',
      demoActivation: false,
    });
    const ok = await browser.post('/api/me/devices', body);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ assurance: 'substantial', activatedBy: 'pwd' });
  });
});
