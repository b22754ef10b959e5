import { createHttp, type App } from './platform/http/http.ts';
import { registerApiDocs } from './platform/http/docs.ts';
import { registerWeb } from './platform/http/web.ts';
import { registerHealthRoutes } from './platform/health/health.routes.ts';
import { registerAuditRoutes } from './platform/audit/audit.routes.ts';
import { registerMetricsRoute } from './platform/metrics/metrics.routes.ts';
import { registerPkiRoutes } from './platform/pki/pki.routes.ts';
import { registerExchangeRoutes } from './exchange/index.ts';
import type { Agencies } from './agencies/agencies.ts';
import { createDemoDirectory, registerDemoRoutes } from './platform/demo/index.ts';
import type { Platform } from './platform/platform.ts';
import { VERSION } from './version.ts';
import {
  accountContacts,
  createIdentity,
  registerIdentityRoutes,
  registerSessionHooks,
} from './identity/index.ts';
import { createStaff, registerStaffAccess, registerStaffRoutes } from './identity/staff/index.ts';
import { createDevices, registerDeviceRoutes } from './identity/devices/index.ts';
import { createOidc, registerOidcRoutes } from './identity/oidc/index.ts';
import { createPasskeys, registerPasskeyRoutes } from './identity/passkeys/index.ts';
import {
  createCertificateService,
  registerCertificateRoutes,
} from './identity/certificates/index.ts';
import { createRegistry, createRegulations, registerRegistryRoutes } from './registry/index.ts';
import {
  createComplaints,
  registerComplaintRoutes,
  registryServices,
} from './portal/complaints/index.ts';
import { createDiscussions, registerDiscussionRoutes } from './portal/discussion/index.ts';
import { createAttachments, registerAttachmentRoutes } from './portal/attachments/index.ts';
import { createNotifications, registerNotificationRoutes } from './portal/notifications/index.ts';
import { createPayments, registerPaymentRoutes } from './portal/payments/index.ts';

/**
 * Builds the HTTP application with every module registered; it does not listen (STYLE.md §2).
 * `agencies` are the agency systems attached to the exchange (`attachAgencies`); tests that set
 * up members of their own leave them out. Tests call `app.inject()` or listen on port 0.
 */
export async function buildApp(platform: Platform, agencies?: Agencies): Promise<App> {
  const { config } = platform;
  const app = createHttp({ logger: platform.logger, bodyLimitBytes: config.bodyLimitBytes });
  await registerApiDocs(app, VERSION);
  const production = config.profile === 'production';
  const identity = createIdentity(platform, agencies?.portalClient);
  await registerSessionHooks(app, { sessions: identity.sessions, production });
  const staff = createStaff(platform, identity.sessions, agencies?.portalClient);
  registerStaffAccess(app, { staff, audit: platform.audit });
  registerIdentityRoutes(app, {
    identity,
    exchange: platform.exchange.admin,
    audit: platform.audit,
    production,
    people: agencies !== undefined,
    roles: (fin) => staff.rolesOf(fin),
  });
  registerStaffRoutes(app, { staff });
  registerDeviceRoutes(app, { devices: createDevices(platform, identity), production });
  registerCertificateRoutes(app, {
    certificates: createCertificateService(platform, identity, agencies?.portalClient),
    production,
  });
  await registerOidcRoutes(app, {
    oidc: createOidc(platform, identity),
    exchange: platform.exchange.admin,
    production,
    host: config.host,
    port: config.port,
  });
  registerPasskeyRoutes(app, {
    passkeys: createPasskeys(platform, identity),
    production,
    publicUrl: config.publicUrl,
  });
  const registry = createRegistry(platform, staff);
  registerRegistryRoutes(app, {
    registry,
    regulations: createRegulations(platform, staff),
    now: () => platform.clock.now(),
  });
  registerComplaintRoutes(app, {
    complaints: createComplaints(platform, { roles: staff, services: registryServices(registry) }),
    identity,
  });
  registerDiscussionRoutes(app, {
    discussions: createDiscussions(platform, staff),
    now: () => platform.clock.now(),
  });
  await registerAttachmentRoutes(app, {
    attachments: createAttachments(platform, staff),
    identity,
  });
  const accounts = accountContacts(platform.db, identity);
  const notifications = createNotifications(platform, accounts);
  app.addHook('onClose', async () => notifications.devMail?.stop());
  registerNotificationRoutes(app, {
    notifier: notifications.notifier,
    accounts,
    devOutbox: config.demo ? { mail: notifications.devMail, sms: notifications.devSms } : undefined,
  });
  const payments = createPayments(platform);
  registerPaymentRoutes(app, {
    payments: payments.service,
    identity,
    testGateway: payments.testGateway,
  });
  registerHealthRoutes(app, { db: platform.db, version: VERSION });
  registerAuditRoutes(app, { audit: platform.audit });
  registerMetricsRoute(app, { registry: platform.metrics });
  registerPkiRoutes(app, { ca: platform.ca });
  registerExchangeRoutes(app, {
    admin: platform.exchange.admin,
    gateway: platform.exchange.gateway,
    extensions: { asyncCalls: platform.exchange.asyncCalls, batches: platform.exchange.batches },
  });
  if (agencies !== undefined) {
    registerDemoRoutes(app, {
      demo: config.demo,
      directory: createDemoDirectory({
        database: platform.db,
        population: agencies.population,
        civilRegistry: agencies.civilRegistry,
        clock: platform.clock,
      }),
    });
  }
  await registerWeb(app);
  await app.ready();
  return app;
}
