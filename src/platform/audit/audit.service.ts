import type { Kysely } from 'kysely';
import type { Clock } from '../time/clock.ts';
import { signJson, verifyJson, type SigningKey } from '../crypto/signing-key.ts';
import type { AuditEntry, AuditEvent, AuditVerification } from './audit.schema.ts';
import { GENESIS_HASH, hashEntry } from './audit.hash.ts';
import * as store from './audit.store.ts';
import type { AuditTables } from './audit.store.ts';

export interface AuditReceipt {
  readonly seq: number;
  readonly hash: string;
}

export interface AuditLogOptions {
  readonly db: Kysely<AuditTables>;
  readonly clock: Clock;
  readonly signingKey: SigningKey;
  /** A signed checkpoint row is kept each time the chain passes a multiple of this. */
  readonly checkpointEvery?: number;
  /** Upper bound of one batch (one transaction). */
  readonly maxBatch?: number;
}

interface Pending {
  readonly event: AuditEvent;
  readonly resolve: (receipt: AuditReceipt) => void;
  readonly reject: (error: unknown) => void;
}

interface SignedHead {
  readonly seq: number;
  readonly hash: string;
}

function isSignedHead(value: unknown): value is SignedHead {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.seq === 'number' && typeof v.hash === 'string';
}

/**
 * The tamper-evident audit log (requirements OPS-001-2.10.2, OPS-004-6.1.8, OPS-ALL-LOG).
 *
 * Appends are group-committed: while one batch is being written, new events queue up and go in
 * the next transaction, so a chain link costs one hash, not one round trip. Each batch locks the
 * single head row, which serializes appenders across processes and so can never fork the chain,
 * and re-signs the head so that a deleted tail is detected.
 */
export class AuditLog {
  readonly #db: Kysely<AuditTables>;
  readonly #clock: Clock;
  readonly #key: SigningKey;
  readonly #checkpointEvery: number;
  readonly #maxBatch: number;
  #pending: Pending[] = [];
  #flushing: Promise<void> | undefined;

  constructor(options: AuditLogOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#key = options.signingKey;
    this.#checkpointEvery = options.checkpointEvery ?? 1000;
    this.#maxBatch = options.maxBatch ?? 2000;
  }

  /** Records an event; resolves once it is durably in the chain. */
  append(event: AuditEvent): Promise<AuditReceipt> {
    return new Promise<AuditReceipt>((resolve, reject) => {
      this.#pending.push({ event, resolve, reject });
      this.#flushing ??= this.#drain();
    });
  }

  /** Resolves when everything appended so far is written (used at shutdown). */
  async flush(): Promise<void> {
    while (this.#flushing !== undefined) await this.#flushing;
  }

  async #drain(): Promise<void> {
    // Let the current tick's appends join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending.splice(0, this.#maxBatch);
        try {
          const receipts = await this.#writeBatch(batch.map((p) => p.event));
          batch.forEach((p, i) => {
            const receipt = receipts[i];
            if (receipt === undefined) p.reject(new Error('audit batch lost an entry'));
            else p.resolve(receipt);
          });
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.#flushing = undefined;
    }
  }

  async #writeBatch(events: readonly AuditEvent[]): Promise<AuditReceipt[]> {
    return this.#db.transaction().execute(async (trx) => {
      const head = await store.lockHead(trx);
      const at = this.#clock.now();
      let seq = head.seq;
      let prevHash = head.hash;
      const entries: AuditEntry[] = events.map((event) => {
        seq += 1;
        const unsigned = { ...event, seq, at, prevHash };
        const hash = hashEntry(unsigned);
        prevHash = hash;
        return { ...unsigned, hash };
      });
      await store.insertEntries(trx, entries);
      const signature = await signJson(this.#key, { seq, hash: prevHash, at: at.toISOString() });
      await store.writeHead(trx, { seq, hash: prevHash, signedAt: at, signature });
      const every = this.#checkpointEvery;
      if (Math.floor(seq / every) > Math.floor(head.seq / every)) {
        await store.insertCheckpoint(trx, { seq, hash: prevHash, signedAt: at, signature });
      }
      return entries.map((entry) => ({ seq: entry.seq, hash: entry.hash }));
    });
  }

  async #signedHeadMatches(jws: string, seq: number, hash: string): Promise<boolean> {
    try {
      const payload = await verifyJson(this.#key.publicKey, jws);
      return isSignedHead(payload) && payload.seq === seq && payload.hash === hash;
    } catch {
      return false;
    }
  }

  /**
   * Walks the whole chain in pages and checks every link, every signed checkpoint and the signed
   * head. Reports the first sequence number at which anything disagrees.
   */
  async verify(onProgress?: (checked: number) => void): Promise<AuditVerification> {
    await this.flush();
    const head = await store.readHead(this.#db);
    const checkpoints = await store.countCheckpoints(this.#db);
    const result = (
      entries: number,
      firstBadSeq: number | null,
      reason: string | null,
    ): AuditVerification => ({
      ok: firstBadSeq === null,
      entries,
      firstBadSeq,
      reason,
      headSeq: head.seq,
      checkpoints,
    });

    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    const pageSize = 5000;
    for (;;) {
      const page = await store.pageEntries(this.#db, expectedSeq - 1, pageSize);
      if (page.length === 0) break;
      const last = page[page.length - 1];
      const marks = new Map(
        (await store.checkpointsBetween(this.#db, expectedSeq, last?.seq ?? expectedSeq)).map(
          (c) => [c.seq, c],
        ),
      );
      for (const entry of page) {
        if (entry.seq !== expectedSeq) return result(expectedSeq - 1, expectedSeq, 'missing entry');
        if (entry.prevHash !== prevHash) return result(expectedSeq - 1, entry.seq, 'broken link');
        const { hash: _stored, ...unsigned } = entry;
        if (hashEntry(unsigned) !== entry.hash)
          return result(expectedSeq - 1, entry.seq, 'entry altered');
        const mark = marks.get(entry.seq);
        if (
          mark !== undefined &&
          !(
            mark.hash === entry.hash &&
            (await this.#signedHeadMatches(mark.signature, mark.seq, mark.hash))
          )
        ) {
          return result(expectedSeq - 1, entry.seq, 'checkpoint mismatch');
        }
        prevHash = entry.hash;
        expectedSeq += 1;
      }
      onProgress?.(expectedSeq - 1);
      if (page.length < pageSize) break;
    }
    const entries = expectedSeq - 1;
    // Checkpoints beyond the last entry mean the tail was cut off.
    const beyond = await store.checkpointsAfter(this.#db, entries);
    const firstBeyond = beyond[0];
    if (firstBeyond !== undefined)
      return result(entries, entries + 1, 'entries missing after the last one');
    if (head.seq === 0 && entries === 0) return result(0, null, null);
    if (
      head.signature === null ||
      !(await this.#signedHeadMatches(head.signature, head.seq, head.hash))
    ) {
      return result(entries, Math.min(head.seq, entries) + 1, 'head signature invalid');
    }
    if (head.seq > entries)
      return result(entries, entries + 1, 'entries missing after the last one');
    if (head.seq < entries || head.hash !== prevHash)
      return result(entries, head.seq + 1, 'entries after the signed head');
    return result(entries, null, null);
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
