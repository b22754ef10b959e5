import type { Kysely } from 'kysely';
import type { IdentityTables } from '../identity.store.ts';
import type { StaffModule, StaffRoleName } from './roles.ts';

export interface StaffTables {
  'identity.staff_role': {
    id: string;
    fin: string;
    member: string;
    module: StaffModule;
    role: StaffRoleName;
    person_name: string | null;
    granted_by: string;
    granted_at: Date;
    grant_reason: string | null;
    revoked_at: Date | null;
    revoked_by: string | null;
    revoke_reason: string | null;
  };
  'identity.account_suspension': {
    id: string;
    account_id: string;
    suspended_at: Date;
    suspended_by: string;
    reason: string;
    lifted_at: Date | null;
    lifted_by: string | null;
    lift_reason: string | null;
  };
}

export type StaffDb = Kysely<IdentityTables & StaffTables>;
type RoleRow = StaffTables['identity.staff_role'];

/** One grant of a role, in force or revoked (the table is the history). */
export interface StaffRole {
  readonly id: string;
  readonly fin: string;
  readonly member: string;
  readonly module: StaffModule;
  readonly role: StaffRoleName;
  readonly personName: string | null;
  readonly grantedBy: string;
  readonly grantedAt: Date;
  readonly grantReason: string | null;
  readonly revokedAt: Date | null;
  readonly revokedBy: string | null;
  readonly revokeReason: string | null;
}

function toRole(row: RoleRow): StaffRole {
  return {
    id: row.id,
    fin: row.fin,
    member: row.member,
    module: row.module,
    role: row.role,
    personName: row.person_name,
    grantedBy: row.granted_by,
    grantedAt: row.granted_at,
    grantReason: row.grant_reason,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    revokeReason: row.revoke_reason,
  };
}

/** Roles in force of a person, in every member. */
export async function rolesInForce(db: StaffDb, fin: string): Promise<StaffRole[]> {
  const rows = await db
    .selectFrom('identity.staff_role')
    .selectAll()
    .where('fin', '=', fin)
    .where('revoked_at', 'is', null)
    .orderBy('member')
    .orderBy('module')
    .orderBy('role')
    .execute();
  return rows.map(toRole);
}

/** Whether a person holds `role` on `module` (or on every module, `*`), in `member` if given. */
export async function holdsRole(
  db: StaffDb,
  fin: string,
  need: { module: string; role: string; member?: string | undefined },
): Promise<boolean> {
  let query = db
    .selectFrom('identity.staff_role')
    .select('id')
    .where('fin', '=', fin)
    .where('revoked_at', 'is', null)
    .where('role', '=', need.role as StaffRoleName)
    .where('module', 'in', [need.module as StaffModule, '*']);
  if (need.member !== undefined) query = query.where('member', '=', need.member);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** A member's roles, oldest first: in force only, or (`history`) revoked ones too. */
export async function rolesOfMember(
  db: StaffDb,
  member: string,
  options: { history: boolean; fin?: string },
): Promise<StaffRole[]> {
  let query = db.selectFrom('identity.staff_role').selectAll().where('member', '=', member);
  if (!options.history) query = query.where('revoked_at', 'is', null);
  if (options.fin !== undefined) query = query.where('fin', '=', options.fin);
  const rows = await query.orderBy('granted_at').orderBy('id').limit(5000).execute();
  return rows.map(toRole);
}

export async function findRoleInForce(
  db: StaffDb,
  member: string,
  id: string,
): Promise<StaffRole | undefined> {
  const row = await db
    .selectFrom('identity.staff_role')
    .selectAll()
    .where('id', '=', id)
    .where('member', '=', member)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row === undefined ? undefined : toRole(row);
}

/** Inserts a grant; false when the person already holds that role (nothing written). */
export async function insertRole(db: StaffDb, row: RoleRow): Promise<boolean> {
  const inserted = await db
    .insertInto('identity.staff_role')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['fin', 'member', 'module', 'role']).where('revoked_at', 'is', null).doNothing(),
    )
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Marks a grant revoked; false when it was revoked already (by a concurrent request). */
export async function markRevoked(
  db: StaffDb,
  id: string,
  revocation: { at: Date; by: string; reason: string },
): Promise<boolean> {
  const result = await db
    .updateTable('identity.staff_role')
    .set({ revoked_at: revocation.at, revoked_by: revocation.by, revoke_reason: revocation.reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface Suspension {
  readonly id: string;
  readonly accountId: string;
  readonly suspendedAt: Date;
  readonly suspendedBy: string;
  readonly reason: string;
  readonly liftedAt: Date | null;
  readonly liftedBy: string | null;
  readonly liftReason: string | null;
}

export async function suspensionsOf(db: StaffDb, accountId: string): Promise<Suspension[]> {
  const rows = await db
    .selectFrom('identity.account_suspension')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('suspended_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    accountId: row.account_id,
    suspendedAt: row.suspended_at,
    suspendedBy: row.suspended_by,
    reason: row.reason,
    liftedAt: row.lifted_at,
    liftedBy: row.lifted_by,
    liftReason: row.lift_reason,
  }));
}

/** The account of a FİN and its status, for restriction. */
export async function findAccountOfFin(
  db: StaffDb,
  fin: string,
): Promise<{ id: string; status: string } | undefined> {
  return db
    .selectFrom('identity.account')
    .select(['id', 'status'])
    .where('fin', '=', fin)
    .executeTakeFirst();
}
