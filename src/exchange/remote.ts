import { X509Certificate, type webcrypto } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance, type RawServerDefault } from 'fastify';
import { CompactSign, compactVerify, importJWK, type JWK } from 'jose';
import type { Logger } from 'pino';
import { AppError } from '../platform/errors/app-error.ts';
import type { SigningKey } from '../platform/crypto/signing-key.ts';
import {
  ProviderError,
  ProviderUnavailable,
  SubjectNotFound,
  InvalidRequest,
} from './exchange.errors.ts';
import type { ExchangeIdentity } from './client.ts';
import type { ProviderHandler, ProviderRequest, RemoteInvoker } from './gateway.ts';

type CryptoKey = webcrypto.CryptoKey;

/** What the gateway sends a remote provider: the checked request, signed by the gateway. */
interface ForwardEnvelope {
  readonly iat: number;
  readonly request: ProviderRequest;
}

/** What a remote provider answers, signed with its subsystem key. */
interface ProviderAnswer {
  readonly requestId: string;
  readonly iat: number;
  readonly body: unknown;
}

function decode(payload: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(payload)) as unknown;
}

/**
 * The gateway side of a provider hosted in another process: forwards the checked request, signed
 * by the gateway, and accepts only an answer signed by the provider subsystem's certificate key.
 */
export function createRemoteInvoker(options: {
  gatewayKey: SigningKey;
  now?: () => Date;
}): RemoteInvoker {
  const keys = new Map<string, CryptoKey>();
  const now = options.now ?? (() => new Date());
  return async (provider, request, signal) => {
    let key = keys.get(provider.certificatePem);
    if (key === undefined) {
      key = new X509Certificate(provider.certificatePem).publicKey.toCryptoKey(
        { name: 'ECDSA', namedCurve: 'P-256' },
        false,
        ['verify'],
      );
      keys.set(provider.certificatePem, key);
    }
    const envelope: ForwardEnvelope = { iat: Math.floor(now().getTime() / 1000), request };
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(envelope)))
      .setProtectedHeader({ alg: 'ES256', kid: options.gatewayKey.kid, typ: 'ehis-forward+jws' })
      .sign(options.gatewayKey.privateKey);
    const response = await fetch(
      `${provider.endpointUrl.replace(/\/$/, '')}/${request.service.service}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/jose' },
        body: jws,
        signal,
      },
    );
    const text = await response.text();
    if (response.status === 404) throw new AppError(SubjectNotFound);
    if (response.status === 503) throw new AppError(ProviderUnavailable);
    if (response.status >= 400 && response.status < 500) throw new AppError(InvalidRequest);
    if (response.status !== 200) throw new AppError(ProviderError);
    let answer: unknown;
    try {
      answer = decode((await compactVerify(text, key, { algorithms: ['ES256'] })).payload);
    } catch (error) {
      throw new AppError(ProviderError, { cause: error });
    }
    const typed = answer as Partial<ProviderAnswer>;
    if (typed.requestId !== request.messageId) throw new AppError(ProviderError);
    return typed.body;
  };
}

/**
 * The provider side, for an agency that hosts its services in its own process: verifies that a
 * request comes from the gateway, runs the handler, signs the answer with the subsystem key.
 */
export async function createProviderApp(options: {
  readonly identity: ExchangeIdentity;
  readonly gatewayPublicJwk: JWK;
  readonly handlers: Readonly<Record<string, ProviderHandler>>;
  readonly logger: Logger;
  readonly maxClockSkewSeconds?: number;
}): Promise<FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>> {
  const gatewayKey = (await importJWK(
    { ...options.gatewayPublicJwk, alg: 'ES256' },
    'ES256',
  )) as CryptoKey;
  const app = Fastify({ loggerInstance: options.logger });
  app.addContentTypeParser('application/jose', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  app.post<{ Params: { service: string }; Body: string }>('/:service', async (request, reply) => {
    const handler = options.handlers[request.params.service];
    if (handler === undefined) return reply.code(404).send({ type: 'provider/unknown-service' });
    let forward: ForwardEnvelope;
    try {
      forward = decode(
        (await compactVerify(request.body, gatewayKey, { algorithms: ['ES256'] })).payload,
      ) as ForwardEnvelope;
    } catch {
      return reply.code(401).send({ type: 'provider/bad-signature' });
    }
    if (Math.abs(Date.now() / 1000 - forward.iat) > (options.maxClockSkewSeconds ?? 300)) {
      return reply.code(401).send({ type: 'provider/stale' });
    }
    const controller = new AbortController();
    request.raw.on('close', () => controller.abort());
    try {
      const body = await handler(forward.request, controller.signal);
      const answer: ProviderAnswer = {
        requestId: forward.request.messageId,
        iat: Math.floor(Date.now() / 1000),
        body,
      };
      const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(answer)))
        .setProtectedHeader({
          alg: 'ES256',
          typ: 'ehis-answer+jws',
          'x5t#S256': options.identity.certificateThumbprint,
        })
        .sign(options.identity.privateKey);
      return reply.type('application/jose').send(jws);
    } catch (error) {
      if (error instanceof AppError) return reply.code(error.status).send({ type: error.type });
      request.log.error({ err: error }, 'provider handler failed');
      return reply.code(500).send({ type: 'provider/failed' });
    }
  });
  return app;
}
