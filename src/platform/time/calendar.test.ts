import { describe, it, expect } from 'vitest';
import holidayData from './holidays-az.json' with { type: 'json' };
import {
  CalendarDataError,
  addCalendarDays,
  calendar,
  createCalendar,
  parseHolidayData,
  parseIsoDate,
  type DayOffKind,
  type HolidayData,
  type IsoDate,
  type WorkingDayCalendar,
} from './index.ts';

/** Every date from `first` to `last`, both included. */
function datesFrom(first: IsoDate, last: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let date = first; date <= last; date = addCalendarDays(date, 1)) dates.push(date);
  return dates;
}

function kindsOn(cal: WorkingDayCalendar, date: IsoDate): DayOffKind[] {
  return cal.dayStatus(date).reasons.map((reason) => reason.kind);
}

/** A copy of the shipped data that a test may change without touching the module's instance. */
function dataCopy(): HolidayData {
  return parseHolidayData(structuredClone(holidayData));
}

const TEST_SOURCE = { id: 'test-only', url: 'https://example.invalid/test', supports: 'test' };

describe('REG-003-10.9: the calendar reproduces every day off the press reported (2024–2026)', () => {
  const checks = holidayData.checks;

  it('the fixtures cover 2024, 2025 and 2026, each a complete year', () => {
    expect(checks.map((check) => check.year)).toEqual([2024, 2025, 2026]);
    for (const check of checks) expect(calendar.isYearComplete(check.year)).toBe(true);
  });

  describe.each(checks)('$year', (check) => {
    const ranges = check.offRanges.map(([first, last]) => {
      if (first === undefined || last === undefined) throw new Error('a range needs two dates');
      return [parseIsoDate(first), parseIsoDate(last)] as const;
    });

    it.each(ranges)('every day from %s to %s is a day off', (first, last) => {
      const working = datesFrom(first, last).filter((date) => calendar.isWorkingDay(date));
      expect(working).toEqual([]);
    });

    it.each(ranges)(
      'the break %s – %s is whole: the days either side are working days',
      (first, last) => {
        expect(calendar.isWorkingDay(addCalendarDays(first, -1))).toBe(true);
        expect(calendar.isWorkingDay(addCalendarDays(last, 1))).toBe(true);
      },
    );

    it('the single days reported off are days off', () => {
      for (const date of (check.offDays ?? []).map(parseIsoDate)) {
        expect(calendar.isWorkingDay(date), date).toBe(false);
      }
    });

    it('the days reported as working days are working days', () => {
      for (const date of (check.workingDays ?? []).map(parseIsoDate)) {
        expect(calendar.isWorkingDay(date), date).toBe(true);
      }
    });
  });
});

