import { currentLanguage } from './i18n/index.ts';

/**
 * Typed access to the EHİS HTTP API. Every body is checked at this boundary, so a component
 * never sees a shape it was not written for; failures become one of two error classes that the
 * UI knows how to explain in the user's language.
 */

export interface FieldProblem {
  readonly pointer?: string | undefined;
  readonly parameter?: string | undefined;
  readonly detail: string;
}

/** The server answered with an error (RFC 9457 problem+json when it can). */
export class ApiError extends Error {
  readonly status: number;
  /** Stable problem type, e.g. `exchange/no-legal-basis`; undefined when the body was not a problem. */
  readonly type: string | undefined;
  /** Already in the user's language: the request carried Accept-Language. */
  readonly title: string | undefined;
  readonly detail: string | undefined;
  /** Failing fields of a 400: `pointer` like `#/fin` (body) or `parameter` (query, path). */
  readonly errors: readonly FieldProblem[];

  constructor(
    status: number,
    problem: Partial<Record<'type' | 'title' | 'detail', string>> & {
      errors?: readonly FieldProblem[];
    },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

/** No usable answer: the network failed, or the body was not what the contract promises. */
export class TransportError extends Error {
  readonly kind: 'network' | 'unexpected';
  constructor(kind: 'network' | 'unexpected', options?: ErrorOptions) {
    super(kind === 'network' ? 'network error' : 'unexpected response', options);
    this.name = 'TransportError';
    this.kind = kind;
  }
}

export type RequestError = ApiError | TransportError;

/** A parser returns the typed value or undefined when the value does not fit. */
export type Parser<T> = (value: unknown) => T | undefined;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A parser for a JSON array whose every item `parse` accepts; one bad item rejects the whole. */
export function arrayOf<T>(parse: Parser<T>): Parser<T[]> {
  return (value) => {
    if (!Array.isArray(value)) return undefined;
    const items: T[] = [];
    for (const item of value) {
      const parsed = parse(item);
      if (parsed === undefined) return undefined;
      items.push(parsed);
    }
    return items;
  };
}

/** Narrows a string the server sent to one of the values the app has a translation for. */
export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return values.some((known) => known === value);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  const problems: FieldProblem[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item.detail !== 'string') continue;
    problems.push({
      pointer: optionalString(item.pointer),
      parameter: optionalString(item.parameter),
      detail: item.detail,
    });
  }
  return problems;
}

function problemOf(
  body: unknown,
): Partial<Record<'type' | 'title' | 'detail', string>> & { errors?: FieldProblem[] } {
  if (!isRecord(body)) return {};
  return {
    type: optionalString(body.type),
    title: optionalString(body.title),
    detail: optionalString(body.detail),
    errors: fieldProblems(body.errors),
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface RequestOptions {
  /** The whole header value, e.g. `Bearer <operator token>`; never put in a URL or a log. */
  readonly authorization?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface GetOptions extends RequestOptions {
  /**
   * Error statuses whose body is still the resource, e.g. /api/health answers 503 with a Health
   * body when the database is down; that is a result to show, not a failure to explain.
   */
  readonly acceptStatuses?: readonly number[] | undefined;
}

function readCsrfCookie(): string | undefined {
  const match = /(?:^|;\s*)ehis_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1];
}

/**
 * The CSRF token the server checks on every unsafe method (double submit: cookie `ehis_csrf`
 * echoed in `x-csrf-token`). The first GET of any API address sets the cookie; a browser that
 * has made none yet asks for it.
 */
export async function csrfToken(): Promise<string> {
  const known = readCsrfCookie();
  if (known !== undefined) return known;
  await fetch('/api/auth/csrf', { credentials: 'same-origin' });
  return readCsrfCookie() ?? '';
}

async function send<T>(
  path: string,
  init: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown },
  parse: Parser<T>,
  options: GetOptions,
): Promise<T> {
  const { acceptStatuses = [], authorization, signal } = options;
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLanguage(),
  };
  if (authorization !== undefined) headers.Authorization = authorization;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  let body: unknown;
  try {
    if (init.method !== 'GET') headers['x-csrf-token'] = await csrfToken();
    response = await fetch(path, {
      credentials: 'same-origin',
      method: init.method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal,
    });
    body = await readJson(response);
  } catch (cause) {
    // An abort is the caller's own decision, not a failure to report.
    if (signal?.aborted === true) throw cause;
    throw new TransportError('network', { cause });
  }
  if (!response.ok && !acceptStatuses.includes(response.status)) {
    throw new ApiError(response.status, problemOf(body));
  }
  const value = parse(body);
  if (value === undefined) throw new TransportError('unexpected');
  return value;
}

export function getJson<T>(path: string, parse: Parser<T>, options: GetOptions = {}): Promise<T> {
  return send(path, { method: 'GET' }, parse, options);
}

/** POSTs `body` as JSON; the answer is parsed like a GET's. */
export function postJson<T>(
  path: string,
  body: unknown,
  parse: Parser<T>,
  options: RequestOptions = {},
): Promise<T> {
  return send(path, { method: 'POST', body }, parse, options);
}

/** PUTs `body` as JSON; the answer is parsed like a GET's. */
export function putJson<T>(
  path: string,
  body: unknown,
  parse: Parser<T>,
  options: RequestOptions = {},
): Promise<T> {
  return send(path, { method: 'PUT', body }, parse, options);
}

/** DELETE; most answers are 204 with no body (parse `noContent`). */
export function deleteJson<T>(
  path: string,
  parse: Parser<T>,
  options: RequestOptions = {},
): Promise<T> {
  return send(path, { method: 'DELETE' }, parse, options);
}

/** Parser for an answer with no body (204). */
export const noContent: Parser<null> = (value) => (value === undefined ? null : undefined);

// ---- API shapes ---------------------------------------------------------------------------

export interface Health {
  status: string;
  db: string;
  version: string;
}

export const parseHealth: Parser<Health> = (value) => {
  if (!isRecord(value)) return undefined;
  const { status, db, version } = value;
  if (typeof status !== 'string' || typeof db !== 'string' || typeof version !== 'string') {
    return undefined;
  }
  return { status, db, version };
};

/** A fictitious person seeded in demo mode (operationId listDemoPersons). */
export interface DemoPerson {
  fin: string;
  /** null for a child under 15, who has no ID card yet. */
  idCardNumber: string | null;
  firstName: string;
  lastName: string;
  patronymic: string;
  birthDate: string;
  idCardStatus: string | null;
  tags: string[];
}

function parseDemoPerson(value: unknown): DemoPerson | undefined {
  if (!isRecord(value)) return undefined;
  const { fin, idCardNumber, firstName, lastName, patronymic, birthDate, idCardStatus, tags } =
    value;
  if (
    typeof fin !== 'string' ||
    (typeof idCardNumber !== 'string' && idCardNumber !== null) ||
    typeof firstName !== 'string' ||
    typeof lastName !== 'string' ||
    typeof birthDate !== 'string' ||
    (typeof idCardStatus !== 'string' && idCardStatus !== null) ||
    !Array.isArray(tags)
  ) {
    return undefined;
  }
  const tagList: string[] = [];
  for (const tag of tags) {
    if (typeof tag !== 'string') return undefined;
    tagList.push(tag);
  }
  return {
    fin,
    idCardNumber,
    firstName,
    lastName,
    // Not every person has a patronymic (foreigners, for instance).
    patronymic: typeof patronymic === 'string' ? patronymic : '',
    birthDate,
    idCardStatus,
    tags: tagList,
  };
}

export const parseDemoPersons: Parser<DemoPerson[]> = arrayOf(parseDemoPerson);
