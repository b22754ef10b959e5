/**
 * Calendar dates as the law counts them: days in Azerbaijan (Asia/Baku), written `YYYY-MM-DD`.
 *
 * A deadline such as "3 working days" is a number of civil days, not of 24-hour periods, so dates
 * are kept apart from instants (`Date`). `toBakuDate` is the one bridge from an instant to a date.
 */

/**
 * An ISO calendar date, `YYYY-MM-DD`. The template type lets a literal such as `'2026-03-20'` be
 * passed directly while an arbitrary `string` must go through `parseIsoDate` or `isIsoDate`.
 */
export type IsoDate = `${number}-${number}-${number}`;

/**
 * Azerbaijan has kept UTC+4 all year since it abolished summer time in 2016. A fixed offset is
 * used rather than the host's time-zone database so results never depend on the machine; instants
 * from the summers of 1997–2015 (UTC+5) are therefore out of scope.
 */
export const BAKU_UTC_OFFSET_MINUTES = 240;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Four-digit years keep the string form fixed-width, so IsoDate strings sort chronologically.
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && dayNumberOrUndefined(value) !== undefined;
}

/** Returns `value` as an IsoDate, or throws a RangeError naming it (e.g. `2025-02-30`). */
export function parseIsoDate(value: string): IsoDate {
  if (!isIsoDate(value)) {
    throw new RangeError(
      `Not a calendar date in the form YYYY-MM-DD (years ${MIN_YEAR}–${MAX_YEAR}): ${value}`,
    );
  }
  return value;
}

/** The date `year`-`month`-`day`, or undefined when there is no such day (29 February 2025). */
export function isoDateFromParts(year: number, month: number, day: number): IsoDate | undefined {
  const candidate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(candidate) ? candidate : undefined;
}

/** The calendar date in Baku at `instant`. */
export function toBakuDate(instant: Date): IsoDate {
  const epochMs = instant.getTime();
  if (Number.isNaN(epochMs)) {
    throw new RangeError('toBakuDate: invalid Date');
  }
  return fromDayNumber(
    Math.floor((epochMs + BAKU_UTC_OFFSET_MINUTES * MS_PER_MINUTE) / MS_PER_DAY),
  );
}

/** The instant at which `date` begins in Baku (00:00 +04:00); the day ends where the next begins. */
export function startOfBakuDay(date: IsoDate): Date {
  return new Date(toDayNumber(date) * MS_PER_DAY - BAKU_UTC_OFFSET_MINUTES * MS_PER_MINUTE);
}

/** `date` plus `days` calendar days; `days` may be negative. */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days)) {
    throw new RangeError(`addCalendarDays: days must be an integer, got ${days}`);
  }
  return fromDayNumber(toDayNumber(date) + days);
}

export function yearOf(date: IsoDate): number {
  return toDayNumberOrThrow(date).year;
}

/** Days since 1970-01-01; internal arithmetic runs on these integers. */
export function toDayNumber(date: IsoDate): number {
  return toDayNumberOrThrow(date).dayNumber;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const iso = new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
  if (!isIsoDate(iso)) {
    throw new RangeError(`Date out of the supported range (years ${MIN_YEAR}–${MAX_YEAR})`);
  }
  return iso;
}

/** 0 = Sunday … 6 = Saturday, as `Date.prototype.getUTCDay`. */
export function weekdayOf(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function toDayNumberOrThrow(date: string): { dayNumber: number; year: number } {
  const dayNumber = dayNumberOrUndefined(date);
  if (dayNumber === undefined) {
    throw new RangeError(`Not a calendar date in the form YYYY-MM-DD: ${date}`);
  }
  return { dayNumber, year: Number(date.slice(0, 4)) };
}

function dayNumberOrUndefined(value: string): number | undefined {
  const match = ISO_DATE.exec(value);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
  const epochMs = Date.UTC(year, month - 1, day);
  const roundTrip = new Date(epochMs);
  // Date.UTC silently rolls 2025-02-30 over to 2 March; the round trip refuses it.
  if (
    roundTrip.getUTCFullYear() !== year ||
    roundTrip.getUTCMonth() !== month - 1 ||
    roundTrip.getUTCDate() !== day
  ) {
    return undefined;
  }
  return epochMs / MS_PER_DAY;
}
