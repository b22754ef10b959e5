import type { KeyObject } from 'node:crypto';
import { createHash, randomUUID, X509Certificate, type webcrypto } from 'node:crypto';
import { compactVerify } from 'jose';
import { JwsError, peekJwsHeader, signJws, verifyJws } from '../platform/crypto/jws.ts';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ValidateFunction, Ajv } from 'ajv';
import { Counter, Histogram, type Registry } from 'prom-client';
import { AppError } from '../platform/errors/app-error.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { SigningKey } from '../platform/crypto/signing-key.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import {
  BadSignature,
  CertificateRejected,
  IdempotencyConflict,
  InvalidRequest,
  InvalidResponse,
  MemberSuspended,
  NoLegalBasis,
  ProviderError,
  ProviderTimeout,
  ProviderUnavailable,
  UnknownClient,
  UnknownService,
} from './exchange.errors.ts';
import type { RequestEnvelope, ResponseEnvelope, ServiceRef } from './exchange.schema.ts';
import * as store from './exchange.store.ts';
import type { ExchangeTables, GrantRow, ServiceRow, SubsystemRow } from './exchange.store.ts';
import type { MessageLog } from './message-log.ts';
import { compileContract, contractErrors, createContractAjv } from './schema-validator.ts';

type CryptoKey = webcrypto.CryptoKey;

/** What a provider receives: the checked request, never the raw envelope. */
export interface ProviderRequest {
  readonly messageId: string;
  readonly client: string;
  readonly service: ServiceRef;
  readonly purpose: string;
  readonly subjectFin: string | undefined;
  readonly actor: string | undefined;
  readonly body: unknown;
}

export type ProviderHandler = (request: ProviderRequest, signal: AbortSignal) => Promise<unknown>;

/** Certificate checks come from the platform PKI; the gateway only needs this much of it. */
export type CertificateCheck =
  | { readonly ok: true; readonly member: string; readonly subsystem: string }
  | { readonly ok: false; readonly reason: string };

/** Chain, validity and revocation check of a member certificate (the PKI caches its work). */
export interface CertificateChecker {
  check(certificatePem: string, at: Date): Promise<CertificateCheck>;
}

/** Forwards a checked call to a provider hosted in another process (its subsystem endpoint_url). */
export type RemoteInvoker = (
  provider: { readonly endpointUrl: string; readonly certificatePem: string },
  request: ProviderRequest,
  signal: AbortSignal,
) => Promise<unknown>;

export interface GatewayOptions {
  readonly db: Kysely<ExchangeTables>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly messageLog: MessageLog;
  /** The gateway's own key: it signs every answer. */
  readonly signingKey: SigningKey;
  readonly certificates: CertificateChecker;
  readonly remote?: RemoteInvoker;
  readonly metrics?: Registry;
  /** How far a request's `iat` may be from now (replay window). */
  readonly maxClockSkewSeconds?: number;
}

export interface CallResult {
  readonly status: number;
  readonly messageId: string;
  /** The signed answer (compact JWS whose payload is `envelope`). */
  readonly jws: string;
  readonly envelope: ResponseEnvelope;
  readonly body: unknown;
}

interface ClientEntry {
  readonly subsystem: SubsystemRow;
  readonly publicKey: KeyObject;
}

interface ServiceEntry {
  readonly row: ServiceRow;
  /** The provider subsystem (its endpoint and certificate, for a provider in another process). */
  readonly provider: SubsystemRow | undefined;
  readonly validateRequest: ValidateFunction;
  readonly validateResponse: ValidateFunction;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function parseServiceId(id: string): ServiceRef | undefined {
  const [member, subsystem, service, extra] = id.split('/');
  if (
    member === undefined ||
    subsystem === undefined ||
    service === undefined ||
    extra !== undefined
  ) {
    return undefined;
  }
  return { member, subsystem, service };
}

function isEnvelope(value: unknown): value is RequestEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.iat === 'number' &&
    typeof v.client === 'string' &&
    typeof v.service === 'string' &&
    typeof v.purpose === 'string' &&
    (v.subjectFin === undefined ||
      (typeof v.subjectFin === 'string' && /^[0-9A-Z]{7}$/.test(v.subjectFin))) &&
    (v.actor === undefined || typeof v.actor === 'string') &&
    (v.idempotencyKey === undefined ||
      (typeof v.idempotencyKey === 'string' && v.idempotencyKey.length <= 200)) &&
    'body' in v
  );
}

