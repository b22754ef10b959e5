import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../time/clock.ts';
import { signJson, verifyJson, type SigningKey } from '../crypto/signing-key.ts';

/**
 * A tamper-evident, append-only log: the one mechanism behind the audit log and the exchange's
 * message log. Each entry's hash covers its canonical serialization, which includes the previous
 * entry's hash; a signed head (and periodic signed checkpoints) make a cut-off tail visible.
 *
 * Appends are group-committed: while one batch is being written, new entries queue up and go in
 * the next transaction, so a link costs one hash and a share of one round trip. Each batch locks
 * the single head row, which serializes appenders across processes: the chain cannot fork.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface Link {
  readonly seq: number;
  readonly at: Date;
  readonly prevHash: string;
  readonly hash: string;
}

export type Chained<E> = E & Link;

/** Table names are data (the spec), so the chain sees every table as loosely typed columns. */
export type ChainTables = Record<string, Record<string, unknown>>;

export interface ChainSpec<E> {
  /** Schema-qualified tables: entries (seq, at, prev_hash, hash + the entry's own columns). */
  readonly entryTable: string;
  readonly headTable: string;
  readonly checkpointTable: string;
  /** The canonical serialization: never change it for an existing chain. */
  canonical(entry: E & Omit<Link, 'hash'>): string;
  toRow(entry: Chained<E>): Record<string, unknown>;
  fromRow(row: Record<string, unknown>): Chained<E>;
}

export interface ChainReceipt {
  readonly seq: number;
  readonly hash: string;
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  /** The first sequence number at which the chain, a checkpoint or the signed head disagrees. */
  firstBadSeq: number | null;
  reason: string | null;
  headSeq: number;
  checkpoints: number;
}

export interface HashChainOptions<E> {
  readonly spec: ChainSpec<E>;
  readonly db: Kysely<ChainTables>;
  readonly clock: Clock;
  readonly signingKey: SigningKey;
  /** A signed checkpoint row is kept each time the chain passes a multiple of this. */
  readonly checkpointEvery?: number;
  /** Upper bound of one batch (one transaction). */
  readonly maxBatch?: number;
}

interface Pending<E> {
  readonly entry: E;
  readonly resolve: (receipt: ChainReceipt) => void;
  readonly reject: (error: unknown) => void;
}

interface Head {
  seq: number;
  hash: string;
  signature: string | null;
}

/** Another appender moved the head since this process last saw it. */
class HeadMoved extends Error {
  constructor() {
    super('the chain head moved');
  }
}

