import { randomUUID } from 'node:crypto';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import FindMyWay, { type HTTPVersion } from 'find-my-way';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-error.ts';
import {
  Internal,
  MalformedJson,
  MethodNotAllowed,
  NotFound,
  PayloadTooLarge,
  UnsupportedMediaType,
  Validation,
} from '../errors/platform.errors.ts';
import { format, resolveLang, type Lang } from '../i18n/lang.ts';
import { fieldErrors } from './validation-messages.ts';
import { isAppPath, WEB_CSP } from './web-paths.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language of the answer: Accept-Language, Azerbaijani by default. */
    lang: Lang;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  Logger,
  TypeBoxTypeProvider
>;

export interface HttpOptions {
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
}

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Renders an AppError as RFC 9457 problem+json in the request's language. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
): FastifyReply {
  const lang = request.lang;
  const params = { ...error.params, correlationId: request.id };
  const body: Record<string, unknown> = {
    type: error.type,
    title: error.titleIn(lang),
    status: error.status,
    ...(error.definition.detail === undefined
      ? {}
      : { detail: format(error.definition.detail[lang], params) }),
    instance: request.url.split('?')[0],
    correlationId: request.id,
    ...error.extensions,
  };
  if (error.errors !== undefined) body.errors = error.errors;
  for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
  return reply
    .code(error.status)
    .header('content-language', lang)
    .type('application/problem+json; charset=utf-8')
    .serializer((payload: unknown) => JSON.stringify(payload))
    .send(body);
}

function toAppError(
  error: FastifyError,
  request: FastifyRequest,
  bodyLimit: number,
): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error.validation !== undefined) {
    return new AppError(Validation, {
      errors: fieldErrors(error.validation, error.validationContext ?? 'body', request.lang),
    });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(PayloadTooLarge, { params: { limit: bodyLimit } });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(UnsupportedMediaType);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(MalformedJson);
    default:
      break;
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return new AppError(MalformedJson);
  return undefined;
}

/**
 * The HTTP server every module registers on: request ids, languages, problem+json for every
 * error (404, 405, 400 with pointers, 413, 415, 500 with a correlation id and nothing internal).
 */
export function createHttp(options: HttpOptions): App {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: true,
      },
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.decorateRequest('lang', 'az');
  app.addHook('onRequest', async (request, reply) => {
    request.lang = resolveLang(request.headers['accept-language']);
    void reply.header('x-request-id', request.id);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('x-frame-options', 'DENY');
  });

  // Routes are mirrored into a second router so that an unknown method on a known path is a 405
  // with Allow, not a 404. Wildcard (static file) routes are left out: they match every path.
  const known = FindMyWay<HTTPVersion.V1>({ ignoreTrailingSlash: true });
  app.addHook('onRoute', (route) => {
    if (route.url.includes('*')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (METHODS.some((m) => m === method) && known.find(method as 'GET', route.url) === null) {
        known.on(method as 'GET', route.url, () => undefined);
      }
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error, request, options.bodyLimitBytes);
    if (appError !== undefined) {
      if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendProblem(request, reply, appError);
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      // A Fastify client error we have no catalogue entry for: keep its status, say nothing internal.
      request.log.warn({ err: error }, 'client error');
      return sendProblem(request, reply, new AppError(Validation, { cause: error }));
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(request, reply, new AppError(Internal, { cause: error }));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = METHODS.filter((method) => known.find(method, path) !== null);
    if (allowed.length > 0) {
      const allow = allowed.join(', ');
      return sendProblem(
        request,
        reply,
        new AppError(MethodNotAllowed, {
          params: { method: request.method, allow },
          headers: { allow },
        }),
      );
    }
    if (
      (request.method === 'GET' || request.method === 'HEAD') &&
      isAppPath(path) &&
      'sendFile' in reply
    ) {
      // A page of the web app: its own router shows it (or its own "not found").
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('content-security-policy', WEB_CSP)
        .sendFile('index.html');
    }
    return sendProblem(request, reply, new AppError(NotFound));
  });

  return app;
}
