-- Administrative regulations (issue 5 item 3; 003 §9, Appendix 1).

CREATE TABLE registry.regulation (
  id uuid PRIMARY KEY,
  registry_number text NOT NULL REFERENCES registry.service (registry_number),
  provider text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('draft', 'discussion', 'approved', 'published', 'superseded')),
  document jsonb NOT NULL,
  created_by text NOT NULL CHECK (created_by ~ '^[0-9A-HJ-NP-Z]{7}$'),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  discussion_opened_by text,
  discussion_opened_at timestamptz,
  discussion_closes_at timestamptz,
  approved_by text,
  approved_by_name text,
  approved_at timestamptz,
  decision_number text,
  published_by text,
  published_at timestamptz,
  superseded_at timestamptz,
  seed_key text,
  UNIQUE (registry_number, version),
  CHECK ((discussion_opened_at IS NULL) = (status = 'draft')),
  CHECK ((discussion_opened_at IS NULL) = (discussion_closes_at IS NULL)),
  CHECK (discussion_closes_at IS NULL OR discussion_closes_at > discussion_opened_at),
  CHECK ((approved_at IS NULL) = (status IN ('draft', 'discussion'))),
  CHECK ((approved_at IS NULL) = (approved_by IS NULL)),
  CHECK ((published_at IS NULL) = (status IN ('draft', 'discussion', 'approved'))),
  CHECK ((superseded_at IS NULL) = (status <> 'superseded')),
  CHECK (approved_by IS NULL OR approved_by <> created_by)
);
-- At most one regulation in the making and one in force per service.
CREATE UNIQUE INDEX regulation_in_making_idx ON registry.regulation (registry_number)
  WHERE status IN ('draft', 'discussion', 'approved');
CREATE UNIQUE INDEX regulation_in_force_idx ON registry.regulation (registry_number)
  WHERE status = 'published';
CREATE INDEX regulation_status_idx ON registry.regulation (status, provider);
CREATE UNIQUE INDEX regulation_seed_idx ON registry.regulation (seed_key) WHERE seed_key IS NOT NULL;
COMMENT ON TABLE registry.regulation IS 'Administrative regulations of e-services (003 §9; REG-003-9.*): document is the Appendix 1 template filled in (REG-003-A1-*), az with an English rendering. Lifecycle: draft (the provider''s registry staff or head) → discussion (public until discussion_closes_at, §9.7) → approved (by the head of the provider, not the person who created the draft) → published (open to everyone, §9.8). version counts per service; publishing a version supersedes the one in force, which stays readable. Rows are never deleted.';

CREATE TABLE registry.regulation_comment (
  id uuid PRIMARY KEY,
  regulation_id uuid NOT NULL REFERENCES registry.regulation (id),
  author_fin text NOT NULL CHECK (author_fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  clause text,
  text text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX regulation_comment_idx ON registry.regulation_comment (regulation_id, created_at);
COMMENT ON TABLE registry.regulation_comment IS 'Proposals and remarks of citizens on a draft regulation during its public discussion (003 §9.7; POR-002-DRAFTS-3: none after the closing date). Public without the author; the provider''s staff see the author''s FİN.';
