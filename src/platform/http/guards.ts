import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { Forbidden, Unauthorized } from '../errors/platform.errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is acting, for the audit log: `operator:token`, `operator:demo`, … */
    actor: string | undefined;
  }
}

function sameSecret(given: string, expected: string): boolean {
  // Compare digests so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Operator-only operations. Until the identity module provides operator logins, the operator is
 * whoever presents `Authorization: Bearer <EHIS_OPERATOR_TOKEN>`; in demo mode without a token
 * configured, the local tester is the operator (demo mode is refused in production).
 */
export function requireOperator(options: {
  readonly operatorToken: string | undefined;
  readonly demo: boolean;
}) {
  return async function requireOperatorStep(
    request: FastifyRequest,
    _reply: FastifyReply,
  ): Promise<void> {
    const header = request.headers.authorization;
    if (options.operatorToken !== undefined) {
      if (header === undefined) throw new AppError(Unauthorized);
      const [scheme, token] = header.split(' ');
      if (
        scheme?.toLowerCase() !== 'bearer' ||
        token === undefined ||
        !sameSecret(token, options.operatorToken)
      ) {
        throw new AppError(Forbidden);
      }
      request.actor = 'operator:token';
      return;
    }
    if (!options.demo) throw new AppError(Forbidden);
    request.actor = 'operator:demo';
  };
}
