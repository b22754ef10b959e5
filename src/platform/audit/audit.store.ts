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

export function toEntry(row: EntryRow): AuditEntry {
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

export function toRow(entry: AuditEntry): EntryRow {
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
