CREATE SCHEMA IF NOT EXISTS payments;

CREATE TABLE payments.payment (
  id uuid PRIMARY KEY,
  -- The account that created the payment (the payer) and the person it is for (a child, a ward).
  account_id uuid NOT NULL,
  payer_fin text CHECK (payer_fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  subject_fin text CHECK (subject_fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  purpose_kind text NOT NULL CHECK (purpose_kind IN ('service-request')),
  purpose_ref text NOT NULL CHECK (length(purpose_ref) BETWEEN 1 AND 100),
  -- In qəpik (1/100 AZN): money is never a float.
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL DEFAULT 'AZN' CHECK (currency = 'AZN'),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
  status text NOT NULL CHECK (status IN ('pending', 'paid', 'cancelled', 'failed', 'refunded')),
  gateway text NOT NULL,
  gateway_payment_id text NOT NULL,
  gateway_transaction_id text,
  refund_transaction_id text,
  created_at timestamptz NOT NULL,
  paid_at timestamptz,
  closed_at timestamptz,
  refunded_at timestamptz,
  UNIQUE (gateway, gateway_payment_id)
);
CREATE INDEX payment_account_idx ON payments.payment (account_id, created_at DESC);
COMMENT ON TABLE payments.payment IS 'Payments of e-service fees (POR-003-8.1, POR-003-8.2): pending until the gateway''s signed callback says paid, cancelled or failed; paid may become refunded.';

-- The built-in test gateway's own book (a simulator; not used in production).
CREATE TABLE payments.test_gateway_payment (
  id text PRIMARY KEY,
  merchant_payment_id uuid NOT NULL,
  amount_minor bigint NOT NULL,
  currency text NOT NULL,
  description text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'paid', 'cancelled', 'refunded')),
  transaction_id text,
  refund_id text,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE payments.test_gateway_payment IS 'The simulated card processor behind /test-gateway/pay/<id> (no card data is ever collected).';
