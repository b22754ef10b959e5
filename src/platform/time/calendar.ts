import {
  addCalendarDays,
  fromDayNumber,
  isIsoDate,
  isoDateFromParts,
  toDayNumber,
  weekdayOf,
  yearOf,
  type IsoDate,
} from './baku-date.ts';
import {
  CalendarDataError,
  holidayDataShapeProblems,
  type HolidayData,
} from './calendar.schema.ts';
import holidayData from './holidays-az.json' with { type: 'json' };

/**
 * Azerbaijan's working-day calendar (ARCHITECTURE.md rule 7; REG-003-10.9), built from data
 * (OPS-004-6.1.14): Labour Code art. 105 holidays, the Cabinet's yearly Ramazan and Qurban days,
 * the carry-over rules of arts. 105.5 and 105.6, and the Cabinet's swaps of working and rest days
 * (art. 105.7). See README.md for the conventions.
 */

/** Why a day is off, beyond being a Saturday or Sunday. */
export type DayOffKind =
  /** A non-working holiday itself (including the 20 January day of mourning). */
  | 'holiday'
  /** Art. 105.5: a holiday fell on a rest day, so the next working day is off. */
  | 'moved-from-weekend'
  /** Art. 105.6: a Ramazan or Qurban day fell on another holiday, so the next working day is off. */
  | 'moved-from-overlap'
  /** Art. 105.7: the Cabinet made this working day a rest day in exchange for another. */
  | 'transfer'
  /** A day off set outside the Labour Code's list (e.g. an election day). */
  | 'other';

export interface DayOffReason {
  readonly kind: DayOffKind;
  readonly nameAz: string;
  readonly nameEn: string;
  /** For moved days: the holiday whose day off moved here. For transfers: the day made a working day. */
  readonly from?: IsoDate;
  /** Ids of the entries in the data's `sources` that support this reason. */
  readonly src: readonly string[];
}

export interface DayOff {
  readonly date: IsoDate;
  /** Several when holidays coincide (2026-03-21: Novruz and Ramazan). */
  readonly reasons: readonly DayOffReason[];
}

export interface NamedDay {
  readonly nameAz: string;
  readonly nameEn: string;
}

export interface DayStatus {
  readonly date: IsoDate;
  readonly isWorkingDay: boolean;
  readonly isWeekend: boolean;
  /** Empty for an ordinary working day or an ordinary weekend. */
  readonly reasons: readonly DayOffReason[];
  /** Holidays marked on this day that stay working days (e.g. 12 November, Constitution Day). */
  readonly observances: readonly NamedDay[];
  /** Set when a Cabinet swap made this rest day a working day; `from` is the day given off instead. */
  readonly madeWorkingDayBy?: { readonly from: IsoDate; readonly src: readonly string[] };
  /** The year's Ramazan and Qurban days are not in the data, so the answer may change. */
  readonly provisional: boolean;
}

/** A result that depends on years whose movable holidays are not in the data yet. */
export interface Provisional {
  readonly provisional: boolean;
  /** The incomplete years the computation crossed, ascending; empty when `provisional` is false. */
  readonly incompleteYears: readonly number[];
}

export interface WorkingDayResult extends Provisional {
  readonly date: IsoDate;
}

export interface WorkingDayCount extends Provisional {
  readonly workingDays: number;
}

export interface CalendarWarning {
  readonly year: number;
  readonly code: 'movable-days-unknown';
  readonly message: string;
}

