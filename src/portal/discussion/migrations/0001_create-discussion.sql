CREATE SCHEMA IF NOT EXISTS discussion;

CREATE TABLE discussion.discussion (
  id uuid PRIMARY KEY,
  -- What is discussed: a draft legal act published here, or another module's draft (a draft
  -- administrative regulation of the registry, 003 §9.7) named by subject_ref.
  subject_kind text NOT NULL CHECK (subject_kind IN ('draft-act', 'regulation')),
  subject_ref text CHECK (subject_ref IS NULL OR length(subject_ref) BETWEEN 1 AND 100),
  agency text NOT NULL CHECK (agency ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title_az text NOT NULL CHECK (length(title_az) BETWEEN 1 AND 500),
  title_en text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 500),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 200000),
  attachment_id uuid,
  published_by text NOT NULL,
  published_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  summary text CHECK (summary IS NULL OR length(summary) BETWEEN 1 AND 20000),
  summary_by text,
  summary_at timestamptz,
  CHECK (closes_at > published_at),
  CHECK ((subject_kind = 'draft-act') = (subject_ref IS NULL)),
  CHECK ((summary IS NULL) = (summary_at IS NULL)),
  CHECK ((summary_at IS NULL) = (summary_by IS NULL)),
  CHECK (summary_at IS NULL OR summary_at >= closes_at)
);
CREATE UNIQUE INDEX discussion_subject_idx ON discussion.discussion (subject_kind, subject_ref)
  WHERE subject_ref IS NOT NULL;
CREATE INDEX discussion_closes_idx ON discussion.discussion (closes_at);
CREATE INDEX discussion_agency_idx ON discussion.discussion (agency, closes_at);
COMMENT ON TABLE discussion.discussion IS 'Public discussions of draft normative legal acts (002 ¶DRAFTS; POR-002-DRAFTS-1..3) and of other modules'' drafts such as administrative regulations (003 §9.7; POR-003-9.7): the agency''s title, text and optional attachment, open to proposals from published_at until closes_at; after closing the agency publishes a summary (once). Rows are never deleted.';

CREATE TABLE discussion.comment (
  id uuid PRIMARY KEY,
  -- The order proposals arrived in (several may share a timestamp).
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  discussion_id uuid NOT NULL REFERENCES discussion.discussion (id),
  author_fin text NOT NULL CHECK (author_fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  created_at timestamptz NOT NULL
);
CREATE INDEX comment_discussion_idx ON discussion.comment (discussion_id, seq);
COMMENT ON TABLE discussion.comment IS 'Proposals (təkliflər) of signed-in persons on a draft while its discussion is open (POR-002-DRAFTS-3: none after closes_at); a person may send several. Public without the author; the agency''s portal staff see the author''s FİN.';
