// npm run ehis -- registry seed-catalog
// Registers the services of seed 002 (and the health-card service of seed 000) through the
// registry's application flow, as the demo start does: synthetic clerks sign, the demo operator
// approves (src/registry/README.md, "Seed catalogue"). Demo mode only; idempotent.
import { attachAgencies } from '../agencies/agencies.ts';
import { demoOperatorFin } from '../identity/demo-operator.ts';
import type { Platform } from '../platform/platform.ts';
import { seedDemoCatalog } from '../registry/index.ts';
import { bootstrapOperator } from '../identity/staff/index.ts';
import { failCli } from './cli-support.ts';

export async function registrySeedCommand(platform: Platform): Promise<number> {
  if (!platform.config.demo) {
    failCli(
      'registry seed-catalog is signed by synthetic staff and runs in demo mode only (EHIS_DEMO=true); outside demo mode agencies submit their own applications',
    );
  }
  const agencies = await attachAgencies(platform);
  const operatorFin =
    (await demoOperatorFin(platform, agencies)) ??
    failCli('no demo persons yet: start the server once in demo mode (it seeds them)');
  await bootstrapOperator(platform, agencies.portalClient, operatorFin, 'system:demo');
  const result = await seedDemoCatalog(platform, agencies, operatorFin);
  process.stdout.write(
    `seed catalogue: ${result.registered} services registered now, ${result.present} already registered\n`,
  );
  return 0;
}
