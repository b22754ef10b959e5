import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AuditLog } from '../platform/audit/audit.service.ts';
import { AppError, type FieldError } from '../platform/errors/app-error.ts';
import { Forbidden, Validation } from '../platform/errors/platform.errors.ts';
import { OPERATOR_MEMBER } from '../platform/http/guards.ts';
import type { CertificateAuthority } from '../platform/pki/index.ts';
import type { Clock } from '../platform/time/clock.ts';
import { toBakuDate, type WorkingDayCalendar } from '../platform/time/index.ts';
import { AssuranceTooLow, checkDocumentSignature } from '../identity/index.ts';
import { loadDomains, loadProviders, type Domain, type Provider } from './data/index.ts';
import { canonicalJson } from './canonical-json.ts';
import {
  AlreadyDecided,
  ApplicationNotFound,
  CertificateNotAccepted,
  CertificateNotSubmitters,
  NotProviderStaff,
  ProviderMismatch,
  RefusalReasonRequired,
  ServiceCancelled,
  ServiceNotFound,
  SignatureInvalid,
  UnknownLegalAct,
} from './registry.errors.ts';
import type { ApplicationFields } from './registry.schema.ts';
import { queryWords, searchText } from './registry.search.ts';
import * as store from './registry.store.ts';
import type {
  Application,
  RegistryDb,
  RegistryTables,
  Service,
  ServiceEvent,
} from './registry.store.ts';

/** Working days the operator has to act (003 §10.4: registration; §10.8: amendment). */
export const DUE_WORKING_DAYS = { register: 3, modify: 1, cancel: 1 } as const;

/** The person acting: a FİN and the assurance of their session. */
export interface RegistryActor {
  readonly fin: string;
  readonly acr: 'low' | 'substantial' | 'high';
}

/** Roles as identity keeps them (StaffService fits). */
export interface RoleDirectory {
  holds(
    fin: string,
    need: { readonly member?: string; readonly module: string; readonly role: string },
  ): Promise<boolean>;
  rolesOf(
    fin: string,
  ): Promise<
    readonly { readonly member: string; readonly module: string; readonly role: string }[]
  >;
}

export interface SubmitInput {
  readonly fields: ApplicationFields;
  readonly certificate: string;
  readonly signature: string;
}

export interface Submitted {
  readonly applicationId: string;
  readonly dueDate: string;
  readonly dueDateProvisional: boolean;
}

export interface ApplicationListItem extends Application {
  readonly overdue: boolean;
}

const PROVIDERS = new Map(loadProviders().map((p) => [p.code, p]));
const DOMAINS = new Map(loadDomains().map((d) => [d.code, d]));

export function providerOf(code: string): Provider | undefined {
  return PROVIDERS.get(code);
}
export function domainOf(code: string): Domain | undefined {
  return DOMAINS.get(code);
}

/**
 * The e-services registry (003 §10; issue 5 items 2, 4, 5): applications by the providers'
 * staff, signed with their e-signature; the operator's decisions with registry numbers that are
 * never reused; the public catalogue; usage counts. Every method checks who may do it
 * (STYLE.md §4); routes only add the session.
 */
export class RegistryService {
  readonly #db: RegistryDb;
  readonly #clock: Clock;
  readonly #audit: AuditLog;
  readonly #ca: CertificateAuthority;
  readonly #roles: RoleDirectory;
  readonly #legalActIds: () => Promise<readonly string[]>;
  readonly #calendar: WorkingDayCalendar;

  constructor(options: {
    readonly db: RegistryDb;
    readonly clock: Clock;
    readonly audit: AuditLog;
    readonly ca: CertificateAuthority;
    readonly roles: RoleDirectory;
    /** Ids of the legal-basis catalogue (the exchange's listLegalActs). */
    readonly legalActIds: () => Promise<readonly string[]>;
    readonly calendar: WorkingDayCalendar;
  }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#audit = options.audit;
    this.#ca = options.ca;
    this.#roles = options.roles;
    this.#legalActIds = options.legalActIds;
    this.#calendar = options.calendar;
  }

  // ---- who may do what -------------------------------------------------------------------

