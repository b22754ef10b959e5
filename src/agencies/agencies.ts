import type { Platform } from '../platform/platform.ts';
import type { ExchangeClient } from '../exchange/client.ts';
import { ExchangeClient as Client } from '../exchange/client.ts';
import { inProcessTransport } from '../exchange/in-process.ts';
import { BOOTSTRAP_ACTOR, ensurePlatformSubsystem } from '../exchange/platform-members.ts';
import type { ProvidedService } from '../exchange/provided-service.ts';
import { createPopulationRegister, type PopulationRegister } from './population/index.ts';
import { POPULATION_PROVIDER, populationServices } from './population/population.exchange.ts';
import { createCivilRegistry, type CivilRegistry } from './civil-registry/index.ts';
import {
  CIVIL_REGISTRY_PROVIDER,
  civilRegistryServices,
} from './civil-registry/civil-registry.exchange.ts';

/**
 * The portal's own subsystem on the exchange: it registers citizens (ID card + FİN) and checks
 * representation (parent → minor, guardian → ward) by calling the agencies, never their tables.
 * Member code: the Ministry of Digital Development and Transport (docs/decisions.md).
 */
export const PORTAL_CLIENT = {
  member: {
    code: 'digital-development-transport',
    nameAz: 'Azərbaycan Respublikasının Rəqəmsal İnkişaf və Nəqliyyat Nazirliyi',
    nameEn: 'Ministry of Digital Development and Transport of the Republic of Azerbaijan',
    legalForm: 'state-body',
  },
  subsystem: { code: 'portal', name: '"Elektron hökumət" portalı / E-government portal' },
} as const;

/** What the portal may read, on which legal basis, for which purposes (EHIS-001-5.1). */
const PORTAL_GRANTS: readonly {
  provider: { member: string; subsystem: string };
  service: string;
  legalActId: string;
  purposes: string[];
}[] = [
  {
    provider: { member: 'internal-affairs', subsystem: 'population' },
    service: 'verify-id-card',
    legalActId: 'decree-429-2011',
    purposes: ['citizen-registration'],
  },
  {
    provider: { member: 'internal-affairs', subsystem: 'population' },
    service: 'person-by-fin',
    legalActId: 'decree-429-2011',
    purposes: ['citizen-registration', 'citizen-profile', 'staff-registration'],
  },
  ...['children-of', 'parents-of', 'guardianships-of', 'birth-record'].map((service) => ({
    provider: { member: 'justice', subsystem: 'civil-registry' },
    service,
    legalActId: 'cabinet-191-2011',
    purposes: ['representation-check'],
  })),
];

export interface Agencies {
  readonly population: PopulationRegister;
  readonly civilRegistry: CivilRegistry;
  /** The portal's exchange client (in-process, same gateway code path as HTTP). */
  readonly portalClient: ExchangeClient;
}

/**
 * Joins the agency information systems hosted in this process to the exchange: registers their
 * member subsystems, publishes their services, attaches their handlers, and seeds the grants of
 * the platform's own client subsystems. Idempotent; runs at every start.
 */
export async function attachAgencies(platform: Platform): Promise<Agencies> {
  const { admin, gateway } = platform.exchange;
  const population = createPopulationRegister({ database: platform.db, clock: platform.clock });
  const civilRegistry = createCivilRegistry({ database: platform.db, clock: platform.clock });
  const providers: readonly [
    typeof POPULATION_PROVIDER | typeof CIVIL_REGISTRY_PROVIDER,
    ProvidedService[],
  ][] = [
    [POPULATION_PROVIDER, populationServices(population)],
    [CIVIL_REGISTRY_PROVIDER, civilRegistryServices(civilRegistry)],
  ];
  for (const [provider, services] of providers) {
    await ensurePlatformSubsystem(
      admin,
      platform.config.dataDir,
      provider.member,
      provider.subsystem,
    );
    for (const service of services) {
      const ref = { member: provider.member.code, subsystem: provider.subsystem.code };
      await admin.ensureService({ ...ref, ...service.definition }, BOOTSTRAP_ACTOR);
      gateway.provide({ ...ref, service: service.definition.code }, service.handler);
    }
  }
  const portal = await ensurePlatformSubsystem(
    admin,
    platform.config.dataDir,
    PORTAL_CLIENT.member,
    PORTAL_CLIENT.subsystem,
  );
  for (const grant of PORTAL_GRANTS) {
    await admin.ensureAccessGrant(
      {
        clientMember: portal.member,
        clientSubsystem: portal.subsystem,
        providerMember: grant.provider.member,
        providerSubsystem: grant.provider.subsystem,
        service: grant.service,
        legalActId: grant.legalActId,
        purposes: grant.purposes,
      },
      BOOTSTRAP_ACTOR,
    );
  }
  return {
    population,
    civilRegistry,
    portalClient: new Client({
      identity: portal,
      transport: inProcessTransport(gateway),
      gatewayPublicJwk: gateway.publicKey,
      now: () => platform.clock.now(),
    }),
  };
}
