/**
 * Calendar arithmetic on day numbers (days since 1970-01-01), the generator's unit of time.
 * Millions of dates are made per run, so they stay integers until written out, and the
 * conversion to `YYYY-MM-DD` is cached per day.
 */

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function civilDate(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

const isoCache = new Map<number, string>();

/** `YYYY-MM-DD` of a day number (years 1000–9999). */
export function isoDate(days: number): string {
  const cached = isoCache.get(days);
  if (cached !== undefined) return cached;
  const { year, month, day } = civilDate(days);
  const text = `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
  isoCache.set(days, text);
  return text;
}

/** The day number of `YYYY-MM-DD`; throws on anything else. */
export function parseDay(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) throw new RangeError(`not a date in the form YYYY-MM-DD: ${iso}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const days = dayNumber(year, month, day);
  const back = civilDate(days);
  if (back.month !== month || back.day !== day) throw new RangeError(`no such day: ${iso}`);
  return days;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The same calendar day `years` later: the n-th birthday. 29 February falls back to 28 February
 * in common years, as PostgreSQL's `date + interval 'n years'` does, so the code and SQL agree.
 */
export function addYears(days: number, years: number): number {
  const { year, month, day } = civilDate(days);
  const target = year + years;
  const safeDay = month === 2 && day === 29 && !isLeap(target) ? 28 : day;
  return dayNumber(target, month, safeDay);
}

/** Completed years of age on `on` for a person born on `birth` (birthdays as in `addYears`). */
export function ageOn(birth: number, on: number): number {
  const age = civilDate(on).year - civilDate(birth).year;
  return addYears(birth, age) > on ? age - 1 : age;
}

/** Average days per Gregorian year: converts fractional ages into day offsets. */
export const DAYS_PER_YEAR = 365.2425;