export interface WorkingDayCalendar {
  /** Known gaps in the data, e.g. a year listed without its Ramazan and Qurban days. */
  readonly warnings: readonly CalendarWarning[];
  /** Years whose Ramazan and Qurban days are in the data, ascending. */
  readonly completeYears: readonly number[];
  /** True when the Cabinet's Ramazan and Qurban days for `year` are in the data. */
  isYearComplete(year: number): boolean;
  isWorkingDay(date: IsoDate): boolean;
  dayStatus(date: IsoDate): DayStatus;
  /** Days off in `year` other than ordinary weekends, in date order, with their reasons. */
  holidaysOf(year: number): readonly DayOff[];
  /**
   * The day on which a period of `workingDays` working days ends. Counting starts the day after
   * `date` (the day of the event is not counted), so 3 working days from Friday 2026-03-13 end on
   * Wednesday 2026-03-18, and `addWorkingDays(date, 0)` is `date` itself, working day or not.
   */
  addWorkingDays(date: IsoDate, workingDays: number): WorkingDayResult;
  /** `date` if it is a working day, otherwise the next working day. */
  firstWorkingDayOnOrAfter(date: IsoDate): WorkingDayResult;
  /**
   * Working days after `from` up to and including `to`, so that
   * `workingDaysBetween(d, addWorkingDays(d, n).date).workingDays === n`. Negative when `to` is
   * before `from`.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): WorkingDayCount;
  /** Calendar days, not working days; `days` may be negative. */
  addCalendarDays(date: IsoDate, days: number): IsoDate;
}

// Labour Code: a five-day week with Saturday and Sunday as the weekly rest days.
const SATURDAY = 6;
const SUNDAY = 0;
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
// The carry-over walk for a year starts this many days before 1 January, so a late-December
// holiday on a weekend still gives its day off in January. A carried-over day lands within days
// of its holiday, so two months is ample.
const CARRY_OVER_LOOKBACK_DAYS = 61;

const TRANSFER_NAME: NamedDay = {
  nameAz: 'İş və istirahət günlərinin yerdəyişməsi',
  nameEn: 'Working day swapped with a rest day (Cabinet decision)',
};

/** A holiday on one date, as the carry-over walk sees it. */
interface HolidayOccurrence extends NamedDay {
  /** Takes part in arts. 105.5 and 105.6; false for the day of mourning. */
  readonly carriesOver: boolean;
  /** A Ramazan or Qurban day, which triggers art. 105.6. */
  readonly religious: boolean;
  readonly src: readonly string[];
}

interface TransferEnd {
  readonly other: IsoDate;
  readonly src: readonly string[];
}

interface YearSchedule {
  /** Days off by day number: holidays and carried-over days, before Cabinet swaps. */
  readonly statutoryOff: ReadonlyMap<number, readonly DayOffReason[]>;
  /** Days whose final status differs from the weekday default or that carry reasons. */
  readonly days: ReadonlyMap<number, FinalDay>;
}

interface FinalDay {
  readonly isWorkingDay: boolean;
  readonly reasons: readonly DayOffReason[];
  readonly madeWorkingDayBy?: { readonly from: IsoDate; readonly src: readonly string[] };
}

/**
 * Builds a calendar from holiday data. Throws `CalendarDataError` listing every problem when the
 * data is malformed or inconsistent (an unknown source id, a movable day outside its year, a swap
 * that does not exchange a working day for a rest day).
 */