describe('Labour Code art. 105 rules', () => {
  it('105.5: a holiday on a Saturday gives the Monday off (Victory over Fascism Day 2026)', () => {
    expect(calendar.dayStatus('2026-05-09')).toMatchObject({
      isWorkingDay: false,
      isWeekend: true,
    });
    expect(calendar.dayStatus('2026-05-11').reasons).toEqual([
      {
        kind: 'moved-from-weekend',
        nameAz: 'Faşizm üzərində Qələbə Günü',
        nameEn: 'Victory over Fascism Day',
        from: '2026-05-09',
        src: ['lc105-az', 'lc105-en'],
      },
    ]);
    expect(calendar.isWorkingDay('2026-05-12')).toBe(true);
  });

  it('105.5: a weekend day inside a run of holidays moves to after the whole run (Novruz 2024)', () => {
    // 20–24 March 2024 ran Wednesday to Sunday; the Saturday and Sunday give 25 and 26 March.
    expect(calendar.dayStatus('2024-03-25').reasons[0]).toMatchObject({
      kind: 'moved-from-weekend',
      from: '2024-03-23',
    });
    expect(calendar.dayStatus('2024-03-26').reasons[0]).toMatchObject({
      kind: 'moved-from-weekend',
      from: '2024-03-24',
    });
  });

  it('105.5: two holidays on one weekend day still give one day off (2026-03-21, Novruz and Ramazan)', () => {
    const moved = calendar
      .holidaysOf(2026)
      .flatMap((day) => day.reasons)
      .filter((reason) => reason.kind === 'moved-from-weekend' && reason.from === '2026-03-21');
    expect(moved).toHaveLength(1);
  });

  it('the 20 January day of mourning is off but does not move (on a Sunday in 2030, on a Saturday in 2024)', () => {
    expect(calendar.dayStatus('2030-01-20')).toMatchObject({
      isWorkingDay: false,
      isWeekend: true,
      reasons: [{ kind: 'holiday', nameEn: 'Day of National Mourning' }],
    });
    expect(calendar.isWorkingDay('2030-01-21')).toBe(true);
    expect(calendar.isWorkingDay('2024-01-22')).toBe(true);
  });

  it('the day of mourning on a weekday is a day off', () => {
    expect(kindsOn(calendar, '2026-01-20')).toEqual(['holiday']);
    expect(calendar.isWorkingDay('2026-01-20')).toBe(false);
  });

  it('105.6: Qurban on Independence Day gives the next working day off (29 May 2026)', () => {
    expect(calendar.dayStatus('2026-05-28').reasons.map((reason) => reason.nameEn)).toEqual([
      'Independence Day',
      'Eid al-Adha (Qurban)',
    ]);
    expect(calendar.dayStatus('2026-05-29').reasons).toEqual([
      expect.objectContaining({
        kind: 'moved-from-overlap',
        nameEn: 'Eid al-Adha (Qurban)',
        from: '2026-05-28',
      }),
    ]);
  });

  it('105.5 and 105.6 together: Ramazan on Novruz gives 25, 26, 27 and 30 March 2026 off', () => {
    expect(kindsOn(calendar, '2026-03-25')).toEqual(['moved-from-weekend']);
    expect(kindsOn(calendar, '2026-03-26')).toEqual(['moved-from-weekend']);
    expect(kindsOn(calendar, '2026-03-27')).toEqual(['moved-from-overlap']);
    expect(kindsOn(calendar, '2026-03-30')).toEqual(['moved-from-overlap']);
    expect(calendar.isWorkingDay('2026-03-31')).toBe(true);
  });

  it('105.7: a Cabinet swap makes a Friday a rest day and a Saturday a working day (April 2024)', () => {
    expect(calendar.dayStatus('2024-04-12')).toMatchObject({
      isWorkingDay: false,
      reasons: [{ kind: 'transfer', from: '2024-04-06', src: ['y2024-ramazan'] }],
    });
    expect(calendar.dayStatus('2024-04-06')).toMatchObject({
      isWorkingDay: true,
      isWeekend: true,
      madeWorkingDayBy: { from: '2024-04-12', src: ['y2024-ramazan'] },
    });
  });

  it('105.7: a swap can cancel a carried-over day (10 March 2025 became a working day)', () => {
    expect(calendar.dayStatus('2025-03-10')).toMatchObject({ isWorkingDay: true, reasons: [] });
    expect(calendar.holidaysOf(2025).map((day) => day.date)).not.toContain('2025-03-10');
  });

  it('a swap listed under the next year applies to its own date (30 December 2024)', () => {
    expect(kindsOn(calendar, '2024-12-30')).toEqual(['transfer']);
    expect(calendar.holidaysOf(2024).map((day) => day.date)).toContain('2024-12-30');
  });

  it('holidays that stay working days are working days (12 November 2025, Constitution Day)', () => {
    expect(calendar.dayStatus('2025-11-12')).toMatchObject({
      isWorkingDay: true,
      reasons: [],
      observances: [{ nameAz: 'Konstitusiya Günü', nameEn: 'Constitution Day' }],
    });
    for (const date of ['2026-09-20', '2026-09-28', '2026-10-19', '2026-11-17'] as const) {
      if (!calendar.dayStatus(date).isWeekend) expect(calendar.isWorkingDay(date), date).toBe(true);
    }
  });

  it('holidaysOf lists each day off with names in both languages and why, in date order', () => {
    const days = calendar.holidaysOf(2026);
    const dates = days.map((day) => day.date);
    expect(dates).toEqual([...dates].sort());
    expect(days.every((day) => day.date.startsWith('2026-'))).toBe(true);
    expect(days.find((day) => day.date === '2026-03-20')?.reasons).toEqual([
      {
        kind: 'holiday',
        nameAz: 'Novruz bayramı',
        nameEn: 'Novruz',
        src: ['lc105-az', 'y2024-novruz', 'y2025-decision', 'y2026-decision'],
      },
      {
        kind: 'holiday',
        nameAz: 'Ramazan bayramı',
        nameEn: 'Eid al-Fitr (Ramazan)',
        src: ['y2026-decision'],
      },
    ]);
    expect(() => calendar.holidaysOf(2026.5)).toThrow(RangeError);
  });
});

