CREATE TABLE identity.certificate (
  serial text PRIMARY KEY CHECK (serial ~ '^[0-9a-f]{2,64}$'),
  fin text NOT NULL CHECK (fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  account_id uuid REFERENCES identity.account (id),
  profile text NOT NULL CHECK (profile IN ('person-signature', 'staff-signature')),
  channel text NOT NULL CHECK (channel IN ('cli', 'demo-self-service', 'demo-operator')),
  fingerprint_sha256 text NOT NULL UNIQUE CHECK (fingerprint_sha256 ~ '^[0-9a-f]{64}$'),
  subject text NOT NULL,
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL,
  issued_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revocation_reason text CHECK (revocation_reason IN ('unspecified', 'key-compromise',
    'ca-compromise', 'affiliation-changed', 'superseded', 'cessation-of-operation',
    'privilege-withdrawn')),
  CONSTRAINT certificate_validity_order CHECK (not_after > not_before),
  CONSTRAINT certificate_revocation_complete CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
);
CREATE INDEX certificate_fin_idx ON identity.certificate (fin, issued_at DESC);
COMMENT ON TABLE identity.certificate IS 'E-signature certificates handed to persons (IAM-002-LOGIN-5, IAM-003-12.1.1): who holds which serial, issued through which channel, and its revocation as the holder asked for it. The platform CA (pki.certificate) is the authority on validity and revocation; this table links a certificate to the person and account. Private keys are never stored (IAM-003-13.2): they are generated, packed into a password-protected PKCS#12 file, handed over and forgotten.';
COMMENT ON COLUMN identity.certificate.account_id IS 'The account that asked for it (self-service in demo mode); null when a registration authority issued it from the command line before the person had an account.';
COMMENT ON COLUMN identity.certificate.fingerprint_sha256 IS 'SHA-256 of the certificate DER, lowercase hex (what certificate viewers show).';

CREATE TABLE identity.certificate_challenge (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{16,64}$'),
  challenge text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  CONSTRAINT certificate_challenge_order CHECK (expires_at > created_at)
);
CREATE INDEX certificate_challenge_expiry_idx ON identity.certificate_challenge (expires_at);
COMMENT ON TABLE identity.certificate_challenge IS 'One-time login challenges for certificate login (2 minutes). A challenge is spent by the first attempt to complete it, successful or not, so a signature can never be replayed and a challenge cannot be used to try several certificates. Expired rows are deleted as new ones are made.';
