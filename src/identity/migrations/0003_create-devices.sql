CREATE TABLE identity.device (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES identity.account (id),
  mobile_user_id text NOT NULL UNIQUE CHECK (mobile_user_id ~ '^[0-9]{6}$'),
  phone text NOT NULL CHECK (phone ~ '^\+994[0-9]{9}$'),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
  public_key jsonb NOT NULL,
  key_thumbprint text NOT NULL UNIQUE,
  assurance text NOT NULL CHECK (assurance IN ('substantial', 'high')),
  activated_by text NOT NULL,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  last_proof_at timestamptz,
  revoked_at timestamptz,
  CHECK (activated_by <> 'demo' OR assurance = 'high')
);
CREATE INDEX device_account_idx ON identity.device (account_id, created_at DESC);
CREATE INDEX device_phone_idx ON identity.device (phone, mobile_user_id) WHERE revoked_at IS NULL;
COMMENT ON TABLE identity.device IS 'Mobile-signature devices (IAM-002-LOGIN-6, -7): an ECDSA P-256 key made non-extractable in the phone''s browser; only the public JWK is kept. mobile_user_id is the 6-digit number the user types with the phone number (like ASAN İmza''s user ID). assurance is the acr a login with the device gets: high when it was activated from an acr-high session (certificate) or in demo mode, substantial when activated from a weaker session; activated_by is the login method of the session that registered it (amr) or demo. last_proof_at is the time of the newest signed device proof, so an old proof cannot be replayed.';

CREATE TABLE identity.device_challenge (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('mobile', 'qr')),
  device_id uuid REFERENCES identity.device (id),
  verification_code text NOT NULL CHECK (verification_code ~ '^[0-9]{4}$'),
  nonce text NOT NULL,
  qr_secret_hash text,
  binding_hash text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'completed')),
  requested_ip text,
  requested_user_agent text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  decided_at timestamptz,
  completed_at timestamptz,
  CHECK (kind = 'mobile' OR qr_secret_hash IS NOT NULL),
  CHECK (status = 'pending' OR device_id IS NOT NULL)
);
CREATE INDEX device_challenge_pending_idx ON identity.device_challenge (device_id, expires_at)
  WHERE status = 'pending';
COMMENT ON TABLE identity.device_challenge IS 'One-time login challenges for mobile signature (kind mobile: device_id is the device found by phone and mobile user id, null when none was, so the answer does not reveal registrations) and smartphone QR (kind qr: any device of the user approves, proving it scanned the code by the secret in the QR, kept hashed). binding_hash is the hash of the cookie of the browser that started the login: only it collects the session. Expires 2 minutes after creation; an approved challenge becomes completed exactly once.';
