import { Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per platform instance (tests build several in one process). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ehis_' });
  return registry;
}
