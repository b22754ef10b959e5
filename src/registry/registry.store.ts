import { sql, type Kysely, type Transaction } from 'kysely';
import type { ApplicationFields, LegalBasisItem } from './registry.schema.ts';

type Kind = 'register' | 'modify' | 'cancel';
type AppStatus = 'pending' | 'approved' | 'refused';
type ServiceStatus = 'registered' | 'cancelled';
type User = ApplicationFields['users'][number];

export interface RegistryTables {
  'registry.application': {
    id: string;
    kind: Kind;
    provider: string;
    registry_number: string | null;
    fields: ApplicationFields | string;
    canonical_fields: string;
    certificate_der: Uint8Array | Buffer;
    certificate_serial: string;
    certificate_subject: string;
    signature: string;
    submitted_by: string;
    submitted_at: Date;
    received_on: string;
    due_on: string;
    due_provisional: boolean;
    status: AppStatus;
    decided_by: string | null;
    decided_at: Date | null;
    refusal_reason: string | null;
    seed_key: string | null;
  };
  'registry.service': {
    registry_number: string;
    provider: string;
    domain: string;
    name_az: string;
    name_en: string;
    content_az: string;
    content_en: string;
    other_executors: string[] | string;
    legal_basis: LegalBasisItem[] | string;
    type: 'informative' | 'interactive';
    paid: boolean;
    users: User[] | string;
    web_address: string;
    status: ServiceStatus;
    version: number;
    registered_at: Date;
    modified_at: Date;
    cancelled_at: Date | null;
    seed_key: string | null;
    search_name: string;
    search_content: string;
  };
  'registry.service_event': {
    registry_number: string;
    version: number;
    kind: Kind;
    application_id: string;
    at: Date;
    decided_by: string;
    fields: ApplicationFields | string;
  };
  'registry.notification': {
    id: string;
    provider: string;
    application_id: string;
    kind: 'approved' | 'refused';
    registry_number: string | null;
    reason: string | null;
    created_at: Date;
  };
  'registry.service_usage': {
    registry_number: string;
    month: string;
    uses: number;
  };
}

export type RegistryDb = Kysely<RegistryTables>;
type Db = RegistryDb | Transaction<RegistryTables>;

/** jsonb comes back parsed from both engines; a string only if a driver left it as text. */
function json<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

export interface Application {
  readonly id: string;
  readonly kind: Kind;
  readonly provider: string;
  readonly registryNumber: string | null;
  readonly fields: ApplicationFields;
  readonly canonicalFields: string;
  readonly certificateDer: Uint8Array;
  readonly certificateSerial: string;
  readonly certificateSubject: string;
  readonly signature: string;
  readonly submittedBy: string;
  readonly submittedAt: Date;
  readonly receivedOn: string;
  readonly dueOn: string;
  readonly dueProvisional: boolean;
  readonly status: AppStatus;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly refusalReason: string | null;
  readonly seedKey: string | null;
}

type ApplicationRow = RegistryTables['registry.application'];

function toApplication(row: ApplicationRow): Application {
  return {
    id: row.id,
    kind: row.kind,
    provider: row.provider,
    registryNumber: row.registry_number,
    fields: json(row.fields),
    canonicalFields: row.canonical_fields,
    certificateDer: new Uint8Array(row.certificate_der),
    certificateSerial: row.certificate_serial,
    certificateSubject: row.certificate_subject,
    signature: row.signature,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    receivedOn: String(row.received_on),
    dueOn: String(row.due_on),
    dueProvisional: row.due_provisional,
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    refusalReason: row.refusal_reason,
    seedKey: row.seed_key,
  };
}

export async function insertApplication(db: Db, application: Application): Promise<void> {
  await db
    .insertInto('registry.application')
    .values({
      id: application.id,
      kind: application.kind,
      provider: application.provider,
      registry_number: application.registryNumber,
      fields: JSON.stringify(application.fields),
      canonical_fields: application.canonicalFields,
      // node-postgres sends a Buffer as bytea; PGlite takes either.
      certificate_der: Buffer.from(application.certificateDer),
      certificate_serial: application.certificateSerial,
      certificate_subject: application.certificateSubject,
      signature: application.signature,
      submitted_by: application.submittedBy,
      submitted_at: application.submittedAt,
      received_on: application.receivedOn,
      due_on: application.dueOn,
      due_provisional: application.dueProvisional,
      status: application.status,
      decided_by: null,
      decided_at: null,
      refusal_reason: null,
      seed_key: application.seedKey,
    })
    .execute();
}

