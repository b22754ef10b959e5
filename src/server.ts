import { loadConfig, ConfigError, type Config } from './platform/config/config.ts';
import { startPlatform, type Platform } from './platform/platform.ts';
import { buildApp } from './app.ts';
import { attachAgencies } from './agencies/agencies.ts';
import { seedDemoIfEmpty } from './platform/demo/index.ts';
import {
  ensureDemoOperatorCertificate,
  type DemoOperatorCertificate,
} from './identity/demo-operator.ts';
import type { App } from './platform/http/http.ts';
import { bootstrapOperator } from './identity/staff/index.ts';
import { seedDemoCatalog } from './registry/index.ts';

/** Prints one clear line and exits 1: what an operator needs, no stack trace. */
function fail(message: string): never {
  process.stderr.write(`EHİS: ${message}\n`);
  process.exit(1);
}

function describeStartError(error: unknown, config: Config): string {
  const err = error as NodeJS.ErrnoException & { code?: string };
  if (err.code === 'EADDRINUSE') return `PORT: ${config.port} on ${config.host} is already in use`;
  if (err.code === 'EADDRNOTAVAIL') return `HOST: ${config.host} is not an address of this machine`;
  if (
    config.databaseUrl !== undefined &&
    (err.code === 'ECONNREFUSED' ||
      err.code === 'ENOTFOUND' ||
      err.code === '3D000' ||
      err.code === '28P01' ||
      err.code === '28000')
  ) {
    return `DATABASE_URL: cannot connect to the database (${err.code}: ${err.message})`;
  }
  return `cannot start: ${err.message}`;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration error: ${error.message}`);
    throw error;
  }
  let platform: Platform | undefined;
  let app: App | undefined;
  let operatorCertificate: DemoOperatorCertificate | undefined;
  try {
    platform = await startPlatform(config);
    if (config.demo) {
      const seeded = await seedDemoIfEmpty(platform.db, {
        persons: config.demoPersons,
        clock: platform.clock,
      });
      if (seeded !== undefined) {
        process.stdout.write(`EHİS: demo data seeded (${config.demoPersons} synthetic persons)\n`);
      }
    }
    const agencies = await attachAgencies(platform);
    app = await buildApp(platform, agencies);
    // A demo convenience: if it cannot be made, the server still starts (and says so in the log).
    const started = platform;
    operatorCertificate = await ensureDemoOperatorCertificate({ platform, agencies }).catch(
      (error: unknown) => {
        started.logger.warn({ err: error }, 'demo operator certificate not written');
        return undefined;
      },
    );
    if (operatorCertificate !== undefined) {
      // The demo operator holds the operator role, as bootstrap-operator would grant (idempotent).
      await bootstrapOperator(
        platform,
        agencies.portalClient,
        operatorCertificate.fin,
        'system:demo',
      );
      // The seed-002 catalogue, registered through the registry's application flow (idempotent).
      const seeded = await seedDemoCatalog(platform, agencies, operatorCertificate.fin).catch(
        (error: unknown) => {
          started.logger.warn({ err: error }, 'registry seed catalogue not registered');
          return undefined;
        },
      );
      if (seeded !== undefined && seeded.registered > 0) {
        process.stdout.write(`EHİS: ${seeded.registered} seed e-services registered\n`);
      }
    }
    await app.listen({ host: config.host, port: config.port });
    await platform.queue.start();
  } catch (error) {
    await app?.close().catch(() => undefined);
    await platform?.close().catch(() => undefined);
    fail(describeStartError(error, config));
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  process.stdout.write(
    [
      `EHİS is running at ${url}`,
      `  API documentation: ${url}/api/docs`,
      `  database: ${platform.db.kind}${platform.db.kind === 'pglite' ? ` in ${config.dataDir}` : ''}`,
      config.demo
        ? `  demo mode: demo persons at ${url}/api/demo/persons (synthetic persons for testing)`
        : '  demo mode: off',
      ...(config.demo
        ? [
            `  demo logins: register at ${url}/register with a demo person's ID card number and FİN,`,
            `    then log in at ${url}/login (certificates, devices and passkeys from ${url}/profile)`,
          ]
        : []),
      ...(operatorCertificate === undefined
        ? []
        : [
            `  demo operator (FİN ${operatorCertificate.fin}) e-signature certificate: ${operatorCertificate.p12Path}`,
            `    its password: ${operatorCertificate.passwordPath}`,
          ]),
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    platform.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    try {
      await app.close();
      await platform.close();
      process.exit(0);
    } catch (error) {
      platform.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
