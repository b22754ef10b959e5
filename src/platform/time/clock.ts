/**
 * The platform's one source of "now" (ARCHITECTURE.md rule 7). Code that needs the time takes a
 * `Clock` instead of calling `new Date()`, so tests can pin and move time.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = Object.freeze({ now: () => new Date() });

/** A clock for tests: it stands still until it is set or advanced. */
export class FixedClock implements Clock {
  #epochMs: number;

  constructor(start: Date | string) {
    this.#epochMs = toEpochMs(start);
  }

  /** A fresh Date each call, so a caller that mutates it cannot move the clock. */
  now(): Date {
    return new Date(this.#epochMs);
  }

  set(instant: Date | string): Date {
    this.#epochMs = toEpochMs(instant);
    return this.now();
  }

  /** Moves the clock by `milliseconds` (may be negative) and returns the new time. */
  advance(milliseconds: number): Date {
    if (!Number.isFinite(milliseconds)) {
      throw new RangeError(`FixedClock.advance: expected a finite number, got ${milliseconds}`);
    }
    this.#epochMs += milliseconds;
    return this.now();
  }
}

export function createManualClock(start: Date | string): FixedClock {
  return new FixedClock(start);
}

// A string without a zone would be read in the host's local time, so tests would depend on the
// machine they run on; only instants with `Z` or an explicit offset are accepted.
const INSTANT_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})$/;

function toEpochMs(instant: Date | string): number {
  if (typeof instant === 'string' && !INSTANT_WITH_ZONE.test(instant)) {
    throw new RangeError(
      `FixedClock: expected an ISO instant with Z or an offset (e.g. 2026-03-20T09:00:00+04:00), got ${instant}`,
    );
  }
  const epochMs = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(epochMs)) {
    throw new RangeError(`FixedClock: not a valid instant: ${String(instant)}`);
  }
  return epochMs;
}
