import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { AssuranceTooLow } from '../../identity/index.ts';
import { isPortalStaff, requirePortalStaff, type RoleDirectory } from '../agency-staff.ts';
import {
  ClosingDateInvalid,
  DiscussionClosed,
  DiscussionStillOpen,
  DraftActNotFound,
  NotAgencyStaff,
  SubjectTaken,
  SummaryAlreadyPublished,
} from './discussion.errors.ts';
import * as store from './discussion.store.ts';
import type { Comment, Discussion, DiscussionDb, SubjectKind } from './discussion.store.ts';

/** A discussion lasts at most this long (002 gives no length: docs/decisions.md). */
const MAX_DISCUSSION_MS = 366 * 24 * 60 * 60 * 1000;

export interface Actor {
  readonly fin: string;
  readonly acr: 'low' | 'substantial' | 'high';
}

/** What another module puts to discussion: its draft, named by kind and its own id. */
export interface DiscussionInput {
  readonly subject: { readonly kind: SubjectKind; readonly ref: string | null };
  readonly agency: string;
  readonly title: { readonly az: string; readonly en: string };
  readonly text: string;
  readonly closesAt: Date;
  readonly attachmentId?: string | undefined;
}

export type DiscussionStatus = 'open' | 'closed';

/**
 * Public discussion of drafts (002 ¶DRAFTS, 003 §9.7; issue 6 item 9). The portal's draft legal
 * acts are one kind of subject; other modules (the registry's draft regulations) open a
 * discussion of their own draft with `openForSubject` after checking their own rights, and get
 * the same comments, closing and summary.
 */
export class DiscussionService {
  readonly #db: DiscussionDb;
  readonly #clock: Clock;
  readonly #audit: AuditLog;
  readonly #roles: RoleDirectory;

  constructor(options: {
    readonly db: DiscussionDb;
    readonly clock: Clock;
    readonly audit: AuditLog;
    readonly roles: RoleDirectory;
  }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#audit = options.audit;
    this.#roles = options.roles;
  }

  statusOf(d: Discussion, now = this.#clock.now()): DiscussionStatus {
    return now < d.closesAt ? 'open' : 'closed';
  }

  async #requireStaff(actor: Actor, agency: string, action: string, resource: string) {
    await requirePortalStaff(
      { roles: this.#roles, audit: this.#audit },
      actor,
      agency,
      { action, resource },
      NotAgencyStaff,
    );
  }

  /** Whether the person may see the authors of the agency's proposals (its portal staff). */
  async seesAuthors(actor: Actor | undefined, agency: string): Promise<boolean> {
    return (
      actor !== undefined &&
      actor.acr === 'high' &&
      (await isPortalStaff(this.#roles, actor.fin, agency))
    );
  }

  /** publishDraftAct: the agency's portal staff put a draft legal act to public discussion. */
  async publishDraftAct(
    actor: Actor,
    input: Omit<DiscussionInput, 'subject'>,
  ): Promise<Discussion> {
    await this.#requireStaff(
      actor,
      input.agency,
      'discussion.draft-publish',
      `agency:${input.agency}`,
    );
    return this.openForSubject(
      { ...input, subject: { kind: 'draft-act', ref: null } },
      `staff:${actor.fin}`,
    );
  }

  /**
   * Opens a discussion without checking roles: for modules that checked their own (the registry
   * for a draft regulation: subject { kind: 'regulation', ref: <regulation id> }). `actor` is
   * written to the audit log as given (`staff:<FİN>`).
   */
  async openForSubject(input: DiscussionInput, actor: string): Promise<Discussion> {
    const now = this.#clock.now();
    const closes = input.closesAt.getTime();
    if (!(closes > now.getTime() && closes <= now.getTime() + MAX_DISCUSSION_MS)) {
      throw new AppError(ClosingDateInvalid, {
        errors: [{ pointer: '#/closesAt', detail: 'after now and within a year' }],
      });
    }
    if (input.subject.ref !== null) {
      const taken = await store.findBySubject(this.#db, input.subject.kind, input.subject.ref);
      if (taken !== undefined)
        throw new AppError(SubjectTaken, { extensions: { draftActId: taken.id } });
    }
    const discussion: store.NewDiscussion = {
      id: randomUUID(),
      subject: input.subject,
      agency: input.agency,
      titleAz: input.title.az.trim(),
      titleEn: input.title.en.trim(),
      text: input.text.trim(),
      attachmentId: input.attachmentId ?? null,
      publishedBy: actor,
      publishedAt: now,
      closesAt: input.closesAt,
    };
    await store.insertDiscussion(this.#db, discussion);
    await this.#audit.append({
      actor,
      action: 'discussion.draft-publish',
      resource: `discussion:${discussion.id}:${input.subject.kind}:${input.agency}`,
      purpose: `closes ${input.closesAt.toISOString()}`,
      outcome: 'success',
    });
    return { ...discussion, summary: null, summaryBy: null, summaryAt: null, commentCount: 0 };
  }

  /** listDraftActs (public): open and closed, filtered. */
  async list(filter: {
    readonly agency?: string | undefined;
    readonly status?: DiscussionStatus | undefined;
    readonly kind?: SubjectKind | undefined;
    readonly q?: string | undefined;
    readonly page: number;
    readonly pageSize: number;
  }): Promise<{ items: Discussion[]; total: number; now: Date }> {
    const now = this.#clock.now();
    const words = filter.q
      ?.split(/\s+/)
      .filter((w) => w.length > 0)
      .slice(0, 10);
    const result = await store.listDiscussions(this.#db, {
      now,
      agency: filter.agency,
      status: filter.status,
      kind: filter.kind,
      words,
      limit: filter.pageSize,
      offset: (filter.page - 1) * filter.pageSize,
    });
    return { ...result, now };
  }