export async function findApplication(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Application | undefined> {
  let query = db.selectFrom('registry.application').selectAll().where('id', '=', id);
  if (options.forUpdate === true) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toApplication(row);
}

export async function findPendingSeedApplication(
  db: Db,
  seedKey: string,
): Promise<Application | undefined> {
  const row = await db
    .selectFrom('registry.application')
    .selectAll()
    .where('seed_key', '=', seedKey)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row === undefined ? undefined : toApplication(row);
}

export async function listApplications(
  db: Db,
  filter: {
    readonly providers?: readonly string[] | undefined;
    readonly status?: AppStatus | undefined;
    readonly overdueOn?: string | undefined;
    readonly limit: number;
    readonly offset: number;
  },
): Promise<Application[]> {
  let query = db.selectFrom('registry.application').selectAll();
  if (filter.providers !== undefined) {
    if (filter.providers.length === 0) return [];
    query = query.where('provider', 'in', filter.providers);
  }
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.overdueOn !== undefined) {
    query = query.where('status', '=', 'pending').where('due_on', '<', filter.overdueOn);
  }
  const rows = await query
    .orderBy('submitted_at', 'desc')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return rows.map(toApplication);
}

export async function listApplicationsOfService(
  db: Db,
  registryNumber: string,
): Promise<Application[]> {
  const rows = await db
    .selectFrom('registry.application')
    .selectAll()
    .where('registry_number', '=', registryNumber)
    .orderBy('submitted_at')
    .orderBy('id')
    .limit(10000)
    .execute();
  return rows.map(toApplication);
}

