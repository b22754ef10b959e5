import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { FileNotFoundError, type FileStore } from '../../platform/files/index.ts';
import type { Clock } from '../../platform/time/index.ts';
import { isPortalStaff, type RoleDirectory } from '../agency-staff.ts';
import {
  AttachmentNotFound,
  AttachmentSubmitted,
  FileEmpty,
  FileTooLarge,
  FileTypeNotAllowed,
  TooManyPendingAttachments,
} from './attachments.errors.ts';
import {
  countPending,
  deletePending,
  findAttachment,
  findAttachments,
  insertAttachment,
  listOwned,
  lockOwner,
  markSubmitted,
  type Attachment,
  type AttachmentDb,
  type AttachmentTables,
} from './attachments.store.ts';
import { UploadGate, UploadRefused } from './file-type.ts';

/** Seed 003 A1 §2.6.2 scans: at most 10 MB each (issue 6 item 4). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Files uploaded but not yet part of a submitted request, per account. */
export const MAX_PENDING_ATTACHMENTS = 20;

/** The signed-in user doing something with attachments. */
export interface AttachmentActor {
  readonly accountId: string;
  readonly fin: string | null;
  /** The child or ward the session acts for (already checked), if any. */
  readonly actingFor?: string | undefined;
  readonly acr: 'low' | 'substantial' | 'high';
}

/**
 * Who besides the owner may read a file: a rule says yes for one attachment and reader. The
 * built-in rule lets the portal staff of the agency a request went to read its attachments; the
 * request engine and correspondence add theirs with `allowReaders`.
 */
export type AttachmentReaderRule = (
  attachment: Attachment,
  reader: AttachmentActor,
) => Promise<boolean>;

export interface AttachmentServiceOptions {
  readonly db: Kysely<AttachmentTables>;
  readonly files: FileStore;
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** Staff roles (identity's StaffService); without it only owners read files. */
  readonly roles?: RoleDirectory;
  readonly maxBytes?: number;
  readonly maxPending?: number;
}

function actorOf(actor: AttachmentActor): string {
  return `citizen:${actor.fin ?? actor.accountId}`;
}

/**
 * Attachments (issue 6 item 4; POR-003-7.1.2a, A1-2.6.2): uploads checked by content and size on
 * their way into the file store, downloads for the owner and allowed readers, deletion while
 * pending, and the hand-over to a submitted request (`claimForRequest`, for the request engine).
 */
export class AttachmentService {
  readonly #db: AttachmentDb;
  readonly #files: FileStore;
  readonly #clock: Clock;
  readonly #audit: AuditLog;
  readonly #rules: AttachmentReaderRule[] = [];
  readonly maxBytes: number;
  readonly maxPending: number;

  constructor(options: AttachmentServiceOptions) {
    this.#db = options.db;
    this.#files = options.files;
    this.#clock = options.clock;
    this.#audit = options.audit;
    this.maxBytes = options.maxBytes ?? MAX_ATTACHMENT_BYTES;
    this.maxPending = options.maxPending ?? MAX_PENDING_ATTACHMENTS;
    const roles = options.roles;
    if (roles !== undefined) {
      this.#rules.push(
        async (attachment, reader) =>
          attachment.submittedTo !== null &&
          reader.acr === 'high' &&
          reader.fin !== null &&
          isPortalStaff(roles, reader.fin, attachment.submittedTo),
      );
    }
  }

  /** The extension point for other readers (the request engine, correspondence). */
  allowReaders(rule: AttachmentReaderRule): void {
    this.#rules.push(rule);
  }

  tooLarge(): AppError {
    return new AppError(FileTooLarge, {
      params: { limitMb: Math.round(this.maxBytes / (1024 * 1024)) },
      extensions: { limitBytes: this.maxBytes },
    });
  }

