CREATE SCHEMA IF NOT EXISTS audit;

CREATE TABLE audit.entry (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  at timestamptz NOT NULL,
  actor text NOT NULL,
  on_behalf_of text,
  action text NOT NULL,
  subject_fin text,
  resource text,
  purpose text,
  legal_basis text,
  outcome text NOT NULL CHECK (outcome IN ('success', 'refused', 'failed')),
  prev_hash char(64) NOT NULL,
  hash char(64) NOT NULL
);
COMMENT ON TABLE audit.entry IS 'Append-only, hash-chained audit log: who did what to whose data, why, on what legal basis, with what outcome. hash = SHA-256 over the canonical serialization including prev_hash.';

-- Citizens read the entries about themselves (requirement OPS-ALL-LOG).
CREATE INDEX entry_subject_idx ON audit.entry (subject_fin, seq) WHERE subject_fin IS NOT NULL;

CREATE TABLE audit.head (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  seq bigint NOT NULL CHECK (seq >= 0),
  hash char(64) NOT NULL,
  signed_at timestamptz,
  signature text
);
COMMENT ON TABLE audit.head IS 'The newest seq and hash of audit.entry, signed (ES256 JWS) after every batch: the row lock serializes appenders, the signature reveals a truncated tail.';
INSERT INTO audit.head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE TABLE audit.checkpoint (
  seq bigint PRIMARY KEY,
  hash char(64) NOT NULL,
  signed_at timestamptz NOT NULL,
  signature text NOT NULL
);
COMMENT ON TABLE audit.checkpoint IS 'Signed (ES256 JWS) statements of the chain head at intervals; kept, and exported with backups, so history cannot be rewritten without the signing key.';

-- The log is append-only for the application: changing or deleting history needs a DBA who
-- first disables this trigger, and the hash chain then still reveals it.
CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit.% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit.entry
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER checkpoint_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit.checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
