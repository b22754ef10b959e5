import type { Registry } from 'prom-client';
import type { App } from '../http/http.ts';
import { requireOperator } from '../http/guards.ts';

/** Prometheus metrics (exchange calls, latency, process): scraped with the operator token. */
export function registerMetricsRoute(
  app: App,
  deps: {
    readonly registry: Registry;
    readonly operatorToken: string | undefined;
    readonly demo: boolean;
  },
): void {
  app.get(
    '/metrics',
    {
      preHandler: requireOperator(deps),
      schema: {
        operationId: 'getMetrics',
        tags: ['platform'],
        summary: 'Prometheus metrics',
        security: [{ operatorToken: [] }],
      },
    },
    async (_request, reply) =>
      reply.type(deps.registry.contentType).send(await deps.registry.metrics()),
  );
}
