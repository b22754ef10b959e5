import { randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../platform/http/http.ts';
import { AppError } from '../platform/errors/app-error.ts';
import { Unauthorized } from '../platform/errors/platform.errors.ts';
import { AssuranceTooLow, CsrfRejected, SessionExpired } from './identity.errors.ts';
import type { Acr } from './identity.store.ts';
import { SESSION_ABSOLUTE_MS, type Session, type SessionStore } from './sessions.ts';

export const SESSION_COOKIE = 'ehis_session';
export const CSRF_COOKIE = 'ehis_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const KNOWN_BROWSER_COOKIE = 'ehis_device';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session, if the request carried a live one. */
    session: Session | undefined;
    /** The request carried a session cookie whose session has ended (idle, absolute, logout). */
    sessionExpired: boolean;
    /** The CSRF token of this browser (cookie ehis_csrf), set on the first answer. */
    csrfToken: string;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

const ACR_RANK: Record<Acr, number> = { low: 1, substantial: 2, high: 3 };

export function acrAtLeast(acr: Acr, required: Acr): boolean {
  return ACR_RANK[acr] >= ACR_RANK[required];
}

/** Cookies are Secure except over plain HTTP to this machine (development, the demo, tests). */
export function cookieIsSecure(request: FastifyRequest, production: boolean): boolean {
  if (production || request.protocol === 'https') return true;
  return !LOCAL_HOSTS.has(request.hostname.replace(/:\d+$/, ''));
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  production: boolean,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieIsSecure(request, production),
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  production: boolean,
): void {
  void reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieIsSecure(request, production),
  });
}

export function setKnownBrowserCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  production: boolean,
): void {
  void reply.setCookie(KNOWN_BROWSER_COOKIE, token, {
    path: '/api/auth',
    httpOnly: true,
    sameSite: 'strict',
    secure: cookieIsSecure(request, production),
    maxAge: 365 * 24 * 60 * 60,
  });
}

/**
 * Cookies, CSRF and the session of every request (issue 4 item 3).
 * - CSRF by double submit: every browser gets a random `ehis_csrf` cookie (readable by the page);
 *   an unsafe method on `/api/` must echo it in `x-csrf-token`, else 403 identity/csrf. The
 *   exchange gateway (`/exchange/`) is exempt: its callers sign every request instead.
 * - Session: cookie `ehis_session` → `request.session`; an ended one clears the cookie.
 */
export async function registerSessionHooks(
  app: App,
  deps: { readonly sessions: SessionStore; readonly production: boolean },
): Promise<void> {
  await app.register(fastifyCookie);
  app.decorateRequest('session', undefined);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('csrfToken', '');
  app.addHook('onRequest', async (request, reply) => {
    // Unknown addresses and methods get their 404/405 from the not-found handler, not a 403.
    if (request.is404) return;
    const cookies = request.cookies;
    let csrf = cookies[CSRF_COOKIE];
    if (csrf === undefined || csrf.length < 16 || csrf.length > 100) {
      if (UNSAFE.has(request.method) && request.url.startsWith('/api/')) {
        throw new AppError(CsrfRejected);
      }
      csrf = randomBytes(24).toString('base64url');
      void reply.setCookie(CSRF_COOKIE, csrf, {
        path: '/',
        httpOnly: false,
        sameSite: 'strict',
        secure: cookieIsSecure(request, deps.production),
      });
    } else if (UNSAFE.has(request.method) && request.url.startsWith('/api/')) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameToken(header, csrf)) {
        throw new AppError(CsrfRejected);
      }
    }
    request.csrfToken = csrf;
    const token = cookies[SESSION_COOKIE];
    if (token === undefined || token === '' || token.length > 100) return;
    const resolved = await deps.sessions.resolve(token);
    if (resolved.kind === 'active') {
      request.session = resolved.session;
      const session = resolved.session;
      request.actor =
        session.fin === null ? `account:${session.accountId}` : `citizen:${session.fin}`;
    } else {
      request.sessionExpired = true;
      clearSessionCookie(request, reply, deps.production);
    }
  });
}

/** The signed-in session, or 401 (login required / session ended). */
export function sessionOf(request: FastifyRequest): Session {
  if (request.session === undefined) {
    throw new AppError(request.sessionExpired ? SessionExpired : Unauthorized);
  }
  return request.session;
}

/** preHandler: a signed-in user with at least `acr` (staff need `high`: seed 004 §7.1.1). */
export function requireSession(acr: Acr = 'low') {
  return async function requireSessionStep(request: FastifyRequest): Promise<void> {
    const session = sessionOf(request);
    if (!acrAtLeast(session.acr, acr)) throw new AppError(AssuranceTooLow);
  };
}
