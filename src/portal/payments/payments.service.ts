import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { Validation } from '../../platform/errors/platform.errors.ts';
import type { Logger } from 'pino';
import type { Clock } from '../../platform/time/clock.ts';
import { formatAmount, parseAmount, type PaymentGateway } from './gateway.ts';
import {
  CallbackMismatch,
  CallbackSignatureInvalid,
  PaymentGatewayUnavailable,
  PaymentNotFound,
  PaymentNotPaid,
} from './payments.errors.ts';
import type { PaymentStatus, PaymentTables } from './payments.store.ts';

type Row = Selectable<PaymentTables['payments.payment']>;

export interface Payment {
  readonly paymentId: string;
  readonly status: PaymentStatus;
  readonly amount: string;
  readonly currency: string;
  readonly description: string;
  readonly purpose: { readonly kind: 'service-request'; readonly ref: string };
  readonly subjectFin: string | null;
  readonly createdAt: Date;
  readonly paidAt: Date | null;
  readonly refundedAt: Date | null;
  readonly gatewayTransactionId: string | null;
}

/** Who creates a payment: the signed-in account and the person it is for. */
export interface Payer {
  readonly accountId: string;
  readonly fin: string | undefined;
  /** The child or ward the session acts for, if any. */
  readonly subjectFin: string | undefined;
}

export interface CreatePaymentInput {
  readonly purpose: { readonly kind: 'service-request'; readonly ref: string };
  /** "12.50" AZN. */
  readonly amount: string;
  readonly description: string;
}

export type PaidListener = (paymentId: string) => Promise<void> | void;

function toPayment(row: Row): Payment {
  return {
    paymentId: row.id,
    status: row.status,
    amount: formatAmount(Number(row.amount_minor)),
    currency: row.currency,
    description: row.description,
    purpose: { kind: row.purpose_kind, ref: row.purpose_ref },
    subjectFin: row.subject_fin,
    createdAt: row.created_at,
    paidAt: row.paid_at,
    refundedAt: row.refunded_at,
    gatewayTransactionId: row.gateway_transaction_id,
  };
}

/**
 * E-service fee payments (issue 6 item 6; POR-003-8.1, POR-003-8.2). The amount is given by the
 * caller (the request engine will pass the fee of the service from the registry); the gateway's
 * signed callback is the only way a payment becomes paid.
 */
export class PaymentService {
  readonly #db: Kysely<PaymentTables>;
  readonly #clock: Clock;
  readonly #audit: AuditLog;
  readonly #logger: Logger;
  readonly #gateway: PaymentGateway | undefined;
  readonly #paidListeners: PaidListener[] = [];

  constructor(options: {
    db: Kysely<PaymentTables>;
    clock: Clock;
    audit: AuditLog;
    logger: Logger;
    gateway: PaymentGateway | undefined;
  }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#audit = options.audit;
    this.#logger = options.logger;
    this.#gateway = options.gateway;
  }

  /** Subscribes to "this payment is now paid" (the request engine leaves "awaiting payment"). */
  onPaid(listener: PaidListener): void {
    this.#paidListeners.push(listener);
  }

  async create(
    payer: Payer,
    input: CreatePaymentInput,
  ): Promise<{ payment: Payment; redirectUrl: string }> {
    const gateway = this.#gateway;
    if (gateway === undefined) throw new AppError(PaymentGatewayUnavailable);
    const amountMinor = parseAmount(input.amount);
    if (amountMinor === undefined) {
      throw new AppError(Validation, {
        errors: [{ pointer: '#/amount', detail: 'The amount must be more than 0.00 AZN' }],
      });
    }
    const id = randomUUID();
    const { gatewayPaymentId, redirectUrl } = await gateway.createPayment({
      paymentId: id,
      amountMinor,
      currency: 'AZN',
      description: input.description,
    });
    const row = await this.#db
      .insertInto('payments.payment')
      .values({
        id,
        account_id: payer.accountId,
        payer_fin: payer.fin ?? null,
        subject_fin: payer.subjectFin ?? payer.fin ?? null,
        purpose_kind: input.purpose.kind,
        purpose_ref: input.purpose.ref,
        amount_minor: amountMinor,
        description: input.description,
        status: 'pending',
        gateway: gateway.name,
        gateway_payment_id: gatewayPaymentId,
        gateway_transaction_id: null,
        refund_transaction_id: null,
        created_at: this.#clock.now(),
        paid_at: null,
        closed_at: null,
        refunded_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.#audit.append({
      actor: `citizen:${payer.fin ?? payer.accountId}`,
      onBehalfOf: payer.subjectFin,
      action: 'payments.create',
      subjectFin: payer.subjectFin ?? payer.fin,
      resource: `payment:${id}`,
      purpose: `${input.purpose.kind}:${input.purpose.ref}`,
      outcome: 'success',
    });
    return { payment: toPayment(row), redirectUrl };
  }