describe('REG-003-10.4a, REG-003-10.8: deadlines in working days', () => {
  it('counting starts the day after: 3 working days from Friday 13 March 2026 end on Wednesday 18 March', () => {
    expect(calendar.addWorkingDays('2026-03-13', 3)).toEqual({
      date: '2026-03-18',
      provisional: false,
      incompleteYears: [],
    });
  });

  it('REG-003-10.8: 1 working day from a Friday is the Monday', () => {
    expect(calendar.addWorkingDays('2026-03-13', 1).date).toBe('2026-03-16');
  });

  it('REG-003-10.4a: 3 working days across Novruz 2026 skip the 20–30 March break', () => {
    expect(calendar.addWorkingDays('2026-03-19', 3).date).toBe('2026-04-02');
  });

  it('REG-003-10.4a: 3 working days across Novruz 2025 count the swapped working day 1 April', () => {
    expect(calendar.addWorkingDays('2025-03-19', 3).date).toBe('2025-04-03');
  });

  it('an application received on a day off starts counting on the next day all the same', () => {
    expect(calendar.addWorkingDays('2026-03-21', 1).date).toBe('2026-03-31');
  });

  it('0 working days is the date itself, even on a day off', () => {
    expect(calendar.addWorkingDays('2026-03-13', 0).date).toBe('2026-03-13');
    expect(calendar.addWorkingDays('2026-03-21', 0).date).toBe('2026-03-21');
  });

  it('a negative or fractional number of working days is refused with a clear error', () => {
    expect(() => calendar.addWorkingDays('2026-03-13', -1)).toThrow(
      new RangeError(
        'addWorkingDays: the number of working days must be a whole number of 0 or more, got -1',
      ),
    );
    expect(() => calendar.addWorkingDays('2026-03-13', 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-03-13', Number.NaN)).toThrow(RangeError);
  });

  it('a malformed date is refused', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-3-1', 1)).toThrow(RangeError);
  });

  it('workingDaysBetween counts the days after `from` up to `to`, the inverse of addWorkingDays', () => {
    for (const n of [0, 1, 3, 10, 30]) {
      const due = calendar.addWorkingDays('2026-03-17', n).date;
      expect(calendar.workingDaysBetween('2026-03-17', due).workingDays).toBe(n);
    }
    expect(calendar.workingDaysBetween('2026-03-19', '2026-03-31').workingDays).toBe(1);
    expect(calendar.workingDaysBetween('2026-03-31', '2026-03-19').workingDays).toBe(-1);
  });

  it('firstWorkingDayOnOrAfter keeps a working day and moves a day off to the next working day', () => {
    expect(calendar.firstWorkingDayOnOrAfter('2026-03-19').date).toBe('2026-03-19');
    expect(calendar.firstWorkingDayOnOrAfter('2026-03-20').date).toBe('2026-03-31');
  });
});

describe('POR-000-3.5.3: periods in calendar days', () => {
  it('15 and 30 calendar days count every day, days off included', () => {
    expect(calendar.addCalendarDays('2026-03-10', 15)).toBe('2026-03-25');
    expect(calendar.addCalendarDays('2026-03-10', 30)).toBe('2026-04-09');
  });

  it('a period ending on a day off can be moved to the next working day when the rule says so', () => {
    const end = calendar.addCalendarDays('2026-03-10', 15);
    expect(calendar.isWorkingDay(end)).toBe(false);
    expect(calendar.firstWorkingDayOnOrAfter(end).date).toBe('2026-03-31');
  });
});

describe('a year without the Cabinet’s Ramazan and Qurban days (2027)', () => {
  it('is flagged as incomplete, with a warning that carries the data’s note', () => {
    expect(calendar.isYearComplete(2027)).toBe(false);
    expect(calendar.isYearComplete(2031)).toBe(false);
    expect(calendar.completeYears).toEqual([2024, 2025, 2026]);
    expect(calendar.warnings.map(({ year, code }) => ({ year, code }))).toEqual([
      { year: 2027, code: 'movable-days-unknown' },
    ]);
    const message = calendar.warnings[0]?.message;
    expect(message).toContain('Ramazan and Qurban days for 2027 are not in the holiday data');
    expect(message).toContain('wait for the decision');
  });

  it('still applies the known rules, without inventing Ramazan or Qurban days', () => {
    const names = calendar
      .holidaysOf(2027)
      .flatMap((day) => day.reasons.map((reason) => reason.nameEn));
    expect(names).toContain('Novruz');
    expect(names.filter((name) => /Ramazan|Qurban/.test(name))).toEqual([]);
    // New Year 2027: 1 January is a Friday, 2 January a Saturday, so Monday 4 January is off.
    expect(kindsOn(calendar, '2027-01-04')).toEqual(['moved-from-weekend']);
    expect(calendar.dayStatus('2027-01-04').provisional).toBe(true);
  });

  it('marks a deadline that runs into it as provisional, and one that does not as final', () => {
    // 30 December; then 31 December to 4 January are off; then 5 and 6 January.
    expect(calendar.addWorkingDays('2026-12-29', 3)).toEqual({
      date: '2027-01-06',
      provisional: true,
      incompleteYears: [2027],
    });
    expect(calendar.addWorkingDays('2026-12-21', 3).provisional).toBe(false);
    expect(calendar.workingDaysBetween('2026-12-01', '2027-02-01')).toMatchObject({
      provisional: true,
      incompleteYears: [2027],
    });
    expect(calendar.dayStatus('2026-12-31').provisional).toBe(false);
  });
});

describe('OPS-004-6.1.14: the calendar is configuration, not code', () => {
  it('a new year’s Cabinet decision is added as data and completes the year', () => {
    const data = dataCopy();
    // Hypothetical dates for the test only; the real 2027 decision is not yet published.
    data.sources.push(TEST_SOURCE);
    data.movable['2027'] = [
      { date: '2027-03-10', nameAz: 'Ramazan bayramı', nameEn: 'Eid al-Fitr (Ramazan)' },
      { date: '2027-03-11', nameAz: 'Ramazan bayramı', nameEn: 'Eid al-Fitr (Ramazan)' },
    ];
    data.movableSources = { ...data.movableSources, '2027': ['test-only'] };
    const next = createCalendar(data);

    expect(next.isYearComplete(2027)).toBe(true);
    expect(next.warnings).toEqual([]);
    expect(next.isWorkingDay('2027-03-10')).toBe(false);
    expect(next.addWorkingDays('2026-12-29', 3).provisional).toBe(false);
    // The shipped calendar is unchanged.
    expect(calendar.isWorkingDay('2027-03-10')).toBe(true);
  });

  it('a transfer added as data swaps the two days', () => {
    const data = dataCopy();
    data.sources.push(TEST_SOURCE);
    data.transfers['2026'] = [
      { becomesRestDay: '2026-03-31', becomesWorkingDay: '2026-03-28', src: ['test-only'] },
    ];
    const next = createCalendar(data);
    expect(kindsOn(next, '2026-03-31')).toEqual(['transfer']);
    expect(next.isWorkingDay('2026-03-28')).toBe(true);
    expect(next.addWorkingDays('2026-03-19', 1).date).toBe('2026-03-28');
  });

  it('another day off (an election day) is off and does not carry over from a weekend', () => {
    const data = dataCopy();
    data.sources.push(TEST_SOURCE);
    data.otherDaysOff = {
      '2026': [
        { date: '2026-10-07', nameAz: 'Seçki günü', nameEn: 'Election day', src: ['test-only'] },
        { date: '2026-10-11', nameAz: 'Seçki günü', nameEn: 'Election day', src: ['test-only'] },
      ],
    };
    const next = createCalendar(data);
    expect(next.dayStatus('2026-10-07').reasons).toEqual([
      { kind: 'other', nameAz: 'Seçki günü', nameEn: 'Election day', src: ['test-only'] },
    ]);
    expect(next.isWorkingDay('2026-10-12')).toBe(true);
  });

  it('a Ramazan day on the day of mourning gives no extra day off (105.6 counts art. 105 holidays only)', () => {
    const data = dataCopy();
    data.sources.push(TEST_SOURCE);
    data.movable['2027'] = [
      { date: '2027-01-20', nameAz: 'Ramazan bayramı', nameEn: 'Eid al-Fitr (Ramazan)' },
    ];
    const next = createCalendar(data);
    // Wednesday 20 January; Thursday 21 stays a working day.
    expect(next.isWorkingDay('2027-01-21')).toBe(true);
  });

  it('parseHolidayData accepts the shipped data as JSON and refuses a malformed document', () => {
    expect(parseHolidayData(JSON.parse(JSON.stringify(holidayData)))).toEqual(holidayData);
    expect(() => parseHolidayData({ sources: [] })).toThrow(CalendarDataError);
  });

  describe('inconsistent data is refused with every problem listed', () => {
    function problemsOf(change: (data: HolidayData) => void): readonly string[] {
      const data = dataCopy();
      change(data);
      try {
        createCalendar(data);
      } catch (error) {
        if (error instanceof CalendarDataError) return error.problems;
        throw error;
      }
      throw new Error('createCalendar accepted the data');
    }

    it('a source id that no source has', () => {
      expect(
        problemsOf((data) => {
          data.transfers['2024']?.[0]?.src.push('nowhere');
        }),
      ).toEqual(['transfers.2024[0]: unknown source id nowhere']);
    });

    it('a movable day outside its year and a date that does not exist', () => {
      expect(
        problemsOf((data) => {
          data.movable['2027'] = [
            { date: '2028-01-01', nameAz: 'x', nameEn: 'x' },
            { date: '2027-02-30', nameAz: 'x', nameEn: 'x' },
          ];
        }),
      ).toEqual([
        'movable.2027: 2028-01-01 is not in 2027',
        'movable.2027: 2027-02-30 is not a calendar date',
      ]);
    });

    it('a swap whose rest day is already off or whose working day is already working', () => {
      expect(
        problemsOf((data) => {
          data.transfers['2026'] = [
            { becomesRestDay: '2026-03-21', becomesWorkingDay: '2026-03-18', src: ['lc105-az'] },
          ];
        }),
      ).toEqual([
        'transfers: 2026-03-21 is already a day off, so it cannot become one',
        'transfers: 2026-03-18 is already a working day, so it cannot become one',
      ]);
    });

    it('a fixed holiday on a day that no year has', () => {
      expect(
        problemsOf((data) => {
          data.fixed.push({
            month: 2,
            day: 30,
            days: 1,
            nameAz: 'x',
            nameEn: 'x',
            weekendTransfer: true,
            src: [],
          });
        }),
      ).toEqual(['x: 2/30 is not a day of the year']);
    });

    it('a wrong shape (a missing list, a bad month)', () => {
      const problems = problemsOf((data) => {
        const fixed = data.fixed[0];
        if (fixed !== undefined) fixed.month = 13;
      });
      expect(problems).toEqual([expect.stringContaining('/fixed/0/month')]);
    });
  });
});
