import { randomUUID, type webcrypto } from 'node:crypto';
import { CompactSign, compactVerify, importJWK, type JWK } from 'jose';
import type { RequestEnvelope, ResponseEnvelope } from './exchange.schema.ts';

type CryptoKey = webcrypto.CryptoKey;

/**
 * A small TypeScript client for members of the exchange (issue 3 item 5). An agency in any other
 * language does the same with any JOSE library: see docs/integrating-an-agency.md.
 */
export interface ExchangeIdentity {
  readonly member: string;
  readonly subsystem: string;
  /** The subsystem's ES256 private key (its certificate was issued by the platform CA). */
  readonly privateKey: CryptoKey;
  /** SHA-256 thumbprint of the subsystem certificate (base64url), sent as the JWS `x5t#S256`. */
  readonly certificateThumbprint: string;
}

export interface CallRequest {
  readonly purpose: string;
  readonly subjectFin?: string;
  /** The person acting in the client system, for the message log (e.g. `staff:4711`). */
  readonly actor?: string;
  readonly idempotencyKey?: string;
  readonly body: unknown;
}

export interface RawAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** Delivers a signed envelope to the gateway: over HTTP, or in the same process. */
export type Transport = (service: string, jws: string) => Promise<RawAnswer>;

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly { pointer?: string; parameter?: string; detail: string }[];
}

export class ExchangeCallError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(`${problem.status} ${problem.type}: ${problem.title}`);
    this.name = 'ExchangeCallError';
    this.problem = problem;
  }
}

export async function signRequest(
  identity: ExchangeIdentity,
  service: string,
  request: CallRequest,
  now: Date = new Date(),
): Promise<string> {
  const envelope: RequestEnvelope = {
    id: randomUUID(),
    iat: Math.floor(now.getTime() / 1000),
    client: `${identity.member}/${identity.subsystem}`,
    service,
    purpose: request.purpose,
    ...(request.subjectFin === undefined ? {} : { subjectFin: request.subjectFin }),
    ...(request.actor === undefined ? {} : { actor: request.actor }),
    ...(request.idempotencyKey === undefined ? {} : { idempotencyKey: request.idempotencyKey }),
    body: request.body,
  };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(envelope)))
    .setProtectedHeader({
      alg: 'ES256',
      typ: 'ehis-request+jws',
      'x5t#S256': identity.certificateThumbprint,
    })
    .sign(identity.privateKey);
}

/** POST /exchange/v1/{member}/{subsystem}/{service} with the compact JWS as the body. */
export function httpTransport(baseUrl: string, options: { timeoutMs?: number } = {}): Transport {
  return async (service, jws) => {
    const response = await fetch(`${baseUrl.replace(/\/$/, '')}/exchange/v1/${service}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/jose',
        accept: 'application/jose, application/problem+json',
      },
      body: jws,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  };
}

export class ExchangeClient {
  readonly #identity: ExchangeIdentity;
  readonly #transport: Transport;
  readonly #gatewayKey: Promise<CryptoKey>;
  readonly #now: () => Date;

  constructor(options: {
    identity: ExchangeIdentity;
    transport: Transport;
    gatewayPublicJwk: JWK;
    /** The client's clock (the envelope's `iat`); the system clock by default. */
    now?: () => Date;
  }) {
    this.#identity = options.identity;
    this.#transport = options.transport;
    this.#now = options.now ?? (() => new Date());
    this.#gatewayKey = importJWK(
      { ...options.gatewayPublicJwk, alg: 'ES256' },
      'ES256',
    ) as Promise<CryptoKey>;
  }

  /**
   * Calls `member/subsystem/service`; returns the provider's answer after checking the gateway's
   * signature over it. Refusals and failures throw ExchangeCallError with the problem document.
   */
  async call(service: string, request: CallRequest): Promise<{ body: unknown; messageId: string }> {
    const jws = await signRequest(this.#identity, service, request, this.#now());
    const answer = await this.#transport(service, jws);
    if (answer.status !== 200) {
      let problem: Problem;
      try {
        problem = JSON.parse(answer.text) as Problem;
      } catch {
        problem = {
          type: 'exchange/transport',
          title: answer.text.slice(0, 200),
          status: answer.status,
        };
      }
      throw new ExchangeCallError(problem);
    }
    const { payload } = await compactVerify(answer.text, await this.#gatewayKey, {
      algorithms: ['ES256'],
    });
    const envelope = JSON.parse(new TextDecoder().decode(payload)) as ResponseEnvelope;
    if (envelope.service !== service) throw new Error('the gateway answered for another service');
    return { body: envelope.body, messageId: envelope.requestId };
  }
}
