import { Type } from 'typebox';
import type { App } from '../platform/http/http.ts';
import { requireOperator } from '../platform/http/guards.ts';
import {
  AccessGrant,
  CreateAccessGrantBody,
  ExchangeService,
  GrantParams,
  LegalAct,
  ListGrantsQuery,
  Member,
  MemberParams,
  Monitoring,
  MonitoringQuery,
  RegisterMemberBody,
  ReinstateMemberBody,
  RevokeAccessGrantBody,
  ServiceRef,
  SuspendMemberBody,
} from './exchange.schema.ts';
import type { ExchangeAdmin } from './exchange.service.ts';
import type { Gateway } from './gateway.ts';
import { AsyncCallAccepted, AsyncCallParams, AsyncCallView } from './async-call.schema.ts';
import { prefersAsync } from './async-call.service.ts';
import { BatchImported, ImportBatchBody } from './batch-import.schema.ts';
import { MAX_BATCH_BYTES } from './batch-import.service.ts';
import type { ExchangeExtensions } from './route-extensions.ts';

const Code = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 64 });
const ENVELOPE_LIMIT = 2 * 1024 * 1024;

export interface ExchangeRouteDeps {
  readonly admin: ExchangeAdmin;
  readonly gateway: Gateway;
  /** Asynchronous calls and signed batches; found through the gateway when not given. */
  readonly extensions: ExchangeExtensions;
}

