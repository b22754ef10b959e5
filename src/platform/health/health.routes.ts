import { sql } from 'kysely';
import { Type } from 'typebox';
import type { App } from '../http/http.ts';
import type { Database } from '../db/database.ts';

export const Health = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
    db: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
    version: Type.String(),
  },
  { $id: 'Health' },
);

export function registerHealthRoutes(
  app: App,
  deps: { readonly db: Database; readonly version: string },
): void {
  app.get(
    '/api/health',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['platform'],
        summary: 'Liveness and database reachability',
        response: { 200: Health, 503: Health },
      },
    },
    async (request, reply) => {
      try {
        await sql`SELECT 1`.execute(deps.db.kysely);
        return { status: 'ok' as const, db: deps.db.kind, version: deps.version };
      } catch (error) {
        request.log.error({ err: error }, 'health check: database unreachable');
        return reply
          .code(503)
          .send({ status: 'unavailable' as const, db: deps.db.kind, version: deps.version });
      }
    },
  );
}
