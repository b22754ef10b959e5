import Type, { type Static } from 'typebox';
import Value from 'typebox/value';

/**
 * The shape of the holiday data (`holidays-az.json`, copied from shared/data). The calendar is
 * built from this data rather than from code, so a new year's Cabinet decision is a data change
 * (OPS-004-6.1.14). Dates are plain strings here, as JSON gives them; `createCalendar` checks that
 * each is a real date, that every `src` names a source, and that transfers swap a working day with
 * a rest day.
 */

const DateString = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
// Object keys that name a year ("2026"); the calendar checks them again, as JSON Schema only
// applies a key pattern to keys that match it.
const YearKey = Type.String({ pattern: '^[0-9]{4}$' });
const SourceIds = Type.Array(Type.String({ minLength: 1 }));
const Name = Type.String({ minLength: 1 });

export const HolidaySource = Type.Object({
  id: Type.String({ minLength: 1 }),
  url: Type.String({ minLength: 1 }),
  supports: Type.String(),
});
export type HolidaySource = Static<typeof HolidaySource>;

/** A non-working holiday on the same date every year, lasting `days` days (Novruz: 5). */
export const FixedHoliday = Type.Object({
  month: Type.Integer({ minimum: 1, maximum: 12 }),
  day: Type.Integer({ minimum: 1, maximum: 31 }),
  days: Type.Integer({ minimum: 1, maximum: 31 }),
  nameAz: Name,
  nameEn: Name,
  /**
   * Whether the holiday takes part in the carry-over rules (art. 105.5 and 105.6). False only for
   * the 20 January day of mourning, which is not an art. 105 holiday.
   */
  weekendTransfer: Type.Boolean(),
  note: Type.Optional(Type.String()),
  src: SourceIds,
});
export type FixedHoliday = Static<typeof FixedHoliday>;

/** A holiday that stays a working day (e.g. 12 November, Constitution Day). */
export const WorkingDayHoliday = Type.Object({
  month: Type.Integer({ minimum: 1, maximum: 12 }),
  day: Type.Integer({ minimum: 1, maximum: 31 }),
  nameAz: Name,
  nameEn: Name,
  note: Type.Optional(Type.String()),
  src: SourceIds,
});
export type WorkingDayHoliday = Static<typeof WorkingDayHoliday>;

/** One Ramazan or Qurban day as set by the Cabinet for a year (art. 105.4). */
export const MovableHoliday = Type.Object({
  date: DateString,
  nameAz: Name,
  nameEn: Name,
});
export type MovableHoliday = Static<typeof MovableHoliday>;

/** A Cabinet swap (art. 105.7): a working day becomes a rest day and a rest day a working day. */
export const DayTransfer = Type.Object({
  becomesRestDay: DateString,
  becomesWorkingDay: DateString,
  note: Type.Optional(Type.String()),
  src: SourceIds,
});
export type DayTransfer = Static<typeof DayTransfer>;

/**
 * A day off set outside the Labour Code's list, e.g. an election day (Electoral Code art. 8.2).
 * It does not carry over when it falls on a rest day.
 */
export const OtherDayOff = Type.Object({
  date: DateString,
  nameAz: Name,
  nameEn: Name,
  note: Type.Optional(Type.String()),
  src: SourceIds,
});
export type OtherDayOff = Static<typeof OtherDayOff>;

/** Days off the press reported; test fixtures, not used to compute anything. */
export const ReportedDaysOff = Type.Object({
  year: Type.Integer(),
  /** Each range is `[first, last]`, both days off; JSON has no tuples, hence the item counts. */
  offRanges: Type.Array(Type.Array(DateString, { minItems: 2, maxItems: 2 })),
  offDays: Type.Optional(Type.Array(DateString)),
  workingDays: Type.Optional(Type.Array(DateString)),
  src: SourceIds,
});
export type ReportedDaysOff = Static<typeof ReportedDaysOff>;

export const HolidayData = Type.Object({
  title: Type.Optional(Type.String()),
  asOf: Type.Optional(Type.String()),
  sources: Type.Array(HolidaySource),
  fixed: Type.Array(FixedHoliday),
  workingDayHolidays: Type.Array(WorkingDayHoliday),
  /** Per year. An empty or missing year means the Cabinet's dates are not known yet. */
  movable: Type.Record(YearKey, Type.Array(MovableHoliday)),
  movableSources: Type.Optional(Type.Record(YearKey, SourceIds)),
  movableNotes: Type.Optional(Type.Record(YearKey, Type.String())),
  weekendRule: Type.Optional(Type.String()),
  otherRules: Type.Optional(Type.Array(Type.String())),
  /** Keyed by the year of the decision's holiday period; a swap may reach into the year before. */
  transfers: Type.Record(YearKey, Type.Array(DayTransfer)),
  transferNotes: Type.Optional(Type.Record(YearKey, Type.String())),
  otherDaysOff: Type.Optional(Type.Record(YearKey, Type.Array(OtherDayOff))),
  checks: Type.Optional(Type.Array(ReportedDaysOff)),
  checksNote: Type.Optional(Type.String()),
});
export type HolidayData = Static<typeof HolidayData>;

/** The holiday data is malformed or contradicts itself; `problems` lists every finding. */
export class CalendarDataError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid holiday data:\n- ${problems.join('\n- ')}`);
    this.name = 'CalendarDataError';
    this.problems = problems;
  }
}

/** Shape errors of `input` against `HolidayData`, as `path: message` lines. */
export function holidayDataShapeProblems(input: unknown): string[] {
  if (Value.Check(HolidayData, input)) return [];
  return Value.Errors(HolidayData, input).map(
    (error) => `${error.instancePath === '' ? '/' : error.instancePath}: ${error.message}`,
  );
}

/** Checks the shape of holiday data loaded at run time (e.g. `JSON.parse` of a file). */
export function parseHolidayData(input: unknown): HolidayData {
  if (Value.Check(HolidayData, input)) return input;
  throw new CalendarDataError(holidayDataShapeProblems(input));
}
