import { createHttp, type App } from './platform/http/http.ts';
import { registerApiDocs } from './platform/http/docs.ts';
import { registerWeb } from './platform/http/web.ts';
import { registerHealthRoutes } from './platform/health/health.routes.ts';
import { registerAuditRoutes } from './platform/audit/audit.routes.ts';
import { registerMetricsRoute } from './platform/metrics/metrics.routes.ts';
import { registerExchangeRoutes } from './exchange/index.ts';
import type { Platform } from './platform/platform.ts';
import { VERSION } from './version.ts';

/**
 * Builds the HTTP application with every module registered; it does not listen (STYLE.md §2).
 * Tests call `app.inject()` or listen on port 0 themselves.
 */
export async function buildApp(platform: Platform): Promise<App> {
  const { config } = platform;
  const app = createHttp({ logger: platform.logger, bodyLimitBytes: config.bodyLimitBytes });
  await registerApiDocs(app, VERSION);
  registerHealthRoutes(app, { db: platform.db, version: VERSION });
  const operatorAccess = { operatorToken: config.operatorToken, demo: config.demo };
  registerAuditRoutes(app, { audit: platform.audit, ...operatorAccess });
  registerMetricsRoute(app, { registry: platform.metrics, ...operatorAccess });
  registerExchangeRoutes(app, {
    admin: platform.exchange.admin,
    gateway: platform.exchange.gateway,
    ...operatorAccess,
  });
  await registerWeb(app);
  await app.ready();
  return app;
}
