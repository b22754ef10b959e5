CREATE SCHEMA IF NOT EXISTS identity;

CREATE TABLE identity.account (
  id uuid PRIMARY KEY,
  kind text NOT NULL DEFAULT 'natural-person'
    CHECK (kind IN ('natural-person', 'legal-person', 'state-body', 'local-self-government')),
  fin text UNIQUE CHECK (fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  username text NOT NULL,
  username_key text NOT NULL UNIQUE,
  password_hash text,
  email text,
  phone text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE identity.account IS 'Portal accounts (IAM-003-2.1.4: exactly one kind). A natural person has one account per FİN; username_key is the lower-cased username, unique so that Anar and anar are one name. password_hash is argon2id (PHC string); null for an account that logs in only by certificate or device.';

CREATE TABLE identity.session (
  id text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES identity.account (id),
  acr text NOT NULL CHECK (acr IN ('low', 'substantial', 'high')),
  amr text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  absolute_expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  end_reason text,
  ip text,
  user_agent text,
  acting_for_fin text CHECK (acting_for_fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  acting_for_relation text,
  acting_for_until date,
  acting_for_name text,
  acting_checked_at timestamptz,
  profile jsonb
);
CREATE INDEX session_account_idx ON identity.session (account_id, created_at DESC);
COMMENT ON TABLE identity.session IS 'Server-side sessions. id is the SHA-256 of the cookie token (the token itself is never stored). Idle timeout 30 min from last_seen_at, absolute 12 h; ended sessions are kept for the "my sessions" history. profile caches the population-register data for the life of the session only.';

CREATE TABLE identity.throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  last_failure_at timestamptz NOT NULL,
  locked_until timestamptz
);
COMMENT ON TABLE identity.throttle IS 'Failed password logins per account (user:<username>) and per address (ip:<address>). Delays grow with each failure past the threshold and are capped; counters restart after an hour without failures.';

CREATE TABLE identity.known_browser (
  token_hash text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES identity.account (id),
  created_at timestamptz NOT NULL,
  last_used_at timestamptz NOT NULL
);
COMMENT ON TABLE identity.known_browser IS 'Browsers that logged in to an account before (cookie ehis_device). A lockout of the account does not apply to them, so a stranger who guesses passwords cannot lock the owner out.';
