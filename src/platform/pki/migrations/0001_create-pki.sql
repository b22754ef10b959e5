CREATE SCHEMA IF NOT EXISTS pki;

CREATE TABLE pki.certificate (
  serial text PRIMARY KEY CHECK (serial ~ '^[0-9a-f]{2,64}$'),
  issuer_key_id text NOT NULL CHECK (issuer_key_id ~ '^[0-9a-f]{2,128}$'),
  profile text NOT NULL CHECK (profile IN ('member', 'person-signature', 'staff-signature')),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 2048),
  member text CHECK (member ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
  subsystem text CHECK (subsystem ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
  subject_fin text CHECK (subject_fin ~ '^[0-9A-Z]{7}$'),
  thumbprint text NOT NULL UNIQUE CHECK (thumbprint ~ '^[A-Za-z0-9_-]{43}$'),
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL,
  der bytea NOT NULL CHECK (octet_length(der) BETWEEN 2 AND 16384),
  issued_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revocation_reason text CHECK (revocation_reason IN ('unspecified', 'key-compromise',
    'ca-compromise', 'affiliation-changed', 'superseded', 'cessation-of-operation',
    'privilege-withdrawn')),
  CONSTRAINT certificate_validity_order CHECK (not_after > not_before),
  CONSTRAINT certificate_revocation_complete CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL)),
  CONSTRAINT certificate_member_named CHECK (
    (profile = 'member') = (member IS NOT NULL AND subsystem IS NOT NULL)
  ),
  CONSTRAINT certificate_person_named CHECK (profile = 'member' OR subject_fin IS NOT NULL)
);
COMMENT ON TABLE pki.certificate IS 'Every X.509 certificate the platform CA issued (exchange member subsystems, citizen and staff e-signatures), with its DER and its revocation. Rows are never deleted; the only change allowed is one revocation. The CRL and the gateway''s revocation set are built from revoked_at.';
COMMENT ON COLUMN pki.certificate.serial IS 'Certificate serial number, lowercase hex (128 random bits).';
COMMENT ON COLUMN pki.certificate.issuer_key_id IS 'Subject key identifier (hex) of the CA certificate that signed it; tells the CAs apart across a key rotation.';
COMMENT ON COLUMN pki.certificate.thumbprint IS 'SHA-256 of the DER, base64url: the JWS x5t#S256 header value.';
COMMENT ON COLUMN pki.certificate.subject_fin IS 'FİN of the holder (person and staff signature certificates).';

-- Loading the revocation set reads only revoked, unexpired rows.
CREATE INDEX certificate_revoked_idx ON pki.certificate (not_after) WHERE revoked_at IS NOT NULL;
CREATE INDEX certificate_member_idx ON pki.certificate (member, subsystem) WHERE member IS NOT NULL;
CREATE INDEX certificate_fin_idx ON pki.certificate (subject_fin) WHERE subject_fin IS NOT NULL;

-- An issued certificate is a fact: the application may record its revocation once and change
-- nothing else. Un-revoking (a "hold") is not supported, so a revocation can never be lifted.
CREATE FUNCTION pki.guard_certificate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'pki.certificate rows are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.revoked_at IS NOT NULL THEN
    RAISE EXCEPTION 'pki.certificate %: a revocation is final', OLD.serial
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (to_jsonb(NEW) - 'revoked_at' - 'revocation_reason')
      IS DISTINCT FROM (to_jsonb(OLD) - 'revoked_at' - 'revocation_reason') THEN
    RAISE EXCEPTION 'pki.certificate %: only the revocation may change', OLD.serial
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER certificate_guard BEFORE UPDATE OR DELETE ON pki.certificate
  FOR EACH ROW EXECUTE FUNCTION pki.guard_certificate();
CREATE TRIGGER certificate_no_truncate BEFORE TRUNCATE ON pki.certificate
  FOR EACH STATEMENT EXECUTE FUNCTION pki.guard_certificate();
