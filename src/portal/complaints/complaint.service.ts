import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { addCalendarDays, parseIsoDate, toBakuDate } from '../../platform/time/baku-date.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { AssuranceTooLow } from '../../identity/index.ts';
import { isPortalStaff, requirePortalStaff, type RoleDirectory } from '../agency-staff.ts';
import {
  AlreadyAnswered,
  AlreadyExtended,
  ComplaintNotFound,
  ContactMissing,
  ExtensionTooLate,
  NotAgencyStaff,
  ServiceRequired,
  UnknownRequest,
  UnknownService,
} from './complaint.errors.ts';
import type { FileComplaintBody } from './complaint.schema.ts';
import * as store from './complaint.store.ts';
import type { Complaint, ComplaintDb, ComplaintStatus, ComplaintTx } from './complaint.store.ts';

/** 000 §3.5.3: review periods, in calendar days from the day the complaint is received. */
export const REVIEW_DAYS = { normal: 15, extended: 30 } as const;

/** The citizen filing or reading: their FİN, and the person they act for, if any (checked). */
export interface CitizenActor {
  readonly fin: string;
  readonly actingFor?: string | undefined;
}

/** Staff acting in an agency's e-cabinet. */
export interface StaffActor {
  readonly fin: string;
  readonly acr: 'low' | 'substantial' | 'high';
}

/** How complaints find the e-service named: the registry (`registryServices`). */
export interface ServiceDirectory {
  findService(
    registryNumber: string,
  ): Promise<{ readonly registryNumber: string; readonly provider: string } | undefined>;
}

/**
 * Extension point for the request engine (issue 6 item 2): when given, a requestId must be a
 * request of the person the complaint concerns, and the service is taken from it. Without it, the
 * requestId is stored as given and registryNumber is required.
 */
export interface RequestDirectory {
  findRequest(
    requestId: string,
    subjectFin: string,
  ): Promise<{ readonly registryNumber: string } | undefined>;
}

export interface ComplaintWithFlags extends Complaint {
  readonly overdue: boolean;
}

/**
 * Complaints about e-services (000 §3.5; issue 6 item 8). A citizen files one about a service
 * or a request; the service's provider answers it within 15 calendar days, or 30 once extended
 * with a reason. Every method checks who may do it (STYLE.md §4).
 */
export class ComplaintService {
  readonly #db: ComplaintDb;
  readonly #clock: Clock;
  readonly #audit: AuditLog;
  readonly #roles: RoleDirectory;
  readonly #services: ServiceDirectory;
  readonly #requests: RequestDirectory | undefined;

  constructor(options: {
    readonly db: ComplaintDb;
    readonly clock: Clock;
    readonly audit: AuditLog;
    readonly roles: RoleDirectory;
    readonly services: ServiceDirectory;
    readonly requests?: RequestDirectory | undefined;
  }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#audit = options.audit;
    this.#roles = options.roles;
    this.#services = options.services;
    this.#requests = options.requests;
  }

  #today(): string {
    return toBakuDate(this.#clock.now());
  }

