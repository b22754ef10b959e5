import { sql, type Kysely, type Transaction } from 'kysely';
import type { RegistryTables } from '../registry.store.ts';
import type { RegulationDocument, RegulationStatus } from './regulation.schema.ts';

export interface RegulationTables extends RegistryTables {
  'registry.regulation': {
    id: string;
    registry_number: string;
    provider: string;
    version: number;
    status: RegulationStatus;
    document: RegulationDocument | string;
    created_by: string;
    created_at: Date;
    updated_at: Date;
    discussion_opened_by: string | null;
    discussion_opened_at: Date | null;
    discussion_closes_at: Date | null;
    approved_by: string | null;
    approved_by_name: string | null;
    approved_at: Date | null;
    decision_number: string | null;
    published_by: string | null;
    published_at: Date | null;
    superseded_at: Date | null;
    seed_key: string | null;
  };
  'registry.regulation_comment': {
    id: string;
    regulation_id: string;
    author_fin: string;
    clause: string | null;
    text: string;
    created_at: Date;
  };
}

export type RegulationDb = Kysely<RegulationTables>;
type Db = RegulationDb | Transaction<RegulationTables>;

export interface Regulation {
  readonly id: string;
  readonly registryNumber: string;
  readonly provider: string;
  readonly version: number;
  readonly status: RegulationStatus;
  readonly document: RegulationDocument;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly discussionOpenedBy: string | null;
  readonly discussionOpenedAt: Date | null;
  readonly discussionClosesAt: Date | null;
  readonly approvedBy: string | null;
  readonly approvedByName: string | null;
  readonly approvedAt: Date | null;
  readonly decisionNumber: string | null;
  readonly publishedBy: string | null;
  readonly publishedAt: Date | null;
  readonly supersededAt: Date | null;
  readonly seedKey: string | null;
}

export interface RegulationComment {
  readonly id: string;
  readonly regulationId: string;
  readonly authorFin: string;
  readonly clause: string | null;
  readonly text: string;
  readonly createdAt: Date;
}

type Row = RegulationTables['registry.regulation'];

function toRegulation(row: Row): Regulation {
  return {
    id: row.id,
    registryNumber: row.registry_number,
    provider: row.provider,
    version: row.version,
    status: row.status,
    document:
      typeof row.document === 'string'
        ? (JSON.parse(row.document) as RegulationDocument)
        : row.document,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    discussionOpenedBy: row.discussion_opened_by,
    discussionOpenedAt: row.discussion_opened_at,
    discussionClosesAt: row.discussion_closes_at,
    approvedBy: row.approved_by,
    approvedByName: row.approved_by_name,
    approvedAt: row.approved_at,
    decisionNumber: row.decision_number,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    supersededAt: row.superseded_at,
    seedKey: row.seed_key,
  };
}

