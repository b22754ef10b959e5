import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { AppError, type FieldError } from '../../platform/errors/app-error.ts';
import { OPERATOR_MEMBER } from '../../platform/http/guards.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { AssuranceTooLow } from '../../identity/index.ts';
import { NotProviderStaff, ServiceCancelled, ServiceNotFound } from '../registry.errors.ts';
import type { RoleDirectory } from '../registry.service.ts';
import { findService, type RegistryDb } from '../registry.store.ts';
import {
  DiscussionClosed,
  DiscussionClosingInvalid,
  DiscussionStillOpen,
  NotProviderHead,
  OwnDraft,
  RegulationInMaking,
  RegulationInvalid,
  RegulationNotFound,
  RegulationWrongState,
} from './regulation.errors.ts';
import type { RegulationDocument, RegulationStatus } from './regulation.schema.ts';
import * as store from './regulation.store.ts';
import type { Regulation, RegulationComment, RegulationDb } from './regulation.store.ts';

/** Statuses anyone may read (003 §9.7: the draft under discussion; §9.8: the published ones). */
export const PUBLIC_STATUSES: readonly RegulationStatus[] = [
  'discussion',
  'published',
  'superseded',
];

/** A discussion closes within a year of opening. */
const MAX_DISCUSSION_MS = 366 * 24 * 3600 * 1000;

export interface RegulationActor {
  readonly fin: string;
  readonly acr: 'low' | 'substantial' | 'high';
}

/**
 * The template's conditional rules (003 Appendix 1) that the JSON schema does not say, and the
 * agreement of the regulation with its registry entry. Returns field errors; none: valid.
 */
export function documentProblems(
  document: RegulationDocument,
  service: { readonly provider: string; readonly type: string; readonly paid: boolean },
  knownLegalActs: ReadonlySet<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  const at = (pointer: string, detail: string) =>
    errors.push({ pointer: `#/document/${pointer}`, detail });
  const { general, provision, procedures } = document;

  if (general.provider.code !== service.provider) {
    at('general/provider/code', `the service's provider is ${service.provider} (1.4)`);
  }
  general.legalBasis.items.forEach((item, i) => {
    if (!knownLegalActs.has(item.legalActId)) {
      at(`general/legalBasis/items/${i}/legalActId`, 'not in listLegalActs (1.3)');
    }
  });
  // 1.6–1.7 and the notes of 1.7.
  if (
    general.automation.level === 'full' &&
    general.executionPeriod.rule !== 'system-processing-time'
  ) {
    at(
      'general/executionPeriod/rule',
      'a fully automated service: system-processing-time (1.7 note 1)',
    );
  }
  if (general.automation.level === 'partial') {
    if (general.executionPeriod.rule !== 'bounded') {
      at('general/executionPeriod/rule', 'a partly automated service: bounded (1.7 note 2)');
    }
    if (general.executionPeriod.min === null) {
      at(
        'general/executionPeriod/min',
        'a partly automated service sets a lower limit (1.7 note 2)',
      );
    }
    if (general.executionPeriod.max === null) {
      at(
        'general/executionPeriod/max',
        'a partly automated service sets an upper limit (1.7 note 2)',
      );
    }
  }
  // 2.1 and 2.2 say what the registry says; a change goes through a modification application.
  if (provision.type.value !== service.type) {
    at('provision/type/value', `the registry has this service as ${service.type} (2.1)`);
  }
  if (provision.payment.paid !== service.paid) {
    at(
      'provision/payment/paid',
      `the registry has this service as ${service.paid ? 'paid' : 'free'} (2.2)`,
    );
  }
  if (provision.payment.paid && provision.paymentDetails === null) {
    at(
      'provision/paymentDetails',
      'a paid service gives the amount, legal basis, bank details and methods (2.2.1)',
    );
  }
  if (!provision.payment.paid && provision.paymentDetails !== null) {
    at('provision/paymentDetails', 'a free service has no payment details (2.2.1): null');
  }
  provision.paymentDetails?.legalBasis.forEach((item, i) => {
    if (!knownLegalActs.has(item.legalActId)) {
      at(`provision/paymentDetails/legalBasis/${i}/legalActId`, 'not in listLegalActs (2.2.1)');
    }
  });
  // 2.6 and its sub-clauses follow from where each document is held.
  const documents = provision.documents.items;
  if (documents.some((d) => d.heldByState) && provision.documentsHeldByState === null) {
    at(
      'provision/documentsHeldByState',
      'a document is held by the state: say how it is identified (2.6.1)',
    );
  }
  if (documents.some((d) => !d.heldByState) && provision.documentsNotHeldByState === null) {
    at(
      'provision/documentsNotHeldByState',
      'a document is not held by the state: say how it is copied (2.6.2)',
    );
  }
  if (documents.some((d) => d.notarised === true) && provision.notarisation === null) {
    at('provision/notarisation', 'a document must be notarised (2.6 note 2)');
  }
  if (new Set(documents.map((d) => d.id)).size !== documents.length) {
    at('provision/documents/items', 'document ids are unique');
  }
  // 3.1 for informative services; 3.2–3.3 for interactive ones.
  if (provision.type.value === 'informative' && procedures.informativeOpen === null) {
    at('procedures/informativeOpen', 'an informative service states that it is open to all (3.1)');
  }
  if (provision.type.value === 'interactive') {
    const required = [
      ['requestForming', '3.2.1'],
      ['requestAcceptance', '3.2.2'],
      ['refusalCases', '3.3.1'],
      ['provisionAcceptance', '3.3.2'],
    ] as const;
    for (const [key, clause] of required) {
      if (procedures[key] === null)
        at(`procedures/${key}`, `an interactive service fills ${clause}`);
    }
  }
  // 3.4: the operations, their content and results.
  const operations = procedures.operations.items;
  if (operations.length > 0) {
    if (procedures.operationContent === null) {
      at('procedures/operationContent', 'there are administrative operations (3.4.2)');
    }
    if (procedures.operationResults === null) {
      at('procedures/operationResults', 'there are administrative operations (3.4.4)');
    }
    const orders = operations.map((o) => o.order).sort((a, b) => a - b);
    if (orders.some((order, i) => order !== i + 1)) {
      at('procedures/operations/items', 'operations are numbered 1, 2, 3, … in sequence (3.4.1)');
    }
  }
  const review = procedures.complaintReview;
  if (review.extendedDays !== null && review.extendedDays < review.days) {
    at('procedures/complaintReview/extendedDays', 'not shorter than days (3.6.3)');
  }
  return errors;
}