/** Decides a pending application; false when it was not pending any more (decided meanwhile). */
export async function markDecided(
  db: Db,
  id: string,
  decision: {
    readonly status: 'approved' | 'refused';
    readonly by: string;
    readonly at: Date;
    readonly reason: string | null;
    readonly registryNumber: string | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('registry.application')
    .set({
      status: decision.status,
      decided_by: decision.by,
      decided_at: decision.at,
      refusal_reason: decision.reason,
      ...(decision.registryNumber === null ? {} : { registry_number: decision.registryNumber }),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The next registry number: `ES-` and the sequence's next value, six digits or more. */
export async function nextRegistryNumber(db: Db): Promise<string> {
  const result = await sql<{
    n: string | number;
  }>`SELECT nextval('registry.registry_number_seq') AS n`.execute(db);
  const n = result.rows[0]?.n;
  if (n === undefined) throw new Error('registry number sequence returned nothing');
  return `ES-${String(n).padStart(6, '0')}`;
}

export interface Service {
  readonly registryNumber: string;
  readonly provider: string;
  readonly domain: string;
  readonly nameAz: string;
  readonly nameEn: string;
  readonly contentAz: string;
  readonly contentEn: string;
  readonly otherExecutors: string[];
  readonly legalBasis: LegalBasisItem[];
  readonly type: 'informative' | 'interactive';
  readonly paid: boolean;
  readonly users: User[];
  readonly webAddress: string;
  readonly status: ServiceStatus;
  readonly version: number;
  readonly registeredAt: Date;
  readonly modifiedAt: Date;
  readonly cancelledAt: Date | null;
  readonly seedKey: string | null;
}

type ServiceRow = RegistryTables['registry.service'];

function toService(row: ServiceRow): Service {
  return {
    registryNumber: row.registry_number,
    provider: row.provider,
    domain: row.domain,
    nameAz: row.name_az,
    nameEn: row.name_en,
    contentAz: row.content_az,
    contentEn: row.content_en,
    otherExecutors: json(row.other_executors),
    legalBasis: json(row.legal_basis),
    type: row.type,
    paid: row.paid,
    users: json(row.users),
    webAddress: row.web_address,
    status: row.status,
    version: row.version,
    registeredAt: row.registered_at,
    modifiedAt: row.modified_at,
    cancelledAt: row.cancelled_at,
    seedKey: row.seed_key,
  };
}

export async function findService(
  db: Db,
  registryNumber: string,
  options: { forUpdate?: boolean } = {},
): Promise<Service | undefined> {
  let query = db
    .selectFrom('registry.service')
    .selectAll()
    .where('registry_number', '=', registryNumber);
  if (options.forUpdate === true) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toService(row);
}

export async function findServiceBySeedKey(db: Db, seedKey: string): Promise<Service | undefined> {
  const row = await db
    .selectFrom('registry.service')
    .selectAll()
    .where('seed_key', '=', seedKey)
    .executeTakeFirst();
  return row === undefined ? undefined : toService(row);
}

/** The columns a service's fields fill, with the search texts. */
function serviceData(fields: ApplicationFields, search: { name: string; content: string }) {
  return {
    provider: fields.provider,
    domain: fields.domain,
    name_az: fields.nameAz,
    name_en: fields.nameEn,
    content_az: fields.contentAz,
    content_en: fields.contentEn,
    other_executors: JSON.stringify(fields.otherExecutors),
    legal_basis: JSON.stringify(fields.legalBasis),
    type: fields.type,
    paid: fields.paid,
    users: JSON.stringify(fields.users),
    web_address: fields.webAddress,
    search_name: search.name,
    search_content: search.content,
  };
}

export async function insertService(
  db: Db,
  input: {
    readonly registryNumber: string;
    readonly fields: ApplicationFields;
    readonly at: Date;
    readonly seedKey: string | null;
    readonly search: { name: string; content: string };
  },
): Promise<void> {
  await db
    .insertInto('registry.service')
    .values({
      registry_number: input.registryNumber,
      ...serviceData(input.fields, input.search),
      status: 'registered',
      version: 1,
      registered_at: input.at,
      modified_at: input.at,
      cancelled_at: null,
      seed_key: input.seedKey,
    })
    .execute();
}

/**
 * Many registrations at once (the catalogue benchmark's 10,000 services; a bulk import). Rows go
 * in multi-row INSERTs of 500, in the caller's transaction if any; no events are written, so use
 * it only where the history is recorded elsewhere or not needed (benchmarks).
 */
export async function insertServices(
  db: Db,
  rows: readonly {
    readonly registryNumber: string;
    readonly fields: ApplicationFields;
    readonly at: Date;
    readonly search: { name: string; content: string };
  }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('registry.service')
      .values(
        rows.slice(i, i + 500).map((input) => ({
          registry_number: input.registryNumber,
          ...serviceData(input.fields, input.search),
          status: 'registered' as const,
          version: 1,
          registered_at: input.at,
          modified_at: input.at,
          cancelled_at: null,
          seed_key: null,
        })),
      )
      .execute();
  }
}

export async function updateService(
  db: Db,
  input: {
    readonly registryNumber: string;
    readonly fields: ApplicationFields;
    readonly at: Date;
    readonly version: number;
    readonly cancel: boolean;
    readonly search: { name: string; content: string };
  },
): Promise<void> {
  await db
    .updateTable('registry.service')
    .set({
      ...serviceData(input.fields, input.search),
      version: input.version,
      modified_at: input.at,
      ...(input.cancel ? { status: 'cancelled' as const, cancelled_at: input.at } : {}),
    })
    .where('registry_number', '=', input.registryNumber)
    .execute();
}

export async function insertServiceEvent(
  db: Db,
  event: {
    readonly registryNumber: string;
    readonly version: number;
    readonly kind: Kind;
    readonly applicationId: string;
    readonly at: Date;
    readonly decidedBy: string;
    readonly fields: ApplicationFields;
  },
): Promise<void> {
  await db
    .insertInto('registry.service_event')
    .values({
      registry_number: event.registryNumber,
      version: event.version,
      kind: event.kind,
      application_id: event.applicationId,
      at: event.at,
      decided_by: event.decidedBy,
      fields: JSON.stringify(event.fields),
    })
    .execute();
}

export interface ServiceEvent {
  readonly version: number;
  readonly kind: Kind;
  readonly applicationId: string;
  readonly at: Date;
  readonly decidedBy: string;
  readonly fields: ApplicationFields;
}

export async function listServiceEvents(db: Db, registryNumber: string): Promise<ServiceEvent[]> {
  const rows = await db
    .selectFrom('registry.service_event')
    .selectAll()
    .where('registry_number', '=', registryNumber)
    .orderBy('version')
    .execute();
  return rows.map((row) => ({
    version: row.version,
    kind: row.kind,
    applicationId: row.application_id,
    at: row.at,
    decidedBy: row.decided_by,
    fields: json(row.fields),
  }));
}

export interface CatalogFilter {
  readonly words: readonly string[];
  readonly provider?: string | undefined;
  readonly domain?: string | undefined;
  readonly type?: 'informative' | 'interactive' | undefined;
  readonly paid?: boolean | undefined;
  readonly user?: User | undefined;
  readonly limit: number;
  readonly offset: number;
}

/**
 * Relevance of one query word (already folded, so it holds letters and digits only): a match in
 * the name outranks any match in the content; within each, a whole word outranks the start of a
 * word, which outranks a match inside a word. 0: no match.
 */
function wordScore(word: string) {
  const whole = ` ${word} `;
  const start = ` ${word}`;
  return sql<number>`(CASE
    WHEN strpos(search_name, ${whole}) > 0 THEN 60
    WHEN strpos(search_name, ${start}) > 0 THEN 50
    WHEN strpos(search_name, ${word}) > 0 THEN 40
    WHEN strpos(search_content, ${whole}) > 0 THEN 30
    WHEN strpos(search_content, ${start}) > 0 THEN 20
    WHEN strpos(search_content, ${word}) > 0 THEN 10
    ELSE 0 END)`;
}

/** listServices: registered services matching every query word and the filters, best first. */
export async function searchServices(
  db: Db,
  filter: CatalogFilter,
): Promise<{ items: Service[]; total: number }> {
  let query = db.selectFrom('registry.service').where('status', '=', 'registered');
  if (filter.provider !== undefined) query = query.where('provider', '=', filter.provider);
  if (filter.domain !== undefined) query = query.where('domain', '=', filter.domain);
  if (filter.type !== undefined) query = query.where('type', '=', filter.type);
  if (filter.paid !== undefined) query = query.where('paid', '=', filter.paid);
  if (filter.user !== undefined) {
    query = query.where(sql<boolean>`users @> ${JSON.stringify([filter.user])}::jsonb`);
  }
  for (const word of filter.words) {
    query = query.where(
      sql<boolean>`(strpos(search_name, ${word}) > 0 OR strpos(search_content, ${word}) > 0)`,
    );
  }
  let ranked = query.selectAll();
  if (filter.words.length > 0) {
    const score = sql<number>`(${sql.join(
      filter.words.map((w) => wordScore(w)),
      sql` + `,
    )})`;
    ranked = ranked.orderBy(score, 'desc');
  }
  // One scan: the total rides along with the page (count(*) OVER ()); only a page past the end
  // needs a second query for it (issue 5 item 8 benchmark: two scans cost twice on PGlite).
  const rows = await ranked
    .select(sql<number>`count(*) OVER ()`.as('total_count'))
    .orderBy('search_name')
    .orderBy('registry_number')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  let total = Number(rows[0]?.total_count ?? 0);
  if (rows.length === 0 && filter.offset > 0) {
    const count = await query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
    total = Number(count?.n ?? 0);
  }
  return { items: rows.map(toService), total };
}

export async function insertNotification(
  db: Db,
  notification: RegistryTables['registry.notification'],
): Promise<void> {
  await db.insertInto('registry.notification').values(notification).execute();
}

export async function listNotifications(
  db: Db,
  providers: readonly string[],
): Promise<RegistryTables['registry.notification'][]> {
  if (providers.length === 0) return [];
  return db
    .selectFrom('registry.notification')
    .selectAll()
    .where('provider', 'in', providers)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
}

/** Adds `uses` to a service's count for a month (first day of the month, Baku). */
export async function addUsage(
  db: Db,
  registryNumber: string,
  month: string,
  uses: number,
  options: { onlyIfAbsent?: boolean } = {},
): Promise<void> {
  await db
    .insertInto('registry.service_usage')
    .values({ registry_number: registryNumber, month, uses })
    .onConflict((oc) =>
      options.onlyIfAbsent === true
        ? oc.columns(['registry_number', 'month']).doNothing()
        : oc
            .columns(['registry_number', 'month'])
            .doUpdateSet({ uses: sql<number>`registry.service_usage.uses + excluded.uses` }),
    )
    .execute();
}

export async function listUsage(
  db: Db,
  filter: {
    registryNumber?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
): Promise<{ registryNumber: string; month: string; uses: number }[]> {
  let query = db.selectFrom('registry.service_usage').selectAll();
  if (filter.registryNumber !== undefined) {
    query = query.where('registry_number', '=', filter.registryNumber);
  }
  if (filter.from !== undefined) query = query.where('month', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('month', '<=', filter.to);
  const rows = await query.orderBy('month').orderBy('registry_number').limit(10000).execute();
  return rows.map((r) => ({
    registryNumber: r.registry_number,
    month: String(r.month).slice(0, 7),
    uses: Number(r.uses),
  }));
}
