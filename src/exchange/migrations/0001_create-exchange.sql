CREATE SCHEMA IF NOT EXISTS exchange;

CREATE TABLE exchange.member (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name_az text NOT NULL,
  name_en text NOT NULL,
  legal_form text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  status_reason text,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE exchange.member IS 'Members of the exchange: state bodies (codes of the glossary, e.g. internal-affairs, health). A suspended member can neither call nor be called (EHIS-001-5.3.1).';

CREATE TABLE exchange.member_event (
  id bigserial PRIMARY KEY,
  member_code text NOT NULL REFERENCES exchange.member (code),
  event text NOT NULL CHECK (event IN ('registered', 'suspended', 'reinstated')),
  reason text,
  actor text NOT NULL,
  at timestamptz NOT NULL
);
COMMENT ON TABLE exchange.member_event IS 'History of each member: registration, suspensions with their reasons, reinstatements.';
CREATE INDEX member_event_member_idx ON exchange.member_event (member_code, id);

CREATE TABLE exchange.subsystem (
  member_code text NOT NULL REFERENCES exchange.member (code),
  code text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text NOT NULL,
  certificate_pem text NOT NULL,
  certificate_serial text NOT NULL UNIQUE,
  certificate_thumbprint text NOT NULL UNIQUE,
  endpoint_url text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (member_code, code)
);
COMMENT ON TABLE exchange.subsystem IS 'Information systems of a member; each signs its envelopes with the key of its platform-issued certificate. endpoint_url is set for providers hosted in another process.';

CREATE TABLE exchange.legal_act (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  kind text NOT NULL,
  title_az text NOT NULL,
  title_en text NOT NULL,
  number text,
  adopted_on date,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE exchange.legal_act IS 'Catalogue of legal acts that access grants, regulations and data sets cite as their legal basis (EHIS-LEX).';

CREATE TABLE exchange.service (
  provider_member text NOT NULL,
  provider_subsystem text NOT NULL,
  code text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  version integer NOT NULL CHECK (version > 0),
  title_az text NOT NULL,
  title_en text NOT NULL,
  request_schema jsonb NOT NULL,
  response_schema jsonb NOT NULL,
  subject_is_person boolean NOT NULL,
  data_classification text NOT NULL DEFAULT 'restricted' CHECK (data_classification IN ('open', 'official-use', 'restricted')),
  archive_bodies boolean NOT NULL DEFAULT false,
  timeout_ms integer NOT NULL DEFAULT 5000 CHECK (timeout_ms BETWEEN 10 AND 120000),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (provider_member, provider_subsystem, code),
  FOREIGN KEY (provider_member, provider_subsystem) REFERENCES exchange.subsystem (member_code, code)
);
COMMENT ON TABLE exchange.service IS 'Services a provider subsystem publishes, with JSON Schema contracts for request and response and the classification of the data (EHIS-001-2.9.1).';

CREATE TABLE exchange.access_grant (
  id uuid PRIMARY KEY,
  client_member text NOT NULL,
  client_subsystem text NOT NULL,
  provider_member text NOT NULL,
  provider_subsystem text NOT NULL,
  service_code text NOT NULL,
  legal_act_id text NOT NULL REFERENCES exchange.legal_act (id),
  legal_article text,
  purposes text[] NOT NULL CHECK (cardinality(purposes) > 0),
  data_items text[] NOT NULL DEFAULT '{}',
  valid_from timestamptz NOT NULL,
  valid_until timestamptz,
  verified_by text NOT NULL,
  verified_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by text,
  revocation_reason text,
  FOREIGN KEY (client_member, client_subsystem) REFERENCES exchange.subsystem (member_code, code),
  FOREIGN KEY (provider_member, provider_subsystem, service_code) REFERENCES exchange.service (provider_member, provider_subsystem, code),
  CHECK (valid_until IS NULL OR valid_until > valid_from),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
COMMENT ON TABLE exchange.access_grant IS 'Admission of a client subsystem to one service on a recorded legal basis, for listed purposes, verified by the operator acting for the Agency (EHIS-001-5.1). Never deleted: revoked with who and why.';
CREATE INDEX access_grant_lookup_idx ON exchange.access_grant (client_member, client_subsystem, provider_member, provider_subsystem, service_code) WHERE revoked_at IS NULL;

-- The message log: hash-chained like the audit log, partitioned by month so it can grow to
-- billions of rows and old months can be detached and archived.
CREATE TABLE exchange.message (
  seq bigint NOT NULL CHECK (seq > 0),
  at timestamptz NOT NULL,
  message_id uuid NOT NULL,
  client text NOT NULL,
  service text NOT NULL,
  actor text,
  subject_fin text,
  purpose text,
  grant_id uuid,
  legal_basis text,
  idempotency_key text,
  request_hash char(64),
  response_hash char(64),
  request_signature text,
  response_signature text,
  outcome text NOT NULL CHECK (outcome IN ('success', 'refused', 'failed')),
  status integer NOT NULL,
  error_type text,
  latency_ms double precision NOT NULL,
  request_body jsonb,
  response_body jsonb,
  prev_hash char(64) NOT NULL,
  hash char(64) NOT NULL,
  PRIMARY KEY (seq, at)
) PARTITION BY RANGE (at);
COMMENT ON TABLE exchange.message IS 'Every exchange call: envelope metadata, body hashes, signatures, outcome and latency, hash-chained (EHIS-001-2.10.2). Bodies only for services configured to archive them.';
CREATE TABLE exchange.message_default PARTITION OF exchange.message DEFAULT;
COMMENT ON TABLE exchange.message_default IS 'Catch-all partition of exchange.message for times without a monthly partition.';
CREATE INDEX message_subject_idx ON exchange.message (subject_fin, at) WHERE subject_fin IS NOT NULL;
CREATE INDEX message_at_idx ON exchange.message (at);

CREATE TABLE exchange.message_head (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  seq bigint NOT NULL,
  hash char(64) NOT NULL,
  signed_at timestamptz,
  signature text
);
COMMENT ON TABLE exchange.message_head IS 'Newest seq and hash of the message log, signed after every batch; its row lock serializes appenders.';
INSERT INTO exchange.message_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE TABLE exchange.message_checkpoint (
  seq bigint PRIMARY KEY,
  hash char(64) NOT NULL,
  signed_at timestamptz NOT NULL,
  signature text NOT NULL
);
COMMENT ON TABLE exchange.message_checkpoint IS 'Signed statements of the message-log head at intervals, kept and exported with backups.';

CREATE FUNCTION exchange.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'exchange.% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER message_append_only BEFORE UPDATE OR DELETE ON exchange.message
  FOR EACH ROW EXECUTE FUNCTION exchange.refuse_change();
CREATE TRIGGER message_checkpoint_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON exchange.message_checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION exchange.refuse_change();

CREATE TABLE exchange.idempotency (
  client text NOT NULL,
  key text NOT NULL,
  service text NOT NULL,
  request_hash char(64) NOT NULL,
  status integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (client, key)
);
COMMENT ON TABLE exchange.idempotency IS 'Answers to calls that carried an idempotency key, so a retried call gets the same answer without reaching the provider twice. Pruned after 24 hours.';

CREATE TABLE exchange.async_call (
  id uuid PRIMARY KEY,
  client text NOT NULL,
  service text NOT NULL,
  envelope text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'delivered', 'failed', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  result jsonb,
  last_error text,
  created_at timestamptz NOT NULL,
  finished_at timestamptz
);
COMMENT ON TABLE exchange.async_call IS 'Asynchronous calls (EHIS-004-4.4): queued, retried with backoff while the provider is unavailable, dead-lettered after the last try; the client fetches the result later.';

CREATE TABLE exchange.batch_import (
  id uuid PRIMARY KEY,
  client text NOT NULL,
  service text NOT NULL,
  format text NOT NULL CHECK (format IN ('json', 'csv')),
  content_hash char(64) NOT NULL,
  signer text NOT NULL,
  rows_total integer NOT NULL,
  status text NOT NULL CHECK (status IN ('imported', 'rejected')),
  errors jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  UNIQUE (client, content_hash)
);
COMMENT ON TABLE exchange.batch_import IS 'Signed batches uploaded by participants that cannot exchange in real time (EHIS-004-4.4): verified and imported all-or-nothing; rejected ones keep their row errors.';