  isOperator(fin: string): Promise<boolean> {
    return this.#roles.holds(fin, {
      member: OPERATOR_MEMBER,
      module: 'registry',
      role: 'operator',
    });
  }

  /** Registry staff of the provider (role staff on module registry) or its head. */
  async #actsFor(fin: string, provider: string): Promise<boolean> {
    return (
      (await this.#roles.holds(fin, { member: provider, module: 'registry', role: 'staff' })) ||
      (await this.#roles.holds(fin, { member: provider, module: '*', role: 'head' }))
    );
  }

  /** The providers whose registry work the person does (staff on registry, or head). */
  async #providersOf(fin: string): Promise<string[]> {
    const roles = await this.#roles.rolesOf(fin);
    return [
      ...new Set(
        roles
          .filter(
            (r) =>
              PROVIDERS.has(r.member) &&
              ((r.role === 'staff' && r.module === 'registry') || r.role === 'head'),
          )
          .map((r) => r.member),
      ),
    ].sort();
  }

  #requireHigh(actor: RegistryActor): void {
    if (actor.acr !== 'high') throw new AppError(AssuranceTooLow);
  }

  async #refuse(
    actor: RegistryActor,
    action: string,
    resource: string,
    reason: string,
    error: AppError,
  ): Promise<never> {
    await this.#audit.append({
      actor: `staff:${actor.fin}`,
      action,
      resource,
      outcome: 'refused',
      purpose: reason,
    });
    throw error;
  }

  // ---- reference data --------------------------------------------------------------------

  listProviders(): readonly Provider[] {
    return loadProviders();
  }

  listDomains(): readonly Domain[] {
    return loadDomains();
  }

  // ---- applications ----------------------------------------------------------------------

  /** The shape rules the schema cannot say: a registry number exactly for modify and cancel. */
  #checkKind(fields: ApplicationFields): void {
    const errors: FieldError[] = [];
    if (fields.kind === 'register' && fields.registryNumber !== undefined) {
      errors.push({
        pointer: '#/fields/registryNumber',
        detail: 'a registration gets its number on approval; leave it out',
      });
    }
    if (fields.kind !== 'register' && fields.registryNumber === undefined) {
      errors.push({
        pointer: '#/fields/registryNumber',
        detail: `a ${fields.kind === 'modify' ? 'modification' : 'cancellation'} names the registry number of the service`,
      });
    }
    if (errors.length > 0) throw new AppError(Validation, { errors });
  }

  /**
   * submitRegistryApplication (003 §10.3, Appendix 2): registry staff of the provider submit the
   * fields, signed with their e-signature (REG-003-A2-N2). Checks, in order: the kind and number
   * (400), the submitter's role for the provider (403), the legal acts (422), the service for a
   * modification or cancellation (404, 409, 422), then the certificate and the signature over
   * the canonical JSON of the fields (422). Nothing is stored unless all pass.
   */
  async submit(
    actor: RegistryActor,
    input: SubmitInput,
    options: { readonly seedKey?: string } = {},
  ): Promise<Submitted> {
    this.#requireHigh(actor);
    const { fields } = input;
    this.#checkKind(fields);
    const resource = `provider:${fields.provider}`;
    const action = 'registry.application-submit';
    if (!(await this.#actsFor(actor.fin, fields.provider))) {
      return this.#refuse(
        actor,
        action,
        resource,
        'not-provider-staff',
        new AppError(NotProviderStaff),
      );
    }
    const known = new Set(await this.#legalActIds());
    const unknownActs = fields.legalBasis.flatMap((item, index) =>
      known.has(item.legalActId)
        ? []
        : [{ pointer: `#/fields/legalBasis/${index}/legalActId`, detail: 'not in listLegalActs' }],
    );
    if (unknownActs.length > 0) throw new AppError(UnknownLegalAct, { errors: unknownActs });
    if (fields.registryNumber !== undefined) {
      const service = await store.findService(this.#db, fields.registryNumber);
      if (service === undefined) throw new AppError(ServiceNotFound);
      if (service.status === 'cancelled') throw new AppError(ServiceCancelled);
      if (service.provider !== fields.provider) throw new AppError(ProviderMismatch);
    }

    const now = this.#clock.now();
    const canonical = canonicalJson(fields);
    const checked = await checkDocumentSignature(this.#ca, {
      certificate: input.certificate,
      signature: input.signature,
      message: new TextEncoder().encode(canonical),
      at: now,
    });
    if (!checked.ok) {
      const error =
        checked.reason === 'signature'
          ? new AppError(SignatureInvalid)
          : new AppError(CertificateNotAccepted, { params: { reason: checked.reason } });
      return this.#refuse(actor, action, resource, checked.reason, error);
    }
    if (checked.fin !== actor.fin) {
      return this.#refuse(
        actor,
        action,
        resource,
        'certificate-not-submitters',
        new AppError(CertificateNotSubmitters),
      );
    }

    const receivedOn = toBakuDate(now);
    const due = this.#calendar.addWorkingDays(receivedOn, DUE_WORKING_DAYS[fields.kind]);
    const application: Application = {
      id: randomUUID(),
      kind: fields.kind,
      provider: fields.provider,
      registryNumber: fields.registryNumber ?? null,
      fields,
      canonicalFields: canonical,
      certificateDer: checked.der,
      certificateSerial: checked.serial,
      certificateSubject: checked.subject,
      signature: input.signature,
      submittedBy: actor.fin,
      submittedAt: now,
      receivedOn,
      dueOn: due.date,
      dueProvisional: due.provisional,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      refusalReason: null,
      seedKey: options.seedKey ?? null,
    };
    await store.insertApplication(this.#db, application);
    await this.#audit.append({
      actor: `staff:${actor.fin}`,
      action,
      subjectFin: actor.fin,
      resource: `application:${application.id}:${fields.kind}:${fields.provider}${fields.registryNumber === undefined ? '' : `:${fields.registryNumber}`}`,
      purpose: `certificate:${checked.serial}`,
      outcome: 'success',
    });
    return {
      applicationId: application.id,
      dueDate: due.date,
      dueDateProvisional: due.provisional,
    };
  }

  #withOverdue(application: Application): ApplicationListItem {
    const today = toBakuDate(this.#clock.now());
    return {
      ...application,
      overdue: application.status === 'pending' && today > application.dueOn,
    };
  }

  /**
   * listRegistryApplications: the operator sees every application; registry staff and heads see
   * their providers' (REG-003-10.9: `overdue` marks pending ones past their due date).
   */
  async list(
    actor: RegistryActor,
    filter: {
      readonly status?: 'pending' | 'approved' | 'refused' | undefined;
      readonly provider?: string | undefined;
      readonly overdue?: boolean | undefined;
      readonly limit: number;
      readonly offset: number;
    },
  ): Promise<ApplicationListItem[]> {
    this.#requireHigh(actor);
    let providers: string[] | undefined;
    if (!(await this.isOperator(actor.fin))) {
      const mine = await this.#providersOf(actor.fin);
      if (mine.length === 0 || (filter.provider !== undefined && !mine.includes(filter.provider))) {
        return this.#refuse(
          actor,
          'registry.application-list',
          `provider:${filter.provider ?? '*'}`,
          'not-provider-staff',
          new AppError(NotProviderStaff),
        );
      }
      providers = mine;
    }
    if (filter.provider !== undefined) providers = [filter.provider];
    const today = toBakuDate(this.#clock.now());
    const rows = await store.listApplications(this.#db, {
      providers,
      status: filter.status,
      overdueOn: filter.overdue === true ? today : undefined,
      limit: filter.limit,
      offset: filter.offset,
    });
    const items = rows.map((r) => this.#withOverdue(r));
    return filter.overdue === false ? items.filter((i) => !i.overdue) : items;
  }

  /**
   * decideRegistryApplication (operator, 003 §10.4, §10.7, §10.8): approval registers (with a new
   * registry number), modifies or cancels the service and records the version (§10.5); a refusal
   * needs a reason. Either way the provider is notified. An application is decided once (409).
   */
  async decide(
    actor: RegistryActor,
    applicationId: string,
    decision: { readonly decision: 'approve' | 'refuse'; readonly reason?: string | undefined },
  ): Promise<{
    applicationId: string;
    status: 'approved' | 'refused';
    registryNumber: string | null;
  }> {
    this.#requireHigh(actor);
    if (!(await this.isOperator(actor.fin))) {
      return this.#refuse(
        actor,
        'registry.application-decide',
        `application:${applicationId}`,
        'not-operator',
        new AppError(Forbidden),
      );
    }
    const reason = decision.reason?.trim() ?? '';
    if (decision.decision === 'refuse' && reason === '') {
      throw new AppError(RefusalReasonRequired, {
        errors: [{ pointer: '#/reason', detail: 'required to refuse' }],
      });
    }
    const now = this.#clock.now();
    const result = await this.#db.transaction().execute(async (trx) => {
      const application = await store.findApplication(trx, applicationId, { forUpdate: true });
      if (application === undefined) throw new AppError(ApplicationNotFound);
      if (application.status !== 'pending') {
        throw new AppError(AlreadyDecided, { params: { status: application.status } });
      }
      let registryNumber = application.registryNumber;
      if (decision.decision === 'approve') {
        registryNumber = await this.#apply(trx, application, actor.fin, now);
      }
      const status = decision.decision === 'approve' ? 'approved' : 'refused';
      const decided = await store.markDecided(trx, application.id, {
        status,
        by: actor.fin,
        at: now,
        reason: status === 'refused' ? reason : null,
        registryNumber: application.kind === 'register' ? registryNumber : null,
      });
      if (!decided) throw new AppError(AlreadyDecided, { params: { status: 'decided' } });
      await store.insertNotification(trx, {
        id: randomUUID(),
        provider: application.provider,
        application_id: application.id,
        kind: status,
        registry_number: registryNumber,
        reason: status === 'refused' ? reason : null,
        created_at: now,
      });
      return { application, status, registryNumber } as const;
    });
    await this.#audit.append({
      actor: `operator:${actor.fin}`,
      action: 'registry.application-decide',
      subjectFin: result.application.submittedBy,
      resource: `application:${applicationId}:${result.application.kind}:${result.application.provider}${result.registryNumber === null ? '' : `:${result.registryNumber}`}`,
      purpose: result.status === 'refused' ? `refused: ${reason.slice(0, 400)}` : 'approved',
      outcome: 'success',
    });
    return { applicationId, status: result.status, registryNumber: result.registryNumber };
  }

  /** Carries out an approved application in the registry; returns the service's number. */
  async #apply(
    trx: Transaction<RegistryTables>,
    application: Application,
    decidedBy: string,
    at: Date,
  ): Promise<string> {
    const { fields } = application;
    const search = {
      name: searchText(`${fields.nameAz} ${fields.nameEn}`),
      content: searchText(`${fields.contentAz} ${fields.contentEn}`),
    };
    if (application.kind === 'register') {
      const registryNumber = await store.nextRegistryNumber(trx);
      await store.insertService(trx, {
        registryNumber,
        fields,
        at,
        seedKey: application.seedKey,
        search,
      });
      await store.insertServiceEvent(trx, {
        registryNumber,
        version: 1,
        kind: 'register',
        applicationId: application.id,
        at,
        decidedBy,
        fields,
      });
      return registryNumber;
    }
    const registryNumber = application.registryNumber;
    if (registryNumber === null) throw new Error('a modification without a registry number');
    const service = await store.findService(trx, registryNumber, { forUpdate: true });
    if (service === undefined) throw new AppError(ServiceNotFound);
    // Cancelled after the application was made: it can only be refused now.
    if (service.status === 'cancelled') throw new AppError(ServiceCancelled);
    const version = service.version + 1;
    await store.updateService(trx, {
      registryNumber,
      fields,
      at,
      version,
      cancel: application.kind === 'cancel',
      search,
    });
    await store.insertServiceEvent(trx, {
      registryNumber,
      version,
      kind: application.kind,
      applicationId: application.id,
      at,
      decidedBy,
      fields,
    });
    return registryNumber;
  }

  /** The providers' notifications (listRegistryNotifications): registry staff and heads. */
  async notifications(
    actor: RegistryActor,
    provider: string | undefined,
  ): Promise<Awaited<ReturnType<typeof store.listNotifications>>> {
    this.#requireHigh(actor);
    const mine = await this.#providersOf(actor.fin);
    const operator = await this.isOperator(actor.fin);
    if (provider !== undefined && !mine.includes(provider) && !operator) {
      return this.#refuse(
        actor,
        'registry.notification-list',
        `provider:${provider}`,
        'not-provider-staff',
        new AppError(NotProviderStaff),
      );
    }
    if (provider === undefined && mine.length === 0) {
      return this.#refuse(
        actor,
        'registry.notification-list',
        'provider:*',
        'not-provider-staff',
        new AppError(NotProviderStaff),
      );
    }
    return store.listNotifications(this.#db, provider === undefined ? mine : [provider]);
  }

  // ---- the catalogue ---------------------------------------------------------------------

  /** listServices (public): registered services, filtered, ranked by relevance when `q` is given. */
  async search(query: {
    readonly q?: string | undefined;
    readonly agency?: string | undefined;
    readonly domain?: string | undefined;
    readonly type?: 'informative' | 'interactive' | undefined;
    readonly paid?: boolean | undefined;
    readonly users?: ApplicationFields['users'][number] | undefined;
    readonly page: number;
    readonly pageSize: number;
  }): Promise<{ items: Service[]; total: number }> {
    return store.searchServices(this.#db, {
      words: queryWords(query.q),
      provider: query.agency,
      domain: query.domain,
      type: query.type,
      paid: query.paid,
      user: query.users,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
  }

  /** getService (public): by registry number, cancelled ones too (their status says so). */
  async getService(registryNumber: string): Promise<Service> {
    const service = await store.findService(this.#db, registryNumber);
    if (service === undefined) throw new AppError(ServiceNotFound);
    return service;
  }

  /**
   * getServiceHistory (003 §10.5): every approved version with the application behind it, and
   * every application about the service. For the operator and the provider's registry staff: the
   * history names the persons who signed and decided.
   */
  async history(
    actor: RegistryActor,
    registryNumber: string,
  ): Promise<{ service: Service; events: ServiceEvent[]; applications: Application[] }> {
    this.#requireHigh(actor);
    const service = await this.getService(registryNumber);
    if (
      !(await this.isOperator(actor.fin)) &&
      !(await this.#actsFor(actor.fin, service.provider))
    ) {
      return this.#refuse(
        actor,
        'registry.history-read',
        `service:${registryNumber}`,
        'not-provider-staff',
        new AppError(NotProviderStaff),
      );
    }
    const [events, applications] = [
      await store.listServiceEvents(this.#db, registryNumber),
      await store.listApplicationsOfService(this.#db, registryNumber),
    ];
    return { service, events, applications };
  }

  // ---- usage -----------------------------------------------------------------------------

  /**
   * Counts one use of a service in the current month (Baku time). The portal calls it when a
   * service is used (issue 5 item 6). Unknown numbers: 404.
   */
  async recordServiceUse(registryNumber: string, uses = 1): Promise<void> {
    await this.getService(registryNumber);
    const month = `${toBakuDate(this.#clock.now()).slice(0, 7)}-01`;
    await store.addUsage(this.#db, registryNumber, month, uses);
  }

  /** A count for a past month, written once (the seed catalogue's 2013 figures). */
  async recordHistoricalUsage(registryNumber: string, month: string, uses: number): Promise<void> {
    await store.addUsage(this.#db, registryNumber, `${month}-01`, uses, { onlyIfAbsent: true });
  }

  /** getServiceUsage (operator): counts per service per month. */
  async usage(
    actor: RegistryActor,
    filter: {
      registryNumber?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
    },
  ): Promise<{ registryNumber: string; month: string; uses: number }[]> {
    this.#requireHigh(actor);
    if (!(await this.isOperator(actor.fin))) {
      return this.#refuse(
        actor,
        'registry.usage-read',
        'usage',
        'not-operator',
        new AppError(Forbidden),
      );
    }
    return store.listUsage(this.#db, {
      registryNumber: filter.registryNumber,
      from: filter.from === undefined ? undefined : `${filter.from}-01`,
      to: filter.to === undefined ? undefined : `${filter.to}-01`,
    });
  }

  // ---- seeding support -------------------------------------------------------------------

  findServiceBySeedKey(seedKey: string): Promise<Service | undefined> {
    return store.findServiceBySeedKey(this.#db, seedKey);
  }

  findPendingSeedApplication(seedKey: string): Promise<Application | undefined> {
    return store.findPendingSeedApplication(this.#db, seedKey);
  }
}
