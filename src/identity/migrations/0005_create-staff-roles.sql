CREATE TABLE identity.staff_role (
  id uuid PRIMARY KEY,
  fin text NOT NULL CHECK (fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  member text NOT NULL CHECK (member ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  module text NOT NULL CHECK (module IN ('exchange', 'registry', 'portal', 'health-card',
    'insurance', 'child-bank', 'population', 'civil-registry', '*')),
  role text NOT NULL CHECK (role IN ('head', 'staff', 'operator')),
  person_name text,
  granted_by text NOT NULL,
  granted_at timestamptz NOT NULL,
  grant_reason text,
  revoked_at timestamptz,
  revoked_by text,
  revoke_reason text,
  CHECK (role <> 'head' OR module = '*'),
  CHECK (role <> 'staff' OR module <> '*'),
  CHECK (role <> 'operator' OR (member = 'digital-development-transport'
    AND module IN ('exchange', 'registry'))),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE UNIQUE INDEX staff_role_held_idx ON identity.staff_role (fin, member, module, role)
  WHERE revoked_at IS NULL;
CREATE INDEX staff_role_member_idx ON identity.staff_role (member, granted_at);
COMMENT ON TABLE identity.staff_role IS 'Roles of agency staff (IAM-004-5.2a, 5.2c): a person (FİN) holds a role on a module in a member agency (exchange member code). person_name is the name the population register gave when the role was granted (shown in staff lists without asking the register again). Rows are never deleted: a revocation sets revoked_at/revoked_by/revoke_reason, so the table is the full history of who could do what when. At most one unrevoked row per (fin, member, module, role). Roles take effect only in sessions with acr high (IAM-004-7.1.1). The platform operator is role operator in member digital-development-transport.';

CREATE TABLE identity.account_suspension (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES identity.account (id),
  suspended_at timestamptz NOT NULL,
  suspended_by text NOT NULL,
  reason text NOT NULL,
  lifted_at timestamptz,
  lifted_by text,
  lift_reason text,
  CHECK ((lifted_at IS NULL) = (lifted_by IS NULL))
);
CREATE UNIQUE INDEX account_suspension_open_idx ON identity.account_suspension (account_id)
  WHERE lifted_at IS NULL;
COMMENT ON TABLE identity.account_suspension IS 'Accounts an operator restricted for acting against the secure working of the system (IAM-004-6.2.6), with who, when and why, and when the restriction was lifted. identity.account.status is suspended exactly while an unlifted row exists; its sessions end and no login opens a new one.';
