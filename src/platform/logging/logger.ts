import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Personal identifiers never reach the logs in clear: FİN (7 digits/capital letters, with at
 * least one digit and one letter), ID card numbers (AZE + 8 digits) and anything under a
 * personal-data key are masked before a line is written.
 */
const ID_CARD = /\bAZE\d{8}\b/g;
const FIN = /\b(?=[0-9A-Z]{7}\b)(?=[A-Z]*\d)(?=\d*[A-Z])[0-9A-Z]{7}\b/g;

export function maskPersonalData(text: string): string {
  return text.replace(ID_CARD, 'AZE********').replace(FIN, '*******');
}

const PERSONAL_KEYS = [
  'fin',
  'idCardNumber',
  'firstName',
  'lastName',
  'patronymic',
  'fullName',
  'name',
  'birthDate',
  'address',
  'phone',
  'email',
  'password',
  'subjectFin',
];

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...PERSONAL_KEYS.flatMap((key) => [key, `*.${key}`]),
];

function maskDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  // Only plain data is rewritten; class instances (requests, errors) go to their serializers.
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskDeep(item, depth + 1);
  return out;
}

export function loggerOptions(level: LoggerOptions['level']): LoggerOptions {
  return {
    level,
    base: { service: 'ehis' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    formatters: {
      log: (object) => maskDeep(object, 0) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((arg) => (typeof arg === 'string' ? maskPersonalData(arg) : arg));
        method.apply(this, masked as Parameters<typeof method>);
      },
    },
    serializers: {
      err(error: Error) {
        const serialized = pino.stdSerializers.err(error);
        return maskDeep({ ...serialized }, 0) as Record<string, unknown>;
      },
      req(request: {
        id?: unknown;
        method?: string;
        url?: string;
        routeOptions?: { url?: string };
      }) {
        return {
          id: request.id,
          method: request.method,
          // The route pattern, not the raw URL, so identifiers in paths and queries stay out.
          route: request.routeOptions?.url,
          url: maskPersonalData((request.url ?? '').split('?')[0] ?? ''),
        };
      },
    },
  };
}

export function createLogger(
  level: LoggerOptions['level'],
  destination?: pino.DestinationStream,
): Logger {
  return destination === undefined
    ? pino(loggerOptions(level))
    : pino(loggerOptions(level), destination);
}
