CREATE SCHEMA IF NOT EXISTS attachments;

CREATE TABLE attachments.attachment (
  id uuid PRIMARY KEY,
  -- The account that uploaded it, and the person it concerns: the uploader's own FİN, or the
  -- child or ward the uploader was acting for.
  owner_account_id uuid NOT NULL,
  owner_fin text CHECK (owner_fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  subject_fin text CHECK (subject_fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size integer NOT NULL CHECK (size BETWEEN 1 AND 10485760),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL UNIQUE CHECK (storage_key ~ '^[0-9a-f]{32}$'),
  created_at timestamptz NOT NULL,
  -- Set once by the request engine when the attachment goes with a submitted request; from then
  -- on it cannot be deleted, and the staff of that agency may read it.
  submitted_at timestamptz,
  request_id text CHECK (request_id IS NULL OR length(request_id) BETWEEN 1 AND 64),
  submitted_to text CHECK (submitted_to IS NULL OR submitted_to ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  CHECK ((submitted_at IS NULL) = (request_id IS NULL)),
  CHECK ((submitted_at IS NULL) = (submitted_to IS NULL))
);
CREATE INDEX attachment_owner_idx ON attachments.attachment (owner_account_id, created_at DESC);
CREATE INDEX attachment_request_idx ON attachments.attachment (request_id)
  WHERE request_id IS NOT NULL;
COMMENT ON TABLE attachments.attachment IS 'Files uploaded to the portal as scanned documents of a request (POR-003-7.1.2a, A1-2.6.2): PDF, JPEG or PNG by content, at most 10 MB. The bytes are in the platform file store under storage_key; sha256 is their hash, computed while they were stored. Pending (not yet submitted) attachments belong to their owner account only, who may delete them; submitted_at/request_id/submitted_to are set by the request engine, after which the row is kept with the request and the agency staff of submitted_to may read the file.';