export function createCalendar(data: HolidayData): WorkingDayCalendar {
  const shapeProblems = holidayDataShapeProblems(data);
  if (shapeProblems.length > 0) throw new CalendarDataError(shapeProblems);

  const problems: string[] = [];
  checkSourceIds(data, problems);
  checkFixedDays(data, problems);

  const movableByDay = new Map<number, HolidayOccurrence[]>();
  const movableYears = new Set<number>();
  for (const [key, days] of Object.entries(data.movable)) {
    const year = parseYearKey(key, 'movable', problems);
    if (year === undefined) continue;
    const src = data.movableSources?.[key] ?? [];
    for (const day of days) {
      const date = checkDate(day.date, `movable.${key}`, problems);
      if (date === undefined) continue;
      if (yearOf(date) !== year) {
        problems.push(`movable.${key}: ${date} is not in ${year}`);
        continue;
      }
      pushTo(movableByDay, toDayNumber(date), {
        nameAz: day.nameAz,
        nameEn: day.nameEn,
        carriesOver: true,
        religious: true,
        src,
      });
    }
    if (days.length > 0) movableYears.add(year);
  }

  const swapRestDays = new Map<number, TransferEnd>();
  const swapWorkingDays = new Map<number, TransferEnd>();
  for (const [key, list] of Object.entries(data.transfers)) {
    if (parseYearKey(key, 'transfers', problems) === undefined) continue;
    for (const transfer of list) {
      const rest = checkDate(transfer.becomesRestDay, `transfers.${key}`, problems);
      const work = checkDate(transfer.becomesWorkingDay, `transfers.${key}`, problems);
      if (rest === undefined || work === undefined) continue;
      const restDay = toDayNumber(rest);
      const workDay = toDayNumber(work);
      const alreadySwapped = [restDay, workDay].some(
        (day) => swapRestDays.has(day) || swapWorkingDays.has(day),
      );
      if (restDay === workDay || alreadySwapped) {
        problems.push(`transfers.${key}: ${rest} and ${work} must be two days in no other swap`);
        continue;
      }
      swapRestDays.set(restDay, { other: work, src: transfer.src });
      swapWorkingDays.set(workDay, { other: rest, src: transfer.src });
    }
  }

  const otherByDay = new Map<number, DayOffReason[]>();
  for (const [key, list] of Object.entries(data.otherDaysOff ?? {})) {
    const year = parseYearKey(key, 'otherDaysOff', problems);
    if (year === undefined) continue;
    for (const day of list) {
      const date = checkDate(day.date, `otherDaysOff.${key}`, problems);
      if (date === undefined) continue;
      if (yearOf(date) !== year) {
        problems.push(`otherDaysOff.${key}: ${date} is not in ${year}`);
        continue;
      }
      if (swapWorkingDays.has(toDayNumber(date))) {
        problems.push(`otherDaysOff.${key}: ${date} is also made a working day by a transfer`);
        continue;
      }
      pushTo(otherByDay, toDayNumber(date), {
        kind: 'other',
        nameAz: day.nameAz,
        nameEn: day.nameEn,
        src: day.src,
      });
    }
  }

  const observancesByMonthDay = new Map<string, NamedDay[]>();
  for (const holiday of data.workingDayHolidays) {
    pushTo(observancesByMonthDay, monthDayKey(holiday.month, holiday.day), {
      nameAz: holiday.nameAz,
      nameEn: holiday.nameEn,
    });
  }

  if (problems.length > 0) throw new CalendarDataError(problems);

  /** Fixed holidays falling in `year`, by day number (Novruz spans 5 days). */
  function fixedOccurrences(year: number): Map<number, HolidayOccurrence[]> {
    const byDay = new Map<number, HolidayOccurrence[]>();
    for (const holiday of data.fixed) {
      const first = isoDateFromParts(year, holiday.month, holiday.day);
      // 29 February exists only in leap years; the holiday simply does not occur otherwise.
      if (first === undefined) continue;
      for (let offset = 0; offset < holiday.days; offset += 1) {
        pushTo(byDay, toDayNumber(first) + offset, {
          nameAz: holiday.nameAz,
          nameEn: holiday.nameEn,
          carriesOver: holiday.weekendTransfer,
          religious: false,
          src: holiday.src,
        });
      }
    }
    return byDay;
  }

  /**
   * Holidays and carried-over days for `year` under arts. 105.5 and 105.6, before Cabinet swaps.
   * Swaps are decided against this schedule (they exchange one of its working days for one of its
   * rest days), so they are applied afterwards and never move a carried-over day.
   */
  function statutoryDaysOff(year: number): Map<number, readonly DayOffReason[]> {
    const fixedBefore = fixedOccurrences(year - 1);
    const fixedThis = fixedOccurrences(year);
    const firstDay = dayNumberOfYearStart(year);
    const walkStart = firstDay - CARRY_OVER_LOOKBACK_DAYS;
    const lastDay = dayNumberOfYearStart(year + 1) - 1;
    // Days owed under 105.5 are given before those owed under 105.6, which is how the Ministry
    // presented 2026 (25-26 March for the weekend, 27 and 30 March for the overlap).
    const owedForWeekend: DayOffReason[] = [];
    const owedForOverlap: DayOffReason[] = [];
    const off = new Map<number, readonly DayOffReason[]>();

    for (let day = walkStart; day <= lastDay; day += 1) {
      const holidays = [
        ...(fixedBefore.get(day) ?? []),
        ...(fixedThis.get(day) ?? []),
        ...(movableByDay.get(day) ?? []),
      ];
      let reasons: readonly DayOffReason[] | undefined;
      if (holidays.length > 0) {
        const date = fromDayNumber(day);
        reasons = holidays.map((holiday) => ({
          kind: 'holiday',
          nameAz: holiday.nameAz,
          nameEn: holiday.nameEn,
          src: holiday.src,
        }));
        const carrying = holidays.find((holiday) => holiday.carriesOver);
        // One rest day moves once, however many holidays fall on it (art. 105.5).
        if (isWeekend(day) && carrying !== undefined) {
          owedForWeekend.push(movedReason('moved-from-weekend', carrying, date));
        }
        for (const holiday of holidays) {
          const overlapsAnother = holidays.some((other) => other !== holiday && other.carriesOver);
          if (holiday.religious && overlapsAnother) {
            owedForOverlap.push(movedReason('moved-from-overlap', holiday, date));
          }
        }
      } else if (!isWeekend(day)) {
        const owed = owedForWeekend.shift() ?? owedForOverlap.shift();
        if (owed !== undefined) reasons = [owed];
      }
      if (reasons !== undefined && day >= firstDay) off.set(day, reasons);
    }
    return off;
  }

  function buildYear(year: number): YearSchedule {
    const statutoryOff = statutoryDaysOff(year);
    const days = new Map<number, FinalDay>();
    for (const [day, reasons] of statutoryOff) {
      days.set(day, { isWorkingDay: false, reasons });
    }
    const firstDay = dayNumberOfYearStart(year);
    const lastDay = dayNumberOfYearStart(year + 1) - 1;
    for (const [day, end] of swapRestDays) {
      if (day < firstDay || day > lastDay) continue;
      days.set(day, {
        isWorkingDay: false,
        reasons: [{ kind: 'transfer', ...TRANSFER_NAME, from: end.other, src: end.src }],
      });
    }
    for (const [day, end] of swapWorkingDays) {
      if (day < firstDay || day > lastDay) continue;
      days.set(day, {
        isWorkingDay: true,
        reasons: [],
        madeWorkingDayBy: { from: end.other, src: end.src },
      });
    }
    for (const [day, reasons] of otherByDay) {
      if (day < firstDay || day > lastDay) continue;
      days.set(day, {
        isWorkingDay: false,
        reasons: [...(days.get(day)?.reasons ?? []), ...reasons],
      });
    }
    return { statutoryOff, days };
  }

  const schedules = new Map<number, YearSchedule>();
  function scheduleOf(year: number): YearSchedule {
    const cached = schedules.get(year);
    if (cached !== undefined) return cached;
    const built = buildYear(year);
    schedules.set(year, built);
    return built;
  }

  function isWorkingDayNumber(day: number): boolean {
    const year = yearOf(fromDayNumber(day));
    return scheduleOf(year).days.get(day)?.isWorkingDay ?? !isWeekend(day);
  }

  // A swap exchanges a day the rules leave working for one they leave off; anything else is a
  // mistake in the data (a wrong date or a missing holiday).
  for (const [day, end] of swapRestDays) {
    if (isStatutoryOff(day)) {
      problems.push(
        `transfers: ${fromDayNumber(day)} is already a day off, so it cannot become one`,
      );
    }
    if (!isStatutoryOff(toDayNumber(end.other))) {
      problems.push(`transfers: ${end.other} is already a working day, so it cannot become one`);
    }
  }
  if (problems.length > 0) throw new CalendarDataError(problems);

  function isStatutoryOff(day: number): boolean {
    return isWeekend(day) || scheduleOf(yearOf(fromDayNumber(day))).statutoryOff.has(day);
  }

  const completeYears = Object.freeze([...movableYears].sort((a, b) => a - b));
  const warnings = Object.freeze(buildWarnings(data, movableYears));

  function isYearComplete(year: number): boolean {
    return movableYears.has(year);
  }

  function provisionalOver(from: number, to: number): Provisional {
    const incompleteYears: number[] = [];
    for (let year = yearOf(fromDayNumber(from)); year <= yearOf(fromDayNumber(to)); year += 1) {
      if (!isYearComplete(year)) incompleteYears.push(year);
    }
    return { provisional: incompleteYears.length > 0, incompleteYears };
  }

  function countWorkingDaysAfter(from: number, to: number): number {
    let count = 0;
    for (let day = from + 1; day <= to; day += 1) {
      if (isWorkingDayNumber(day)) count += 1;
    }
    return count;
  }

  return Object.freeze({
    warnings,
    completeYears,
    isYearComplete,

    isWorkingDay(date: IsoDate): boolean {
      return isWorkingDayNumber(toDayNumber(date));
    },

    dayStatus(date: IsoDate): DayStatus {
      const day = toDayNumber(date);
      const final = scheduleOf(yearOf(date)).days.get(day);
      const status: DayStatus = {
        date,
        isWorkingDay: final?.isWorkingDay ?? !isWeekend(day),
        isWeekend: isWeekend(day),
        reasons: final?.reasons ?? [],
        observances: observancesByMonthDay.get(date.slice(5)) ?? [],
        provisional: !isYearComplete(yearOf(date)),
      };
      return final?.madeWorkingDayBy === undefined
        ? status
        : { ...status, madeWorkingDayBy: final.madeWorkingDayBy };
    },

    holidaysOf(year: number): readonly DayOff[] {
      checkYear(year);
      return [...scheduleOf(year).days]
        .filter(([, final]) => !final.isWorkingDay && final.reasons.length > 0)
        .sort(([a], [b]) => a - b)
        .map(([day, final]) => ({ date: fromDayNumber(day), reasons: final.reasons }));
    },

    addWorkingDays(date: IsoDate, workingDays: number): WorkingDayResult {
      if (!Number.isSafeInteger(workingDays) || workingDays < 0) {
        throw new RangeError(
          `addWorkingDays: the number of working days must be a whole number of 0 or more, got ${workingDays}`,
        );
      }
      const start = toDayNumber(date);
      let day = start;
      for (let remaining = workingDays; remaining > 0;) {
        day += 1;
        if (isWorkingDayNumber(day)) remaining -= 1;
      }
      return { date: fromDayNumber(day), ...provisionalOver(start, day) };
    },

    firstWorkingDayOnOrAfter(date: IsoDate): WorkingDayResult {
      const start = toDayNumber(date);
      let day = start;
      while (!isWorkingDayNumber(day)) day += 1;
      return { date: fromDayNumber(day), ...provisionalOver(start, day) };
    },

    workingDaysBetween(from: IsoDate, to: IsoDate): WorkingDayCount {
      const a = toDayNumber(from);
      const b = toDayNumber(to);
      const workingDays = a <= b ? countWorkingDaysAfter(a, b) : -countWorkingDaysAfter(b, a);
      return { workingDays, ...provisionalOver(Math.min(a, b), Math.max(a, b)) };
    },

    addCalendarDays,
  });
}

