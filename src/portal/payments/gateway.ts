import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/time/clock.ts';
import type { PaymentTables } from './payments.store.ts';

/** What a gateway's callback tells EHİS, after its signature was checked. */
export interface GatewayCallback {
  readonly gatewayPaymentId: string;
  readonly paymentId: string;
  readonly status: 'paid' | 'cancelled' | 'failed';
  /** The amount the payer was charged, "12.50" (AZN). */
  readonly amount: string;
  readonly currency: string;
  readonly transactionId: string | null;
}

/**
 * A payment service provider (POR-003-8.2: payment in real time). EHİS sends the payer to the
 * gateway's hosted page (no card data ever reaches EHİS); the gateway tells the outcome by a signed
 * callback to `POST /payments/callback`.
 */
export interface PaymentGateway {
  readonly name: string;
  createPayment(input: {
    readonly paymentId: string;
    readonly amountMinor: number;
    readonly currency: 'AZN';
    readonly description: string;
  }): Promise<{ gatewayPaymentId: string; redirectUrl: string }>;
  /** Checks the signature over the raw body; throws on a forged or malformed callback. */
  verifyCallback(rawBody: string, signature: string | undefined): GatewayCallback | undefined;
  refund(input: {
    readonly gatewayPaymentId: string;
    readonly amountMinor: number;
  }): Promise<{ refundTransactionId: string }>;
}

export const SIGNATURE_HEADER = 'x-gateway-signature';

/** `sha256=<hex>` HMAC-SHA256 of the raw callback body. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function formatAmount(minor: number): string {
  return `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

/** "12.50" → 1250; undefined when not a positive amount with exactly two decimals. */
export function parseAmount(text: string): number | undefined {
  const m = /^(0|[1-9][0-9]{0,8})\.([0-9]{2})$/.exec(text);
  if (m === null) return undefined;
  const minor = Number(m[1]) * 100 + Number(m[2]);
  return minor > 0 ? minor : undefined;
}

function parseCallback(body: string): GatewayCallback | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const str = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length < 200;
  if (!str(v.gatewayPaymentId) || !str(v.paymentId) || !str(v.amount) || !str(v.currency)) {
    return undefined;
  }
  if (v.status !== 'paid' && v.status !== 'cancelled' && v.status !== 'failed') return undefined;
  if (v.transactionId !== null && !str(v.transactionId)) return undefined;
  return {
    gatewayPaymentId: v.gatewayPaymentId,
    paymentId: v.paymentId,
    status: v.status,
    amount: v.amount,
    currency: v.currency,
    transactionId: v.transactionId,
  };
}

/** Delivers a signed callback to EHİS (the routes deliver it through the real HTTP endpoint). */
export type CallbackDelivery = (body: string, signature: string) => Promise<void>;

/**
 * The built-in test gateway: a simulator of a card processor, with its hosted page under
 * `/test-gateway/pay/<id>` (Pay / Cancel, no card data). Never used in production.
 */
export class TestGateway implements PaymentGateway {
  readonly name = 'test';
  readonly #db: Kysely<PaymentTables>;
  readonly #clock: Clock;
  readonly #secret: string;
  #deliver: CallbackDelivery | undefined;

  constructor(options: { db: Kysely<PaymentTables>; clock: Clock; secret: string }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#secret = options.secret;
  }

  /** Where callbacks go; set when the routes are registered. */
  connect(deliver: CallbackDelivery): void {
    this.#deliver = deliver;
  }

  async createPayment(input: {
    paymentId: string;
    amountMinor: number;
    currency: 'AZN';
    description: string;
  }): Promise<{ gatewayPaymentId: string; redirectUrl: string }> {
    const id = `tg_${randomBytes(12).toString('base64url')}`;
    await this.#db
      .insertInto('payments.test_gateway_payment')
      .values({
        id,
        merchant_payment_id: input.paymentId,
        amount_minor: input.amountMinor,
        currency: input.currency,
        description: input.description,
        status: 'open',
        transaction_id: null,
        refund_id: null,
        created_at: this.#clock.now(),
      })
      .execute();
    return { gatewayPaymentId: id, redirectUrl: `/test-gateway/pay/${id}` };
  }

  verifyCallback(rawBody: string, signature: string | undefined): GatewayCallback | undefined {
    if (signature === undefined) return undefined;
    const expected = Buffer.from(signBody(this.#secret, rawBody));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return parseCallback(rawBody);
  }

  async refund(input: {
    gatewayPaymentId: string;
    amountMinor: number;
  }): Promise<{ refundTransactionId: string }> {
    const row = await this.page(input.gatewayPaymentId);
    if (row?.status !== 'paid' || Number(row.amount_minor) !== input.amountMinor) {
      throw new Error(`test gateway: cannot refund ${input.gatewayPaymentId}`);
    }
    const refundId = `tr_${randomUUID()}`;
    await this.#db
      .updateTable('payments.test_gateway_payment')
      .set({ status: 'refunded', refund_id: refundId })
      .where('id', '=', input.gatewayPaymentId)
      .execute();
    return { refundTransactionId: refundId };
  }

  /** The hosted page's payment, for rendering. */
  async page(id: string): Promise<PaymentTables['payments.test_gateway_payment'] | undefined> {
    return this.#db
      .selectFrom('payments.test_gateway_payment')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The payer pressed Pay or Cancel on the hosted page: close it and send the signed callback. */
  async decide(id: string, choice: 'pay' | 'cancel'): Promise<'paid' | 'cancelled' | undefined> {
    const status = choice === 'pay' ? 'paid' : 'cancelled';
    const transactionId = choice === 'pay' ? `tt_${randomUUID()}` : null;
    const row = await this.#db
      .updateTable('payments.test_gateway_payment')
      .set({ status, transaction_id: transactionId })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const body = JSON.stringify({
      gatewayPaymentId: row.id,
      paymentId: row.merchant_payment_id,
      status,
      amount: formatAmount(Number(row.amount_minor)),
      currency: row.currency,
      transactionId,
    });
    if (this.#deliver === undefined) throw new Error('test gateway: no callback endpoint');
    await this.#deliver(body, signBody(this.#secret, body));
    return status;
  }
}
