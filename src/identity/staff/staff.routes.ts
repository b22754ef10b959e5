import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { Forbidden } from '../../platform/errors/platform.errors.ts';
import type { App } from '../../platform/http/http.ts';
import { acrAtLeast, requireSession, sessionOf } from '../http-auth.ts';
import { AssuranceTooLow } from '../identity.errors.ts';
import type { StaffActor, StaffService } from './staff.service.ts';
import type { StaffRole as StaffRoleRecord, Suspension } from './staff.store.ts';
import {
  AccountRestriction,
  AppointHeadBody,
  ChangeStaffRolesBody,
  FinParams,
  InviteStaffBody,
  ListStaffQuery,
  MemberFinParams,
  MemberParams,
  MemberRoleParams,
  MyRole,
  ReasonBody,
  StaffMember,
  StaffRole,
} from './staff.schema.ts';

function roleView(role: StaffRoleRecord): StaffRole {
  return {
    id: role.id,
    fin: role.fin,
    member: role.member,
    module: role.module,
    role: role.role,
    grantedBy: role.grantedBy,
    grantedAt: role.grantedAt.toISOString(),
    grantReason: role.grantReason,
    revokedAt: role.revokedAt?.toISOString() ?? null,
    revokedBy: role.revokedBy,
    revokeReason: role.revokeReason,
  };
}

function memberView(member: { fin: string; name: string | null; roles: StaffRoleRecord[] }) {
  return { fin: member.fin, name: member.name, roles: member.roles.map(roleView) };
}

function restrictionView(fin: string, history: Suspension[]) {
  return {
    fin,
    status: history.some((s) => s.liftedAt === null) ? ('suspended' as const) : ('active' as const),
    history: history.map((s) => ({
      id: s.id,
      suspendedAt: s.suspendedAt.toISOString(),
      suspendedBy: s.suspendedBy,
      reason: s.reason,
      liftedAt: s.liftedAt?.toISOString() ?? null,
      liftedBy: s.liftedBy,
      liftReason: s.liftReason,
    })),
  };
}

/** The signed-in person as the actor of a staff operation (a FİN-less account has no roles). */
function actorOf(request: FastifyRequest): StaffActor {
  const session = sessionOf(request);
  if (session.fin === null) throw new AppError(Forbidden);
  return { fin: session.fin, acr: session.acr };
}

/** The roles guard behind `requireRole` and `requireOperator` (src/platform/http/guards.ts). */
export function registerStaffAccess(
  app: App,
  deps: { readonly staff: StaffService; readonly audit: AuditLog },
): void {
  app.decorate('roleGuard', {
    async check(request, need) {
      const session = sessionOf(request);
      if (!acrAtLeast(session.acr, 'high')) throw new AppError(AssuranceTooLow);
      if (session.fin === null || !(await deps.staff.holds(session.fin, need))) {
        await deps.audit.append({
          actor: request.actor ?? `account:${session.accountId}`,
          action: 'identity.role-check',
          resource: `${need.member ?? '*'}/${need.module}/${need.role} ${request.method} ${request.routeOptions.url ?? ''}`,
          outcome: 'refused',
        });
        throw new AppError(Forbidden);
      }
      request.actor = need.role === 'operator' ? `operator:${session.fin}` : `staff:${session.fin}`;
    },
  });
}

const STAFF_NOTE =
  'Needs a session with acr high (certificate or mobile signature: 403 identity/assurance-too-low otherwise) and the head role in the agency or the operator role (403 platform/forbidden otherwise). Audited.';

