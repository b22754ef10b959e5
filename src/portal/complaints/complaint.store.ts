import { sql, type Kysely, type Transaction } from 'kysely';

export type ComplaintStatus = 'received' | 'answered';

export interface ComplaintTables {
  'complaints.complaint': {
    id: string;
    filed_by: string;
    subject_fin: string;
    request_id: string | null;
    registry_number: string;
    agency: string;
    subject: string;
    text: string;
    first_name: string;
    last_name: string;
    patronymic: string;
    address: string;
    email: string | null;
    postal_address: string | null;
    workplace: string | null;
    filed_at: Date;
    received_on: string;
    period_days: number;
    due_on: string;
    extended_by: string | null;
    extended_at: Date | null;
    extension_reason: string | null;
    status: ComplaintStatus;
    answered_by: string | null;
    answered_at: Date | null;
    answer: string | null;
  };
}

export type ComplaintDb = Kysely<ComplaintTables>;
export type ComplaintTx = Transaction<ComplaintTables>;
type Db = ComplaintDb | ComplaintTx;
type Row = ComplaintTables['complaints.complaint'];

export interface Complaint {
  readonly id: string;
  readonly filedBy: string;
  readonly subjectFin: string;
  readonly requestId: string | null;
  readonly registryNumber: string;
  readonly agency: string;
  readonly subject: string;
  readonly text: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly patronymic: string;
  readonly address: string;
  readonly email: string | null;
  readonly postalAddress: string | null;
  readonly workplace: string | null;
  readonly filedAt: Date;
  readonly receivedOn: string;
  readonly periodDays: 15 | 30;
  readonly dueOn: string;
  readonly extendedBy: string | null;
  readonly extendedAt: Date | null;
  readonly extensionReason: string | null;
  readonly status: ComplaintStatus;
  readonly answeredBy: string | null;
  readonly answeredAt: Date | null;
  readonly answer: string | null;
}

function toComplaint(row: Row): Complaint {
  return {
    id: row.id,
    filedBy: row.filed_by,
    subjectFin: row.subject_fin,
    requestId: row.request_id,
    registryNumber: row.registry_number,
    agency: row.agency,
    subject: row.subject,
    text: row.text,
    firstName: row.first_name,
    lastName: row.last_name,
    patronymic: row.patronymic,
    address: row.address,
    email: row.email,
    postalAddress: row.postal_address,
    workplace: row.workplace,
    filedAt: row.filed_at,
    receivedOn: row.received_on,
    periodDays: row.period_days === 30 ? 30 : 15,
    dueOn: row.due_on,
    extendedBy: row.extended_by,
    extendedAt: row.extended_at,
    extensionReason: row.extension_reason,
    status: row.status,
    answeredBy: row.answered_by,
    answeredAt: row.answered_at,
    answer: row.answer,
  };
}

export type NewComplaint = Omit<
  Complaint,
  | 'extendedBy'
  | 'extendedAt'
  | 'extensionReason'
  | 'status'
  | 'answeredBy'
  | 'answeredAt'
  | 'answer'
>;

export async function insertComplaint(db: Db, c: NewComplaint): Promise<void> {
  await db
    .insertInto('complaints.complaint')
    .values({
      id: c.id,
      filed_by: c.filedBy,
      subject_fin: c.subjectFin,
      request_id: c.requestId,
      registry_number: c.registryNumber,
      agency: c.agency,
      subject: c.subject,
      text: c.text,
      first_name: c.firstName,
      last_name: c.lastName,
      patronymic: c.patronymic,
      address: c.address,
      email: c.email,
      postal_address: c.postalAddress,
      workplace: c.workplace,
      filed_at: c.filedAt,
      received_on: c.receivedOn,
      period_days: c.periodDays,
      due_on: c.dueOn,
      extended_by: null,
      extended_at: null,
      extension_reason: null,
      status: 'received',
      answered_by: null,
      answered_at: null,
      answer: null,
    })
    .execute();
}

export async function findComplaint(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Complaint | undefined> {
  let query = db.selectFrom('complaints.complaint').selectAll().where('id', '=', id);
  if (options.forUpdate === true) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toComplaint(row);
}

/**
 * A person's complaints: `subject` set → those concerning that person (acting for a child or
 * ward); otherwise those the person filed or that concern them. Newest first.
 */
export async function listForPerson(
  db: Db,
  who: { readonly fin: string; readonly subject?: string | undefined },
  status: ComplaintStatus | undefined,
): Promise<Complaint[]> {
  let query = db.selectFrom('complaints.complaint').selectAll();
  query =
    who.subject === undefined
      ? query.where((eb) => eb.or([eb('filed_by', '=', who.fin), eb('subject_fin', '=', who.fin)]))
      : query.where('subject_fin', '=', who.subject);
  if (status !== undefined) query = query.where('status', '=', status);
  const rows = await query.orderBy('filed_at', 'desc').orderBy('id').limit(500).execute();
  return rows.map(toComplaint);
}

/**
 * An agency's complaints, the ones still to answer first, earliest due first. `overdueBefore`:
 * only unanswered complaints due before that date.
 */
export async function listForAgency(
  db: Db,
  filter: {
    readonly agency: string;
    readonly status?: ComplaintStatus | undefined;
    readonly overdueBefore?: string | undefined;
    readonly limit: number;
    readonly offset: number;
  },
): Promise<{ items: Complaint[]; total: number }> {
  let query = db.selectFrom('complaints.complaint').where('agency', '=', filter.agency);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.overdueBefore !== undefined) {
    query = query.where('status', '=', 'received').where('due_on', '<', filter.overdueBefore);
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy(sql`CASE WHEN status = 'received' THEN 0 ELSE 1 END`)
      .orderBy('due_on')
      .orderBy('filed_at')
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toComplaint), total: count.n };
}

export async function countOverdue(db: Db, agency: string, today: string): Promise<number> {
  const row = await db
    .selectFrom('complaints.complaint')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('agency', '=', agency)
    .where('status', '=', 'received')
    .where('due_on', '<', today)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function recordExtension(
  db: Db,
  id: string,
  extension: { by: string; at: Date; reason: string; dueOn: string },
): Promise<void> {
  await db
    .updateTable('complaints.complaint')
    .set({
      period_days: 30,
      due_on: extension.dueOn,
      extended_by: extension.by,
      extended_at: extension.at,
      extension_reason: extension.reason,
    })
    .where('id', '=', id)
    .where('extended_at', 'is', null)
    .execute();
}

export async function recordAnswer(
  db: Db,
  id: string,
  answer: { by: string; at: Date; text: string },
): Promise<void> {
  await db
    .updateTable('complaints.complaint')
    .set({
      status: 'answered',
      answered_by: answer.by,
      answered_at: answer.at,
      answer: answer.text,
    })
    .where('id', '=', id)
    .where('status', '=', 'received')
    .execute();
}
