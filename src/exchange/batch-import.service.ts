import { createHash, randomUUID } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { peekJwsHeader, verifyJws } from '../platform/crypto/jws.ts';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { AuditLog } from '../platform/audit/audit.service.ts';
import { AppError, type FieldError } from '../platform/errors/app-error.ts';
import { fieldErrors } from '../platform/http/validation-messages.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import type { Clock } from '../platform/time/clock.ts';
import {
  parseCsvBatch,
  parseJsonBatch,
  type BatchRow,
  type ParsedBatch,
  type RowError,
} from './batch-content.ts';
import type { BatchImported, ImportBatchBody } from './batch-import.schema.ts';
import * as store from './batch-import.store.ts';
import type { BatchImportTables } from './batch-import.store.ts';
import {
  BadSignature,
  BatchNotSupported,
  BatchTooLarge,
  BatchTooManyRows,
  CertificateRejected,
  DuplicateBatch,
  InvalidBatch,
  ProviderError,
  SignerNotAuthorized,
} from './exchange.errors.ts';
import type { ServiceRef } from './exchange.schema.ts';
import { serviceId, type GrantRow } from './exchange.store.ts';
import { legalBasisText, type Gateway } from './gateway.ts';
import type { MessageLog } from './message-log.ts';
import { compileContract, createContractAjv } from './schema-validator.ts';
import type { StaffCertificateChecker } from './staff-signatures.ts';

/** 10 MiB of UTF-8 content. */
export const MAX_BATCH_BYTES = 10 * 1024 * 1024;
export const MAX_BATCH_ROWS = 50_000;
/** Field errors kept per invalid row, and listed flat in the problem's `errors[]`. */
const ERRORS_PER_ROW = 10;
const FLAT_ERRORS = 100;

/** What a provider's batch handler receives: every row, already valid against the contract. */
export interface ProviderBatch {
  readonly batchId: string;
  readonly client: string;
  readonly service: ServiceRef;
  readonly purpose: string;
  /** The staff member whose enhanced e-signature covers the content. */
  readonly signer: { readonly fin: string; readonly subject: string; readonly serial: string };
  readonly rows: readonly Record<string, unknown>[];
}

/**
 * Runs `work` in the transaction that records the batch as imported: the provider's rows and the
 * record commit together or not at all. A provider calls it exactly once and names its own tables
 * by annotating the parameter: `transaction(async (trx: Transaction<MyTables>) => …)` (the same
 * narrowing as `Database.typed<T>()`).
 */
export type BatchTransaction = <DB, T>(work: (trx: Transaction<DB>) => Promise<T>) => Promise<T>;

export type BatchHandler = (batch: ProviderBatch, transaction: BatchTransaction) => Promise<void>;

export interface BatchImportsOptions {
  readonly db: Kysely<BatchImportTables>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly gateway: Gateway;
  readonly messageLog: MessageLog;
  readonly audit: AuditLog;
  readonly signers: StaffCertificateChecker;
}

/** What an upload has established so far: the message log records whatever is known. */
interface Context {
  readonly id: string;
  readonly started: number;
  readonly now: Date;
  readonly service: string;
  readonly contentHash: string;
  readonly signatureSegment: string | undefined;
  client: string;
  purpose: string | undefined;
  signer: ProviderBatch['signer'] | undefined;
  grant: GrantRow | undefined;
  /** Set once a `rejected` record is written. */
  rejected: boolean;
}

interface Signed {
  readonly client: { readonly member: string; readonly subsystem: string };
  readonly purpose: string;
  readonly signer: ProviderBatch['signer'];
  readonly organization: string | undefined;
}

// ajv-formats is CommonJS; under ESM its plugin is the `default` member of the module.
const addFormats = addFormatsPlugin.default;

/** The contract validator's settings (schema-validator.ts), plus coercion of CSV text cells. */
function csvAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    removeAdditional: false,
    coerceTypes: true,
  });
  addFormats(ajv);
  return ajv;
}

const CLIENT = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;

function sha256(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function normalizeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('az');
}