/** What a call has established so far: the refusal log records whatever is known. */
interface CallContext {
  readonly started: number;
  readonly now: Date;
  readonly serviceName: string;
  clientName: string;
  envelope: RequestEnvelope | undefined;
  grant: GrantRow | undefined;
  serviceRow: ServiceRow | undefined;
  readonly payloadSegment: string;
  readonly signatureSegment: string | undefined;
}

/** A failure of the call, with what the message log records about it. */
class Refusal extends Error {
  readonly error: AppError;
  readonly outcome: 'refused' | 'failed';
  constructor(error: AppError, outcome: 'refused' | 'failed') {
    super(error.type);
    this.error = error;
    this.outcome = outcome;
  }
}

/**
 * The one code path of every exchange call (issue 3 item 5): authenticate the client subsystem by
 * the signature over its envelope, check its certificate, its member's status and the access
 * grant with its legal basis, validate the request against the service contract, invoke the
 * provider with a timeout, validate and sign the answer, log the call — refused calls too.
 */
export class Gateway {
  readonly #o: GatewayOptions;
  readonly #ajv: Ajv = createContractAjv();
  readonly #providers = new Map<string, ProviderHandler>();
  readonly #clients = new Map<string, ClientEntry>();
  readonly #services = new Map<string, ServiceEntry>();
  readonly #grants = new Map<string, GrantRow[]>();
  readonly #memberStatus = new Map<string, string>();
  readonly #recentIds = new Map<string, number>();
  readonly #calls: Counter | undefined;
  readonly #latency: Histogram | undefined;
  /** The gateway key as node:crypto wants it, converted once. */
  readonly #signer: KeyObject;

