import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { Forbidden } from '../errors/platform.errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is acting, for the audit log: `citizen:<FİN>`, `operator:<FİN>`, `staff:<FİN>`, … */
    actor: string | undefined;
  }
  interface FastifyInstance {
    /** Checks roles against the signed-in session; the identity module provides it. */
    roleGuard: RoleGuard;
  }
}

/** A role someone must hold: `role` on `module`, in `member` (any member when left out). */
export interface RoleNeed {
  readonly module: string;
  readonly role: string;
  readonly member?: string;
}

/**
 * How a request's roles are checked. The identity module registers one (`registerStaffAccess`):
 * it resolves when the session has acr high and holds the role, sets `request.actor`, and
 * otherwise throws 401 (no session), 403 identity/assurance-too-low or 403 platform/forbidden.
 */
export interface RoleGuard {
  check(request: FastifyRequest, need: RoleNeed): Promise<void>;
}

/** The member whose operators run the platform: the Ministry of Digital Development and Transport. */
export const OPERATOR_MEMBER = 'digital-development-transport';

/** preHandler: the session's user holds `need` (seed 004 §5.2; staff log in with acr high, §7.1.1). */
export function requireRole(need: RoleNeed) {
  return async function requireRoleStep(
    request: FastifyRequest,
    _reply: FastifyReply,
  ): Promise<void> {
    // Fail closed: an app built without the identity module has no operators at all.
    if (!request.server.hasDecorator('roleGuard')) throw new AppError(Forbidden);
    await request.server.roleGuard.check(request, need);
  };
}

/**
 * preHandler for operator-only operations: a session with acr high whose person holds the role
 * `operator` on `module` (the exchange by default) in the platform's own member. The bootstrap
 * command (`npm run ehis -- bootstrap-operator --fin <FİN>`) appoints the first operator.
 */
export function requireOperator(module: 'exchange' | 'registry' = 'exchange') {
  return requireRole({ member: OPERATOR_MEMBER, module, role: 'operator' });
}