/** The platform's calendar, from the holiday data shipped with this module. */
export const calendar: WorkingDayCalendar = createCalendar(holidayData);

function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday === SATURDAY || weekday === SUNDAY;
}

function movedReason(
  kind: 'moved-from-weekend' | 'moved-from-overlap',
  holiday: HolidayOccurrence,
  from: IsoDate,
): DayOffReason {
  return { kind, nameAz: holiday.nameAz, nameEn: holiday.nameEn, from, src: holiday.src };
}

function buildWarnings(data: HolidayData, movableYears: ReadonlySet<number>): CalendarWarning[] {
  const listedYears = new Set<number>();
  for (const record of [data.movable, data.transfers, data.otherDaysOff ?? {}]) {
    for (const key of Object.keys(record)) listedYears.add(Number(key));
  }
  return [...listedYears]
    .filter((year) => !movableYears.has(year))
    .sort((a, b) => a - b)
    .map((year): CalendarWarning => {
      const note = data.movableNotes?.[String(year)];
      return {
        year,
        code: 'movable-days-unknown',
        message:
          `The Cabinet's Ramazan and Qurban days for ${year} are not in the holiday data; ` +
          `results for ${year} are provisional.${note === undefined ? '' : ` ${note}`}`,
      };
    });
}

function checkSourceIds(data: HolidayData, problems: string[]): void {
  const ids = new Set<string>();
  for (const source of data.sources) {
    if (ids.has(source.id)) problems.push(`sources: duplicate id ${source.id}`);
    ids.add(source.id);
  }
  const check = (where: string, src: readonly string[]): void => {
    for (const id of src) {
      if (!ids.has(id)) problems.push(`${where}: unknown source id ${id}`);
    }
  };
  data.fixed.forEach((holiday, index) => check(`fixed[${index}]`, holiday.src));
  data.workingDayHolidays.forEach((holiday, index) =>
    check(`workingDayHolidays[${index}]`, holiday.src),
  );
  for (const [key, src] of Object.entries(data.movableSources ?? {}))
    check(`movableSources.${key}`, src);
  for (const [key, list] of Object.entries(data.transfers)) {
    list.forEach((transfer, index) => check(`transfers.${key}[${index}]`, transfer.src));
  }
  for (const [key, list] of Object.entries(data.otherDaysOff ?? {})) {
    list.forEach((day, index) => check(`otherDaysOff.${key}[${index}]`, day.src));
  }
  (data.checks ?? []).forEach((reported, index) => check(`checks[${index}]`, reported.src));
}

