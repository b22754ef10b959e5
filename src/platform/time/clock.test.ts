import { describe, it, expect } from 'vitest';
import { FixedClock, createManualClock, systemClock } from './index.ts';

describe('clock', () => {
  it('the system clock reads the current time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('a manual clock stands still until it is set or advanced', () => {
    const clock = createManualClock('2026-03-19T09:00:00+04:00');
    expect(clock).toBeInstanceOf(FixedClock);
    expect(clock.now().toISOString()).toBe('2026-03-19T05:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-03-19T05:00:00.000Z');
    expect(clock.advance(3_600_000).toISOString()).toBe('2026-03-19T06:00:00.000Z');
    expect(clock.set(new Date('2027-01-01T00:00:00Z')).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
  });

  it('changing a Date it returned does not move the clock', () => {
    const clock = new FixedClock('2026-03-19T00:00:00Z');
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-03-19T00:00:00.000Z');
  });

  it('refuses an instant without a zone, an invalid instant and a non-finite step', () => {
    expect(() => new FixedClock('2026-03-19T09:00:00')).toThrow(RangeError);
    expect(() => new FixedClock('2026-03-19')).toThrow(RangeError);
    expect(() => new FixedClock(new Date('nonsense'))).toThrow(RangeError);
    expect(() => new FixedClock('2026-03-19T00:00:00Z').advance(Number.POSITIVE_INFINITY)).toThrow(
      RangeError,
    );
  });
});