/** Flattens row errors for `errors[]`: pointers into the rows (`#/rows/3/fin`). */
function flatErrors(rows: readonly RowError[]): FieldError[] {
  const flat: FieldError[] = [];
  for (const row of rows) {
    for (const error of row.errors) {
      if (flat.length >= FLAT_ERRORS) return flat;
      const inner = (error.pointer ?? '#').slice(1);
      flat.push({
        pointer: row.index < 0 ? (error.pointer ?? '#/content') : `#/rows/${row.index}${inner}`,
        detail: row.line === undefined ? error.detail : `line ${row.line}: ${error.detail}`,
      });
    }
  }
  return flat;
}

/**
 * Signed batch upload (EHIS-004-4.4): a body that cannot exchange in real time enters its data
 * through its e-cabinet, confirmed with a staff member's enhanced e-signature, on behalf of its
 * client subsystem and under that subsystem's access grant. Every row is validated against the
 * service's request contract; the batch is imported all-or-nothing, once.
 */
export class BatchImports {
  readonly #o: BatchImportsOptions;
  readonly #handlers = new Map<string, BatchHandler>();
  readonly #ajv: Ajv = createContractAjv();
  // CSV cells are text: this one coerces them to the types the contract asks for.
  readonly #csvAjv: Ajv = csvAjv();
  readonly #validators = new WeakMap<object, ValidateFunction>();
  readonly #csvValidators = new WeakMap<object, ValidateFunction>();

  constructor(options: BatchImportsOptions) {
    this.#o = options;
  }

  /** Attaches the batch handler of a provider subsystem's service (in this process). */
  provide(service: ServiceRef, handler: BatchHandler): void {
    this.#handlers.set(serviceId(service.member, service.subsystem, service.service), handler);
  }

