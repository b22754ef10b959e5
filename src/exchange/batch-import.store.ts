import type { Kysely, Transaction } from 'kysely';
import type { RowError } from './batch-content.ts';

/** The signed-batch table (migrations 0001, 0002) and what a batch reads of members. */
export interface BatchImportTables {
  'exchange.batch_import': {
    id: string;
    client: string;
    service: string;
    format: 'json' | 'csv';
    content_hash: string;
    signer: string;
    signer_fin: string;
    signer_serial: string;
    signature: string;
    purpose: string;
    rows_total: number;
    status: 'imported' | 'rejected';
    errors: unknown;
    created_at: Date;
  };
  'exchange.member': { code: string; name_az: string; name_en: string };
}

type Db = Kysely<BatchImportTables> | Transaction<BatchImportTables>;

export interface BatchRecord {
  readonly id: string;
  readonly client: string;
  readonly service: string;
  readonly format: 'json' | 'csv';
  readonly contentHash: string;
  readonly signer: { readonly subject: string; readonly fin: string; readonly serial: string };
  readonly signature: string;
  readonly purpose: string;
  readonly rowsTotal: number;
  readonly status: 'imported' | 'rejected';
  readonly errors: readonly RowError[];
  readonly createdAt: Date;
}

export async function insertBatch(db: Db, batch: BatchRecord): Promise<void> {
  await db
    .insertInto('exchange.batch_import')
    .values({
      id: batch.id,
      client: batch.client,
      service: batch.service,
      format: batch.format,
      content_hash: batch.contentHash,
      signer: batch.signer.subject,
      signer_fin: batch.signer.fin,
      signer_serial: batch.signer.serial,
      signature: batch.signature,
      purpose: batch.purpose,
      rows_total: batch.rowsTotal,
      status: batch.status,
      errors: JSON.stringify(batch.errors),
      created_at: batch.createdAt,
    })
    .execute();
}

/** The id of the imported batch with this content for this client and service, if any. */
export async function findImported(
  db: Db,
  client: string,
  service: string,
  contentHash: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('exchange.batch_import')
    .select('id')
    .where('client', '=', client)
    .where('service', '=', service)
    .where('content_hash', '=', contentHash)
    .where('status', '=', 'imported')
    .executeTakeFirst();
  return row?.id;
}

/** The names a staff certificate's organization may carry for a member: code and names. */
export async function memberNames(db: Db, code: string): Promise<string[]> {
  const row = await db
    .selectFrom('exchange.member')
    .select(['code', 'name_az', 'name_en'])
    .where('code', '=', code)
    .executeTakeFirst();
  return row === undefined ? [] : [row.code, row.name_az, row.name_en];
}

/** PostgreSQL's unique_violation: the same content imported concurrently. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
  );
}
