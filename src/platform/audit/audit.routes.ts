import type { App } from '../http/http.ts';
import { requireOperator } from '../http/guards.ts';
import type { AuditLog } from './audit.service.ts';
import { AuditVerification } from './audit.schema.ts';

export function registerAuditRoutes(app: App, deps: { readonly audit: AuditLog }): void {
  app.get(
    '/api/audit/verify',
    {
      preHandler: requireOperator(),
      schema: {
        operationId: 'verifyAuditChain',
        tags: ['audit'],
        summary: 'Verify the hash chain, checkpoints and signed head of the audit log (operator)',
        security: [{ operatorSession: [] }],
        response: { 200: AuditVerification },
      },
    },
    async (request) => {
      const result = await deps.audit.verify();
      await deps.audit.append({
        actor: request.actor ?? 'unknown',
        action: 'audit.verify',
        resource: 'audit-log',
        outcome: result.ok ? 'success' : 'failed',
      });
      return result;
    },
  );
}
