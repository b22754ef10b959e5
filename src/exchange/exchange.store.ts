import { sql, type Kysely, type Transaction } from 'kysely';
import type {
  AccessGrant,
  DataAccess,
  ExchangeService,
  LegalAct,
  Member,
  MemberEvent,
  MemberStatus,
  MonitoringRow,
  Subsystem,
} from './exchange.schema.ts';

/** The exchange schema's tables (one module, one schema: STYLE.md §1). */
export interface ExchangeTables {
  'exchange.member': {
    code: string;
    name_az: string;
    name_en: string;
    legal_form: string;
    status: MemberStatus;
    status_reason: string | null;
    created_at: Date;
  };
  'exchange.member_event': {
    id?: number;
    member_code: string;
    event: 'registered' | 'suspended' | 'reinstated';
    reason: string | null;
    actor: string;
    at: Date;
  };
  'exchange.subsystem': {
    member_code: string;
    code: string;
    name: string;
    certificate_pem: string;
    certificate_serial: string;
    certificate_thumbprint: string;
    endpoint_url: string | null;
    created_at: Date;
  };
  'exchange.legal_act': {
    id: string;
    kind: string;
    title_az: string;
    title_en: string;
    number: string | null;
    adopted_on: string | null;
    created_at: Date;
  };
  'exchange.service': {
    provider_member: string;
    provider_subsystem: string;
    code: string;
    version: number;
    title_az: string;
    title_en: string;
    request_schema: unknown;
    response_schema: unknown;
    subject_is_person: boolean;
    data_classification: 'open' | 'official-use' | 'restricted';
    archive_bodies: boolean;
    timeout_ms: number;
    created_at: Date;
  };
  'exchange.access_grant': {
    id: string;
    client_member: string;
    client_subsystem: string;
    provider_member: string;
    provider_subsystem: string;
    service_code: string;
    legal_act_id: string;
    legal_article: string | null;
    purposes: string[];
    data_items: string[];
    valid_from: Date;
    valid_until: Date | null;
    verified_by: string;
    verified_at: Date;
    created_at: Date;
    revoked_at: Date | null;
    revoked_by: string | null;
    revocation_reason: string | null;
  };
  'exchange.idempotency': {
    client: string;
    key: string;
    service: string;
    request_hash: string;
    status: number;
    response: unknown;
    created_at: Date;
  };
  'exchange.message': {
    seq: number;
    at: Date;
    message_id: string;
    client: string;
    service: string;
    actor: string | null;
    subject_fin: string | null;
    purpose: string | null;
    grant_id: string | null;
    legal_basis: string | null;
    idempotency_key: string | null;
    request_hash: string | null;
    response_hash: string | null;
    request_signature: string | null;
    response_signature: string | null;
    outcome: 'success' | 'refused' | 'failed';
    status: number;
    error_type: string | null;
    latency_ms: number;
    request_body: unknown;
    response_body: unknown;
    prev_hash: string;
    hash: string;
  };
}

type Db = Kysely<ExchangeTables> | Transaction<ExchangeTables>;

export type ServiceRow = ExchangeTables['exchange.service'];
export type SubsystemRow = ExchangeTables['exchange.subsystem'];
export type GrantRow = ExchangeTables['exchange.access_grant'];

export function serviceId(member: string, subsystem: string, code: string): string {
  return `${member}/${subsystem}/${code}`;
}

function toSubsystem(row: SubsystemRow): Subsystem {
  return {
    member: row.member_code,
    code: row.code,
    name: row.name,
    certificateSerial: row.certificate_serial,
    certificateThumbprint: row.certificate_thumbprint,
    endpointUrl: row.endpoint_url,
  };
}

export function toService(row: ServiceRow): ExchangeService {
  return {
    id: serviceId(row.provider_member, row.provider_subsystem, row.code),
    member: row.provider_member,
    subsystem: row.provider_subsystem,
    code: row.code,
    version: row.version,
    titleAz: row.title_az,
    titleEn: row.title_en,
    subjectIsPerson: row.subject_is_person,
    dataClassification: row.data_classification,
    timeoutMs: row.timeout_ms,
    requestSchema: row.request_schema,
    responseSchema: row.response_schema,
  };
}

// ---- members ----

