CREATE TABLE identity.oidc_client (
  client_id text PRIMARY KEY CHECK (client_id ~ '^[A-Za-z0-9_-]{16,64}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  member_code text NOT NULL CHECK (member_code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  redirect_uris jsonb NOT NULL CHECK (jsonb_typeof(redirect_uris) = 'array'),
  allow_fin boolean NOT NULL,
  secret_salt text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  revoked_at timestamptz,
  revoked_by text
);
COMMENT ON TABLE identity.oidc_client IS 'Relying parties of the single sign-on (IAM-001-004-SSO, IAM-001-2.12), registered by the operator: portals and agency cabinets. allow_fin: the client may ask for scope fin (the FİN claim). The client secret is not stored: it is HMAC-SHA-256(key derived from EHIS_OIDC_SECRET, client_id:secret_salt), recomputed when the provider needs it, so a copy of this table alone holds no usable secret. A revoked client is unknown to the provider at once.';

CREATE TABLE identity.oidc_model (
  model text NOT NULL,
  id text NOT NULL,
  payload jsonb NOT NULL,
  grant_id text,
  uid text,
  user_code text,
  expires_at timestamptz,
  consumed_at timestamptz,
  PRIMARY KEY (model, id)
);
CREATE INDEX oidc_model_grant_idx ON identity.oidc_model (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX oidc_model_uid_idx ON identity.oidc_model (model, uid) WHERE uid IS NOT NULL;
CREATE INDEX oidc_model_user_code_idx ON identity.oidc_model (model, user_code)
  WHERE user_code IS NOT NULL;
CREATE INDEX oidc_model_expiry_idx ON identity.oidc_model (expires_at);
COMMENT ON TABLE identity.oidc_model IS 'The OpenID Connect provider''s own records (oidc-provider adapter): sessions, interactions, grants, authorization codes, access and refresh tokens, by model name. Rows past expires_at are treated as absent and deleted in the background.';

CREATE TABLE identity.passkey (
  credential_id text PRIMARY KEY
    CHECK (credential_id ~ '^[A-Za-z0-9_-]+$' AND length(credential_id) BETWEEN 16 AND 1400),
  account_id uuid NOT NULL REFERENCES identity.account (id),
  public_key text NOT NULL,
  counter bigint NOT NULL CHECK (counter >= 0),
  transports text NOT NULL DEFAULT '',
  device_type text NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
  backed_up boolean NOT NULL,
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
  created_at timestamptz NOT NULL,
  last_used_at timestamptz
);
CREATE INDEX passkey_account_idx ON identity.passkey (account_id, created_at DESC);
COMMENT ON TABLE identity.passkey IS 'WebAuthn passkeys (issue 4 item 2): a login with one gives acr substantial, amr passkey. credential_id and public_key (COSE) are base64url; counter is the authenticator''s signature counter (a lower value than stored means a cloned key and is refused).';

CREATE TABLE identity.passkey_challenge (
  challenge text PRIMARY KEY CHECK (challenge ~ '^[A-Za-z0-9_-]{32,128}$'),
  purpose text NOT NULL CHECK (purpose IN ('registration', 'login')),
  account_id uuid REFERENCES identity.account (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK (purpose = 'login' OR account_id IS NOT NULL),
  CHECK (expires_at > created_at)
);
CREATE INDEX passkey_challenge_expiry_idx ON identity.passkey_challenge (expires_at);
COMMENT ON TABLE identity.passkey_challenge IS 'One-time WebAuthn challenges (5 minutes). A challenge is deleted by the first attempt to finish with it, successful or not, so a response cannot be replayed. Registration challenges belong to the account that asked.';
