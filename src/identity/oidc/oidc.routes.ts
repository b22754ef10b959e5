import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ExchangeAdmin } from '../../exchange/exchange.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { Validation } from '../../platform/errors/platform.errors.ts';
import { requireOperator } from '../../platform/http/guards.ts';
import type { App } from '../../platform/http/http.ts';
import { acrAtLeast } from '../http-auth.ts';
import { OidcInteractionExpired } from './oidc.errors.ts';
import {
  InteractionParams,
  OidcClient,
  OidcClientParams,
  RegisteredOidcClient,
  RegisterOidcClientBody,
} from './oidc.schema.ts';
import { requestedAcr, type OidcService } from './oidc.service.ts';
import type { OidcClient as OidcClientRecord } from './oidc.store.ts';

export interface OidcRouteDeps {
  readonly oidc: OidcService;
  readonly exchange: ExchangeAdmin;
  readonly production: boolean;
  /** The configured listen address: the issuer's origin in development when no public URL is set. */
  readonly host: string;
  readonly port: number;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function clientView(client: OidcClientRecord): OidcClient {
  return {
    ...client,
    createdAt: client.createdAt.toISOString(),
    revokedAt: client.revokedAt?.toISOString() ?? null,
  };
}

/** https only in production; http to this machine is allowed for development. No fragments. */
function redirectUriProblems(uris: readonly string[], production: boolean): string[] {
  const problems: string[] = [];
  uris.forEach((uri, index) => {
    let url: URL | undefined;
    try {
      url = new URL(uri);
    } catch {
      url = undefined;
    }
    const ok =
      url !== undefined &&
      url.hash === '' &&
      (url.protocol === 'https:' ||
        (!production && url.protocol === 'http:' && LOOPBACK.has(url.hostname)));
    if (!ok) problems.push(`#/redirectUris/${index}`);
  });
  return problems;
}

/**
 * The single sign-on provider at /oidc (discovery also at the root), its login interaction, and
 * the operator's register of relying parties (issue 4 item 8).
 */
export async function registerOidcRoutes(app: App, deps: OidcRouteDeps): Promise<void> {
  const { oidc, production } = deps;

  function ownOrigin(request: FastifyRequest): string {
    const address = request.server.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : deps.port;
    const host =
      deps.host === '0.0.0.0' || deps.host === '::'
        ? 'localhost'
        : deps.host.includes(':')
          ? `[${deps.host}]`
          : deps.host;
    return `http://${host}:${port}`;
  }

  /**
   * Hands the raw request to oidc-provider (Koa): Fastify neither parses its body nor answers.
   * The provider sees its paths without the /oidc prefix (like a mounted app) and the issuer's
   * host and protocol, so every endpoint it publishes is under the issuer.
   */
  async function handOver(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const provider = await oidc.provider(ownOrigin(request));
    const issuer = new URL(provider.issuer);
    const raw = request.raw as IncomingMessage & { originalUrl?: string };
    const url = raw.url ?? '/';
    if (url.startsWith('/oidc/') || url === '/oidc' || url.startsWith('/oidc?')) {
      raw.originalUrl = url;
      raw.url = url.slice('/oidc'.length) || '/';
    } else {
      raw.originalUrl = `/oidc${url}`;
    }
    raw.headers['x-forwarded-host'] = issuer.host;
    raw.headers['x-forwarded-proto'] = issuer.protocol.slice(0, -1);
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value);
    }
    reply.hijack();
    await provider.callback()(raw, reply.raw);
  }

  await app.register(async (scope) => {
    // The provider reads its own request bodies (form posts to the token endpoint).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => {
      done(null, undefined);
    });
    const hidden = { schema: { hide: true } };
    scope.all('/oidc/*', hidden, handOver);
    // OpenID Connect Discovery 1.0 §4: <issuer>/.well-known/openid-configuration is served by
    // the wildcard above; the root address answers the same document, and so does RFC 8414's.
    scope.get('/.well-known/openid-configuration', hidden, handOver);
    scope.get('/.well-known/oauth-authorization-server/oidc', hidden, async (request, reply) => {
      request.raw.url = '/.well-known/openid-configuration';
      await handOver(request, reply);
    });

    scope.get(
      '/oidc/interaction/:uid',
      { schema: { hide: true, params: InteractionParams } },
      async (request, reply) => {
        const provider = await oidc.provider(ownOrigin(request));
        let details: Awaited<ReturnType<typeof provider.interactionDetails>>;
        try {
          details = await provider.interactionDetails(request.raw, reply.raw);
        } catch (error) {
          throw new AppError(OidcInteractionExpired, { cause: error });
        }
        if (details.uid !== (request.params as { uid: string }).uid)
          throw new AppError(OidcInteractionExpired);
        const needed = requestedAcr(details.params.acr_values);
        const session = request.session;
        if (session === undefined || (needed !== undefined && !acrAtLeast(session.acr, needed))) {
          const query = new URLSearchParams({ return: `/oidc/interaction/${details.uid}` });
          if (needed !== undefined && needed !== 'low') query.set('acr', needed);
          return reply.redirect(`/login?${query.toString()}`, 303);
        }
        reply.hijack();
        await oidc.finishInteraction(provider, request.raw, reply.raw, session);
        return undefined;
      },
    );
  });

  app.post(
    '/api/oidc/clients',
    {
      preHandler: requireOperator(),
      schema: {
        operationId: 'registerOidcClient',
        tags: ['identity'],
        summary:
          'Register a relying party of the single sign-on (operator); the secret is shown once',
        description:
          'The client authenticates with client_secret_basic, uses the authorization code flow with PKCE (S256), and may ask for scopes openid and profile, and fin only when allowFin is true.',
        body: RegisterOidcClientBody,
        response: { 201: RegisteredOidcClient },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const bad = redirectUriProblems(body.redirectUris, production);
      if (bad.length > 0) {
        throw new AppError(Validation, {
          errors: bad.map((pointer) => ({
            pointer,
            detail: production
              ? 'must be an https address without a fragment'
              : 'must be an https address (or http to localhost) without a fragment',
          })),
        });
      }
      await deps.exchange.getMember(body.member);
      const { client, clientSecret } = await oidc.registerClient(body, request.actor ?? 'operator');
      const provider = await oidc.provider(ownOrigin(request));
      return reply.code(201).send({ ...clientView(client), clientSecret, issuer: provider.issuer });
    },
  );

  app.get(
    '/api/oidc/clients',
    {
      preHandler: requireOperator(),
      schema: {
        operationId: 'listOidcClients',
        tags: ['identity'],
        summary: 'Relying parties of the single sign-on, newest first, revoked ones included',
        response: { 200: Type.Array(OidcClient) },
      },
    },
    async () => (await oidc.listClients()).map(clientView),
  );

  app.delete(
    '/api/oidc/clients/:clientId',
    {
      preHandler: requireOperator(),
      schema: {
        operationId: 'revokeOidcClient',
        tags: ['identity'],
        summary: 'Revoke a relying party: it can no longer log anyone in; its tokens stop working',
        params: OidcClientParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await oidc.revokeClient(request.params.clientId, request.actor ?? 'operator');
      return reply.code(204).send(null);
    },
  );
}