/**
 * Administrative regulations (003 §9, Appendix 1; issue 5 item 3). A regulation is drafted by the
 * provider's registry staff or head, put to public discussion until a closing time (§9.7), approved
 * by the head of the provider — not by the person who created the draft — after the discussion has
 * closed, then published (§9.8). Versions per service; the published version stays in force until
 * the next one is published. Every step is audited; refusals are audited too.
 */
export class RegulationService {
  readonly #db: RegulationDb;
  readonly #clock: Clock;
  readonly #audit: AuditLog;
  readonly #roles: RoleDirectory;
  readonly #legalActIds: () => Promise<readonly string[]>;
  readonly #headName: (fin: string, provider: string) => Promise<string | null>;

  constructor(options: {
    readonly db: RegulationDb;
    readonly clock: Clock;
    readonly audit: AuditLog;
    readonly roles: RoleDirectory;
    readonly legalActIds: () => Promise<readonly string[]>;
    /** The name the head's role was granted under (for the approval block). */
    readonly headName: (fin: string, provider: string) => Promise<string | null>;
  }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#audit = options.audit;
    this.#roles = options.roles;
    this.#legalActIds = options.legalActIds;
    this.#headName = options.headName;
  }

  // ---- who may do what -------------------------------------------------------------------

  #isHead(fin: string, provider: string): Promise<boolean> {
    return this.#roles.holds(fin, { member: provider, module: '*', role: 'head' });
  }

  async #worksFor(fin: string, provider: string): Promise<boolean> {
    return (
      (await this.#roles.holds(fin, { member: provider, module: 'registry', role: 'staff' })) ||
      (await this.#isHead(fin, provider))
    );
  }

  async #isOperator(fin: string): Promise<boolean> {
    return this.#roles.holds(fin, {
      member: OPERATOR_MEMBER,
      module: 'registry',
      role: 'operator',
    });
  }

  /** May read the regulations of `provider` at every stage: its staff, head, the operator. */
  async #insider(fin: string | undefined, provider: string): Promise<boolean> {
    if (fin === undefined) return false;
    return (await this.#worksFor(fin, provider)) || (await this.#isOperator(fin));
  }

  #requireHigh(actor: RegulationActor): void {
    if (actor.acr !== 'high') throw new AppError(AssuranceTooLow);
  }

  async #refuse(
    actor: RegulationActor,
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

  async #requireStaff(actor: RegulationActor, provider: string, action: string, resource: string) {
    this.#requireHigh(actor);
    if (!(await this.#worksFor(actor.fin, provider))) {
      await this.#refuse(
        actor,
        action,
        resource,
        'not-provider-staff',
        new AppError(NotProviderStaff),
      );
    }
  }

  #wrongState(regulation: Regulation, expected: string): AppError {
    return new AppError(RegulationWrongState, {
      params: { status: regulation.status, expected },
      extensions: { status: regulation.status },
    });
  }

  async #validate(
    document: RegulationDocument,
    service: { provider: string; type: string; paid: boolean },
  ): Promise<void> {
    const errors = documentProblems(document, service, new Set(await this.#legalActIds()));
    if (errors.length > 0) throw new AppError(RegulationInvalid, { errors });
  }

  async #serviceFor(registryNumber: string) {
    // RegulationTables extends RegistryTables; Kysely's types are invariant in the table map.
    const service = await findService(this.#db as unknown as RegistryDb, registryNumber);
    if (service === undefined) throw new AppError(ServiceNotFound);
    return service;
  }

  async #get(id: string): Promise<Regulation> {
    const regulation = await store.findRegulation(this.#db, id);
    if (regulation === undefined) throw new AppError(RegulationNotFound);
    return regulation;
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /**
   * createRegulationDraft: the provider's registry staff or head start the next version of the
   * service's regulation. One regulation in preparation per service (409); a cancelled service
   * gets none (409).
   */
  async createDraft(
    actor: RegulationActor,
    registryNumber: string,
    document: RegulationDocument,
    options: { readonly seedKey?: string } = {},
  ): Promise<{ regulationId: string; version: number; status: RegulationStatus }> {
    const action = 'registry.regulation-draft-create';
    const service = await this.#serviceFor(registryNumber);
    await this.#requireStaff(actor, service.provider, action, `service:${registryNumber}`);
    if (service.status === 'cancelled') throw new AppError(ServiceCancelled);
    const inMaking = await store.findInMaking(this.#db, registryNumber);
    if (inMaking !== undefined) {
      throw new AppError(RegulationInMaking, {
        params: { version: inMaking.version },
        extensions: { regulationId: inMaking.id },
      });
    }
    await this.#validate(document, service);
    const id = randomUUID();
    const version = await this.#db.transaction().execute(async (trx) => {
      const next = await store.nextVersion(trx, registryNumber);
      await store.insertRegulation(trx, {
        id,
        registryNumber,
        provider: service.provider,
        version: next,
        document,
        by: actor.fin,
        at: this.#clock.now(),
        seedKey: options.seedKey ?? null,
      });
      return next;
    });
    await this.#audit.append({
      actor: `staff:${actor.fin}`,
      action,
      resource: `regulation:${id}:${registryNumber}:v${version}`,
      outcome: 'success',
    });
    return { regulationId: id, version, status: 'draft' };
  }

  /** updateRegulationDraft: the text changes only while it is a draft (not under discussion). */
  async updateDraft(
    actor: RegulationActor,
    id: string,
    document: RegulationDocument,
  ): Promise<Regulation> {
    const action = 'registry.regulation-draft-update';
    const regulation = await this.#get(id);
    await this.#requireStaff(actor, regulation.provider, action, `regulation:${id}`);
    if (regulation.status !== 'draft') throw this.#wrongState(regulation, 'draft');
    await this.#validate(document, await this.#serviceFor(regulation.registryNumber));
    await store.updateDocument(this.#db, id, document, this.#clock.now());
    await this.#audit.append({
      actor: `staff:${actor.fin}`,
      action,
      resource: `regulation:${id}:${regulation.registryNumber}:v${regulation.version}`,
      outcome: 'success',
    });
    return this.#get(id);
  }

  /** openRegulationDiscussion (003 §9.7): the draft becomes public and open to comments. */
  async openDiscussion(actor: RegulationActor, id: string, closesAt: Date): Promise<Regulation> {
    const action = 'registry.regulation-discussion-open';
    const regulation = await this.#get(id);
    await this.#requireStaff(actor, regulation.provider, action, `regulation:${id}`);
    if (regulation.status !== 'draft') throw this.#wrongState(regulation, 'draft');
    const now = this.#clock.now();
    const ms = closesAt.getTime() - now.getTime();
    if (!(ms > 0) || ms > MAX_DISCUSSION_MS) {
      throw new AppError(DiscussionClosingInvalid, {
        errors: [{ pointer: '#/closesAt', detail: 'after now, within a year' }],
      });
    }
    await store.openDiscussion(this.#db, id, { by: actor.fin, at: now, closesAt });
    await this.#audit.append({
      actor: `staff:${actor.fin}`,
      action,
      resource: `regulation:${id}:${regulation.registryNumber}:v${regulation.version}`,
      purpose: `closes ${closesAt.toISOString()}`,
      outcome: 'success',
    });
    return this.#get(id);
  }

  /**
   * commentOnRegulation (003 §9.7, POR-002-DRAFTS-3): any signed-in person with a FİN, while the
   * discussion is open; none after the closing time.
   */
  async comment(
    actor: { readonly fin: string },
    id: string,
    input: { readonly text: string; readonly clause?: string | undefined },
  ): Promise<RegulationComment> {
    const regulation = await this.#get(id);
    if (!PUBLIC_STATUSES.includes(regulation.status)) throw new AppError(RegulationNotFound);
    const now = this.#clock.now();
    const closesAt = regulation.discussionClosesAt;
    if (regulation.status !== 'discussion' || closesAt === null || now >= closesAt) {
      await this.#audit.append({
        actor: `citizen:${actor.fin}`,
        action: 'registry.regulation-comment',
        resource: `regulation:${id}`,
        outcome: 'refused',
        purpose: 'discussion-closed',
      });
      throw new AppError(DiscussionClosed, {
        params: { closesAt: closesAt?.toISOString() ?? '—' },
      });
    }
    const comment: RegulationComment = {
      id: randomUUID(),
      regulationId: id,
      authorFin: actor.fin,
      clause: input.clause ?? null,
      text: input.text.trim(),
      createdAt: now,
    };
    await store.insertComment(this.#db, comment);
    await this.#audit.append({
      actor: `citizen:${actor.fin}`,
      action: 'registry.regulation-comment',
      subjectFin: actor.fin,
      resource: `regulation:${id}:comment:${comment.id}`,
      outcome: 'success',
    });
    return comment;
  }

  /** listRegulationComments: public once the draft is public; authors only for insiders. */
  async comments(
    reader: { readonly fin: string } | undefined,
    id: string,
  ): Promise<{ comments: RegulationComment[]; withAuthors: boolean }> {
    const regulation = await this.#get(id);
    const insider = await this.#insider(reader?.fin, regulation.provider);
    if (!insider && !PUBLIC_STATUSES.includes(regulation.status)) {
      throw new AppError(RegulationNotFound);
    }
    return { comments: await store.listComments(this.#db, id), withAuthors: insider };
  }

  /**
   * approveRegulation (003 §9.2): the head of the provider, after the discussion has closed; not
   * the person who created the draft (four eyes). Records the head's name for the approval block.
   */
  async approve(
    actor: RegulationActor,
    id: string,
    input: { readonly decisionNumber?: string | undefined } = {},
  ): Promise<Regulation> {
    const action = 'registry.regulation-approve';
    const regulation = await this.#get(id);
    const resource = `regulation:${id}:${regulation.registryNumber}:v${regulation.version}`;
    this.#requireHigh(actor);
    if (!(await this.#isHead(actor.fin, regulation.provider))) {
      return this.#refuse(
        actor,
        action,
        resource,
        'not-provider-head',
        new AppError(NotProviderHead),
      );
    }
    if (regulation.createdBy === actor.fin) {
      return this.#refuse(actor, action, resource, 'own-draft', new AppError(OwnDraft));
    }
    if (regulation.status !== 'discussion') throw this.#wrongState(regulation, 'discussion');
    const now = this.#clock.now();
    const closesAt = regulation.discussionClosesAt;
    if (closesAt === null || now < closesAt) {
      throw new AppError(DiscussionStillOpen, {
        params: { closesAt: closesAt?.toISOString() ?? '—' },
      });
    }
    const name = (await this.#headName(actor.fin, regulation.provider)) ?? actor.fin;
    await store.markApproved(this.#db, id, {
      by: actor.fin,
      name,
      at: now,
      decisionNumber: input.decisionNumber?.trim() ?? null,
    });
    await this.#audit.append({
      actor: `staff:${actor.fin}`,
      action,
      resource,
      purpose: input.decisionNumber === undefined ? undefined : `decision ${input.decisionNumber}`,
      outcome: 'success',
    });
    return this.#get(id);
  }

  /**
   * publishRegulation (003 §9.8): the provider's registry staff or head publish the approved
   * version; the one in force before becomes superseded (still readable by its version).
   */
  async publish(actor: RegulationActor, id: string): Promise<Regulation> {
    const action = 'registry.regulation-publish';
    const regulation = await this.#get(id);
    await this.#requireStaff(actor, regulation.provider, action, `regulation:${id}`);
    if (regulation.status !== 'approved') throw this.#wrongState(regulation, 'approved');
    const service = await this.#serviceFor(regulation.registryNumber);
    if (service.status === 'cancelled') throw new AppError(ServiceCancelled);
    const now = this.#clock.now();
    await this.#db.transaction().execute(async (trx) => {
      const locked = await store.findRegulation(trx, id, { forUpdate: true });
      if (locked?.status !== 'approved') {
        throw this.#wrongState(locked ?? regulation, 'approved');
      }
      await store.markPublished(trx, locked, { by: actor.fin, at: now });
    });
    await this.#audit.append({
      actor: `staff:${actor.fin}`,
      action,
      resource: `regulation:${id}:${regulation.registryNumber}:v${regulation.version}`,
      outcome: 'success',
    });
    return this.#get(id);
  }

  // ---- reading ---------------------------------------------------------------------------

  /** getRegulation (public): the published regulation of a service, or an older published version. */
  async getPublished(registryNumber: string, version?: number): Promise<Regulation> {
    const found = await this.findPublished(registryNumber, version);
    if (found === undefined) throw new AppError(RegulationNotFound);
    return found;
  }

  findPublished(registryNumber: string, version?: number): Promise<Regulation | undefined> {
    return store.findPublished(this.#db, registryNumber, version);
  }

  /** getRegulationVersion: public stages for everyone; drafts and approved ones for insiders. */
  async get(reader: { readonly fin: string } | undefined, id: string): Promise<Regulation> {
    const regulation = await this.#get(id);
    if (
      !PUBLIC_STATUSES.includes(regulation.status) &&
      !(await this.#insider(reader?.fin, regulation.provider))
    ) {
      throw new AppError(RegulationNotFound);
    }
    return regulation;
  }

  /**
   * listRegulations: everyone sees those under discussion and the published ones; the
   * provider's staff and head also their drafts and approved ones; the operator all.
   */
  async list(
    reader: { readonly fin: string } | undefined,
    filter: {
      readonly registryNumber?: string | undefined;
      readonly status?: RegulationStatus | undefined;
      readonly provider?: string | undefined;
    },
  ): Promise<Regulation[]> {
    let own: string[] = [];
    if (reader !== undefined) {
      if (await this.#isOperator(reader.fin)) {
        own = ['*'];
      } else {
        own = [
          ...new Set(
            (await this.#roles.rolesOf(reader.fin))
              .filter((r) => (r.role === 'staff' && r.module === 'registry') || r.role === 'head')
              .map((r) => r.member),
          ),
        ];
      }
    }
    const all = own.includes('*');
    return store.listRegulations(this.#db, {
      ...filter,
      publicStatuses: all
        ? ['draft', 'discussion', 'approved', 'published', 'superseded']
        : PUBLIC_STATUSES,
      ownProviders: all ? [] : own,
    });
  }

  /** Seeding: a regulation by its seed key. */
  findBySeedKey(seedKey: string): Promise<Regulation | undefined> {
    return store.findRegulationBySeedKey(this.#db, seedKey);
  }
}
