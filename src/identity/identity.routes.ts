import { Type } from 'typebox';
import type { ExchangeAdmin } from '../exchange/exchange.service.ts';
import type { App } from '../platform/http/http.ts';
import { AppError } from '../platform/errors/app-error.ts';
import type { AuditLog } from '../platform/audit/audit.service.ts';
import { NotRepresented, SessionNotFound } from './identity.errors.ts';
import {
  ActForBody,
  ActingFor,
  CsrfToken,
  LoggedIn,
  LoginBody,
  Me,
  MyDataAccess,
  MyDataAccessQuery,
  RegisterBody,
  Registered,
  RepresentedPerson,
  SessionSummary,
} from './identity.schema.ts';
import {
  KNOWN_BROWSER_COOKIE,
  clearSessionCookie,
  requireSession,
  sessionOf,
  setKnownBrowserCookie,
  setSessionCookie,
} from './http-auth.ts';
import type { IdentityService } from './identity.service.ts';

export interface IdentityRouteDeps {
  readonly identity: IdentityService;
  readonly exchange: ExchangeAdmin;
  readonly audit: AuditLog;
  readonly production: boolean;
  /** Whether agencies are attached: without them registration and profiles cannot work. */
  readonly people: boolean;
  /** The roles a person holds as agency staff or operator (getMe's `roles`; staff module). */
  readonly roles?: (fin: string) => Promise<readonly MeRoleSource[]>;
}

interface MeRoleSource {
  readonly member: string;
  readonly module: string;
  readonly role: string;
}

