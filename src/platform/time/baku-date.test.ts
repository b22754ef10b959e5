import { describe, it, expect } from 'vitest';
import { addCalendarDays, isIsoDate, parseIsoDate, startOfBakuDay, toBakuDate } from './index.ts';

describe('Baku calendar dates', () => {
  it('a day in Baku begins at 20:00 UTC the day before', () => {
    expect(toBakuDate(new Date('2026-03-19T19:59:59.999Z'))).toBe('2026-03-19');
    expect(toBakuDate(new Date('2026-03-19T20:00:00.000Z'))).toBe('2026-03-20');
    expect(startOfBakuDay('2026-03-20').toISOString()).toBe('2026-03-19T20:00:00.000Z');
  });

  it('agrees with the time-zone database for Asia/Baku across a year (no summer time)', () => {
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Baku',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    for (let hour = 0; hour < 366 * 24; hour += 7) {
      const instant = new Date(Date.UTC(2025, 0, 1) + hour * 3_600_000);
      expect(toBakuDate(instant), instant.toISOString()).toBe(intl.format(instant));
    }
  });

  it('refuses an invalid Date', () => {
    expect(() => toBakuDate(new Date('not a date'))).toThrow(RangeError);
  });

  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-2-28')).toBe(false);
    expect(isIsoDate('2025-02-28T00:00:00Z')).toBe(false);
    expect(isIsoDate(20250228)).toBe(false);
    expect(parseIsoDate('2026-03-20')).toBe('2026-03-20');
    expect(() => parseIsoDate('2025-02-30')).toThrow(
      'Not a calendar date in the form YYYY-MM-DD (years 1000–9999): 2025-02-30',
    );
  });

  it('adds calendar days across month, leap-day and year ends, forwards and backwards', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(() => addCalendarDays('2026-01-01', 0.5)).toThrow(RangeError);
  });
});
