CREATE SCHEMA IF NOT EXISTS complaints;

CREATE TABLE complaints.complaint (
  id uuid PRIMARY KEY,
  -- Who filed it (the signed-in person) and whom it concerns (the same person, or the child or
  -- ward they were acting for).
  filed_by text NOT NULL CHECK (filed_by ~ '^[0-9A-HJ-NP-Z]{7}$'),
  subject_fin text NOT NULL CHECK (subject_fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  -- The request complained about: stored as given until the request engine can check it.
  request_id text CHECK (request_id IS NULL OR length(request_id) BETWEEN 1 AND 64),
  registry_number text NOT NULL CHECK (registry_number ~ '^ES-[0-9]{6,}$'),
  -- The provider of the service: the body that answers (000 §3.5).
  agency text NOT NULL CHECK (agency ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
  first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
  last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
  patronymic text NOT NULL CHECK (length(patronymic) BETWEEN 1 AND 100),
  address text NOT NULL CHECK (length(address) BETWEEN 1 AND 500),
  email text,
  postal_address text,
  workplace text,
  filed_at timestamptz NOT NULL,
  received_on date NOT NULL,
  period_days integer NOT NULL CHECK (period_days IN (15, 30)),
  due_on date NOT NULL,
  extended_by text CHECK (extended_by ~ '^[0-9A-HJ-NP-Z]{7}$'),
  extended_at timestamptz,
  extension_reason text,
  status text NOT NULL CHECK (status IN ('received', 'answered')),
  answered_by text CHECK (answered_by ~ '^[0-9A-HJ-NP-Z]{7}$'),
  answered_at timestamptz,
  answer text,
  -- 000 §3.5.2: a postal or e-mail address or the place of work.
  CHECK (email IS NOT NULL OR postal_address IS NOT NULL OR workplace IS NOT NULL),
  CHECK (due_on = received_on + period_days),
  -- Extended once, from 15 to 30 days (§3.5.3), with who, when and why.
  CHECK ((period_days = 30) = (extended_at IS NOT NULL)),
  CHECK ((extended_at IS NULL) = (extended_by IS NULL)),
  CHECK ((extended_at IS NULL) = (extension_reason IS NULL)),
  CHECK ((status = 'answered') = (answered_at IS NOT NULL)),
  CHECK ((answered_at IS NULL) = (answered_by IS NULL)),
  CHECK ((answered_at IS NULL) = (answer IS NULL))
);
CREATE INDEX complaint_agency_idx ON complaints.complaint (agency, status, due_on);
CREATE INDEX complaint_filed_by_idx ON complaints.complaint (filed_by, filed_at);
CREATE INDEX complaint_subject_idx ON complaints.complaint (subject_fin, filed_at);
COMMENT ON TABLE complaints.complaint IS 'Complaints about an e-service or a request for one (000 §3.5; POR-000-3.5.*, POR-003-5.1.4): the complainant''s first name, patronymic, surname and address and at least one of postal address, e-mail and workplace (§3.5.2). The provider of the service answers. due_on is received_on (the Baku date of filing) + period_days calendar days: 15, or 30 once the agency extended it with a reason because it needs extra study (§3.5.3; docs/decisions.md). status received → answered (once, with the answer). Rows are never deleted.';
