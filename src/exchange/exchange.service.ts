import { randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import { sql, type Kysely } from 'kysely';
import type { AuditLog } from '../platform/audit/audit.service.ts';
import { AppError } from '../platform/errors/app-error.ts';
import { NotFound, Validation } from '../platform/errors/platform.errors.ts';
import type { Clock } from '../platform/time/clock.ts';
import { Conflict, UnknownMember, UnknownService } from './exchange.errors.ts';
import type {
  AccessGrant,
  CreateAccessGrantBody,
  DataAccess,
  ExchangeService,
  LegalAct,
  Member,
  Monitoring,
  RegisterMemberBody,
} from './exchange.schema.ts';
import * as store from './exchange.store.ts';
import type { ExchangeTables, ServiceRow } from './exchange.store.ts';
import type { Gateway } from './gateway.ts';

/** Issues a member subsystem's certificate (the platform PKI). */
export interface MemberCertificateIssuer {
  issueMemberCertificate(input: {
    member: string;
    subsystem: string;
    publicKeyJwk: JWK;
  }): Promise<{ pem: string; serial: string; thumbprint: string }>;
}

export interface ExchangeAdminOptions {
  readonly db: Kysely<ExchangeTables>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly gateway: Gateway;
  readonly issuer: MemberCertificateIssuer;
  /** Tells other nodes that members, services or grants changed (their caches drop). */
  readonly notifyChange?: () => Promise<void>;
}

export interface PublishServiceInput {
  readonly member: string;
  readonly subsystem: string;
  readonly code: string;
  readonly version: number;
  readonly titleAz: string;
  readonly titleEn: string;
  readonly requestSchema: object;
  readonly responseSchema: object;
  readonly subjectIsPerson: boolean;
  readonly dataClassification?: 'open' | 'official-use' | 'restricted';
  readonly archiveBodies?: boolean;
  readonly timeoutMs?: number;
}

const WINDOWS: Readonly<Record<string, number>> = {
  '5m': 5 * 60_000,
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
  '7d': 7 * 24 * 60 * 60_000,
};

/**
 * Administration of the exchange (issue 3 items 2–4, 7, 9): members and their subsystems,
 * published services, access grants on a legal basis, the data tracker and monitoring. Every
 * change is audited with the operator who made it.
 */
export class ExchangeAdmin {
  readonly #o: ExchangeAdminOptions;

  constructor(options: ExchangeAdminOptions) {
    this.#o = options;
  }

  async #changed(): Promise<void> {
    this.#o.gateway.invalidate();
    await this.#o.notifyChange?.();
  }

  async listMembers(): Promise<Member[]> {
    return store.listMembers(this.#o.db);
  }

  async registerMember(input: RegisterMemberBody, actor: string): Promise<Member> {
    const now = this.#o.clock.now();
    const inserted = await this.#o.db.transaction().execute(async (trx) => {
      if ((await store.findMemberStatus(trx, input.code)) !== undefined) return false;
      await store.insertMember(trx, input, actor, now);
      return true;
    });
    if (!inserted) throw new AppError(Conflict, { params: { what: input.code } });
    await this.#o.audit.append({
      actor,
      action: 'exchange.member.register',
      resource: `member:${input.code}`,
      outcome: 'success',
    });
    await this.#changed();
    return this.getMember(input.code);
  }

  async getMember(code: string): Promise<Member> {
    const member = (await store.listMembers(this.#o.db)).find((m) => m.code === code);
    if (member === undefined) throw new AppError(UnknownMember);
    return member;
  }

  /** EHIS-001-5.3.1 / 5.3.2: restricting a body's access; its calls are refused from now on. */
  async setMemberStatus(
    code: string,
    status: 'active' | 'suspended',
    reason: string,
    actor: string,
  ): Promise<Member> {
    const now = this.#o.clock.now();
    const current = await store.findMemberStatus(this.#o.db, code);
    if (current === undefined) throw new AppError(UnknownMember);
    if (current !== status) {
      await this.#o.db
        .transaction()
        .execute((trx) => store.setMemberStatus(trx, code, status, reason, actor, now));
      await this.#o.audit.append({
        actor,
        action: status === 'suspended' ? 'exchange.member.suspend' : 'exchange.member.reinstate',
        resource: `member:${code}`,
        purpose: reason.slice(0, 500),
        outcome: 'success',
      });
      await this.#changed();
    }
    return this.getMember(code);
  }

  /**
   * Registers an information system of a member: the platform CA certifies the public key the
   * agency generated (the private key never leaves the agency).
   */
  async registerSubsystem(
    input: {
      member: string;
      code: string;
      name: string;
      publicKeyJwk: JWK;
      endpointUrl?: string | undefined;
    },
    actor: string,
  ): Promise<{ certificatePem: string; thumbprint: string }> {
    if ((await store.findMemberStatus(this.#o.db, input.member)) === undefined)
      throw new AppError(UnknownMember);
    if ((await store.findSubsystem(this.#o.db, input.member, input.code)) !== undefined) {
      throw new AppError(Conflict, { params: { what: `${input.member}/${input.code}` } });
    }
    const certificate = await this.#o.issuer.issueMemberCertificate({
      member: input.member,
      subsystem: input.code,
      publicKeyJwk: input.publicKeyJwk,
    });
    await store.insertSubsystem(this.#o.db, {
      member_code: input.member,
      code: input.code,
      name: input.name,
      certificate_pem: certificate.pem,
      certificate_serial: certificate.serial,
      certificate_thumbprint: certificate.thumbprint,
      endpoint_url: input.endpointUrl ?? null,
      created_at: this.#o.clock.now(),
    });
    await this.#o.audit.append({
      actor,
      action: 'exchange.subsystem.register',
      resource: `subsystem:${input.member}/${input.code}`,
      outcome: 'success',
    });
    await this.#changed();
    return { certificatePem: certificate.pem, thumbprint: certificate.thumbprint };
  }

  async subsystemCertificate(member: string, code: string): Promise<string> {
    const row = await store.findSubsystem(this.#o.db, member, code);
    if (row === undefined) throw new AppError(UnknownMember);
    return row.certificate_pem;
  }

  /** Publishes a service unless the same version with the same contract is already published. */
  async ensureService(input: PublishServiceInput, actor: string): Promise<ExchangeService> {
    const current = (await this.listServices()).find(
      (s) => s.member === input.member && s.subsystem === input.subsystem && s.code === input.code,
    );
    if (
      current !== undefined &&
      current.version === input.version &&
      JSON.stringify(current.requestSchema) === JSON.stringify(input.requestSchema) &&
      JSON.stringify(current.responseSchema) === JSON.stringify(input.responseSchema)
    ) {
      return current;
    }
    return this.publishService(input, actor);
  }

  /** Creates the grant unless one in force already covers the client, service and purposes. */
  async ensureAccessGrant(input: CreateAccessGrantBody, actor: string): Promise<AccessGrant> {
    const existing = await this.listAccessGrants({
      client: `${input.clientMember}/${input.clientSubsystem}`,
      service: store.serviceId(input.providerMember, input.providerSubsystem, input.service),
      active: true,
    });
    const covering = existing.find(
      (g) =>
        g.legalBasis.actId === input.legalActId &&
        input.purposes.every((p) => g.purposes.includes(p)),
    );
    return covering ?? this.createAccessGrant(input, actor);
  }

  async publishService(input: PublishServiceInput, actor: string): Promise<ExchangeService> {
    if ((await store.findSubsystem(this.#o.db, input.member, input.subsystem)) === undefined) {
      throw new AppError(UnknownMember);
    }
    const row: ServiceRow = {
      provider_member: input.member,
      provider_subsystem: input.subsystem,
      code: input.code,
      version: input.version,
      title_az: input.titleAz,
      title_en: input.titleEn,
      request_schema: input.requestSchema,
      response_schema: input.responseSchema,
      subject_is_person: input.subjectIsPerson,
      data_classification: input.dataClassification ?? 'restricted',
      archive_bodies: input.archiveBodies ?? false,
      timeout_ms: input.timeoutMs ?? 5000,
      created_at: this.#o.clock.now(),
    };
    await store.upsertService(this.#o.db, row);
    await this.#o.audit.append({
      actor,
      action: 'exchange.service.publish',
      resource: `service:${store.serviceId(input.member, input.subsystem, input.code)}@${input.version}`,
      outcome: 'success',
    });
    await this.#changed();
    return store.toService(row);
  }

  async listServices(): Promise<ExchangeService[]> {
    return (await store.listServices(this.#o.db)).map(store.toService);
  }

  async upsertLegalActs(acts: readonly LegalAct[]): Promise<void> {
    const now = this.#o.clock.now();
    for (const act of acts) await store.upsertLegalAct(this.#o.db, act, now);
  }

  async listLegalActs(): Promise<LegalAct[]> {
    return store.listLegalActs(this.#o.db);
  }

  /**
   * EHIS-001-5.1: admission only with a recorded legal basis, checked and signed off by the
   * operator acting for the Agency (who and when are recorded).
   */
  async createAccessGrant(input: CreateAccessGrantBody, actor: string): Promise<AccessGrant> {
    const now = this.#o.clock.now();
    const validFrom = input.validFrom === undefined ? now : new Date(input.validFrom);
    const validUntil = input.validUntil === undefined ? null : new Date(input.validUntil);
    if (validUntil !== null && validUntil <= validFrom) {
      throw new AppError(Validation, {
        errors: [{ pointer: '#/validUntil', detail: 'validUntil must be after validFrom' }],
      });
    }
    const client = await store.findSubsystem(this.#o.db, input.clientMember, input.clientSubsystem);
    if (client === undefined) throw new AppError(UnknownMember);
    const services = await store.listServices(this.#o.db);
    if (
      !services.some(
        (s) =>
          s.provider_member === input.providerMember &&
          s.provider_subsystem === input.providerSubsystem &&
          s.code === input.service,
      )
    ) {
      throw new AppError(UnknownService);
    }
    const acts = await store.listLegalActs(this.#o.db);
    if (!acts.some((a) => a.id === input.legalActId)) {
      throw new AppError(Validation, {
        errors: [{ pointer: '#/legalActId', detail: 'unknown legal act' }],
      });
    }
    const id = randomUUID();
    await store.insertGrant(this.#o.db, {
      id,
      client_member: input.clientMember,
      client_subsystem: input.clientSubsystem,
      provider_member: input.providerMember,
      provider_subsystem: input.providerSubsystem,
      service_code: input.service,
      legal_act_id: input.legalActId,
      legal_article: input.legalArticle ?? null,
      purposes: input.purposes,
      data_items: input.dataItems ?? [],
      valid_from: validFrom,
      valid_until: validUntil,
      verified_by: actor,
      verified_at: now,
      created_at: now,
      revoked_at: null,
      revoked_by: null,
      revocation_reason: null,
    });
    await this.#o.audit.append({
      actor,
      action: 'exchange.grant.create',
      resource: `grant:${id}`,
      legalBasis:
        input.legalArticle === undefined
          ? input.legalActId
          : `${input.legalActId} ${input.legalArticle}`,
      purpose: input.purposes.join(','),
      outcome: 'success',
    });
    await this.#changed();
    return this.getGrant(id);
  }

  async getGrant(id: string): Promise<AccessGrant> {
    const now = this.#o.clock.now();
    const found = await store.findGrantWithAct(this.#o.db, id);
    if (found === undefined) throw new AppError(NotFound);
    return store.toGrant(found.grant, found.act, now);
  }

  async revokeAccessGrant(id: string, reason: string, actor: string): Promise<AccessGrant> {
    const now = this.#o.clock.now();
    if ((await store.findGrant(this.#o.db, id)) === undefined) throw new AppError(NotFound);
    if (await store.revokeGrant(this.#o.db, id, actor, reason, now)) {
      await this.#o.audit.append({
        actor,
        action: 'exchange.grant.revoke',
        resource: `grant:${id}`,
        purpose: reason.slice(0, 500),
        outcome: 'success',
      });
      await this.#changed();
    }
    return this.getGrant(id);
  }

  async listAccessGrants(filter: {
    client?: string | undefined;
    service?: string | undefined;
    active?: boolean | undefined;
    limit?: number | undefined;
    offset?: number | undefined;
  }): Promise<AccessGrant[]> {
    const now = this.#o.clock.now();
    const rows = await store.listGrants(this.#o.db, {
      ...filter,
      now,
      limit: filter.limit ?? 100,
      offset: filter.offset ?? 0,
    });
    return rows.map((r) => store.toGrant(r.grant, r.act, now));
  }

  /** The data tracker (beyond the seeds, as Estonia's): who read a person's data, when, why. */
  async accessesForSubject(
    fin: string,
    range: { from?: Date; to?: Date; limit?: number } = {},
  ): Promise<DataAccess[]> {
    const now = this.#o.clock.now();
    return store.accessesForSubject(this.#o.db, fin, {
      from: range.from ?? new Date(now.getTime() - 365 * 24 * 60 * 60_000),
      to: range.to ?? new Date(now.getTime() + 1),
      limit: Math.min(range.limit ?? 200, 1000),
    });
  }

  async monitoring(window: string, service?: string): Promise<Monitoring> {
    const span = WINDOWS[window];
    if (span === undefined)
      throw new AppError(Validation, {
        errors: [{ parameter: 'window', detail: 'unknown window' }],
      });
    const to = this.#o.clock.now();
    const from = new Date(to.getTime() - span);
    const rows = await store.monitoring(this.#o.db, {
      from,
      to: new Date(to.getTime() + 1),
      service,
    });
    return { window, from: from.toISOString(), to: to.toISOString(), rows };
  }

  /** Sends the change notification other nodes listen for. */
  static async notify(db: Kysely<ExchangeTables>): Promise<void> {
    await sql`SELECT pg_notify('ehis_exchange_changed', '')`.execute(db);
  }
}