export async function insertMember(
  db: Db,
  member: { code: string; nameAz: string; nameEn: string; legalForm: string },
  actor: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto('exchange.member')
    .values({
      code: member.code,
      name_az: member.nameAz,
      name_en: member.nameEn,
      legal_form: member.legalForm,
      status: 'active',
      status_reason: null,
      created_at: at,
    })
    .execute();
  await db
    .insertInto('exchange.member_event')
    .values({ member_code: member.code, event: 'registered', reason: null, actor, at })
    .execute();
}

export async function setMemberStatus(
  db: Db,
  code: string,
  status: MemberStatus,
  reason: string,
  actor: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('exchange.member')
    .set({ status, status_reason: status === 'suspended' ? reason : null })
    .where('code', '=', code)
    .execute();
  await db
    .insertInto('exchange.member_event')
    .values({
      member_code: code,
      event: status === 'suspended' ? 'suspended' : 'reinstated',
      reason,
      actor,
      at,
    })
    .execute();
}

export async function findMemberStatus(db: Db, code: string): Promise<MemberStatus | undefined> {
  const row = await db
    .selectFrom('exchange.member')
    .select('status')
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.status;
}

export async function listMembers(db: Db): Promise<Member[]> {
  const [members, subsystems, events] = await Promise.all([
    db.selectFrom('exchange.member').selectAll().orderBy('code').execute(),
    db
      .selectFrom('exchange.subsystem')
      .selectAll()
      .orderBy('member_code')
      .orderBy('code')
      .execute(),
    db.selectFrom('exchange.member_event').selectAll().orderBy('id').execute(),
  ]);
  return members.map((m) => ({
    code: m.code,
    nameAz: m.name_az,
    nameEn: m.name_en,
    legalForm: m.legal_form,
    status: m.status,
    statusReason: m.status_reason,
    subsystems: subsystems.filter((s) => s.member_code === m.code).map(toSubsystem),
    history: events
      .filter((e) => e.member_code === m.code)
      .map((e): MemberEvent => ({
        event: e.event,
        reason: e.reason,
        actor: e.actor,
        at: e.at.toISOString(),
      })),
  }));
}

// ---- subsystems ----

export async function insertSubsystem(db: Db, row: SubsystemRow): Promise<void> {
  await db.insertInto('exchange.subsystem').values(row).execute();
}

export async function findSubsystemByThumbprint(
  db: Db,
  thumbprint: string,
): Promise<SubsystemRow | undefined> {
  return db
    .selectFrom('exchange.subsystem')
    .selectAll()
    .where('certificate_thumbprint', '=', thumbprint)
    .executeTakeFirst();
}

export async function findSubsystem(
  db: Db,
  member: string,
  code: string,
): Promise<SubsystemRow | undefined> {
  return db
    .selectFrom('exchange.subsystem')
    .selectAll()
    .where('member_code', '=', member)
    .where('code', '=', code)
    .executeTakeFirst();
}

// ---- legal acts ----

export async function upsertLegalAct(db: Db, act: LegalAct, at: Date): Promise<void> {
  await db
    .insertInto('exchange.legal_act')
    .values({
      id: act.id,
      kind: act.kind,
      title_az: act.titleAz,
      title_en: act.titleEn,
      number: act.number,
      adopted_on: act.adoptedOn,
      created_at: at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function listLegalActs(db: Db): Promise<LegalAct[]> {
  const rows = await db.selectFrom('exchange.legal_act').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    titleAz: r.title_az,
    titleEn: r.title_en,
    number: r.number,
    adoptedOn: r.adopted_on,
  }));
}

// ---- services ----

export async function upsertService(db: Db, row: ServiceRow): Promise<void> {
  await db
    .insertInto('exchange.service')
    .values({
      ...row,
      request_schema: JSON.stringify(row.request_schema),
      response_schema: JSON.stringify(row.response_schema),
    })
    .onConflict((oc) =>
      oc.columns(['provider_member', 'provider_subsystem', 'code']).doUpdateSet((eb) => ({
        version: eb.ref('excluded.version'),
        title_az: eb.ref('excluded.title_az'),
        title_en: eb.ref('excluded.title_en'),
        request_schema: eb.ref('excluded.request_schema'),
        response_schema: eb.ref('excluded.response_schema'),
        subject_is_person: eb.ref('excluded.subject_is_person'),
        data_classification: eb.ref('excluded.data_classification'),
        archive_bodies: eb.ref('excluded.archive_bodies'),
        timeout_ms: eb.ref('excluded.timeout_ms'),
      })),
    )
    .execute();
}

