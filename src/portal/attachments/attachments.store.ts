import { sql, type Kysely } from 'kysely';
import type { AttachmentType } from './file-type.ts';

export interface AttachmentTables {
  'attachments.attachment': {
    id: string;
    owner_account_id: string;
    owner_fin: string | null;
    subject_fin: string | null;
    file_name: string;
    content_type: AttachmentType;
    size: number;
    sha256: string;
    storage_key: string;
    created_at: Date;
    submitted_at: Date | null;
    request_id: string | null;
    submitted_to: string | null;
  };
}

/** An attachment as the rest of the code sees it (STYLE.md §6: no raw row leaves the store). */
export interface Attachment {
  readonly id: string;
  readonly ownerAccountId: string;
  readonly ownerFin: string | null;
  readonly subjectFin: string | null;
  readonly fileName: string;
  readonly contentType: AttachmentType;
  readonly size: number;
  readonly sha256: string;
  readonly storageKey: string;
  readonly createdAt: Date;
  readonly submittedAt: Date | null;
  readonly requestId: string | null;
  /** The agency (exchange member code) the request went to. */
  readonly submittedTo: string | null;
}

type Row = AttachmentTables['attachments.attachment'];

function toAttachment(row: Row): Attachment {
  return {
    id: row.id,
    ownerAccountId: row.owner_account_id,
    ownerFin: row.owner_fin,
    subjectFin: row.subject_fin,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    storageKey: row.storage_key,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    requestId: row.request_id,
    submittedTo: row.submitted_to,
  };
}

export type AttachmentDb = Kysely<AttachmentTables>;

export async function findAttachment(
  db: AttachmentDb,
  id: string,
): Promise<Attachment | undefined> {
  const row = await db
    .selectFrom('attachments.attachment')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toAttachment(row);
}

export async function findAttachments(
  db: AttachmentDb,
  ids: readonly string[],
): Promise<Attachment[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('attachments.attachment')
    .selectAll()
    .where('id', 'in', ids)
    .forUpdate()
    .execute();
  return rows.map(toAttachment);
}

export async function listOwned(
  db: AttachmentDb,
  accountId: string,
  limit: number,
): Promise<Attachment[]> {
  const rows = await db
    .selectFrom('attachments.attachment')
    .selectAll()
    .where('owner_account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toAttachment);
}

export async function countPending(db: AttachmentDb, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('attachments.attachment')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_account_id', '=', accountId)
    .where('submitted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Serialises an account's uploads for the rest of the transaction (the pending limit). */
export async function lockOwner(db: AttachmentDb, accountId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`attachments:${accountId}`}))`.execute(db);
}

export async function insertAttachment(db: AttachmentDb, a: Attachment): Promise<void> {
  await db
    .insertInto('attachments.attachment')
    .values({
      id: a.id,
      owner_account_id: a.ownerAccountId,
      owner_fin: a.ownerFin,
      subject_fin: a.subjectFin,
      file_name: a.fileName,
      content_type: a.contentType,
      size: a.size,
      sha256: a.sha256,
      storage_key: a.storageKey,
      created_at: a.createdAt,
      submitted_at: null,
      request_id: null,
      submitted_to: null,
    })
    .execute();
}

/** Deletes a pending attachment of the owner; false when there was none to delete. */
export async function deletePending(
  db: AttachmentDb,
  id: string,
  accountId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('attachments.attachment')
    .where('id', '=', id)
    .where('owner_account_id', '=', accountId)
    .where('submitted_at', 'is', null)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function markSubmitted(
  db: AttachmentDb,
  ids: readonly string[],
  submission: { requestId: string; agency: string; at: Date },
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('attachments.attachment')
    .set({
      submitted_at: submission.at,
      request_id: submission.requestId,
      submitted_to: submission.agency,
    })
    .where('id', 'in', ids)
    .where('submitted_at', 'is', null)
    .execute();
}
