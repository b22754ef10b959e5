import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { AppError } from '../../platform/errors/app-error.ts';
import type { App } from '../../platform/http/http.ts';
import { requireSession, sessionOf, setSessionCookie } from '../http-auth.ts';
import { LoggedIn } from '../identity.schema.ts';
import { PasskeyUnavailable } from './passkey.errors.ts';
import {
  FinishPasskeyLoginBody,
  FinishPasskeyRegistrationBody,
  Passkey,
  PasskeyLoginOptions,
  PasskeyParams,
  PasskeyRegistrationOptions,
} from './passkey.schema.ts';
import type { PasskeyService, RelyingParty } from './passkey.service.ts';
import type { Passkey as PasskeyRecord } from './passkey.store.ts';

export interface PasskeyRouteDeps {
  readonly passkeys: PasskeyService;
  readonly production: boolean;
  /** The configured public address (EHIS_PUBLIC_URL): passkeys are bound to its host. */
  readonly publicUrl: string | undefined;
}

function view(passkey: PasskeyRecord) {
  return {
    ...passkey,
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
  };
}

/** Passkey registration, login and management (issue 4 item 2). */
export function registerPasskeyRoutes(app: App, deps: PasskeyRouteDeps): void {
  const { passkeys, production } = deps;

  /**
   * The relying party: the configured public address, or (development) the address the browser
   * used. WebAuthn refuses IP addresses as relying party ids, so those get a clear answer.
   */
  function relyingParty(request: FastifyRequest): RelyingParty {
    if (deps.publicUrl !== undefined) {
      const url = new URL(deps.publicUrl);
      return { id: url.hostname, origin: url.origin };
    }
    const origin = `${request.protocol}://${request.host}`;
    const { hostname, port } = new URL(origin);
    if (isIP(hostname.replace(/^\[|\]$/g, '')) !== 0) {
      throw new AppError(PasskeyUnavailable, {
        params: { suggestion: `${request.protocol}://localhost${port === '' ? '' : `:${port}`}` },
      });
    }
    return { id: hostname, origin };
  }

  app.post(
    '/api/me/passkeys/options',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'startPasskeyRegistration',
        tags: ['identity'],
        summary: 'Start adding a passkey: options for navigator.credentials.create()',
        description:
          'The challenge is valid for 5 minutes and once. The passkey must be discoverable and verify the user (PIN, fingerprint, face).',
        response: { 200: PasskeyRegistrationOptions },
      },
    },
    async (request) => passkeys.registrationOptions(sessionOf(request), relyingParty(request)),
  );

  app.post(
    '/api/me/passkeys',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'finishPasskeyRegistration',
        tags: ['identity'],
        summary: 'Finish adding a passkey with the browser’s answer',
        body: FinishPasskeyRegistrationBody,
        response: { 201: Passkey },
      },
    },
    async (request, reply) => {
      const passkey = await passkeys.finishRegistration(
        sessionOf(request),
        relyingParty(request),
        request.body.credential as unknown as RegistrationResponseJSON,
        request.body.label,
      );
      return reply.code(201).send(view(passkey));
    },
  );

  app.get(
    '/api/me/passkeys',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'listMyPasskeys',
        tags: ['identity'],
        summary: 'My passkeys, newest first',
        response: { 200: Type.Array(Passkey) },
      },
    },
    async (request) => (await passkeys.list(sessionOf(request).accountId)).map(view),
  );

  app.delete(
    '/api/me/passkeys/:id',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'deleteMyPasskey',
        tags: ['identity'],
        summary: 'Remove one of my passkeys: it can no longer log in',
        params: PasskeyParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await passkeys.remove(sessionOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/passkey/options',
    {
      schema: {
        operationId: 'startPasskeyLogin',
        tags: ['identity'],
        summary: 'Start a passkey login: options for navigator.credentials.get()',
        description:
          'Discoverable credentials: no username is asked. The challenge is valid for 5 minutes and once.',
        response: { 200: PasskeyLoginOptions },
      },
    },
    async (request) => passkeys.loginOptions(relyingParty(request)),
  );

  app.post(
    '/api/auth/passkey',
    {
      schema: {
        operationId: 'finishPasskeyLogin',
        tags: ['identity'],
        summary: 'Log in with a passkey (acr substantial); sets the ehis_session cookie',
        description:
          'Every failure (unknown passkey, used or expired challenge, bad signature, cloned authenticator) gets the same 401 identity/passkey-not-accepted.',
        body: FinishPasskeyLoginBody,
        response: { 200: LoggedIn },
      },
    },
    async (request, reply) => {
      const { token, session } = await passkeys.finishLogin(
        relyingParty(request),
        request.body.credential as unknown as AuthenticationResponseJSON,
        { ip: request.ip, userAgent: request.headers['user-agent'] },
      );
      setSessionCookie(request, reply, token, production);
      return {
        userId: session.accountId,
        acr: session.acr,
        expiresAt: session.absoluteExpiresAt.toISOString(),
      };
    },
  );
}