  /** getDraftAct (public): the draft with its proposals. */
  async get(id: string): Promise<{ discussion: Discussion; comments: Comment[] }> {
    const discussion = await store.findDiscussion(this.#db, id);
    if (discussion === undefined) throw new AppError(DraftActNotFound);
    return { discussion, comments: await store.listComments(this.#db, id) };
  }

  /** The discussion of another module's draft, if one was opened. */
  findBySubject(kind: SubjectKind, ref: string): Promise<Discussion | undefined> {
    return store.findBySubject(this.#db, kind, ref);
  }

  /**
   * commentOnDraftAct: any signed-in person, as often as they like, while the discussion is open
   * (POR-002-DRAFTS-3: nothing after the closing time).
   */
  async comment(actor: { readonly fin: string }, id: string, text: string): Promise<Comment> {
    const discussion = await store.findDiscussion(this.#db, id);
    if (discussion === undefined) throw new AppError(DraftActNotFound);
    const now = this.#clock.now();
    if (this.statusOf(discussion, now) === 'closed') {
      await this.#audit.append({
        actor: `citizen:${actor.fin}`,
        action: 'discussion.comment',
        subjectFin: actor.fin,
        resource: `discussion:${id}`,
        outcome: 'refused',
        purpose: 'discussion-closed',
      });
      throw new AppError(DiscussionClosed, {
        params: { closesAt: discussion.closesAt.toISOString() },
      });
    }
    const comment: Comment = {
      id: randomUUID(),
      discussionId: id,
      authorFin: actor.fin,
      text: text.trim(),
      createdAt: now,
    };
    await store.insertComment(this.#db, comment);
    await this.#audit.append({
      actor: `citizen:${actor.fin}`,
      action: 'discussion.comment',
      subjectFin: actor.fin,
      resource: `discussion:${id}:comment:${comment.id}`,
      outcome: 'success',
    });
    return comment;
  }

  /** publishDraftActSummary: once, after the discussion closed, by the agency's portal staff. */
  async publishSummary(actor: Actor, id: string, summary: string): Promise<Discussion> {
    if (actor.acr !== 'high') throw new AppError(AssuranceTooLow);
    const before = await store.findDiscussion(this.#db, id);
    if (before === undefined) throw new AppError(DraftActNotFound);
    await this.#requireStaff(
      actor,
      before.agency,
      'discussion.summary-publish',
      `discussion:${id}`,
    );
    const now = this.#clock.now();
    try {
      await this.#db.transaction().execute(async (trx) => {
        const d = await store.findDiscussion(trx, id, { forUpdate: true });
        if (d === undefined) throw new AppError(DraftActNotFound);
        if (this.statusOf(d, now) === 'open') {
          throw new AppError(DiscussionStillOpen, {
            params: { closesAt: d.closesAt.toISOString() },
          });
        }
        if (d.summaryAt !== null) throw new AppError(SummaryAlreadyPublished);
        await store.recordSummary(trx, id, { by: actor.fin, at: now, text: summary.trim() });
      });
    } catch (error) {
      // Audited after the transaction: the audit log writes on its own connection.
      if (error instanceof AppError) {
        await this.#audit.append({
          actor: `staff:${actor.fin}`,
          action: 'discussion.summary-publish',
          resource: `discussion:${id}`,
          outcome: 'refused',
          purpose: error.type,
        });
      }
      throw error;
    }
    await this.#audit.append({
      actor: `staff:${actor.fin}`,
      action: 'discussion.summary-publish',
      resource: `discussion:${id}`,
      outcome: 'success',
    });
    const after = await store.findDiscussion(this.#db, id);
    if (after === undefined) throw new AppError(DraftActNotFound);
    return after;
  }
}
