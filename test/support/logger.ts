import pino, { type Logger } from 'pino';

/** A logger that writes nothing: tests assert on responses, not log lines. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