export function registerExchangeRoutes(app: App, deps: ExchangeRouteDeps): void {
  const operator = requireOperator();
  const actor = (request: { actor: string | undefined }): string => request.actor ?? 'unknown';
  const tags = ['exchange'];
  const security = [{ operatorSession: [] }];
  const { extensions } = deps;

  app.get(
    '/api/exchange/members',
    {
      preHandler: operator,
      schema: {
        operationId: 'listMembers',
        tags,
        security,
        summary: 'Members of the exchange, their subsystems and history',
        response: { 200: Type.Array(Member) },
      },
    },
    async () => deps.admin.listMembers(),
  );

  app.post(
    '/api/exchange/members',
    {
      preHandler: operator,
      schema: {
        operationId: 'registerMember',
        tags,
        security,
        summary: 'Register a state body as a member',
        body: RegisterMemberBody,
        response: { 201: Member },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await deps.admin.registerMember(request.body, actor(request))),
  );

  app.post(
    '/api/exchange/members/:member/suspend',
    {
      preHandler: operator,
      schema: {
        operationId: 'suspendMember',
        tags,
        security,
        summary: 'Suspend a member (EHIS-001-5.3.1, 5.3.2): its calls are refused',
        params: MemberParams,
        body: SuspendMemberBody,
        response: { 200: Member },
      },
    },
    async (request) =>
      deps.admin.setMemberStatus(
        request.params.member,
        'suspended',
        request.body.reason,
        actor(request),
      ),
  );

  app.post(
    '/api/exchange/members/:member/reinstate',
    {
      preHandler: operator,
      schema: {
        operationId: 'reinstateMember',
        tags,
        security,
        summary: 'Reinstate a suspended member',
        params: MemberParams,
        body: ReinstateMemberBody,
        response: { 200: Member },
      },
    },
    async (request) =>
      deps.admin.setMemberStatus(
        request.params.member,
        'active',
        request.body.reason,
        actor(request),
      ),
  );

  app.post(
    '/api/exchange/members/:member/subsystems',
    {
      preHandler: operator,
      schema: {
        operationId: 'registerSubsystem',
        tags,
        security,
        summary: "Register a member's information system; the platform CA certifies its public key",
        params: MemberParams,
        body: Type.Object(
          {
            code: Code,
            name: Type.String({ minLength: 1, maxLength: 300 }),
            publicKeyJwk: Type.Object(
              {
                kty: Type.Literal('EC'),
                crv: Type.Literal('P-256'),
                x: Type.String({ maxLength: 100 }),
                y: Type.String({ maxLength: 100 }),
              },
              { additionalProperties: true },
            ),
            endpointUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ certificatePem: Type.String(), thumbprint: Type.String() }),
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await deps.admin.registerSubsystem(
            { member: request.params.member, ...request.body },
            actor(request),
          ),
        ),
  );

  app.get(
    '/api/exchange/services',
    {
      schema: {
        operationId: 'listExchangeServices',
        tags,
        summary: 'Services published on the exchange, with their contracts',
        response: { 200: Type.Array(ExchangeService) },
      },
    },
    async () => deps.admin.listServices(),
  );

  app.get(
    '/api/exchange/legal-acts',
    {
      schema: {
        operationId: 'listLegalActs',
        tags,
        summary: 'The catalogue of legal acts grants cite (EHIS-LEX)',
        response: { 200: Type.Array(LegalAct) },
      },
    },
    async () => deps.admin.listLegalActs(),
  );

  app.get(
    '/api/exchange/grants',
    {
      preHandler: operator,
      schema: {
        operationId: 'listAccessGrants',
        tags,
        security,
        summary: 'Access grants, filtered',
        querystring: ListGrantsQuery,
        response: { 200: Type.Array(AccessGrant) },
      },
    },
    async (request) => deps.admin.listAccessGrants(request.query),
  );

  app.post(
    '/api/exchange/grants',
    {
      preHandler: operator,
      schema: {
        operationId: 'createAccessGrant',
        tags,
        security,
        summary: 'Admit a client subsystem to a service on a recorded legal basis (EHIS-001-5.1)',
        body: CreateAccessGrantBody,
        response: { 201: AccessGrant },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await deps.admin.createAccessGrant(request.body, actor(request))),
  );

  app.post(
    '/api/exchange/grants/:grant/revoke',
    {
      preHandler: operator,
      schema: {
        operationId: 'revokeAccessGrant',
        tags,
        security,
        summary: 'Revoke an access grant; calls relying on it are refused from now on',
        params: GrantParams,
        body: RevokeAccessGrantBody,
        response: { 200: AccessGrant },
      },
    },
    async (request) =>
      deps.admin.revokeAccessGrant(request.params.grant, request.body.reason, actor(request)),
  );

  app.get(
    '/api/exchange/monitoring',
    {
      preHandler: operator,
      schema: {
        operationId: 'getExchangeMonitoring',
        tags,
        security,
        summary: 'Calls, errors and latency percentiles per service and client over a time window',
        querystring: MonitoringQuery,
        response: { 200: Monitoring },
      },
    },
    async (request) => deps.admin.monitoring(request.query.window ?? '1h', request.query.service),
  );

  app.get(
    '/exchange/v1/keys',
    {
      schema: {
        operationId: 'getExchangeGatewayKeys',
        tags,
        summary: "The gateway's public keys (JWKS): members verify signed answers with them",
        response: {
          200: Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) }),
        },
      },
    },
    async () => ({ keys: [deps.gateway.publicKey] }),
  );

  // Members post a compact JWS (application/jose) and get one back.
  app.addContentTypeParser(
    'application/jose',
    { parseAs: 'string', bodyLimit: ENVELOPE_LIMIT },
    (_request, body, done) => {
      done(null, body);
    },
  );

  app.post(
    '/exchange/v1/:member/:subsystem/:service',
    {
      bodyLimit: ENVELOPE_LIMIT,
      schema: {
        operationId: 'callExchangeService',
        tags,
        summary:
          "Call a service: body is the client subsystem's JWS-signed envelope (application/jose); the answer is the gateway's JWS",
        params: ServiceRef,
        consumes: ['application/jose'],
        body: Type.String({ minLength: 10, maxLength: ENVELOPE_LIMIT }),
        headers: Type.Object({
          prefer: Type.Optional(
            Type.String({
              description:
                'respond-async (RFC 7240): checked now, delivered from a queue, answered 202 (EHIS-004-4.4)',
            }),
          ),
        }),
        response: {
          200: Type.String({ description: "The gateway's signed answer (application/jose)" }),
          202: AsyncCallAccepted,
        },
      },
    },
    async (request, reply) => {
      if (prefersAsync(request.headers.prefer)) {
        const accepted = await extensions.asyncCalls.accept(
          request.params,
          request.body,
          request.lang,
        );
        return reply
          .code(202)
          .header('location', `/exchange/v1/async/${accepted.id}`)
          .header('preference-applied', 'respond-async')
          .send(accepted);
      }
      const result = await deps.gateway.call(request.params, request.body, request.lang);
      // A success is 200 (an idempotent replay repeats the first answer's status, also 200).
      return reply
        .code(result.status as 200)
        .type('application/jose')
        .send(result.jws);
    },
  );

  // ---- asynchronous calls and signed batches (EHIS-004-4.4, issue 3 item 8) ----
  const { asyncCalls, batches } = extensions;

  app.get(
    '/exchange/v1/async/:id',
    {
      schema: {
        operationId: 'getAsyncExchangeCall',
        tags,
        summary:
          'State and, once delivered, the signed answer of an asynchronous call; only for the client subsystem that made it (Authorization: EHIS-JWS <JWS of { callId, iat }>)',
        params: AsyncCallParams,
        headers: Type.Object({ authorization: Type.Optional(Type.String({ maxLength: 8192 })) }),
        response: { 200: AsyncCallView },
      },
    },
    async (request) =>
      asyncCalls.fetch(request.params.id, request.headers.authorization, request.lang),
  );

  app.post(
    '/exchange/v1/:member/:subsystem/:service/batch',
    {
      // JSON escaping can grow the content; its own 10 MiB limit is checked on the text itself.
      bodyLimit: 3 * MAX_BATCH_BYTES,
      schema: {
        operationId: 'importExchangeBatch',
        tags,
        summary:
          "Upload rows signed with a staff member's enhanced e-signature, for a body that cannot exchange in real time (EHIS-004-4.4): validated row by row against the service contract, imported all-or-nothing, once",
        params: ServiceRef,
        body: ImportBatchBody,
        response: { 201: BatchImported },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await batches.import(request.params, request.body, request.lang)),
  );
}
