import type { Generated } from 'kysely';

export type PaymentStatus = 'pending' | 'paid' | 'cancelled' | 'failed' | 'refunded';

/** The `payments` schema (migrations/0001_create-payments.sql). */
export interface PaymentTables {
  'payments.payment': {
    id: string;
    account_id: string;
    payer_fin: string | null;
    subject_fin: string | null;
    purpose_kind: 'service-request';
    purpose_ref: string;
    amount_minor: number | string;
    currency: Generated<string>;
    description: string;
    status: PaymentStatus;
    gateway: string;
    gateway_payment_id: string;
    gateway_transaction_id: string | null;
    refund_transaction_id: string | null;
    created_at: Date;
    paid_at: Date | null;
    closed_at: Date | null;
    refunded_at: Date | null;
  };
  'payments.test_gateway_payment': {
    id: string;
    merchant_payment_id: string;
    amount_minor: number | string;
    currency: string;
    description: string;
    status: 'open' | 'paid' | 'cancelled' | 'refunded';
    transaction_id: string | null;
    refund_id: string | null;
    created_at: Date;
  };
}
