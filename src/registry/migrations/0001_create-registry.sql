CREATE SCHEMA IF NOT EXISTS registry;

-- Registry numbers come from a sequence: a number handed out is never handed out again, not even
-- when its service is cancelled or the transaction that took it rolls back (REG-003-10.4b).
CREATE SEQUENCE registry.registry_number_seq START 1 NO CYCLE;

CREATE TABLE registry.application (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('register', 'modify', 'cancel')),
  provider text NOT NULL CHECK (provider ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  -- modify/cancel: the service applied for; register: the number given on approval.
  registry_number text CHECK (registry_number ~ '^ES-[0-9]{6,}$'),
  fields jsonb NOT NULL,
  canonical_fields text NOT NULL,
  certificate_der bytea NOT NULL,
  certificate_serial text NOT NULL,
  certificate_subject text NOT NULL,
  signature text NOT NULL,
  submitted_by text NOT NULL CHECK (submitted_by ~ '^[0-9A-HJ-NP-Z]{7}$'),
  submitted_at timestamptz NOT NULL,
  received_on date NOT NULL,
  due_on date NOT NULL,
  due_provisional boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
  decided_by text CHECK (decided_by ~ '^[0-9A-HJ-NP-Z]{7}$'),
  decided_at timestamptz,
  refusal_reason text,
  seed_key text,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK ((decided_at IS NULL) = (decided_by IS NULL)),
  CHECK ((status = 'refused') = (refusal_reason IS NOT NULL)),
  CHECK (kind = 'register' OR registry_number IS NOT NULL),
  CHECK (kind <> 'register' OR status = 'approved' OR registry_number IS NULL)
);
CREATE INDEX application_status_due_idx ON registry.application (status, due_on);
CREATE INDEX application_provider_idx ON registry.application (provider, submitted_at);
CREATE INDEX application_service_idx ON registry.application (registry_number, submitted_at);
CREATE UNIQUE INDEX application_seed_idx ON registry.application (seed_key)
  WHERE seed_key IS NOT NULL AND status <> 'refused';
COMMENT ON TABLE registry.application IS 'Applications to register, modify or cancel an e-service (003 §10.3, Appendix 2; REG-003-A2-*), as the provider''s staff submitted them: fields is exactly what was signed, canonical_fields its canonical JSON (sorted keys, no whitespace) that the ES256 signature covers, certificate_der the signer''s e-signature certificate (REG-003-A2-N2). due_on is the operator''s deadline in working days (3 for a registration, §10.4; 1 for a modification or cancellation, §10.8) from received_on, the Baku date of receipt. Decided once: status pending → approved or refused (with a reason). seed_key marks the applications of the seed catalogue. Rows are never deleted (REG-003-10.5).';

CREATE TABLE registry.service (
  registry_number text PRIMARY KEY CHECK (registry_number ~ '^ES-[0-9]{6,}$'),
  provider text NOT NULL,
  domain text NOT NULL,
  name_az text NOT NULL,
  name_en text NOT NULL,
  content_az text NOT NULL,
  content_en text NOT NULL,
  other_executors jsonb NOT NULL,
  legal_basis jsonb NOT NULL,
  type text NOT NULL CHECK (type IN ('informative', 'interactive')),
  paid boolean NOT NULL,
  users jsonb NOT NULL,
  web_address text NOT NULL,
  status text NOT NULL CHECK (status IN ('registered', 'cancelled')),
  version integer NOT NULL CHECK (version >= 1),
  registered_at timestamptz NOT NULL,
  modified_at timestamptz NOT NULL,
  cancelled_at timestamptz,
  seed_key text UNIQUE,
  -- Kept by the application (registry.search.ts): lower case, Azerbaijani letters folded to
  -- Latin (ə→e, ş→s, …), words separated by one space, one space before and after.
  search_name text NOT NULL,
  search_content text NOT NULL,
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
CREATE INDEX service_catalog_idx ON registry.service (status, provider, domain);
CREATE INDEX service_name_idx ON registry.service (status, name_az);
COMMENT ON TABLE registry.service IS 'The e-services registry (003 §2.1.5, §10): one row per registry number, its current data (Appendix 2 fields). A cancelled service keeps its row and number (REG-003-10.4b); the catalogue shows registered ones only (REG-003-4.5). version counts approved applications; registry.service_event holds every version (REG-003-10.5). search_name/search_content are the folded search texts.';

CREATE TABLE registry.service_event (
  registry_number text NOT NULL REFERENCES registry.service (registry_number),
  version integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('register', 'modify', 'cancel')),
  application_id uuid NOT NULL REFERENCES registry.application (id),
  at timestamptz NOT NULL,
  decided_by text NOT NULL,
  fields jsonb NOT NULL,
  PRIMARY KEY (registry_number, version)
);
COMMENT ON TABLE registry.service_event IS 'The full history of every service (003 §10.5): one row per approved application — registration, each modification, cancellation — with the application and the data it entered. Never updated or deleted.';

CREATE TABLE registry.notification (
  id uuid PRIMARY KEY,
  provider text NOT NULL,
  application_id uuid NOT NULL REFERENCES registry.application (id),
  kind text NOT NULL CHECK (kind IN ('approved', 'refused')),
  registry_number text,
  reason text,
  created_at timestamptz NOT NULL
);
CREATE INDEX notification_provider_idx ON registry.notification (provider, created_at);
COMMENT ON TABLE registry.notification IS 'What the operator told a provider about its applications (003 §10.4: the registry number; §10.8: the modification made; or the refusal and its reason). The provider''s staff list them (listRegistryNotifications).';

CREATE TABLE registry.service_usage (
  registry_number text NOT NULL REFERENCES registry.service (registry_number),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  uses bigint NOT NULL CHECK (uses >= 0),
  PRIMARY KEY (registry_number, month)
);
COMMENT ON TABLE registry.service_usage IS 'Uses of each e-service per calendar month (Baku time), counted by recordServiceUse (the portal calls it when a service is used); month is the first day of the month.';