/** Agency staff, roles, operators and account restriction (issue 4 item 7). */
export function registerStaffRoutes(app: App, deps: { readonly staff: StaffService }): void {
  const { staff } = deps;
  const tags = ['staff'];
  const high = requireSession('high');

  app.get(
    '/api/me/roles',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'listMyRoles',
        tags,
        summary: 'My roles as agency staff or operator (they take effect only with acr high)',
        response: { 200: Type.Array(MyRole) },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      if (session.fin === null) return [];
      return (await staff.rolesOf(session.fin)).map((r) => ({
        id: r.id,
        member: r.member,
        module: r.module,
        role: r.role,
        grantedAt: r.grantedAt.toISOString(),
      }));
    },
  );

  app.get(
    '/api/agencies/:member/staff',
    {
      preHandler: high,
      schema: {
        operationId: 'listStaff',
        tags,
        summary: 'Staff of an agency with their roles (head of the agency or operator)',
        description: `With history=true, revoked roles too: who granted and revoked what, when and why. ${STAFF_NOTE}`,
        params: MemberParams,
        querystring: ListStaffQuery,
        response: { 200: Type.Array(StaffMember) },
      },
    },
    async (request) =>
      (
        await staff.listStaff(actorOf(request), request.params.member, {
          history: request.query.history ?? false,
        })
      ).map(memberView),
  );

  app.post(
    '/api/agencies/:member/staff',
    {
      preHandler: high,
      schema: {
        operationId: 'inviteStaff',
        tags,
        summary: 'Register a person (FİN) as staff of the agency with roles (IAM-004-5.2a)',
        description: `The FİN is checked with the population register through the exchange (422 identity/person-not-found). The roles take effect at once; the person uses them after logging in with a certificate or mobile signature. A head gives staff roles; an operator any role. A person already on the staff: 409 identity/already-staff (change their roles instead). ${STAFF_NOTE}`,
        params: MemberParams,
        body: InviteStaffBody,
        response: { 201: StaffMember },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          memberView(await staff.invite(actorOf(request), request.params.member, request.body)),
        ),
  );

  app.put(
    '/api/agencies/:member/staff/:fin/roles',
    {
      preHandler: high,
      schema: {
        operationId: 'changeStaffRoles',
        tags,
        summary:
          "Set a staff member's roles in the agency (new ones granted, missing ones revoked)",
        description: `Roles you may not manage (a head: anything but staff roles) are left as they are. An empty list revokes every role you manage. ${STAFF_NOTE}`,
        params: MemberFinParams,
        body: ChangeStaffRolesBody,
        response: { 200: StaffMember },
      },
    },
    async (request) =>
      memberView(
        await staff.changeRoles(
          actorOf(request),
          request.params.member,
          request.params.fin,
          request.body,
        ),
      ),
  );

  app.post(
    '/api/agencies/:member/roles/:role/revoke',
    {
      preHandler: high,
      schema: {
        operationId: 'revokeStaffRole',
        tags,
        summary: 'Revoke one role in force (the grant stays in the history)',
        description: `A head revokes staff roles of the agency; an operator any role, except their own operator role (409 identity/not-on-yourself). ${STAFF_NOTE}`,
        params: MemberRoleParams,
        body: ReasonBody,
        response: { 200: StaffRole },
      },
    },
    async (request) =>
      roleView(
        await staff.revokeRole(
          actorOf(request),
          request.params.member,
          request.params.role,
          request.body.reason,
        ),
      ),
  );

  app.post(
    '/api/agencies/:member/head',
    {
      preHandler: high,
      schema: {
        operationId: 'appointAgencyHead',
        tags,
        summary: 'Appoint the head of an agency (operator)',
        description: `The head registers the agency's responsible persons and gives them rights (IAM-004-5.2a). Idempotent. Only an operator may do it. ${STAFF_NOTE}`,
        params: MemberParams,
        body: AppointHeadBody,
        response: { 200: StaffMember },
      },
    },
    async (request) =>
      memberView(await staff.appointHead(actorOf(request), request.params.member, request.body)),
  );

  app.post(
    '/api/accounts/:fin/suspend',
    {
      preHandler: high,
      schema: {
        operationId: 'suspendAccount',
        tags,
        summary:
          'Restrict an account for acting against the secure working of the system (operator)',
        description: `IAM-004-6.2.6. Its sessions end at once; no login opens a new one until reinstateAccount. Roles are kept but unusable meanwhile. Not your own account (409 identity/not-on-yourself). Only an operator. ${STAFF_NOTE}`,
        params: FinParams,
        body: ReasonBody,
        response: { 200: AccountRestriction },
      },
    },
    async (request) =>
      restrictionView(
        request.params.fin,
        await staff.suspendAccount(actorOf(request), request.params.fin, request.body.reason),
      ),
  );

  app.post(
    '/api/accounts/:fin/reinstate',
    {
      preHandler: high,
      schema: {
        operationId: 'reinstateAccount',
        tags,
        summary: 'Lift the restriction of an account (operator)',
        description: `The suspension stays in the history with who lifted it and why. Only an operator. ${STAFF_NOTE}`,
        params: FinParams,
        body: ReasonBody,
        response: { 200: AccountRestriction },
      },
    },
    async (request) =>
      restrictionView(
        request.params.fin,
        await staff.reinstateAccount(actorOf(request), request.params.fin, request.body.reason),
      ),
  );
}