  async import(target: ServiceRef, body: ImportBatchBody, lang: Lang): Promise<BatchImported> {
    const [, , signatureSegment] = body.signature.split('.');
    const ctx: Context = {
      id: randomUUID(),
      started: performance.now(),
      now: this.#o.clock.now(),
      service: serviceId(target.member, target.subsystem, target.service),
      contentHash: sha256(Buffer.from(body.content, 'utf8')),
      signatureSegment,
      client: 'unknown',
      purpose: undefined,
      signer: undefined,
      grant: undefined,
      rejected: false,
    };
    let imported: BatchImported;
    try {
      imported = await this.#import(ctx, target, body, lang);
    } catch (caught) {
      throw await this.#refuse(ctx, caught);
    }
    await this.#record(ctx, 'success', 201, undefined);
    await this.#o.audit.append({
      actor: `staff:${imported.signer.fin}`,
      action: 'exchange.batch.import',
      resource: `batch:${ctx.id}:${ctx.client}:${ctx.service}`,
      purpose: ctx.purpose,
      legalBasis: ctx.grant === undefined ? undefined : legalBasisText(ctx.grant),
      outcome: 'success',
    });
    return imported;
  }

  async #import(
    ctx: Context,
    target: ServiceRef,
    body: ImportBatchBody,
    lang: Lang,
  ): Promise<BatchImported> {
    const bytes = Buffer.byteLength(body.content, 'utf8');
    if (bytes > MAX_BATCH_BYTES) {
      throw new AppError(BatchTooLarge, { params: { limit: MAX_BATCH_BYTES } });
    }
    const signed = await this.#verifySignature(ctx, body);
    const { member } = signed.client;
    const names = (await store.memberNames(this.#o.db, member)).map(normalizeName);
    if (signed.organization === undefined || !names.includes(normalizeName(signed.organization))) {
      throw new AppError(SignerNotAuthorized, { params: { member } });
    }
    const { grant, service } = await this.#o.gateway.admit(target, signed.client, signed.purpose);
    ctx.grant = grant;
    const handler = this.#handlers.get(ctx.service);
    if (handler === undefined) throw new AppError(BatchNotSupported);
    if (
      (await store.findImported(this.#o.db, ctx.client, ctx.service, ctx.contentHash)) !== undefined
    ) {
      throw new AppError(DuplicateBatch);
    }

    const parsed: ParsedBatch =
      body.format === 'csv'
        ? parseCsvBatch(body.content, MAX_BATCH_ROWS, lang)
        : parseJsonBatch(body.content, MAX_BATCH_ROWS, lang);
    if (!parsed.ok && 'tooMany' in parsed) {
      throw new AppError(BatchTooManyRows, {
        params: { limit: MAX_BATCH_ROWS, rows: parsed.tooMany },
      });
    }
    const rowErrors = parsed.ok
      ? this.#validate(parsed.rows, service.request_schema, body.format === 'csv', lang)
      : parsed.errors;
    const rows = parsed.ok ? parsed.rows : [];
    if (rowErrors.length > 0) {
      await store.insertBatch(this.#o.db, {
        ...this.#recordOf(ctx, body, signed, rows.length),
        status: 'rejected',
        errors: rowErrors,
      });
      ctx.rejected = true;
      throw new AppError(InvalidBatch, {
        errors: flatErrors(rowErrors),
        extensions: { invalidRows: rowErrors.length, rows: rowErrors },
      });
    }

    let committed = false;
    let called = false;
    const transaction: BatchTransaction = async <DB, T>(
      work: (trx: Transaction<DB>) => Promise<T>,
    ): Promise<T> => {
      if (called) throw new Error('a batch is recorded once');
      called = true;
      const result = await this.#o.db.transaction().execute(async (trx) => {
        // First: a concurrent upload of the same content fails here, before the provider works.
        try {
          await store.insertBatch(trx, {
            ...this.#recordOf(ctx, body, signed, rows.length),
            status: 'imported',
            errors: [],
          });
        } catch (error) {
          if (store.isUniqueViolation(error)) throw new AppError(DuplicateBatch, { cause: error });
          throw error;
        }
        // One connection, one transaction: only the table types differ (see Database.typed).
        return work(trx as unknown as Transaction<DB>);
      });
      committed = true;
      return result;
    };
    try {
      await handler(
        {
          batchId: ctx.id,
          client: ctx.client,
          service: target,
          purpose: signed.purpose,
          signer: signed.signer,
          rows: rows.map((row) => row.value),
        },
        transaction,
      );
    } catch (error) {
      // Our own refusals, and a provider's (a 4xx it raises on purpose), pass as they are.
      if (error instanceof AppError) throw error;
      this.#o.logger.error(
        { err: error, service: ctx.service, batch: ctx.id },
        'batch handler failed',
      );
      throw new AppError(ProviderError, { cause: error });
    }
    if (!committed) {
      this.#o.logger.error({ service: ctx.service }, 'batch handler returned without recording');
      throw new AppError(ProviderError);
    }
    return {
      id: ctx.id,
      status: 'imported',
      client: ctx.client,
      service: ctx.service,
      rows: rows.length,
      contentHash: ctx.contentHash,
      signer: { subject: signed.signer.subject, fin: signed.signer.fin },
    };
  }

  /** The detached staff e-signature: header fields, certificate, then the signature itself. */
  async #verifySignature(ctx: Context, body: ImportBatchBody): Promise<Signed> {
    const [headerSegment = '', payloadSegment, signatureSegment = ''] = body.signature.split('.');
    if (payloadSegment !== '') throw new AppError(BadSignature);
    let header: Record<string, unknown>;
    try {
      header = peekJwsHeader(body.signature);
    } catch {
      throw new AppError(BadSignature);
    }
    const x5c = header.x5c;
    const client =
      typeof header['ehis-client'] === 'string' ? CLIENT.exec(header['ehis-client']) : null;
    const purpose = header['ehis-purpose'];
    const certificate = Array.isArray(x5c) ? (x5c as unknown[])[0] : undefined;
    if (
      header.alg !== 'ES256' ||
      typeof certificate !== 'string' ||
      client?.[1] === undefined ||
      client[2] === undefined ||
      header['ehis-service'] !== ctx.service ||
      typeof purpose !== 'string' ||
      purpose.length === 0 ||
      purpose.length > 100
    ) {
      throw new AppError(BadSignature);
    }
    const check = await this.#o.signers.check(certificate, ctx.now);
    if (!check.ok) {
      throw new AppError(CertificateRejected, { params: { reason: check.reason } });
    }
    try {
      const payload = Buffer.from(body.content, 'utf8').toString('base64url');
      await verifyJws(`${headerSegment}.${payload}.${signatureSegment}`, check.publicKey);
    } catch {
      throw new AppError(BadSignature);
    }
    // Only a verified signature attributes the upload to a client, a purpose and a signer.
    ctx.client = `${client[1]}/${client[2]}`;
    ctx.purpose = purpose;
    ctx.signer = { fin: check.fin, subject: check.subject, serial: check.serial };
    return {
      client: { member: client[1], subsystem: client[2] },
      purpose,
      signer: ctx.signer,
      organization: check.organization,
    };
  }

  #validate(rows: readonly BatchRow[], schema: unknown, csv: boolean, lang: Lang): RowError[] {
    const validate = this.#validator(schema, csv);
    const errors: RowError[] = [];
    for (const row of rows) {
      if (validate(row.value)) continue;
      errors.push({
        index: row.index,
        ...(row.line === undefined ? {} : { line: row.line }),
        errors: fieldErrors(validate.errors ?? [], 'body', lang).slice(0, ERRORS_PER_ROW),
      });
    }
    return errors;
  }

  #validator(schema: unknown, csv: boolean): ValidateFunction {
    const cache = csv ? this.#csvValidators : this.#validators;
    // The gateway keeps one service row per service until something changes, so its schema
    // object is a stable cache key; a republished contract is a new object.
    const key = typeof schema === 'object' && schema !== null ? schema : { schema };
    let validate = cache.get(key);
    if (validate === undefined) {
      validate = compileContract(csv ? this.#csvAjv : this.#ajv, schema);
      cache.set(key, validate);
    }
    return validate;
  }

  #recordOf(
    ctx: Context,
    body: ImportBatchBody,
    signed: Signed,
    rowsTotal: number,
  ): Omit<store.BatchRecord, 'status' | 'errors'> {
    return {
      id: ctx.id,
      client: ctx.client,
      service: ctx.service,
      format: body.format,
      contentHash: ctx.contentHash,
      signer: signed.signer,
      signature: body.signature,
      purpose: signed.purpose,
      rowsTotal,
      createdAt: ctx.now,
    };
  }

  /** Logs a refused or failed upload (and audits a rejected one) and returns the error. */
  async #refuse(ctx: Context, caught: unknown): Promise<AppError> {
    const error =
      caught instanceof AppError ? caught : new AppError(ProviderError, { cause: caught });
    if (!(caught instanceof AppError)) {
      this.#o.logger.error({ err: caught, service: ctx.service }, 'batch import failed');
    }
    await this.#record(ctx, error.status >= 500 ? 'failed' : 'refused', error.status, error.type);
    if (ctx.rejected && ctx.signer !== undefined) {
      await this.#o.audit.append({
        actor: `staff:${ctx.signer.fin}`,
        action: 'exchange.batch.import',
        resource: `batch:${ctx.id}:${ctx.client}:${ctx.service}`,
        purpose: ctx.purpose,
        legalBasis: ctx.grant === undefined ? undefined : legalBasisText(ctx.grant),
        outcome: 'refused',
      });
    }
    return error;
  }

  async #record(
    ctx: Context,
    outcome: 'success' | 'refused' | 'failed',
    status: number,
    errorType: string | undefined,
  ): Promise<void> {
    await this.#o.messageLog.record({
      messageId: ctx.id,
      client: ctx.client,
      service: ctx.service,
      actor: ctx.signer === undefined ? undefined : `staff:${ctx.signer.fin}`,
      subjectFin: undefined,
      purpose: ctx.purpose,
      grantId: ctx.grant?.id,
      legalBasis: ctx.grant === undefined ? undefined : legalBasisText(ctx.grant),
      idempotencyKey: undefined,
      requestHash: ctx.contentHash,
      responseHash: undefined,
      requestSignature: ctx.signatureSegment,
      responseSignature: undefined,
      outcome,
      status,
      errorType,
      latencyMs: performance.now() - ctx.started,
      requestBody: undefined,
      responseBody: undefined,
    });
  }
}