  /** The account's own payment; anyone else's is "not found" (no probing of ids). */
  async get(accountId: string, paymentId: string): Promise<Payment> {
    const row = await this.#db
      .selectFrom('payments.payment')
      .selectAll()
      .where('id', '=', paymentId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (row === undefined) throw new AppError(PaymentNotFound);
    return toPayment(row);
  }

  async receipt(accountId: string, paymentId: string): Promise<Payment> {
    const payment = await this.get(accountId, paymentId);
    if (payment.status !== 'paid' && payment.status !== 'refunded') {
      throw new AppError(PaymentNotPaid, { params: { status: payment.status } });
    }
    return payment;
  }

  /**
   * A gateway callback. Idempotent: the same outcome again changes nothing (`changed: false`).
   * Refused, changing nothing: a bad signature, an unknown payment, another amount or currency,
   * a different outcome for a payment already closed.
   */
  async callback(rawBody: string, signature: string | undefined): Promise<{ changed: boolean }> {
    const gateway = this.#gateway;
    if (gateway === undefined) throw new AppError(PaymentGatewayUnavailable);
    const message = gateway.verifyCallback(rawBody, signature);
    if (message === undefined) {
      await this.#audit.append({
        actor: `gateway:${gateway.name}`,
        action: 'payments.callback',
        outcome: 'refused',
      });
      throw new AppError(CallbackSignatureInvalid);
    }
    const refuse = async (reason: string, resource?: string): Promise<never> => {
      await this.#audit.append({
        actor: `gateway:${gateway.name}`,
        action: 'payments.callback',
        resource,
        purpose: reason,
        outcome: 'refused',
      });
      throw new AppError(CallbackMismatch);
    };
    const result = await this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('payments.payment')
        .selectAll()
        .where('gateway', '=', gateway.name)
        .where('gateway_payment_id', '=', message.gatewayPaymentId)
        .forUpdate()
        .executeTakeFirst();
      if (row === undefined || row.id !== message.paymentId) return { refused: 'unknown payment' };
      if (
        parseAmount(message.amount) !== Number(row.amount_minor) ||
        message.currency !== row.currency
      ) {
        return { refused: 'amount', row };
      }
      if (row.status !== 'pending') {
        const same =
          (row.status === message.status ||
            (row.status === 'refunded' && message.status === 'paid')) &&
          row.gateway_transaction_id === message.transactionId;
        return same ? { row, changed: false } : { refused: 'already closed', row };
      }
      if (message.status === 'paid' && message.transactionId === null) {
        return { refused: 'transaction id missing', row };
      }
      const now = this.#clock.now();
      const updated = await trx
        .updateTable('payments.payment')
        .set({
          status: message.status,
          gateway_transaction_id: message.transactionId,
          paid_at: message.status === 'paid' ? now : null,
          closed_at: now,
        })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { row: updated, changed: true };
    });
    if ('refused' in result) {
      return refuse(
        result.refused ?? 'refused',
        result.row === undefined ? undefined : `payment:${result.row.id}`,
      );
    }
    if (!result.changed) return { changed: false };
    const row = result.row;
    await this.#audit.append({
      actor: `gateway:${gateway.name}`,
      action: `payments.${row.status}`,
      subjectFin: row.subject_fin ?? undefined,
      resource: `payment:${row.id}`,
      outcome: 'success',
    });
    if (row.status === 'paid') await this.#notifyPaid(row.id);
    return { changed: true };
  }

  async #notifyPaid(paymentId: string): Promise<void> {
    for (const listener of this.#paidListeners) {
      try {
        await listener(paymentId);
      } catch (error) {
        // A subscriber's failure must not undo the payment; it is logged for the operator.
        this.#logger.error({ err: error, paymentId }, 'payments: onPaid listener failed');
      }
    }
  }

  /** Refunds a paid payment through the gateway (the operator; later the agency's staff). */
  async refund(actor: string, paymentId: string): Promise<Payment> {
    const gateway = this.#gateway;
    if (gateway === undefined) throw new AppError(PaymentGatewayUnavailable);
    const row = await this.#db
      .selectFrom('payments.payment')
      .selectAll()
      .where('id', '=', paymentId)
      .executeTakeFirst();
    if (row === undefined) throw new AppError(PaymentNotFound);
    if (row.status !== 'paid') {
      await this.#audit.append({
        actor,
        action: 'payments.refund',
        resource: `payment:${row.id}`,
        outcome: 'refused',
      });
      throw new AppError(PaymentNotPaid, { params: { status: row.status } });
    }
    const { refundTransactionId } = await gateway.refund({
      gatewayPaymentId: row.gateway_payment_id,
      amountMinor: Number(row.amount_minor),
    });
    const updated = await this.#db
      .updateTable('payments.payment')
      .set({
        status: 'refunded',
        refund_transaction_id: refundTransactionId,
        refunded_at: this.#clock.now(),
      })
      .where('id', '=', row.id)
      .where('status', '=', 'paid')
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.#audit.append({
      actor,
      action: 'payments.refund',
      subjectFin: row.subject_fin ?? undefined,
      resource: `payment:${row.id}`,
      outcome: 'success',
    });
    return toPayment(updated);
  }
}