/** Citizen sign-on, sessions, profile, representation and the data tracker (issue 4). */
export function registerIdentityRoutes(app: App, deps: IdentityRouteDeps): void {
  const { identity, production } = deps;

  app.get(
    '/api/auth/csrf',
    {
      schema: {
        operationId: 'getCsrfToken',
        tags: ['identity'],
        summary: 'The CSRF token of this browser (also set as the ehis_csrf cookie)',
        description:
          'Every POST, PUT, PATCH and DELETE under /api/ must carry the ehis_csrf cookie and the same value in the x-csrf-token header (double submit); otherwise 403 identity/csrf.',
        response: { 200: CsrfToken },
      },
    },
    async (request) => ({ token: request.csrfToken }),
  );

  app.post(
    '/api/auth/login',
    {
      schema: {
        operationId: 'login',
        tags: ['identity'],
        summary: 'Log in with username and password (acr low); sets the ehis_session cookie',
        description:
          'A wrong username and a wrong password get the same 401 (seed 000 §3.2.1). Repeated failures lock the account (not from a browser that logged in to it before) and the address for a growing time: 429 with Retry-After.',
        body: LoginBody,
        response: { 200: LoggedIn },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const result = await identity.loginWithPassword(username, password, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        knownBrowserToken: request.cookies[KNOWN_BROWSER_COOKIE],
      });
      setSessionCookie(request, reply, result.token, production);
      setKnownBrowserCookie(request, reply, result.knownBrowserToken, production);
      return {
        userId: result.session.accountId,
        acr: result.session.acr,
        expiresAt: result.session.absoluteExpiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        operationId: 'logout',
        tags: ['identity'],
        summary: 'End the current session and clear its cookie',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      if (request.session !== undefined) await identity.logout(request.session);
      clearSessionCookie(request, reply, production);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/sessions',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'listMySessions',
        tags: ['identity'],
        summary: 'My sessions: active ones and those ended in the last 30 days',
        response: { 200: Type.Array(SessionSummary) },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const list = await identity.sessions.list(session.accountId, session.id);
      return list.map((s) => ({
        ...s,
        amr: [...s.amr],
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        endedAt: s.endedAt?.toISOString() ?? null,
      }));
    },
  );

  app.delete(
    '/api/me/sessions/:session',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'endSession',
        tags: ['identity'],
        summary: 'End one of my sessions (for example on a lost phone)',
        params: Type.Object({ session: Type.String({ maxLength: 64 }) }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const ended = await identity.sessions.endByHandle(
        session.accountId,
        request.params.session,
        'ended-by-user',
      );
      if (!ended) throw new AppError(SessionNotFound);
      await deps.audit.append({
        actor: request.actor ?? `account:${session.accountId}`,
        action: 'identity.session-end',
        outcome: 'success',
      });
      return reply.code(204).send(null);
    },
  );

  if (!deps.people) return;

  app.post(
    '/api/auth/register',
    {
      schema: {
        operationId: 'registerCitizen',
        tags: ['identity'],
        summary: 'Register with the identity card number and FİN, choosing a username and password',
        description:
          'The card and FİN are checked with the population register through the exchange. A mismatch, an unknown, expired or lost card all get one answer (422 identity/id-card-not-verified) that does not say which field was wrong, and nothing is stored. One account per FİN (409 identity/account-exists); usernames are unique ignoring case (409 identity/username-taken).',
        body: RegisterBody,
        response: { 201: Registered },
      },
    },
    async (request, reply) => {
      const result = await identity.register(request.body, request.lang);
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/api/me',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'getMe',
        tags: ['identity'],
        summary:
          'Who I am: account, personal data from the population register, login level, acting for',
        response: { 200: Me },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const person = await identity.profile(session);
      const acting = session.actingFor;
      return {
        userId: session.accountId,
        kind: session.kind,
        username: session.username,
        fin: session.fin,
        firstName: person?.firstName ?? null,
        lastName: person?.lastName ?? null,
        patronymic: person?.patronymic ?? null,
        birthDate: person?.birthDate ?? null,
        acr: session.acr,
        amr: [...session.amr],
        ...(deps.roles === undefined || session.fin === null
          ? {}
          : {
              roles: (await deps.roles(session.fin)).map((r) => ({
                member: r.member,
                module: r.module,
                role: r.role,
              })),
            }),
        ...(acting === undefined
          ? {}
          : {
              actingFor: {
                fin: acting.fin,
                name: acting.name,
                relation: acting.relation as 'parent',
                until: acting.until,
              },
            }),
      };
    },
  );

  app.get(
    '/api/me/represented',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'listRepresentedPersons',
        tags: ['identity'],
        summary:
          'Persons I may act for: my minor children and my wards, as the civil registry says today',
        response: { 200: Type.Array(RepresentedPerson) },
      },
    },
    async (request) => identity.represented(sessionOf(request)),
  );

  app.post(
    '/api/me/acting-for',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'actFor',
        tags: ['identity'],
        summary: 'Act for a represented person (or, with null, for myself again)',
        description:
          'Only a person listRepresentedPersons lists today: anyone else is 403 identity/not-represented. Later actions record both the actor and the person. The right ends by itself on the 18th birthday or when the guardianship ends.',
        body: ActForBody,
        response: { 200: Type.Object({ actingFor: Type.Union([ActingFor, Type.Null()]) }) },
      },
    },
    async (request) => {
      const right = await identity.actFor(sessionOf(request), request.body.fin);
      return {
        actingFor:
          right === undefined
            ? null
            : {
                fin: right.fin,
                name: `${right.firstName} ${right.lastName}`,
                relation: right.relation,
                until: right.until,
              },
      };
    },
  );

  app.get(
    '/api/me/data-accesses',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'listMyDataAccesses',
        tags: ['identity'],
        summary: 'Who used my data: every exchange call about me or a person I represent',
        description:
          'Entries of the exchange message log whose subject is me, or (subject=FİN) a person I represent today; newest first. Filters: time range (default the last 365 days), agency (member code), service.',
        querystring: MyDataAccessQuery,
        response: { 200: Type.Array(MyDataAccess) },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const acting = await identity.checkActingFor(session);
      const own = session.fin;
      const query = request.query;
      let subjects: string[];
      if (query.subject !== undefined && query.subject !== own) {
        const represented = await identity.represented(session);
        if (!represented.some((p) => p.fin === query.subject)) throw new AppError(NotRepresented);
        subjects = [query.subject];
      } else if (query.subject === undefined && acting !== undefined) {
        subjects = [acting];
      } else {
        subjects = own === null ? [] : [own];
      }
      const limit = query.limit ?? 200;
      const range = {
        ...(query.from === undefined ? {} : { from: new Date(query.from) }),
        ...(query.to === undefined ? {} : { to: new Date(query.to) }),
        limit: 1000,
      };
      const rows = (
        await Promise.all(
          subjects.map(async (fin) =>
            (await deps.exchange.accessesForSubject(fin, range)).map((a) => ({ ...a, fin })),
          ),
        )
      ).flat();
      const result = rows
        .map((a) => {
          const [member = a.client, system = ''] = a.client.split('/');
          return {
            subjectFin: a.fin,
            at: a.at,
            member,
            agency: a.clientName,
            system,
            service: a.service,
            purpose: a.purpose,
            legalBasis: a.legalBasis,
            outcome: a.outcome,
          };
        })
        .filter(
          (a) =>
            (query.member === undefined || a.member === query.member) &&
            (query.service === undefined || a.service.includes(query.service)),
        )
        .sort((a, b) => b.at.localeCompare(a.at))
        .slice(0, limit);
      await deps.audit.append({
        actor: request.actor ?? `account:${session.accountId}`,
        ...(acting === undefined ? {} : { onBehalfOf: acting }),
        action: 'identity.data-accesses-read',
        ...(subjects.length === 1 ? { subjectFin: subjects[0] } : {}),
        outcome: 'success',
      });
      return result;
    },
  );
}
