import { Type, type Static } from 'typebox';
import { Fin } from '../identity.schema.ts';
import type { MODULES, ROLES } from './roles.ts';

export const MemberCode = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  minLength: 2,
  maxLength: 64,
  description: 'Exchange member code of the agency, e.g. health, internal-affairs',
  examples: ['health'],
});

export const StaffModule = Type.Union(
  [
    Type.Literal('exchange'),
    Type.Literal('registry'),
    Type.Literal('portal'),
    Type.Literal('health-card'),
    Type.Literal('insurance'),
    Type.Literal('child-bank'),
    Type.Literal('population'),
    Type.Literal('civil-registry'),
    Type.Literal('*'),
  ],
  { description: 'Module the role applies to; * = every module (the head role)' },
);
export const StaffRoleName = Type.Union(
  [Type.Literal('head'), Type.Literal('staff'), Type.Literal('operator')],
  {
    description:
      'head: manages the agency staff; staff: works in one module; operator: runs the exchange or the registry (digital-development-transport only). See docs/staff-roles.md',
  },
);

// The literals above must list the catalogue exactly (roles.ts): a compile-time check.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const catalogueMatches: [
  Same<Static<typeof StaffModule>, (typeof MODULES)[number]>,
  Same<Static<typeof StaffRoleName>, (typeof ROLES)[number]>,
] = [true, true];
void catalogueMatches;

export const RoleInput = Type.Object(
  { module: StaffModule, role: StaffRoleName },
  { additionalProperties: false },
);

const Reason = Type.String({ minLength: 3, maxLength: 2000, description: 'Why (kept in history)' });

export const StaffRole = Type.Object({
  id: Type.String({ format: 'uuid' }),
  fin: Fin,
  member: Type.String(),
  module: StaffModule,
  role: StaffRoleName,
  grantedBy: Type.String({ description: 'Audit actor who granted it' }),
  grantedAt: Type.String({ format: 'date-time' }),
  grantReason: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedBy: Type.Union([Type.String(), Type.Null()]),
  revokeReason: Type.Union([Type.String(), Type.Null()]),
});
export type StaffRole = Static<typeof StaffRole>;

export const MyRole = Type.Object({
  id: Type.String({ format: 'uuid' }),
  member: Type.String(),
  module: StaffModule,
  role: StaffRoleName,
  grantedAt: Type.String({ format: 'date-time' }),
});

export const StaffMember = Type.Object({
  fin: Fin,
  name: Type.Union([Type.String(), Type.Null()], {
    description: 'As the population register gave it when a role was granted',
  }),
  roles: Type.Array(StaffRole),
});

export const MemberParams = Type.Object({ member: MemberCode });
export const MemberFinParams = Type.Object({ member: MemberCode, fin: Fin });
export const MemberRoleParams = Type.Object({
  member: MemberCode,
  role: Type.String({ format: 'uuid' }),
});
export const FinParams = Type.Object({ fin: Fin });

export const ListStaffQuery = Type.Object(
  {
    history: Type.Optional(
      Type.Boolean({ default: false, description: 'Include revoked roles (full history)' }),
    ),
  },
  { additionalProperties: false },
);

export const InviteStaffBody = Type.Object(
  {
    fin: Fin,
    roles: Type.Array(RoleInput, { minItems: 1, maxItems: 20 }),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
);

export const ChangeStaffRolesBody = Type.Object(
  {
    roles: Type.Array(RoleInput, {
      maxItems: 20,
      description:
        'The roles the person should hold in the agency, among those you may manage; others are revoked',
    }),
    reason: Reason,
  },
  { additionalProperties: false },
);

export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });

export const AppointHeadBody = Type.Object(
  { fin: Fin, reason: Reason },
  { additionalProperties: false },
);

export const Suspension = Type.Object({
  id: Type.String({ format: 'uuid' }),
  suspendedAt: Type.String({ format: 'date-time' }),
  suspendedBy: Type.String(),
  reason: Type.String(),
  liftedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  liftedBy: Type.Union([Type.String(), Type.Null()]),
  liftReason: Type.Union([Type.String(), Type.Null()]),
});

export const AccountRestriction = Type.Object({
  fin: Fin,
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended')]),
  history: Type.Array(Suspension),
});