/** The next version number of a service's regulations (1 for the first). */
export async function nextVersion(db: Db, registryNumber: string): Promise<number> {
  const row = await db
    .selectFrom('registry.regulation')
    .select(sql<number>`coalesce(max(version), 0)::int`.as('v'))
    .where('registry_number', '=', registryNumber)
    .executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

/** The regulation being prepared for a service (draft, discussion or approved), if any. */
export async function findInMaking(
  db: Db,
  registryNumber: string,
): Promise<Regulation | undefined> {
  const row = await db
    .selectFrom('registry.regulation')
    .selectAll()
    .where('registry_number', '=', registryNumber)
    .where('status', 'in', ['draft', 'discussion', 'approved'])
    .executeTakeFirst();
  return row === undefined ? undefined : toRegulation(row);
}

export async function insertRegulation(
  db: Db,
  input: {
    readonly id: string;
    readonly registryNumber: string;
    readonly provider: string;
    readonly version: number;
    readonly document: RegulationDocument;
    readonly by: string;
    readonly at: Date;
    readonly seedKey: string | null;
  },
): Promise<void> {
  await db
    .insertInto('registry.regulation')
    .values({
      id: input.id,
      registry_number: input.registryNumber,
      provider: input.provider,
      version: input.version,
      status: 'draft',
      document: JSON.stringify(input.document),
      created_by: input.by,
      created_at: input.at,
      updated_at: input.at,
      discussion_opened_by: null,
      discussion_opened_at: null,
      discussion_closes_at: null,
      approved_by: null,
      approved_by_name: null,
      approved_at: null,
      decision_number: null,
      published_by: null,
      published_at: null,
      superseded_at: null,
      seed_key: input.seedKey,
    })
    .execute();
}

export async function findRegulation(
  db: Db,
  id: string,
  options: { readonly forUpdate?: boolean } = {},
): Promise<Regulation | undefined> {
  let query = db.selectFrom('registry.regulation').selectAll().where('id', '=', id);
  if (options.forUpdate === true) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toRegulation(row);
}

export async function findRegulationBySeedKey(
  db: Db,
  seedKey: string,
): Promise<Regulation | undefined> {
  const row = await db
    .selectFrom('registry.regulation')
    .selectAll()
    .where('seed_key', '=', seedKey)
    .executeTakeFirst();
  return row === undefined ? undefined : toRegulation(row);
}

/** The published regulation of a service: the one in force, or a given (published) version. */
export async function findPublished(
  db: Db,
  registryNumber: string,
  version: number | undefined,
): Promise<Regulation | undefined> {
  let query = db
    .selectFrom('registry.regulation')
    .selectAll()
    .where('registry_number', '=', registryNumber);
  query =
    version === undefined
      ? query.where('status', '=', 'published')
      : query.where('version', '=', version).where('status', 'in', ['published', 'superseded']);
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toRegulation(row);
}

export async function listRegulations(
  db: Db,
  filter: {
    readonly registryNumber?: string | undefined;
    readonly status?: RegulationStatus | undefined;
    readonly provider?: string | undefined;
    /** Statuses anyone may see, and providers whose other statuses the reader may see. */
    readonly publicStatuses: readonly RegulationStatus[];
    readonly ownProviders: readonly string[];
  },
): Promise<Regulation[]> {
  let query = db.selectFrom('registry.regulation').selectAll();
  if (filter.registryNumber !== undefined) {
    query = query.where('registry_number', '=', filter.registryNumber);
  }
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.provider !== undefined) query = query.where('provider', '=', filter.provider);
  const { publicStatuses, ownProviders } = filter;
  query = query.where((eb) =>
    ownProviders.length === 0
      ? eb('status', 'in', [...publicStatuses])
      : eb.or([eb('status', 'in', [...publicStatuses]), eb('provider', 'in', [...ownProviders])]),
  );
  const rows = await query
    .orderBy('registry_number')
    .orderBy('version', 'desc')
    .limit(500)
    .execute();
  return rows.map(toRegulation);
}

export async function updateDocument(
  db: Db,
  id: string,
  document: RegulationDocument,
  at: Date,
): Promise<void> {
  await db
    .updateTable('registry.regulation')
    .set({ document: JSON.stringify(document), updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function openDiscussion(
  db: Db,
  id: string,
  input: { readonly by: string; readonly at: Date; readonly closesAt: Date },
): Promise<void> {
  await db
    .updateTable('registry.regulation')
    .set({
      status: 'discussion',
      discussion_opened_by: input.by,
      discussion_opened_at: input.at,
      discussion_closes_at: input.closesAt,
      updated_at: input.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}

export async function markApproved(
  db: Db,
  id: string,
  input: {
    readonly by: string;
    readonly name: string;
    readonly at: Date;
    readonly decisionNumber: string | null;
  },
): Promise<void> {
  await db
    .updateTable('registry.regulation')
    .set({
      status: 'approved',
      approved_by: input.by,
      approved_by_name: input.name,
      approved_at: input.at,
      decision_number: input.decisionNumber,
      updated_at: input.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'discussion')
    .execute();
}

/** Publishes `id` and supersedes the version in force, in one transaction (the caller's). */
export async function markPublished(
  db: Transaction<RegulationTables>,
  regulation: Regulation,
  input: { readonly by: string; readonly at: Date },
): Promise<void> {
  await db
    .updateTable('registry.regulation')
    .set({ status: 'superseded', superseded_at: input.at })
    .where('registry_number', '=', regulation.registryNumber)
    .where('status', '=', 'published')
    .execute();
  await db
    .updateTable('registry.regulation')
    .set({
      status: 'published',
      published_by: input.by,
      published_at: input.at,
      updated_at: input.at,
    })
    .where('id', '=', regulation.id)
    .where('status', '=', 'approved')
    .execute();
}

export async function insertComment(db: Db, comment: RegulationComment): Promise<void> {
  await db
    .insertInto('registry.regulation_comment')
    .values({
      id: comment.id,
      regulation_id: comment.regulationId,
      author_fin: comment.authorFin,
      clause: comment.clause,
      text: comment.text,
      created_at: comment.createdAt,
    })
    .execute();
}

export async function listComments(db: Db, regulationId: string): Promise<RegulationComment[]> {
  const rows = await db
    .selectFrom('registry.regulation_comment')
    .selectAll()
    .where('regulation_id', '=', regulationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    regulationId: row.regulation_id,
    authorFin: row.author_fin,
    clause: row.clause,
    text: row.text,
    createdAt: row.created_at,
  }));
}
