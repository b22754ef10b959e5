import type { Kysely } from 'kysely';
import type { Clock } from '../time/clock.ts';
import type { SigningKey } from '../crypto/signing-key.ts';
import {
  HashChain,
  type ChainReceipt,
  type ChainSpec,
  type ChainTables,
} from '../chain/hash-chain.ts';
import type { AuditEntry, AuditEvent, AuditVerification } from './audit.schema.ts';
import { canonicalEntry } from './audit.hash.ts';
import * as store from './audit.store.ts';
import type { AuditTables } from './audit.store.ts';

export type AuditReceipt = ChainReceipt;

export interface AuditLogOptions {
  readonly db: Kysely<AuditTables>;
  readonly clock: Clock;
  readonly signingKey: SigningKey;
  /** A signed checkpoint row is kept each time the chain passes a multiple of this. */
  readonly checkpointEvery?: number;
}

const AUDIT_CHAIN: ChainSpec<AuditEvent> = {
  entryTable: 'audit.entry',
  headTable: 'audit.head',
  checkpointTable: 'audit.checkpoint',
  canonical: canonicalEntry,
  toRow: store.toRow,
  fromRow: (row) => store.toEntry(row as AuditTables['audit.entry']),
};

/**
 * The tamper-evident audit log (requirements OPS-001-2.10.2, OPS-004-6.1.8, OPS-ALL-LOG): who did
 * what to whose data, why and on what legal basis. The chain mechanics are `HashChain`'s.
 */
export class AuditLog {
  readonly #db: Kysely<AuditTables>;
  readonly #chain: HashChain<AuditEvent>;

  constructor(options: AuditLogOptions) {
    this.#db = options.db;
    this.#chain = new HashChain({
      spec: AUDIT_CHAIN,
      ...options,
      db: options.db as unknown as Kysely<ChainTables>,
    });
  }

  /** Records an event; resolves once it is durably in the chain. */
  append(event: AuditEvent): Promise<AuditReceipt> {
    return this.#chain.append(event);
  }

  /** Resolves when everything appended so far is written (used at shutdown). */
  flush(): Promise<void> {
    return this.#chain.flush();
  }

  verify(onProgress?: (checked: number) => void): Promise<AuditVerification> {
    return this.#chain.verify(onProgress);
  }

  async entriesForSubject(
    subjectFin: string,
    range: { from?: Date; to?: Date; limit?: number } = {},
  ): Promise<AuditEntry[]> {
    return store.entriesForSubject(this.#db, subjectFin, {
      ...range,
      limit: Math.min(range.limit ?? 100, 1000),
    });
  }
}