  constructor(options: GatewayOptions) {
    this.#o = options;
    this.#signer = options.signingKey.signer;
    if (options.metrics !== undefined) {
      this.#calls = new Counter({
        name: 'ehis_exchange_calls_total',
        help: 'Exchange calls by service, client and outcome',
        labelNames: ['service', 'client', 'outcome'],
        registers: [options.metrics],
      });
      this.#latency = new Histogram({
        name: 'ehis_exchange_call_duration_seconds',
        help: 'Time the gateway spent on a call, provider included',
        labelNames: ['service'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers: [options.metrics],
      });
    }
  }

  /** Attaches the in-process adapter of a provider subsystem's service. */
  provide(service: ServiceRef, handler: ProviderHandler): void {
    this.#providers.set(
      store.serviceId(service.member, service.subsystem, service.service),
      handler,
    );
  }

  /** Forgets cached members, subsystems, services and grants (after any change to them). */
  invalidate(): void {
    this.#clients.clear();
    this.#services.clear();
    this.#grants.clear();
    this.#memberStatus.clear();
  }

  get publicKey(): SigningKey['publicJwk'] {
    return this.#o.signingKey.publicJwk;
  }

  /**
   * One synchronous call. `accepted` marks an envelope the gateway already accepted for
   * asynchronous delivery: its time and replay checks were done then; everything else
   * (certificate, members, grant, contract) is checked again at delivery.
   */
  async call(
    target: ServiceRef,
    jws: string,
    lang: Lang = 'az',
    options: { accepted?: boolean } = {},
  ): Promise<CallResult> {
    const ctx = this.#context(target, jws);
    try {
      const checked = await this.#check(ctx, target, jws, lang, options.accepted === true);
      return await this.#complete(ctx, target, checked);
    } catch (caught) {
      throw await this.#refuse(ctx, caught);
    }
  }

  /**
   * Runs every check of a call without invoking the provider (asynchronous acceptance): a
   * refusal is logged and thrown now, not discovered at delivery.
   */
  async precheck(
    target: ServiceRef,
    jws: string,
    lang: Lang = 'az',
  ): Promise<{ envelope: RequestEnvelope; client: string }> {
    const ctx = this.#context(target, jws);
    try {
      const checked = await this.#check(ctx, target, jws, lang, false);
      return { envelope: checked.envelope, client: ctx.clientName };
    } catch (caught) {
      throw await this.#refuse(ctx, caught);
    }
  }

  // ---- for asynchronous calls and signed batches (EHIS-004-4.4) ----

  /**
   * Authenticates a compact JWS signed by a client subsystem's key that is not a call envelope
   * (the fetch of an asynchronous result): certificate by `x5t#S256`, chain and revocation,
   * signature. Returns the subsystem (`member/subsystem`) and the payload, unchecked.
   */
  async verifyClientJws(jws: string): Promise<{ client: string; payload: unknown }> {
    try {
      const entry = await this.#authenticate(jws, this.#o.clock.now());
      let payload: unknown;
      try {
        const verified = await verifyJws(jws, entry.publicKey);
        payload = JSON.parse(verified.payload.toString('utf8')) as unknown;
      } catch {
        throw new Refusal(new AppError(BadSignature), 'refused');
      }
      return { client: `${entry.subsystem.member_code}/${entry.subsystem.code}`, payload };
    } catch (caught) {
      throw caught instanceof Refusal ? caught.error : caught;
    }
  }

  /**
   * The admission checks of a call for data entered on behalf of a client subsystem rather than
   * sent by it (a signed batch): the subsystem and its certificate, both members active, a grant
   * in force for the purpose. Throws the AppError a call would get; logs nothing (the caller does).
   */
  async admit(
    target: ServiceRef,
    client: { readonly member: string; readonly subsystem: string },
    purpose: string,
  ): Promise<{ grant: GrantRow; service: ServiceRow }> {
    try {
      const subsystem = await store.findSubsystem(this.#o.db, client.member, client.subsystem);
      if (subsystem === undefined) throw new Refusal(new AppError(UnknownClient), 'refused');
      const check = await this.#o.certificates.check(
        subsystem.certificate_pem,
        this.#o.clock.now(),
      );
      if (!check.ok) {
        throw new Refusal(
          new AppError(CertificateRejected, { params: { reason: check.reason } }),
          'refused',
        );
      }
      const service = await this.#service(target);
      await this.#requireActive(client.member);
      await this.#requireActive(target.member);
      const clientName = `${client.member}/${client.subsystem}`;
      const serviceName = store.serviceId(target.member, target.subsystem, target.service);
      const grant = await this.#grant(
        subsystem,
        target,
        purpose,
        this.#o.clock.now(),
        serviceName,
        clientName,
      );
      return { grant, service: service.row };
    } catch (caught) {
      throw caught instanceof Refusal ? caught.error : caught;
    }
  }

  #context(target: ServiceRef, jws: string): CallContext {
    const [, payloadSegment = '', signatureSegment] = jws.split('.');
    return {
      started: performance.now(),
      now: this.#o.clock.now(),
      serviceName: store.serviceId(target.member, target.subsystem, target.service),
      clientName: 'unknown',
      envelope: undefined,
      grant: undefined,
      serviceRow: undefined,
      payloadSegment,
      signatureSegment,
    };
  }

  async #check(
    ctx: CallContext,
    target: ServiceRef,
    jws: string,
    lang: Lang,
    accepted: boolean,
  ): Promise<{ envelope: RequestEnvelope; service: ServiceEntry; grant: GrantRow }> {
    const client = await this.#authenticate(jws, ctx.now);
    ctx.clientName = `${client.subsystem.member_code}/${client.subsystem.code}`;
    const envelope = await this.#verifyEnvelope(jws, client, ctx.now, accepted);
    ctx.envelope = envelope;
    if (envelope.client !== ctx.clientName || envelope.service !== ctx.serviceName) {
      throw new Refusal(new AppError(BadSignature), 'refused');
    }
    const service = await this.#service(target);
    ctx.serviceRow = service.row;
    await this.#requireActive(client.subsystem.member_code);
    await this.#requireActive(target.member);
    const grant = await this.#grant(
      client.subsystem,
      target,
      envelope.purpose,
      ctx.now,
      ctx.serviceName,
      ctx.clientName,
    );
    ctx.grant = grant;
    if (!service.validateRequest(envelope.body)) {
      throw new Refusal(
        new AppError(InvalidRequest, {
          errors: contractErrors(service.validateRequest.errors, lang),
        }),
        'refused',
      );
    }
    return { envelope, service, grant };
  }

  async #complete(
    ctx: CallContext,
    target: ServiceRef,
    checked: { envelope: RequestEnvelope; service: ServiceEntry; grant: GrantRow },
  ): Promise<CallResult> {
    const { envelope, service, grant } = checked;
    const requestHash = sha256(ctx.payloadSegment);
    const answerContext = {
      started: ctx.started,
      now: ctx.now,
      clientName: ctx.clientName,
      grant,
      service: service.row,
      requestHash,
      signatureSegment: ctx.signatureSegment,
    };
    const fingerprint = sha256(
      JSON.stringify([
        ctx.serviceName,
        envelope.purpose,
        envelope.subjectFin ?? null,
        envelope.body,
      ]),
    );
    if (envelope.idempotencyKey !== undefined) {
      const previous = await store.findIdempotent(
        this.#o.db,
        ctx.clientName,
        envelope.idempotencyKey,
      );
      if (previous !== undefined) {
        if (previous.request_hash !== fingerprint)
          throw new Refusal(new AppError(IdempotencyConflict), 'refused');
        return this.#answer(
          envelope,
          ctx.serviceName,
          previous.status,
          previous.response,
          answerContext,
        );
      }
    }
    const body = await this.#invoke(service, target, envelope, ctx.clientName);
    if (!service.validateResponse(body)) {
      this.#o.logger.warn(
        { service: ctx.serviceName, errors: service.validateResponse.errors?.slice(0, 5) },
        'provider answer breaks its contract',
      );
      throw new Refusal(new AppError(InvalidResponse), 'failed');
    }
    if (envelope.idempotencyKey !== undefined) {
      await store.saveIdempotent(this.#o.db, {
        client: ctx.clientName,
        key: envelope.idempotencyKey,
        service: ctx.serviceName,
        request_hash: fingerprint,
        status: 200,
        response: body,
        created_at: ctx.now,
      });
    }
    return this.#answer(envelope, ctx.serviceName, 200, body, answerContext);
  }

  /** Logs a refused or failed call and returns the error to throw. */
  async #refuse(ctx: CallContext, caught: unknown): Promise<AppError> {
    const refusal =
      caught instanceof Refusal
        ? caught
        : caught instanceof AppError
          ? new Refusal(caught, caught.status >= 500 ? 'failed' : 'refused')
          : new Refusal(new AppError(ProviderError, { cause: caught }), 'failed');
    if (!(caught instanceof Refusal) && !(caught instanceof AppError)) {
      this.#o.logger.error({ err: caught, service: ctx.serviceName }, 'exchange call failed');
    }
    const latencyMs = performance.now() - ctx.started;
    const { envelope, grant } = ctx;
    await this.#o.messageLog.record({
      messageId: envelope?.id ?? randomUUID(),
      client: ctx.clientName,
      service: ctx.serviceName,
      actor: envelope?.actor,
      subjectFin: envelope?.subjectFin,
      purpose: envelope?.purpose,
      grantId: grant?.id,
      legalBasis: grant === undefined ? undefined : legalBasisText(grant),
      idempotencyKey: envelope?.idempotencyKey,
      requestHash: ctx.payloadSegment === '' ? undefined : sha256(ctx.payloadSegment),
      responseHash: undefined,
      requestSignature: ctx.signatureSegment,
      responseSignature: undefined,
      outcome: refusal.outcome,
      status: refusal.error.status,
      errorType: refusal.error.type,
      latencyMs,
      requestBody: ctx.serviceRow?.archive_bodies === true ? envelope?.body : undefined,
      responseBody: undefined,
    });
    this.#calls?.inc({
      service: ctx.serviceName,
      client: ctx.clientName,
      outcome: refusal.outcome,
    });
    this.#latency?.observe({ service: ctx.serviceName }, latencyMs / 1000);
    return refusal.error;
  }

  async #answer(
    envelope: RequestEnvelope,
    serviceName: string,
    status: number,
    body: unknown,
    ctx: {
      started: number;
      now: Date;
      clientName: string;
      grant: GrantRow;
      service: ServiceRow;
      requestHash: string;
      signatureSegment: string | undefined;
    },
  ): Promise<CallResult> {
    const response: ResponseEnvelope = {
      id: randomUUID(),
      requestId: envelope.id,
      iat: Math.floor(ctx.now.getTime() / 1000),
      service: serviceName,
      status,
      body,
    };
    const jws = await signJws(
      { kid: this.#o.signingKey.kid, typ: 'ehis-response+jws' },
      JSON.stringify(response),
      this.#signer,
    );
    const payload = jws.split('.')[1] ?? '';
    const latencyMs = performance.now() - ctx.started;
    await this.#o.messageLog.record({
      messageId: envelope.id,
      client: ctx.clientName,
      service: serviceName,
      actor: envelope.actor,
      subjectFin: envelope.subjectFin,
      purpose: envelope.purpose,
      grantId: ctx.grant.id,
      legalBasis: legalBasisText(ctx.grant),
      idempotencyKey: envelope.idempotencyKey,
      requestHash: ctx.requestHash,
      responseHash: sha256(payload),
      requestSignature: ctx.signatureSegment,
      responseSignature: jws.split('.')[2],
      outcome: 'success',
      status,
      errorType: undefined,
      latencyMs,
      requestBody: ctx.service.archive_bodies ? envelope.body : undefined,
      responseBody: ctx.service.archive_bodies ? body : undefined,
    });
    this.#calls?.inc({ service: serviceName, client: ctx.clientName, outcome: 'success' });
    this.#latency?.observe({ service: serviceName }, latencyMs / 1000);
    return { status, messageId: envelope.id, jws, body, envelope: response };
  }

  async #authenticate(jws: string, now: Date): Promise<ClientEntry> {
    let thumbprint: unknown;
    try {
      const header = peekJwsHeader(jws);
      if (header.alg !== 'ES256') throw new JwsError('alg');
      thumbprint = header['x5t#S256'];
    } catch {
      throw new Refusal(new AppError(BadSignature), 'refused');
    }
    if (typeof thumbprint !== 'string') throw new Refusal(new AppError(UnknownClient), 'refused');
    let entry = this.#clients.get(thumbprint);
    if (entry === undefined) {
      const subsystem = await store.findSubsystemByThumbprint(this.#o.db, thumbprint);
      if (subsystem === undefined) throw new Refusal(new AppError(UnknownClient), 'refused');
      const certificate = new X509Certificate(subsystem.certificate_pem);
      entry = {
        subsystem,
        publicKey: certificate.publicKey,
      };
      this.#clients.set(thumbprint, entry);
    }
    // Chain, validity period and revocation on every call: the PKI keeps this cheap.
    const check = await this.#o.certificates.check(entry.subsystem.certificate_pem, now);
    if (!check.ok) {
      throw new Refusal(
        new AppError(CertificateRejected, { params: { reason: check.reason } }),
        'refused',
      );
    }
    if (check.member !== entry.subsystem.member_code || check.subsystem !== entry.subsystem.code) {
      throw new Refusal(new AppError(UnknownClient), 'refused');
    }
    return entry;
  }

  async #verifyEnvelope(
    jws: string,
    client: ClientEntry,
    now: Date,
    accepted: boolean,
  ): Promise<RequestEnvelope> {
    let payload: unknown;
    try {
      const verified = await verifyJws(jws, client.publicKey);
      payload = JSON.parse(verified.payload.toString('utf8')) as unknown;
    } catch {
      throw new Refusal(new AppError(BadSignature), 'refused');
    }
    if (!isEnvelope(payload)) throw new Refusal(new AppError(BadSignature), 'refused');
    if (accepted) return payload;
    const skew = this.#o.maxClockSkewSeconds ?? 300;
    const nowSeconds = now.getTime() / 1000;
    if (Math.abs(nowSeconds - payload.iat) > skew)
      throw new Refusal(new AppError(BadSignature), 'refused');
    // A replayed envelope (same id inside the window) is refused; a deliberate retry carries an
    // idempotency key and a new id.
    this.#forgetOldIds(nowSeconds, skew);
    const replayKey = `${payload.client}|${payload.id}`;
    if (this.#recentIds.has(replayKey)) throw new Refusal(new AppError(BadSignature), 'refused');
    this.#recentIds.set(replayKey, payload.iat);
    return payload;
  }

  #forgetOldIds(nowSeconds: number, skew: number): void {
    if (this.#recentIds.size < 50_000) return;
    for (const [key, iat] of this.#recentIds) {
      if (nowSeconds - iat > skew) this.#recentIds.delete(key);
    }
  }

  async #service(target: ServiceRef): Promise<ServiceEntry> {
    const id = store.serviceId(target.member, target.subsystem, target.service);
    let entry = this.#services.get(id);
    if (entry === undefined) {
      const row = await store.findService(
        this.#o.db,
        target.member,
        target.subsystem,
        target.service,
      );
      if (row === undefined) throw new Refusal(new AppError(UnknownService), 'refused');
      entry = {
        row,
        provider: await store.findSubsystem(this.#o.db, target.member, target.subsystem),
        validateRequest: compileContract(this.#ajv, row.request_schema),
        validateResponse: compileContract(this.#ajv, row.response_schema),
      };
      this.#services.set(id, entry);
    }
    return entry;
  }

  async #requireActive(member: string): Promise<void> {
    let status = this.#memberStatus.get(member);
    if (status === undefined) {
      status = (await store.findMemberStatus(this.#o.db, member)) ?? 'unknown';
      this.#memberStatus.set(member, status);
    }
    if (status !== 'active') {
      throw new Refusal(new AppError(MemberSuspended, { params: { member } }), 'refused');
    }
  }

  async #grant(
    client: SubsystemRow,
    target: ServiceRef,
    purpose: string,
    now: Date,
    serviceName: string,
    clientName: string,
  ): Promise<GrantRow> {
    const key = `${clientName}|${serviceName}`;
    let grants = this.#grants.get(key);
    if (grants === undefined) {
      grants = await store.grantsFor(
        this.#o.db,
        { member: client.member_code, subsystem: client.code },
        { member: target.member, subsystem: target.subsystem, code: target.service },
      );
      this.#grants.set(key, grants);
    }
    const t = now.getTime();
    const grant = grants.find(
      (g) =>
        g.revoked_at === null &&
        g.valid_from.getTime() <= t &&
        (g.valid_until === null || g.valid_until.getTime() > t) &&
        g.purposes.includes(purpose),
    );
    if (grant === undefined) {
      throw new Refusal(
        new AppError(NoLegalBasis, { params: { client: clientName, service: serviceName } }),
        'refused',
      );
    }
    return grant;
  }

  async #invoke(
    service: ServiceEntry,
    target: ServiceRef,
    envelope: RequestEnvelope,
    clientName: string,
  ): Promise<unknown> {
    const id = store.serviceId(target.member, target.subsystem, target.service);
    const request: ProviderRequest = {
      messageId: envelope.id,
      client: clientName,
      service: target,
      purpose: envelope.purpose,
      subjectFin: envelope.subjectFin,
      actor: envelope.actor,
      body: envelope.body,
    };
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Refusal(new AppError(ProviderTimeout), 'failed'));
      }, service.row.timeout_ms);
    });
    try {
      const handler = this.#providers.get(id);
      let work: Promise<unknown>;
      if (handler !== undefined) {
        work = handler(request, controller.signal);
      } else {
        const { provider } = service;
        if (provider?.endpoint_url == null || this.#o.remote === undefined) {
          throw new Refusal(new AppError(ProviderUnavailable), 'failed');
        }
        work = this.#o.remote(
          { endpointUrl: provider.endpoint_url, certificatePem: provider.certificate_pem },
          request,
          controller.signal,
        );
      }
      return await Promise.race([work, timeout]);
    } catch (error) {
      if (error instanceof Refusal) throw error;
      if (error instanceof AppError) {
        // The provider's own answer (not found, invalid…): passed on, logged as refused.
        throw new Refusal(error, error.status >= 500 ? 'failed' : 'refused');
      }
      // fetch reports socket errors as a TypeError whose cause carries the code.
      const failure = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
      const code = failure.code ?? failure.cause?.code;
      if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH') {
        throw new Refusal(new AppError(ProviderUnavailable, { cause: error }), 'failed');
      }
      this.#o.logger.error({ err: error, service: id }, 'provider failed');
      throw new Refusal(new AppError(ProviderError, { cause: error }), 'failed');
    } finally {
      clearTimeout(timer);
    }
  }
}

export function legalBasisText(grant: GrantRow): string {
  return grant.legal_article === null
    ? grant.legal_act_id
    : `${grant.legal_act_id} ${grant.legal_article}`;
}

/** Verifies a gateway answer (what a client does with the returned JWS). */
export async function verifyAnswer(jws: string, gatewayKey: CryptoKey): Promise<ResponseEnvelope> {
  const { payload } = await compactVerify(jws, gatewayKey, { algorithms: ['ES256'] });
  return JSON.parse(new TextDecoder().decode(payload)) as ResponseEnvelope;
}
