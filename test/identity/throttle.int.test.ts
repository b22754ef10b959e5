import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/platform/time/clock.ts';
import { lockDurationMs, MAX_LOCK_MS } from '../../src/identity/throttle.ts';
import {
  createIdentityHarness,
  registerPerson,
  TestBrowser,
  type IdentityHarness,
} from '../support/identity.ts';

const clock = new FixedClock(new Date());

describe('login throttling (issue 4 item 3)', () => {
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await createIdentityHarness({ clock });
  });
  afterAll(async () => {
    await h.close();
  });

  it('lock durations grow with each failure past the threshold and are capped', () => {
    expect(lockDurationMs(4, 5)).toBe(0);
    expect(lockDurationMs(5, 5)).toBe(30_000);
    expect(lockDurationMs(6, 5)).toBe(60_000);
    expect(lockDurationMs(7, 5)).toBe(120_000);
    expect(lockDurationMs(50, 5)).toBe(MAX_LOCK_MS);
  });

  it('IAM-000-3.3: five wrong passwords lock the account (429 with Retry-After, even for the right password); it recovers after the wait', async () => {
    const { username, password } = await registerPerson(new TestBrowser(h.app), h.adult());
    const attacker = new TestBrowser(h.app, '192.0.2.10');
    for (let i = 0; i < 5; i++) {
      const res = await attacker.post('/api/auth/login', { username, password: `wrong ${i}` });
      expect(res.statusCode).toBe(401);
    }
    const locked = await attacker.post('/api/auth/login', { username, password });
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ type: 'identity/too-many-attempts' });
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    // A new browser from another address is locked out of this account too…
    const fresh = new TestBrowser(h.app, '198.51.100.7');
    expect((await fresh.post('/api/auth/login', { username, password })).statusCode).toBe(429);
    // …until the wait is over.
    clock.advance(retryAfter * 1000 + 1);
    expect((await fresh.post('/api/auth/login', { username, password })).statusCode).toBe(200);
    // Success clears the account counter: one more failure does not lock again.
    expect(
      (await attacker.post('/api/auth/login', { username, password: 'wrong again' })).statusCode,
    ).toBe(401);
    expect((await attacker.post('/api/auth/login', { username, password })).statusCode).toBe(200);
  });

  it('a stranger guessing on purpose cannot lock the owner out: a browser that logged in before is not subject to the account lock', async () => {
    const { username, password } = await registerPerson(new TestBrowser(h.app), h.adult());
    const owner = new TestBrowser(h.app, '203.0.113.5');
    expect((await owner.post('/api/auth/login', { username, password })).statusCode).toBe(200);
    expect(owner.cookies.has('ehis_device')).toBe(true);
    await owner.post('/api/auth/logout');
    const stranger = new TestBrowser(h.app, '192.0.2.99');
    for (let i = 0; i < 8; i++) {
      await stranger.post('/api/auth/login', { username, password: `guess ${i}` });
    }
    expect((await stranger.post('/api/auth/login', { username, password })).statusCode).toBe(429);
    expect((await owner.post('/api/auth/login', { username, password })).statusCode).toBe(200);
    // The known browser has its own counter: it cannot be used to guess without limit either.
    await owner.post('/api/auth/logout');
    for (let i = 0; i < 5; i++) {
      expect(
        (await owner.post('/api/auth/login', { username, password: `typo ${i}` })).statusCode,
      ).toBe(401);
    }
    expect((await owner.post('/api/auth/login', { username, password })).statusCode).toBe(429);
  });

  it('one address guessing across many accounts is locked after 20 failures, whatever the usernames', async () => {
    const { username, password } = await registerPerson(new TestBrowser(h.app), h.adult());
    const spray = new TestBrowser(h.app, '192.0.2.200');
    for (let i = 0; i < 20; i++) {
      expect(
        (await spray.post('/api/auth/login', { username: `victim${i}`, password: 'Password1!' }))
          .statusCode,
      ).toBe(401);
    }
    const res = await spray.post('/api/auth/login', { username, password });
    expect(res.statusCode).toBe(429);
    expect(
      (await new TestBrowser(h.app, '192.0.2.201').post('/api/auth/login', { username, password }))
        .statusCode,
    ).toBe(200);
  });
});
