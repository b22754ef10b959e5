import type { Kysely, Transaction } from 'kysely';
import type { AuditEntry, AuditOutcome } from './audit.schema.ts';

export interface AuditTables {
  'audit.entry': {
    seq: number;
    at: Date;
    actor: string;
    on_behalf_of: string | null;
    action: string;
    subject_fin: string | null;
    resource: string | null;
    purpose: string | null;
    legal_basis: string | null;
    outcome: AuditOutcome;
    prev_hash: string;
    hash: string;
  };
  'audit.head': {
    id: number;
    seq: number;
    hash: string;
    signed_at: Date | null;
    signature: string | null;
  };
  'audit.checkpoint': { seq: number; hash: string; signed_at: Date; signature: string };
}

type Db = Kysely<AuditTables> | Transaction<AuditTables>;
type EntryRow = AuditTables['audit.entry'];

export interface Head {
  readonly seq: number;
  readonly hash: string;
  readonly signature: string | null;
}

export interface Checkpoint {
  readonly seq: number;
  readonly hash: string;
  readonly signature: string;
}

function toEntry(row: EntryRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    onBehalfOf: row.on_behalf_of ?? undefined,
    action: row.action,
    subjectFin: row.subject_fin ?? undefined,
    resource: row.resource ?? undefined,
    purpose: row.purpose ?? undefined,
    legalBasis: row.legal_basis ?? undefined,
    outcome: row.outcome,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function toRow(entry: AuditEntry): EntryRow {
  return {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    on_behalf_of: entry.onBehalfOf ?? null,
    action: entry.action,
    subject_fin: entry.subjectFin ?? null,
    resource: entry.resource ?? null,
    purpose: entry.purpose ?? null,
    legal_basis: entry.legalBasis ?? null,
    outcome: entry.outcome,
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

/** Reads the head and locks it until the transaction ends: the one point appenders queue on. */
export async function lockHead(trx: Transaction<AuditTables>): Promise<Head> {
  const row = await trx
    .selectFrom('audit.head')
    .select(['seq', 'hash', 'signature'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row;
}

export async function readHead(db: Db): Promise<Head> {
  return db
    .selectFrom('audit.head')
    .select(['seq', 'hash', 'signature'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
}

// 12 columns a row: 400 rows stay well under PostgreSQL's 65,535 bind parameters.
const INSERT_CHUNK = 400;

export async function insertEntries(
  trx: Transaction<AuditTables>,
  entries: readonly AuditEntry[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
    await trx
      .insertInto('audit.entry')
      .values(entries.slice(i, i + INSERT_CHUNK).map(toRow))
      .execute();
  }
}

export async function writeHead(
  trx: Transaction<AuditTables>,
  head: { seq: number; hash: string; signedAt: Date; signature: string },
): Promise<void> {
  await trx
    .updateTable('audit.head')
    .set({ seq: head.seq, hash: head.hash, signed_at: head.signedAt, signature: head.signature })
    .where('id', '=', 1)
    .execute();
}

export async function insertCheckpoint(
  trx: Transaction<AuditTables>,
  checkpoint: { seq: number; hash: string; signedAt: Date; signature: string },
): Promise<void> {
  await trx
    .insertInto('audit.checkpoint')
    .values({
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      signed_at: checkpoint.signedAt,
      signature: checkpoint.signature,
    })
    .execute();
}

/** Entries after `afterSeq` in seq order (keyset paging keeps verification memory bounded). */
export async function pageEntries(db: Db, afterSeq: number, limit: number): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit.entry')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toEntry);
}

export async function checkpointsBetween(
  db: Db,
  fromSeq: number,
  toSeq: number,
): Promise<Checkpoint[]> {
  return db
    .selectFrom('audit.checkpoint')
    .select(['seq', 'hash', 'signature'])
    .where('seq', '>=', fromSeq)
    .where('seq', '<=', toSeq)
    .orderBy('seq')
    .execute();
}

export async function checkpointsAfter(db: Db, seq: number): Promise<Checkpoint[]> {
  return db
    .selectFrom('audit.checkpoint')
    .select(['seq', 'hash', 'signature'])
    .where('seq', '>', seq)
    .orderBy('seq')
    .execute();
}

export async function countCheckpoints(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit.checkpoint')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function entriesForSubject(
  db: Db,
  subjectFin: string,
  range: { from?: Date | undefined; to?: Date | undefined; limit: number },
): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit.entry').selectAll().where('subject_fin', '=', subjectFin);
  if (range.from !== undefined) query = query.where('at', '>=', range.from);
  if (range.to !== undefined) query = query.where('at', '<', range.to);
  const rows = await query.orderBy('seq', 'desc').limit(range.limit).execute();
  return rows.map(toEntry);
}