  #flag(c: Complaint, today = this.#today()): ComplaintWithFlags {
    return { ...c, overdue: c.status === 'received' && c.dueOn < today };
  }

  /** fileComplaint: 201 with the id and the due date; nothing is stored when refused. */
  async file(
    actor: CitizenActor,
    body: FileComplaintBody,
  ): Promise<{ complaintId: string; dueDate: string }> {
    const subjectFin = actor.actingFor ?? actor.fin;
    const email = body.email?.trim();
    const postalAddress = body.postalAddress?.trim();
    const workplace = body.workplace?.trim();
    if (!email && !postalAddress && !workplace) {
      const detail = 'one of email, postalAddress, workplace is required (000 §3.5.2)';
      throw new AppError(ContactMissing, {
        errors: ['#/email', '#/postalAddress', '#/workplace'].map((pointer) => ({
          pointer,
          detail,
        })),
      });
    }

    let registryNumber = body.registryNumber;
    if (body.requestId !== undefined && this.#requests !== undefined) {
      const request = await this.#requests.findRequest(body.requestId, subjectFin);
      if (
        request === undefined ||
        (registryNumber !== undefined && request.registryNumber !== registryNumber)
      ) {
        throw new AppError(UnknownRequest, {
          errors: [{ pointer: '#/requestId', detail: 'no such request of this person' }],
        });
      }
      registryNumber = request.registryNumber;
    }
    if (registryNumber === undefined) {
      throw new AppError(ServiceRequired, {
        errors: [{ pointer: '#/registryNumber', detail: 'the service complained about' }],
      });
    }
    const service = await this.#services.findService(registryNumber);
    if (service === undefined) {
      throw new AppError(UnknownService, {
        params: { registryNumber },
        errors: [{ pointer: '#/registryNumber', detail: 'not in the registry of e-services' }],
      });
    }

    const now = this.#clock.now();
    const receivedOn = toBakuDate(now);
    const complaint: store.NewComplaint = {
      id: randomUUID(),
      filedBy: actor.fin,
      subjectFin,
      requestId: body.requestId ?? null,
      registryNumber,
      agency: service.provider,
      subject: body.subject.trim(),
      text: body.text.trim(),
      firstName: body.firstName.trim(),
      lastName: body.lastName.trim(),
      patronymic: body.patronymic.trim(),
      address: body.address.trim(),
      email: email || null,
      postalAddress: postalAddress || null,
      workplace: workplace || null,
      filedAt: now,
      receivedOn,
      periodDays: REVIEW_DAYS.normal,
      dueOn: addCalendarDays(receivedOn, REVIEW_DAYS.normal),
    };
    await store.insertComplaint(this.#db, complaint);
    await this.#audit.append({
      actor: `citizen:${actor.fin}`,
      onBehalfOf: actor.actingFor,
      action: 'complaints.file',
      subjectFin,
      resource: `complaint:${complaint.id}:${registryNumber}:${service.provider}`,
      outcome: 'success',
    });
    return { complaintId: complaint.id, dueDate: complaint.dueOn };
  }

  /** listMyComplaints: mine (filed by me or about me), or the represented person's when acting. */
  async listMine(actor: CitizenActor, status?: ComplaintStatus): Promise<ComplaintWithFlags[]> {
    const today = this.#today();
    const rows = await store.listForPerson(
      this.#db,
      { fin: actor.fin, subject: actor.actingFor },
      status,
    );
    return rows.map((c) => this.#flag(c, today));
  }

  /**
   * getComplaint: for whoever filed it, the person it concerns (or someone acting for them now)
   * and the agency's portal staff (acr high). Anyone else gets 404, so ids reveal nothing.
   */
  async get(
    actor: CitizenActor & { readonly acr: StaffActor['acr'] },
    id: string,
  ): Promise<{ complaint: ComplaintWithFlags; asStaff: boolean }> {
    const complaint = await store.findComplaint(this.#db, id);
    if (complaint === undefined) throw new AppError(ComplaintNotFound);
    const own =
      actor.actingFor === undefined
        ? complaint.filedBy === actor.fin || complaint.subjectFin === actor.fin
        : complaint.subjectFin === actor.actingFor;
    if (own) return { complaint: this.#flag(complaint), asStaff: false };
    if (actor.acr === 'high' && (await isPortalStaff(this.#roles, actor.fin, complaint.agency))) {
      await this.#audit.append({
        actor: `staff:${actor.fin}`,
        action: 'complaints.read',
        subjectFin: complaint.subjectFin,
        resource: `complaint:${complaint.id}`,
        outcome: 'success',
      });
      return { complaint: this.#flag(complaint), asStaff: true };
    }
    throw new AppError(ComplaintNotFound);
  }

  async #requireStaff(actor: StaffActor, agency: string, action: string, resource: string) {
    await requirePortalStaff(
      { roles: this.#roles, audit: this.#audit },
      actor,
      agency,
      { action, resource },
      NotAgencyStaff,
    );
  }

  /** listAgencyComplaints: the agency's complaints with the overdue flag, to answer first. */
  async listForAgency(
    actor: StaffActor,
    agency: string,
    filter: {
      readonly status?: ComplaintStatus | undefined;
      readonly overdue?: boolean | undefined;
      readonly page: number;
      readonly pageSize: number;
    },
  ): Promise<{ items: ComplaintWithFlags[]; total: number; overdue: number }> {
    await this.#requireStaff(actor, agency, 'complaints.agency-list', `agency:${agency}`);
    const today = this.#today();
    const [list, overdue] = await Promise.all([
      store.listForAgency(this.#db, {
        agency,
        status: filter.status,
        overdueBefore: filter.overdue === true ? today : undefined,
        limit: filter.pageSize,
        offset: (filter.page - 1) * filter.pageSize,
      }),
      store.countOverdue(this.#db, agency, today),
    ]);
    return { items: list.items.map((c) => this.#flag(c, today)), total: list.total, overdue };
  }

  /**
   * extendComplaint (000 §3.5.3): once, from 15 to 30 days, with the reason; only while the
   * complaint is unanswered and its 15 days have not run out.
   */
  async extend(actor: StaffActor, id: string, reason: string): Promise<ComplaintWithFlags> {
    return this.#change(actor, id, 'complaints.extend', async (trx, complaint, now) => {
      if (complaint.status === 'answered') throw new AppError(AlreadyAnswered);
      if (complaint.extendedAt !== null) {
        throw new AppError(AlreadyExtended, { params: { dueDate: complaint.dueOn } });
      }
      if (complaint.dueOn < toBakuDate(now)) {
        throw new AppError(ExtensionTooLate, { params: { dueDate: complaint.dueOn } });
      }
      const dueOn = addCalendarDays(parseIsoDate(complaint.receivedOn), REVIEW_DAYS.extended);
      await store.recordExtension(trx, id, {
        by: actor.fin,
        at: now,
        reason: reason.trim(),
        dueOn,
      });
      return `due ${dueOn}: ${reason.trim().slice(0, 400)}`;
    });
  }

  /** answerComplaint: once; the complainant sees the answer and status answered. */
  async answer(actor: StaffActor, id: string, text: string): Promise<ComplaintWithFlags> {
    return this.#change(actor, id, 'complaints.answer', async (trx, complaint, now) => {
      if (complaint.status === 'answered') throw new AppError(AlreadyAnswered);
      await store.recordAnswer(trx, id, { by: actor.fin, at: now, text: text.trim() });
      return complaint.dueOn < toBakuDate(now) ? 'answered-late' : undefined;
    });
  }

  /** A staff change to one complaint, in a transaction holding its row; audited either way. */
  async #change(
    actor: StaffActor,
    id: string,
    action: string,
    apply: (trx: ComplaintTx, complaint: Complaint, now: Date) => Promise<string | undefined>,
  ): Promise<ComplaintWithFlags> {
    if (actor.acr !== 'high') throw new AppError(AssuranceTooLow);
    const before = await store.findComplaint(this.#db, id);
    if (before === undefined) throw new AppError(ComplaintNotFound);
    await this.#requireStaff(actor, before.agency, action, `complaint:${id}`);
    const now = this.#clock.now();
    let purpose: string | undefined;
    try {
      await this.#db.transaction().execute(async (trx) => {
        const complaint = await store.findComplaint(trx, id, { forUpdate: true });
        if (complaint === undefined) throw new AppError(ComplaintNotFound);
        purpose = await apply(trx, complaint, now);
      });
    } catch (error) {
      if (error instanceof AppError) {
        await this.#audit.append({
          actor: `staff:${actor.fin}`,
          action,
          subjectFin: before.subjectFin,
          resource: `complaint:${id}`,
          outcome: 'refused',
          purpose: error.type,
        });
      }
      throw error;
    }
    await this.#audit.append({
      actor: `staff:${actor.fin}`,
      action,
      subjectFin: before.subjectFin,
      resource: `complaint:${id}`,
      outcome: 'success',
      ...(purpose === undefined ? {} : { purpose }),
    });
    const after = await store.findComplaint(this.#db, id);
    if (after === undefined) throw new AppError(ComplaintNotFound);
    return this.#flag(after);
  }
}
