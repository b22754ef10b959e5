import type { Kysely } from 'kysely';
import type { Clock } from '../platform/time/clock.ts';
import type { SigningKey } from '../platform/crypto/signing-key.ts';
import {
  HashChain,
  type ChainReceipt,
  type ChainSpec,
  type ChainTables,
  type ChainVerification,
  type Chained,
} from '../platform/chain/hash-chain.ts';
import type { ExchangeTables } from './exchange.store.ts';

/** One exchange call as the message log keeps it (EHIS-001-2.10.2). */
export interface MessageRecord {
  readonly messageId: string;
  readonly client: string;
  readonly service: string;
  readonly actor: string | undefined;
  readonly subjectFin: string | undefined;
  readonly purpose: string | undefined;
  readonly grantId: string | undefined;
  readonly legalBasis: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly requestHash: string | undefined;
  readonly responseHash: string | undefined;
  readonly requestSignature: string | undefined;
  readonly responseSignature: string | undefined;
  readonly outcome: 'success' | 'refused' | 'failed';
  readonly status: number;
  readonly errorType: string | undefined;
  readonly latencyMs: number;
  /** Only for services configured to archive bodies. */
  readonly requestBody: unknown;
  readonly responseBody: unknown;
}

type Row = ExchangeTables['exchange.message'];

const MESSAGE_CHAIN: ChainSpec<MessageRecord> = {
  entryTable: 'exchange.message',
  headTable: 'exchange.message_head',
  checkpointTable: 'exchange.message_checkpoint',
  // Never change for an existing chain. Bodies are covered through their hashes.
  canonical: (m) =>
    JSON.stringify([
      m.seq,
      m.at.toISOString(),
      m.messageId,
      m.client,
      m.service,
      m.actor ?? null,
      m.subjectFin ?? null,
      m.purpose ?? null,
      m.grantId ?? null,
      m.legalBasis ?? null,
      m.idempotencyKey ?? null,
      m.requestHash ?? null,
      m.responseHash ?? null,
      m.requestSignature ?? null,
      m.responseSignature ?? null,
      m.outcome,
      m.status,
      m.errorType ?? null,
      m.latencyMs,
      m.prevHash,
    ]),
  toRow: (m): Row => ({
    seq: m.seq,
    at: m.at,
    message_id: m.messageId,
    client: m.client,
    service: m.service,
    actor: m.actor ?? null,
    subject_fin: m.subjectFin ?? null,
    purpose: m.purpose ?? null,
    grant_id: m.grantId ?? null,
    legal_basis: m.legalBasis ?? null,
    idempotency_key: m.idempotencyKey ?? null,
    request_hash: m.requestHash ?? null,
    response_hash: m.responseHash ?? null,
    request_signature: m.requestSignature ?? null,
    response_signature: m.responseSignature ?? null,
    outcome: m.outcome,
    status: m.status,
    error_type: m.errorType ?? null,
    latency_ms: m.latencyMs,
    request_body: m.requestBody === undefined ? null : JSON.stringify(m.requestBody),
    response_body: m.responseBody === undefined ? null : JSON.stringify(m.responseBody),
    prev_hash: m.prevHash,
    hash: m.hash,
  }),
  fromRow: (raw): Chained<MessageRecord> => {
    const r = raw as Row;
    return {
      seq: r.seq,
      at: r.at,
      messageId: r.message_id,
      client: r.client,
      service: r.service,
      actor: r.actor ?? undefined,
      subjectFin: r.subject_fin ?? undefined,
      purpose: r.purpose ?? undefined,
      grantId: r.grant_id ?? undefined,
      legalBasis: r.legal_basis ?? undefined,
      idempotencyKey: r.idempotency_key ?? undefined,
      requestHash: r.request_hash ?? undefined,
      responseHash: r.response_hash ?? undefined,
      requestSignature: r.request_signature ?? undefined,
      responseSignature: r.response_signature ?? undefined,
      outcome: r.outcome,
      status: r.status,
      errorType: r.error_type ?? undefined,
      latencyMs: r.latency_ms,
      requestBody: r.request_body ?? undefined,
      responseBody: r.response_body ?? undefined,
      prevHash: r.prev_hash,
      hash: r.hash,
    };
  },
};

/** The exchange's message log: a hash chain over every call, refused ones included. */
export class MessageLog {
  readonly #chain: HashChain<MessageRecord>;

  constructor(options: {
    db: Kysely<ExchangeTables>;
    clock: Clock;
    signingKey: SigningKey;
    checkpointEvery?: number;
  }) {
    this.#chain = new HashChain({
      spec: MESSAGE_CHAIN,
      ...options,
      db: options.db as unknown as Kysely<ChainTables>,
    });
  }

  record(message: MessageRecord): Promise<ChainReceipt> {
    // Microsecond precision is plenty and keeps the serialization short.
    return this.#chain.append({
      ...message,
      latencyMs: Math.round(message.latencyMs * 1000) / 1000,
    });
  }

  flush(): Promise<void> {
    return this.#chain.flush();
  }

  verify(onProgress?: (checked: number) => void): Promise<ChainVerification> {
    return this.#chain.verify(onProgress);
  }
}
