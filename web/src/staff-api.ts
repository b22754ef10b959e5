import { arrayOf, isOneOf, isRecord, type Parser } from './api.ts';

/** The role catalogue (docs/staff-roles.md); the server refuses anything else. */
export const STAFF_MODULES = [
  'exchange',
  'registry',
  'portal',
  'health-card',
  'insurance',
  'child-bank',
  'population',
  'civil-registry',
  '*',
] as const;
export type StaffModule = (typeof STAFF_MODULES)[number];
export const STAFF_ROLES = ['head', 'staff', 'operator'] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

/** The modules a head can give a staff role on (every module but "all"). */
export const STAFF_ROLE_MODULES = STAFF_MODULES.filter(
  (m): m is Exclude<StaffModule, '*'> => m !== '*',
);

/** listMyRoles: a role the signed-in person holds today. */
export interface MyRole {
  id: string;
  member: string;
  module: StaffModule;
  role: StaffRoleName;
  grantedAt: string;
}

export interface StaffRole {
  id: string;
  fin: string;
  member: string;
  module: StaffModule;
  role: StaffRoleName;
  grantedBy: string;
  grantedAt: string;
  grantReason: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export interface StaffMember {
  fin: string;
  name: string | null;
  roles: StaffRole[];
}

const nullableString = (value: unknown): value is string | null =>
  value === null || typeof value === 'string';

function moduleAndRole(
  value: Record<string, unknown>,
): { module: StaffModule; role: StaffRoleName } | undefined {
  const { module, role } = value;
  if (typeof module !== 'string' || !isOneOf(STAFF_MODULES, module)) return undefined;
  if (typeof role !== 'string' || !isOneOf(STAFF_ROLES, role)) return undefined;
  return { module, role };
}

export const parseMyRole: Parser<MyRole> = (value) => {
  if (!isRecord(value)) return undefined;
  const { id, member, grantedAt } = value;
  const shape = moduleAndRole(value);
  if (typeof id !== 'string' || typeof member !== 'string' || typeof grantedAt !== 'string')
    return undefined;
  return shape === undefined ? undefined : { id, member, grantedAt, ...shape };
};
export const parseMyRoles = arrayOf(parseMyRole);

export const parseStaffRole: Parser<StaffRole> = (value) => {
  if (!isRecord(value)) return undefined;
  const { id, fin, member, grantedBy, grantedAt } = value;
  const { grantReason, revokedAt, revokedBy, revokeReason } = value;
  const shape = moduleAndRole(value);
  if (shape === undefined) return undefined;
  if (![id, fin, member, grantedBy, grantedAt].every((v) => typeof v === 'string'))
    return undefined;
  if (![grantReason, revokedAt, revokedBy, revokeReason].every(nullableString)) return undefined;
  return {
    id: id as string,
    fin: fin as string,
    member: member as string,
    grantedBy: grantedBy as string,
    grantedAt: grantedAt as string,
    grantReason: grantReason as string | null,
    revokedAt: revokedAt as string | null,
    revokedBy: revokedBy as string | null,
    revokeReason: revokeReason as string | null,
    ...shape,
  };
};

export const parseStaffMember: Parser<StaffMember> = (value) => {
  if (!isRecord(value)) return undefined;
  const { fin, name } = value;
  if (typeof fin !== 'string' || !nullableString(name)) return undefined;
  const roles = arrayOf(parseStaffRole)(value.roles);
  return roles === undefined ? undefined : { fin, name, roles };
};
export const parseStaffMembers = arrayOf(parseStaffMember);

/** The platform operator: role operator on the exchange in the platform's own member. */
export function isExchangeOperator(roles: readonly MyRole[]): boolean {
  return roles.some(
    (r) =>
      r.role === 'operator' &&
      r.module === 'exchange' &&
      r.member === 'digital-development-transport',
  );
}

/** The agencies whose head the person is. */
export function headOf(roles: readonly MyRole[]): string[] {
  return roles.filter((r) => r.role === 'head').map((r) => r.member);
}