export async function findService(
  db: Db,
  member: string,
  subsystem: string,
  code: string,
): Promise<ServiceRow | undefined> {
  return db
    .selectFrom('exchange.service')
    .selectAll()
    .where('provider_member', '=', member)
    .where('provider_subsystem', '=', subsystem)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function listServices(db: Db): Promise<ServiceRow[]> {
  return db
    .selectFrom('exchange.service')
    .selectAll()
    .orderBy('provider_member')
    .orderBy('provider_subsystem')
    .orderBy('code')
    .execute();
}

// ---- grants ----

export async function insertGrant(db: Db, row: GrantRow): Promise<void> {
  await db.insertInto('exchange.access_grant').values(row).execute();
}

export async function revokeGrant(
  db: Db,
  id: string,
  by: string,
  reason: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('exchange.access_grant')
    .set({ revoked_at: at, revoked_by: by, revocation_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findGrant(db: Db, id: string): Promise<GrantRow | undefined> {
  return db.selectFrom('exchange.access_grant').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Unrevoked grants of one client for one service (the gateway filters by time and purpose). */
export async function grantsFor(
  db: Db,
  client: { member: string; subsystem: string },
  service: { member: string; subsystem: string; code: string },
): Promise<GrantRow[]> {
  return db
    .selectFrom('exchange.access_grant')
    .selectAll()
    .where('client_member', '=', client.member)
    .where('client_subsystem', '=', client.subsystem)
    .where('provider_member', '=', service.member)
    .where('provider_subsystem', '=', service.subsystem)
    .where('service_code', '=', service.code)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function listGrants(
  db: Db,
  filter: {
    client?: string | undefined;
    service?: string | undefined;
    active?: boolean | undefined;
    now: Date;
    limit: number;
    offset: number;
  },
): Promise<{ grant: GrantRow; act: ExchangeTables['exchange.legal_act'] }[]> {
  let query = db
    .selectFrom('exchange.access_grant as g')
    .innerJoin('exchange.legal_act as a', 'a.id', 'g.legal_act_id')
    .selectAll('g')
    .select([
      'a.kind as act_kind',
      'a.title_az as act_title_az',
      'a.title_en as act_title_en',
      'a.number as act_number',
      'a.adopted_on as act_adopted_on',
      'a.created_at as act_created_at',
    ]);
  if (filter.client !== undefined) {
    const [member = '', subsystem = ''] = filter.client.split('/');
    query = query.where('g.client_member', '=', member).where('g.client_subsystem', '=', subsystem);
  }
  if (filter.service !== undefined) {
    const [member = '', subsystem = '', code = ''] = filter.service.split('/');
    query = query
      .where('g.provider_member', '=', member)
      .where('g.provider_subsystem', '=', subsystem)
      .where('g.service_code', '=', code);
  }
  if (filter.active === true) {
    query = query
      .where('g.revoked_at', 'is', null)
      .where('g.valid_from', '<=', filter.now)
      .where((eb) =>
        eb.or([eb('g.valid_until', 'is', null), eb('g.valid_until', '>', filter.now)]),
      );
  } else if (filter.active === false) {
    query = query.where((eb) =>
      eb.or([
        eb('g.revoked_at', 'is not', null),
        eb('g.valid_from', '>', filter.now),
        eb('g.valid_until', '<=', filter.now),
      ]),
    );
  }
  const rows = await query
    .orderBy('g.created_at', 'desc')
    .orderBy('g.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return rows.map((r) => ({
    grant: {
      id: r.id,
      client_member: r.client_member,
      client_subsystem: r.client_subsystem,
      provider_member: r.provider_member,
      provider_subsystem: r.provider_subsystem,
      service_code: r.service_code,
      legal_act_id: r.legal_act_id,
      legal_article: r.legal_article,
      purposes: r.purposes,
      data_items: r.data_items,
      valid_from: r.valid_from,
      valid_until: r.valid_until,
      verified_by: r.verified_by,
      verified_at: r.verified_at,
      created_at: r.created_at,
      revoked_at: r.revoked_at,
      revoked_by: r.revoked_by,
      revocation_reason: r.revocation_reason,
    },
    act: {
      id: r.legal_act_id,
      kind: r.act_kind,
      title_az: r.act_title_az,
      title_en: r.act_title_en,
      number: r.act_number,
      adopted_on: r.act_adopted_on,
      created_at: r.act_created_at,
    },
  }));
}

export async function findGrantWithAct(
  db: Db,
  id: string,
): Promise<{ grant: GrantRow; act: ExchangeTables['exchange.legal_act'] } | undefined> {
  const grant = await findGrant(db, id);
  if (grant === undefined) return undefined;
  const act = await db
    .selectFrom('exchange.legal_act')
    .selectAll()
    .where('id', '=', grant.legal_act_id)
    .executeTakeFirstOrThrow();
  return { grant, act };
}

export function toGrant(
  row: GrantRow,
  act: ExchangeTables['exchange.legal_act'],
  now: Date,
): AccessGrant {
  const active =
    row.revoked_at === null &&
    row.valid_from <= now &&
    (row.valid_until === null || row.valid_until > now);
  return {
    id: row.id,
    client: `${row.client_member}/${row.client_subsystem}`,
    service: serviceId(row.provider_member, row.provider_subsystem, row.service_code),
    legalBasis: {
      actId: act.id,
      actTitle: act.title_en,
      actNumber: act.number,
      actDate: act.adopted_on,
      article: row.legal_article,
    },
    purposes: row.purposes,
    dataItems: row.data_items,
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until?.toISOString() ?? null,
    verifiedBy: row.verified_by,
    verifiedAt: row.verified_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokedBy: row.revoked_by,
    revocationReason: row.revocation_reason,
    active,
  };
}

// ---- idempotency ----

export async function findIdempotent(
  db: Db,
  client: string,
  key: string,
): Promise<ExchangeTables['exchange.idempotency'] | undefined> {
  return db
    .selectFrom('exchange.idempotency')
    .selectAll()
    .where('client', '=', client)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function saveIdempotent(
  db: Db,
  row: ExchangeTables['exchange.idempotency'],
): Promise<void> {
  await db
    .insertInto('exchange.idempotency')
    .values({ ...row, response: JSON.stringify(row.response) })
    .onConflict((oc) => oc.columns(['client', 'key']).doNothing())
    .execute();
}

// ---- data tracker and monitoring (read from the message log) ----

export async function accessesForSubject(
  db: Db,
  fin: string,
  range: { from: Date; to: Date; limit: number },
): Promise<DataAccess[]> {
  const rows = await db
    .selectFrom('exchange.message as m')
    .leftJoin('exchange.member as c', (join) =>
      join.on(sql<boolean>`c.code = split_part(m.client, '/', 1)`),
    )
    .select([
      'm.at',
      'm.client',
      'c.name_az',
      'm.service',
      'm.purpose',
      'm.legal_basis',
      'm.outcome',
      'm.actor',
    ])
    .where('m.subject_fin', '=', fin)
    .where('m.at', '>=', range.from)
    .where('m.at', '<', range.to)
    .where('m.outcome', '=', 'success')
    .orderBy('m.at', 'desc')
    .limit(range.limit)
    .execute();
  return rows.map((r) => ({
    at: r.at.toISOString(),
    client: r.client,
    clientName: r.name_az,
    service: r.service,
    purpose: r.purpose,
    legalBasis: r.legal_basis,
    actor: r.actor,
    outcome: r.outcome,
  }));
}

export async function monitoring(
  db: Db,
  range: { from: Date; to: Date; service?: string | undefined },
): Promise<MonitoringRow[]> {
  let query = db
    .selectFrom('exchange.message')
    .select((eb) => [
      'service',
      'client',
      eb.fn.countAll<number>().as('calls'),
      sql<number>`count(*) FILTER (WHERE outcome = 'failed')`.as('errors'),
      sql<number>`count(*) FILTER (WHERE outcome = 'refused')`.as('refused'),
      sql<number>`percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)`.as('p50'),
      sql<number>`percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)`.as('p95'),
      sql<number>`percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms)`.as('p99'),
    ])
    .where('at', '>=', range.from)
    .where('at', '<', range.to);
  if (range.service !== undefined) query = query.where('service', '=', range.service);
  const rows = await query
    .groupBy(['service', 'client'])
    .orderBy('service')
    .orderBy('client')
    .execute();
  return rows.map((r) => ({
    service: r.service,
    client: r.client,
    calls: Number(r.calls),
    errors: Number(r.errors),
    refused: Number(r.refused),
    p50Ms: Number(r.p50),
    p95Ms: Number(r.p95),
    p99Ms: Number(r.p99),
  }));
}
