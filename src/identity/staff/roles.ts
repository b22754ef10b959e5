import { OPERATOR_MEMBER } from '../../platform/http/guards.ts';

/**
 * The role catalogue (IAM-004-5.2c: rights per responsible person, role-based). A role is held
 * by a person (FİN) in a member agency (its exchange member code) on one module. Kept small on
 * purpose; docs/staff-roles.md explains each role.
 */
export const MODULES = [
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
export type StaffModule = (typeof MODULES)[number];

export const ROLES = ['head', 'staff', 'operator'] as const;
export type StaffRoleName = (typeof ROLES)[number];

/** Modules whose operator runs the platform; only in the platform's own member. */
export const OPERATOR_MODULES: readonly StaffModule[] = ['exchange', 'registry'];

export { OPERATOR_MEMBER };

/**
 * Why a role cannot exist on a module in a member, or undefined when it can. The migration's
 * CHECK constraints say the same.
 */
export function roleShapeProblem(
  member: string,
  module: StaffModule,
  role: StaffRoleName,
): string | undefined {
  switch (role) {
    case 'head':
      return module === '*' ? undefined : 'the head role is held on every module (*)';
    case 'staff':
      return module === '*' ? 'a staff role names one module' : undefined;
    case 'operator':
      return member === OPERATOR_MEMBER && OPERATOR_MODULES.includes(module)
        ? undefined
        : `operators belong to ${OPERATOR_MEMBER}, on the exchange or the registry`;
    default:
      return 'unknown role';
  }
}
