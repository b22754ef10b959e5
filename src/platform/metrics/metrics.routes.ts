import type { Registry } from 'prom-client';
import type { App } from '../http/http.ts';
import { requireOperator } from '../http/guards.ts';

/** Prometheus metrics (exchange calls, latency, process): scraped with an operator's session. */
export function registerMetricsRoute(app: App, deps: { readonly registry: Registry }): void {
  app.get(
    '/metrics',
    {
      preHandler: requireOperator(),
      schema: {
        operationId: 'getMetrics',
        tags: ['platform'],
        summary: 'Prometheus metrics',
        security: [{ operatorSession: [] }],
      },
    },
    async (_request, reply) =>
      reply.type(deps.registry.contentType).send(await deps.registry.metrics()),
  );
}
