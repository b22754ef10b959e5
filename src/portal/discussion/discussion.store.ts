import { sql, type Generated, type Kysely, type Transaction } from 'kysely';

export type SubjectKind = 'draft-act' | 'regulation';

export interface DiscussionTables {
  'discussion.discussion': {
    id: string;
    subject_kind: SubjectKind;
    subject_ref: string | null;
    agency: string;
    title_az: string;
    title_en: string;
    text: string;
    attachment_id: string | null;
    published_by: string;
    published_at: Date;
    closes_at: Date;
    summary: string | null;
    summary_by: string | null;
    summary_at: Date | null;
  };
  'discussion.comment': {
    id: string;
    seq: Generated<number>;
    discussion_id: string;
    author_fin: string;
    text: string;
    created_at: Date;
  };
}

export type DiscussionDb = Kysely<DiscussionTables>;
export type DiscussionTx = Transaction<DiscussionTables>;
type Db = DiscussionDb | DiscussionTx;
type Row = DiscussionTables['discussion.discussion'];

export interface Discussion {
  readonly id: string;
  readonly subject: { readonly kind: SubjectKind; readonly ref: string | null };
  readonly agency: string;
  readonly titleAz: string;
  readonly titleEn: string;
  readonly text: string;
  readonly attachmentId: string | null;
  readonly publishedBy: string;
  readonly publishedAt: Date;
  readonly closesAt: Date;
  readonly summary: string | null;
  readonly summaryBy: string | null;
  readonly summaryAt: Date | null;
  readonly commentCount: number;
}

export interface Comment {
  readonly id: string;
  readonly discussionId: string;
  readonly authorFin: string;
  readonly text: string;
  readonly createdAt: Date;
}

function toDiscussion(row: Row & { comment_count?: number | string | null }): Discussion {
  return {
    id: row.id,
    subject: { kind: row.subject_kind, ref: row.subject_ref },
    agency: row.agency,
    titleAz: row.title_az,
    titleEn: row.title_en,
    text: row.text,
    attachmentId: row.attachment_id,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    closesAt: row.closes_at,
    summary: row.summary,
    summaryBy: row.summary_by,
    summaryAt: row.summary_at,
    commentCount: Number(row.comment_count ?? 0),
  };
}

export type NewDiscussion = Omit<
  Discussion,
  'summary' | 'summaryBy' | 'summaryAt' | 'commentCount'
>;

export async function insertDiscussion(db: Db, d: NewDiscussion): Promise<void> {
  await db
    .insertInto('discussion.discussion')
    .values({
      id: d.id,
      subject_kind: d.subject.kind,
      subject_ref: d.subject.ref,
      agency: d.agency,
      title_az: d.titleAz,
      title_en: d.titleEn,
      text: d.text,
      attachment_id: d.attachmentId,
      published_by: d.publishedBy,
      published_at: d.publishedAt,
      closes_at: d.closesAt,
      summary: null,
      summary_by: null,
      summary_at: null,
    })
    .execute();
}

const commentCount = sql<number>`(SELECT count(*)::int FROM discussion.comment c
  WHERE c.discussion_id = discussion.discussion.id)`.as('comment_count');

export async function findDiscussion(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Discussion | undefined> {
  let query = db
    .selectFrom('discussion.discussion')
    .selectAll()
    .select(commentCount)
    .where('id', '=', id);
  if (options.forUpdate === true) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toDiscussion(row);
}

export async function findBySubject(
  db: Db,
  kind: SubjectKind,
  ref: string,
): Promise<Discussion | undefined> {
  const row = await db
    .selectFrom('discussion.discussion')
    .selectAll()
    .select(commentCount)
    .where('subject_kind', '=', kind)
    .where('subject_ref', '=', ref)
    .executeTakeFirst();
  return row === undefined ? undefined : toDiscussion(row);
}

/** Open ones first (closing soonest first), then closed ones (latest closed first). */
export async function listDiscussions(
  db: Db,
  filter: {
    readonly now: Date;
    readonly agency?: string | undefined;
    readonly status?: 'open' | 'closed' | undefined;
    readonly kind?: SubjectKind | undefined;
    readonly words?: readonly string[] | undefined;
    readonly limit: number;
    readonly offset: number;
  },
): Promise<{ items: Discussion[]; total: number }> {
  let query = db.selectFrom('discussion.discussion');
  if (filter.agency !== undefined) query = query.where('agency', '=', filter.agency);
  if (filter.kind !== undefined) query = query.where('subject_kind', '=', filter.kind);
  if (filter.status === 'open') query = query.where('closes_at', '>', filter.now);
  if (filter.status === 'closed') query = query.where('closes_at', '<=', filter.now);
  for (const word of filter.words ?? []) {
    const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('title_az', 'ilike', like), eb('title_en', 'ilike', like)]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .select(commentCount)
      .orderBy(sql`CASE WHEN closes_at > ${filter.now} THEN 0 ELSE 1 END`)
      .orderBy(sql`CASE WHEN closes_at > ${filter.now} THEN closes_at END`)
      .orderBy('closes_at', 'desc')
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toDiscussion), total: count.n };
}

export async function insertComment(db: Db, c: Comment): Promise<void> {
  await db
    .insertInto('discussion.comment')
    .values({
      id: c.id,
      discussion_id: c.discussionId,
      author_fin: c.authorFin,
      text: c.text,
      created_at: c.createdAt,
    })
    .execute();
}

export async function listComments(db: Db, discussionId: string): Promise<Comment[]> {
  const rows = await db
    .selectFrom('discussion.comment')
    .selectAll()
    .where('discussion_id', '=', discussionId)
    .orderBy('seq')
    .limit(5000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    discussionId: r.discussion_id,
    authorFin: r.author_fin,
    text: r.text,
    createdAt: r.created_at,
  }));
}

export async function recordSummary(
  db: Db,
  id: string,
  summary: { by: string; at: Date; text: string },
): Promise<void> {
  await db
    .updateTable('discussion.discussion')
    .set({ summary: summary.text, summary_by: summary.by, summary_at: summary.at })
    .where('id', '=', id)
    .where('summary_at', 'is', null)
    .execute();
}
