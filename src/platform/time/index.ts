// The platform's one clock and working-day calendar (ARCHITECTURE.md rule 7). Other modules import
// from here, never from the files behind it.
export { systemClock, FixedClock, createManualClock, type Clock } from './clock.ts';
export {
  BAKU_UTC_OFFSET_MINUTES,
  addCalendarDays,
  isIsoDate,
  parseIsoDate,
  startOfBakuDay,
  toBakuDate,
  type IsoDate,
} from './baku-date.ts';
export {
  calendar,
  createCalendar,
  type CalendarWarning,
  type DayOff,
  type DayOffKind,
  type DayOffReason,
  type DayStatus,
  type NamedDay,
  type Provisional,
  type WorkingDayCalendar,
  type WorkingDayCount,
  type WorkingDayResult,
} from './calendar.ts';
export { CalendarDataError, HolidayData, parseHolidayData } from './calendar.schema.ts';