function checkFixedDays(data: HolidayData, problems: string[]): void {
  for (const holiday of [...data.fixed, ...data.workingDayHolidays]) {
    // 2024 is a leap year, so 29 February passes here and is skipped in other years.
    if (isoDateFromParts(2024, holiday.month, holiday.day) === undefined) {
      problems.push(`${holiday.nameEn}: ${holiday.month}/${holiday.day} is not a day of the year`);
    }
  }
}

function parseYearKey(key: string, where: string, problems: string[]): number | undefined {
  const year = Number(key);
  if (!/^[0-9]{4}$/.test(key) || year < MIN_YEAR || year > MAX_YEAR) {
    problems.push(`${where}: ${key} is not a year`);
    return undefined;
  }
  return year;
}

function checkDate(value: string, where: string, problems: string[]): IsoDate | undefined {
  if (isIsoDate(value)) return value;
  problems.push(`${where}: ${value} is not a calendar date`);
  return undefined;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(
      `Year must be a whole number from ${MIN_YEAR} to ${MAX_YEAR}, got ${year}`,
    );
  }
}

function dayNumberOfYearStart(year: number): number {
  const first = isoDateFromParts(year, 1, 1);
  if (first === undefined) throw new RangeError(`Year out of the supported range: ${year}`);
  return toDayNumber(first);
}

function monthDayKey(month: number, day: number): string {
  return `${pad(month)}-${pad(day)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
