import { describe, expect, it } from 'vitest';
import { addYears, ageOn, civilDate, dayNumber, isoDate, parseDay } from './dates.ts';

describe('day numbers', () => {
  it('round-trip every day from 1900 to 2100 through YYYY-MM-DD', () => {
    const start = dayNumber(1900, 1, 1);
    const end = dayNumber(2100, 12, 31);
    for (let day = start; day <= end; day++) {
      expect(parseDay(isoDate(day))).toBe(day);
    }
    expect(isoDate(0)).toBe('1970-01-01');
    expect(civilDate(dayNumber(2024, 2, 29))).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('refuses what is not a calendar day', () => {
    expect(() => parseDay('2025-02-29')).toThrow(RangeError);
    expect(() => parseDay('2025-2-1')).toThrow(RangeError);
  });

  it('counts birthdays as PostgreSQL does: 29 February falls on 28 February in common years', () => {
    const leapling = parseDay('2008-02-29');
    expect(isoDate(addYears(leapling, 18))).toBe('2026-02-28');
    expect(isoDate(addYears(leapling, 16))).toBe('2024-02-29');
    expect(ageOn(leapling, parseDay('2026-02-27'))).toBe(17);
    expect(ageOn(leapling, parseDay('2026-02-28'))).toBe(18);
    expect(ageOn(parseDay('2000-06-15'), parseDay('2026-06-14'))).toBe(25);
    expect(ageOn(parseDay('2000-06-15'), parseDay('2026-06-15'))).toBe(26);
  });
});