function isSignedHead(value: unknown): value is { seq: number; hash: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.seq === 'number' && typeof v.hash === 'string';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// Rows of up to ~25 columns: 400 rows stay well under PostgreSQL's 65,535 bind parameters.
const INSERT_CHUNK = 400;

export class HashChain<E extends object> {
  readonly #spec: ChainSpec<E>;
  readonly #db: Kysely<ChainTables>;
  readonly #clock: Clock;
  readonly #key: SigningKey;
  readonly #checkpointEvery: number;
  readonly #maxBatch: number;
  #pending: Pending<E>[] = [];
  /** The head as this process last wrote or read it; refreshed after a collision. */
  #head: Head | undefined;
  #flushing: Promise<void> | undefined;

  constructor(options: HashChainOptions<E>) {
    this.#spec = options.spec;
    this.#db = options.db;
    this.#clock = options.clock;
    this.#key = options.signingKey;
    this.#checkpointEvery = options.checkpointEvery ?? 1000;
    this.#maxBatch = options.maxBatch ?? 2000;
  }

  hashOf(entry: E & Omit<Link, 'hash'>): string {
    return sha256Hex(this.#spec.canonical(entry));
  }

  /** Records an entry; resolves once it is durably in the chain. */
  append(entry: E): Promise<ChainReceipt> {
    return new Promise<ChainReceipt>((resolve, reject) => {
      this.#pending.push({ entry, resolve, reject });
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
          const receipts = await this.#writeBatch(batch.map((p) => p.entry));
          batch.forEach((p, i) => {
            const receipt = receipts[i];
            if (receipt === undefined) p.reject(new Error('chain batch lost an entry'));
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

  /**
   * Writes one batch with optimistic concurrency: hashes and the head signature are computed
   * outside the transaction from the head this process last saw, and the transaction only inserts
   * and moves the head if it is still where it was. Another node that appended meanwhile makes the
   * head update match nothing (or the seq collide): the batch rolls back and is recomputed. So the
   * lock is held for two statements, never across a signature, and the chain cannot fork.
   */
  async #writeBatch(entries: readonly E[]): Promise<ChainReceipt[]> {
    const spec = this.#spec;
    for (let attempt = 1; ; attempt++) {
      const head = (this.#head ??= await this.#readHead());
      const at = this.#clock.now();
      let seq = head.seq;
      let prevHash = head.hash;
      const chained = entries.map((entry) => {
        seq += 1;
        const unsigned = { ...entry, seq, at, prevHash };
        const hash = this.hashOf(unsigned);
        prevHash = hash;
        return { ...unsigned, hash };
      });
      const signature = await signJson(this.#key, { seq, hash: prevHash, at: at.toISOString() });
      try {
        await this.#db.transaction().execute(async (trx) => {
          for (let i = 0; i < chained.length; i += INSERT_CHUNK) {
            await trx
              .insertInto(spec.entryTable)
              .values(chained.slice(i, i + INSERT_CHUNK).map((entry) => spec.toRow(entry)))
              .execute();
          }
          const moved = await trx
            .updateTable(spec.headTable)
            .set({ seq, hash: prevHash, signed_at: at, signature })
            .where('id', '=', 1)
            .where('seq', '=', head.seq)
            .where('hash', '=', head.hash)
            .executeTakeFirst();
          if (Number(moved.numUpdatedRows) !== 1) throw new HeadMoved();
          const every = this.#checkpointEvery;
          if (Math.floor(seq / every) > Math.floor(head.seq / every)) {
            await trx
              .insertInto(spec.checkpointTable)
              .values({ seq, hash: prevHash, signed_at: at, signature })
              .execute();
          }
        });
      } catch (error) {
        this.#head = undefined;
        const collided =
          error instanceof HeadMoved || (error as { code?: string }).code === '23505';
        if (collided && attempt < 50) continue;
        throw error;
      }
      this.#head = { seq, hash: prevHash, signature };
      return chained.map((entry) => ({ seq: entry.seq, hash: entry.hash }));
    }
  }

  async #readHead(): Promise<Head> {
    return (await this.#db
      .selectFrom(this.#spec.headTable)
      .select(['seq', 'hash', 'signature'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow()) as Head;
  }

  async #signatureMatches(jws: string, seq: number, hash: string): Promise<boolean> {
    try {
      const payload = await verifyJson(this.#key.publicKey, jws);
      return isSignedHead(payload) && payload.seq === seq && payload.hash === hash;
    } catch {
      return false;
    }
  }

  async #checkpoints(from: number, to: number): Promise<Map<number, Head>> {
    const rows = (await this.#db
      .selectFrom(this.#spec.checkpointTable)
      .select(['seq', 'hash', 'signature'])
      .where('seq', '>=', from)
      .where('seq', '<=', to)
      .execute()) as Head[];
    return new Map(rows.map((row) => [row.seq, row]));
  }

  /**
   * Walks the whole chain in pages (memory stays bounded) and checks every link, every signed
   * checkpoint and the signed head. Reports the first sequence number at which anything disagrees.
   */
  async verify(onProgress?: (checked: number) => void): Promise<ChainVerification> {
    await this.flush();
    const spec = this.#spec;
    const head = (await this.#db
      .selectFrom(spec.headTable)
      .select(['seq', 'hash', 'signature'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow()) as Head;
    const counted = (await this.#db
      .selectFrom(spec.checkpointTable)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()) as { n: number | string };
    const checkpoints = Number(counted.n);
    const result = (
      entries: number,
      firstBadSeq: number | null,
      reason: string | null,
    ): ChainVerification => ({
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
      const rows = (await this.#db
        .selectFrom(spec.entryTable)
        .selectAll()
        .where('seq', '>', expectedSeq - 1)
        .orderBy('seq')
        .limit(pageSize)
        .execute()) as Record<string, unknown>[];
      if (rows.length === 0) break;
      const page = rows.map((row) => spec.fromRow(row));
      const lastSeq = page[page.length - 1]?.seq ?? expectedSeq;
      const marks = await this.#checkpoints(expectedSeq, lastSeq);
      for (const entry of page) {
        if (entry.seq !== expectedSeq) return result(expectedSeq - 1, expectedSeq, 'missing entry');
        if (entry.prevHash !== prevHash) return result(expectedSeq - 1, entry.seq, 'broken link');
        const { hash, ...unsigned } = entry;
        if (this.hashOf(unsigned as E & Omit<Link, 'hash'>) !== hash) {
          return result(expectedSeq - 1, entry.seq, 'entry altered');
        }
        const mark = marks.get(entry.seq);
        if (
          mark !== undefined &&
          !(
            mark.hash === hash &&
            mark.signature !== null &&
            (await this.#signatureMatches(mark.signature, mark.seq, mark.hash))
          )
        ) {
          return result(expectedSeq - 1, entry.seq, 'checkpoint mismatch');
        }
        prevHash = hash;
        expectedSeq += 1;
      }
      onProgress?.(expectedSeq - 1);
      if (rows.length < pageSize) break;
    }
    const entries = expectedSeq - 1;
    // A checkpoint beyond the last entry means the tail was cut off.
    const beyond = (await this.#db
      .selectFrom(spec.checkpointTable)
      .select('seq')
      .where('seq', '>', entries)
      .limit(1)
      .execute()) as { seq: number }[];
    if (beyond.length > 0)
      return result(entries, entries + 1, 'entries missing after the last one');
    if (head.seq === 0 && entries === 0) return result(0, null, null);
    if (
      head.signature === null ||
      !(await this.#signatureMatches(head.signature, head.seq, head.hash))
    ) {
      return result(entries, Math.min(head.seq, entries) + 1, 'head signature invalid');
    }
    if (head.seq > entries)
      return result(entries, entries + 1, 'entries missing after the last one');
    if (head.seq < entries || head.hash !== prevHash)
      return result(entries, head.seq + 1, 'entries after the signed head');
    return result(entries, null, null);
  }
}