  async #refuse(actor: AttachmentActor, reason: string, error: AppError): Promise<never> {
    await this.#audit.append({
      actor: actorOf(actor),
      onBehalfOf: actor.actingFor,
      action: 'attachments.upload',
      subjectFin: actor.actingFor ?? actor.fin ?? undefined,
      purpose: reason,
      outcome: 'refused',
    });
    throw error;
  }

  /**
   * Streams `content` into the file store through the type and size checks. Any refusal —
   * wrong type, too large, empty, too many pending files — leaves no file and no row.
   */
  async upload(
    actor: AttachmentActor,
    input: { fileName: string; content: Readable; declaredLength?: number | undefined },
  ): Promise<Attachment> {
    if (input.declaredLength !== undefined && input.declaredLength > this.maxBytes) {
      return this.#refuse(actor, 'size', this.tooLarge());
    }
    // Checked before reading the body, and again under the lock when the row is written.
    if ((await countPending(this.#db, actor.accountId)) >= this.maxPending) {
      return this.#refuse(actor, 'too-many-pending', this.#tooMany());
    }
    const gate = new UploadGate(this.maxBytes);
    // The store's pipeline reports the gate's refusal; this listener keeps a refusal that comes
    // after the pipeline has settled from becoming an uncaught 'error' event.
    gate.on('error', () => undefined);
    input.content.pipe(gate);
    input.content.once('error', (error) => gate.destroy(error));
    let stored;
    try {
      stored = await this.#files.put(gate);
    } catch (error) {
      input.content.unpipe(gate);
      if (error instanceof UploadRefused) {
        const appError =
          error.reason === 'size'
            ? this.tooLarge()
            : error.reason === 'empty'
              ? new AppError(FileEmpty)
              : new AppError(FileTypeNotAllowed);
        return this.#refuse(actor, error.reason, appError);
      }
      throw error;
    }
    const type = gate.type;
    if (type === undefined) throw new Error('upload gate finished without a type');
    const attachment: Attachment = {
      id: randomUUID(),
      ownerAccountId: actor.accountId,
      ownerFin: actor.fin,
      subjectFin: actor.actingFor ?? actor.fin,
      fileName: input.fileName.normalize('NFC'),
      contentType: type,
      size: stored.size,
      sha256: stored.sha256,
      storageKey: stored.key,
      createdAt: this.#clock.now(),
      submittedAt: null,
      requestId: null,
      submittedTo: null,
    };
    try {
      await this.#db.transaction().execute(async (trx) => {
        await lockOwner(trx, actor.accountId);
        if ((await countPending(trx, actor.accountId)) >= this.maxPending) throw this.#tooMany();
        await insertAttachment(trx, attachment);
      });
    } catch (error) {
      await this.#files.delete(stored.key);
      if (error instanceof AppError) return this.#refuse(actor, 'too-many-pending', error);
      throw error;
    }
    await this.#audit.append({
      actor: actorOf(actor),
      onBehalfOf: actor.actingFor,
      action: 'attachments.upload',
      subjectFin: attachment.subjectFin ?? undefined,
      resource: `attachment:${attachment.id}:${attachment.contentType}:${attachment.sha256}`,
      outcome: 'success',
    });
    return attachment;
  }

  #tooMany(): AppError {
    return new AppError(TooManyPendingAttachments, { params: { limit: this.maxPending } });
  }

  /** The owner's attachments, newest first (pending and submitted). */
  async listOwn(actor: AttachmentActor, limit = 100): Promise<Attachment[]> {
    return listOwned(this.#db, actor.accountId, limit);
  }

  async #mayRead(attachment: Attachment, reader: AttachmentActor): Promise<boolean> {
    if (attachment.ownerAccountId === reader.accountId) return true;
    for (const rule of this.#rules) if (await rule(attachment, reader)) return true;
    return false;
  }

  /**
   * The file for its owner or an allowed reader; anyone else gets 404 (not 403), so ids cannot
   * be probed. Every read is audited; a read by someone other than the owner names them.
   */
  async open(
    reader: AttachmentActor,
    id: string,
  ): Promise<{ attachment: Attachment; content: Readable }> {
    const attachment = await findAttachment(this.#db, id);
    const owner = attachment !== undefined && attachment.ownerAccountId === reader.accountId;
    if (attachment === undefined || !(await this.#mayRead(attachment, reader))) {
      await this.#audit.append({
        actor: actorOf(reader),
        action: 'attachments.read',
        resource: `attachment:${id}`,
        outcome: 'refused',
      });
      throw new AppError(AttachmentNotFound);
    }
    let content: Readable;
    try {
      content = await this.#files.get(attachment.storageKey);
    } catch (error) {
      if (error instanceof FileNotFoundError)
        throw new AppError(AttachmentNotFound, { cause: error });
      throw error;
    }
    await this.#audit.append({
      actor: owner ? actorOf(reader) : `staff:${reader.fin ?? reader.accountId}`,
      ...(owner ? { onBehalfOf: reader.actingFor } : {}),
      action: 'attachments.read',
      subjectFin: attachment.subjectFin ?? undefined,
      resource: `attachment:${attachment.id}`,
      ...(owner || attachment.submittedTo === null
        ? {}
        : { purpose: `request:${attachment.requestId}` }),
      outcome: 'success',
    });
    return { attachment, content };
  }

  /** Deletes a pending attachment of the owner (its row, then its file). */
  async delete(actor: AttachmentActor, id: string): Promise<void> {
    const attachment = await findAttachment(this.#db, id);
    if (attachment === undefined || attachment.ownerAccountId !== actor.accountId) {
      throw new AppError(AttachmentNotFound);
    }
    if (attachment.submittedAt !== null || !(await deletePending(this.#db, id, actor.accountId))) {
      await this.#audit.append({
        actor: actorOf(actor),
        onBehalfOf: actor.actingFor,
        action: 'attachments.delete',
        subjectFin: attachment.subjectFin ?? undefined,
        resource: `attachment:${id}`,
        purpose: 'already-submitted',
        outcome: 'refused',
      });
      throw new AppError(AttachmentSubmitted);
    }
    await this.#files.delete(attachment.storageKey);
    await this.#audit.append({
      actor: actorOf(actor),
      onBehalfOf: actor.actingFor,
      action: 'attachments.delete',
      subjectFin: attachment.subjectFin ?? undefined,
      resource: `attachment:${id}`,
      outcome: 'success',
    });
  }

  /**
   * For the request engine, inside its submission transaction (`trx.withTables<AttachmentTables>()`):
   * the attachments must exist, belong to `ownerAccountId`, concern `subjectFin` when given, and
   * be pending or already with this same request (a retried submission). They become part of
   * the request and readable by the staff of `agency`. Errors name the offending item with a
   * pointer `/attachmentIds/<i>`.
   */
  async claimForRequest(
    input: {
      readonly attachmentIds: readonly string[];
      readonly ownerAccountId: string;
      readonly subjectFin?: string;
      readonly requestId: string;
      readonly agency: string;
    },
    trx?: Kysely<AttachmentTables>,
  ): Promise<Attachment[]> {
    const db = trx ?? this.#db;
    const work = async (tx: AttachmentDb): Promise<Attachment[]> => {
      const found = await findAttachments(tx, input.attachmentIds);
      const byId = new Map(found.map((a) => [a.id, a]));
      const result: Attachment[] = [];
      for (const [index, id] of input.attachmentIds.entries()) {
        const attachment = byId.get(id);
        const pointer = `/attachmentIds/${index}`;
        if (
          attachment === undefined ||
          attachment.ownerAccountId !== input.ownerAccountId ||
          (input.subjectFin !== undefined && attachment.subjectFin !== input.subjectFin)
        ) {
          throw new AppError(AttachmentNotFound, {
            errors: [{ pointer, detail: 'no such attachment of yours for this person' }],
          });
        }
        if (attachment.requestId !== null && attachment.requestId !== input.requestId) {
          throw new AppError(AttachmentSubmitted, {
            errors: [{ pointer, detail: 'already submitted with another request' }],
          });
        }
        result.push(attachment);
      }
      const at = this.#clock.now();
      await markSubmitted(tx, input.attachmentIds, {
        requestId: input.requestId,
        agency: input.agency,
        at,
      });
      return result.map((a) =>
        a.submittedAt === null
          ? { ...a, submittedAt: at, requestId: input.requestId, submittedTo: input.agency }
          : a,
      );
    };
    return trx === undefined ? db.transaction().execute(work) : work(db);
  }
}
