import { createPublicKey, KeyObject, randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import { signJws, verifyJws, type JwsKey } from '../platform/crypto/jws.ts';
import type { RequestEnvelope, ResponseEnvelope } from './exchange.schema.ts';

/**
 * A small TypeScript client for members of the exchange (issue 3 item 5). An agency in any other
 * language does the same with any JOSE library: see docs/integrating-an-agency.md.
 */
export interface ExchangeIdentity {
  readonly member: string;
  readonly subsystem: string;
  /** The subsystem's ES256 private key (its certificate was issued by the platform CA). */
  readonly privateKey: JwsKey;
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
  /**
   * Set only by the in-process transport: the answer object the gateway signed, handed over in
   * memory. Nothing crossed a process boundary, so verifying the gateway's signature again in the
   * same process would prove nothing; answers that came over a network are always verified.
   */
  readonly envelope?: ResponseEnvelope;
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
  return signJws(
    { typ: 'ehis-request+jws', 'x5t#S256': identity.certificateThumbprint },
    JSON.stringify(envelope),
    identity.privateKey,
  );
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

/** Asynchronous calls (EHIS-004-4.4): submit with `Prefer: respond-async`, fetch the result. */
export interface AsyncTransport {
  submit(service: string, jws: string): Promise<RawAnswer>;
  /** GET the result; `authorization` is the `EHIS-JWS <jws>` header value. */
  fetch(callId: string, authorization: string): Promise<RawAnswer>;
}

export type AsyncResult =
  | { readonly id: string; readonly status: 'queued'; readonly attempts: number }
  | {
      readonly id: string;
      readonly status: 'delivered';
      readonly attempts: number;
      readonly body: unknown;
      readonly messageId: string;
    }
  | {
      readonly id: string;
      readonly status: 'failed' | 'dead';
      readonly attempts: number;
      readonly problem: Problem;
    };

/** `POST …/{service}` with `Prefer: respond-async`; `GET /exchange/v1/async/{id}`. */
export function httpAsyncTransport(
  baseUrl: string,
  options: { timeoutMs?: number } = {},
): AsyncTransport {
  const base = baseUrl.replace(/\/$/, '');
  const answer = async (response: Response): Promise<RawAnswer> => ({
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  });
  return {
    async submit(service, jws) {
      return answer(
        await fetch(`${base}/exchange/v1/${service}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/jose',
            accept: 'application/json, application/problem+json',
            prefer: 'respond-async',
          },
          body: jws,
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        }),
      );
    },
    async fetch(callId, authorization) {
      return answer(
        await fetch(`${base}/exchange/v1/async/${encodeURIComponent(callId)}`, {
          headers: { authorization, accept: 'application/json, application/problem+json' },
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        }),
      );
    },
  };
}

function problemOf(answer: RawAnswer): Problem {
  try {
    return JSON.parse(answer.text) as Problem;
  } catch {
    return { type: 'exchange/transport', title: answer.text.slice(0, 200), status: answer.status };
  }
}

export class ExchangeClient {
  readonly #identity: ExchangeIdentity;
  readonly #transport: Transport;
  readonly #asyncTransport: AsyncTransport | undefined;
  readonly #gatewayKey: KeyObject;
  readonly #now: () => Date;

  constructor(options: {
    identity: ExchangeIdentity;
    transport: Transport;
    /** Needed for callAsync and fetchAsync. */
    asyncTransport?: AsyncTransport;
    gatewayPublicJwk: JWK;
    /** The client's clock (the envelope's `iat`); the system clock by default. */
    now?: () => Date;
  }) {
    // Converted once: node:crypto signs with a KeyObject.
    this.#identity = {
      ...options.identity,
      privateKey:
        options.identity.privateKey instanceof KeyObject
          ? options.identity.privateKey
          : KeyObject.from(options.identity.privateKey),
    };
    this.#transport = options.transport;
    this.#asyncTransport = options.asyncTransport;
    this.#now = options.now ?? (() => new Date());
    this.#gatewayKey = createPublicKey({
      key: options.gatewayPublicJwk,
      format: 'jwk',
    });
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
    const envelope =
      answer.envelope ??
      (JSON.parse(
        (await verifyJws(answer.text, this.#gatewayKey)).payload.toString('utf8'),
      ) as ResponseEnvelope);
    if (envelope.service !== service) throw new Error('the gateway answered for another service');
    return { body: envelope.body, messageId: envelope.requestId };
  }

  /**
   * Asks for asynchronous delivery (EHIS-004-4.4): the gateway checks the call now (a refusal
   * throws ExchangeCallError at once), queues it and answers with its id, the envelope's own.
   */
  async callAsync(
    service: string,
    request: CallRequest,
  ): Promise<{ id: string; status: 'queued' }> {
    const transport = this.#requireAsync();
    const jws = await signRequest(this.#identity, service, request, this.#now());
    const answer = await transport.submit(service, jws);
    if (answer.status !== 202) throw new ExchangeCallError(problemOf(answer));
    const accepted = JSON.parse(answer.text) as { id: string; status: 'queued' };
    return { id: accepted.id, status: accepted.status };
  }

  /**
   * The state of an asynchronous call this subsystem made; once delivered, the provider's answer
   * after checking the gateway's signature over it.
   */
  async fetchAsync(callId: string): Promise<AsyncResult> {
    const transport = this.#requireAsync();
    const token = await signJws(
      { typ: 'ehis-fetch+jws', 'x5t#S256': this.#identity.certificateThumbprint },
      JSON.stringify({ callId, iat: Math.floor(this.#now().getTime() / 1000) }),
      this.#identity.privateKey,
    );
    const answer = await transport.fetch(callId, `EHIS-JWS ${token}`);
    if (answer.status !== 200) throw new ExchangeCallError(problemOf(answer));
    const view = JSON.parse(answer.text) as {
      id: string;
      status: AsyncResult['status'];
      attempts: number;
      answer?: string;
      problem?: Problem;
    };
    switch (view.status) {
      case 'queued':
        return { id: view.id, status: 'queued', attempts: view.attempts };
      case 'delivered': {
        const { payload } = await verifyJws(view.answer ?? '', this.#gatewayKey);
        const envelope = JSON.parse(payload.toString('utf8')) as ResponseEnvelope;
        if (envelope.requestId !== callId) throw new Error('the gateway answered another call');
        return {
          id: view.id,
          status: 'delivered',
          attempts: view.attempts,
          body: envelope.body,
          messageId: envelope.requestId,
        };
      }
      case 'failed':
      case 'dead':
        return {
          id: view.id,
          status: view.status,
          attempts: view.attempts,
          problem: view.problem ?? { type: 'exchange/transport', title: 'no problem', status: 500 },
        };
    }
  }

  #requireAsync(): AsyncTransport {
    if (this.#asyncTransport === undefined) {
      throw new Error('ExchangeClient: asynchronous calls need the asyncTransport option');
    }
    return this.#asyncTransport;
  }
}
