import type { Agencies } from '../agencies/agencies.ts';
import { createDemoDirectory } from '../platform/demo/index.ts';
import type { CertificateAuthority } from '../platform/pki/index.ts';
import type { Platform } from '../platform/platform.ts';
import { createIdentity, createStaff } from '../identity/index.ts';
import { canonicalJson } from './canonical-json.ts';
import { createRegistry, createRegulations } from './create-registry.ts';
import {
  loadHealthCardRegulation,
  loadProviders,
  loadSeedServices,
  type SeedService,
} from './data/index.ts';
import type { ApplicationFields, LegalBasisItem } from './registry.schema.ts';
import type { RegistryService } from './registry.service.ts';
import { seedHealthCardRegulation, tickingClock } from './regulations/seed-regulation.ts';

/** Who grants the seed clerks their roles and appears in the audit log for it. */
export const SEED_ACTOR = 'system:registry-seed';

/** The legal basis the seed applications cite where the seeds name none (README.md, "Seed"). */
const DEFAULT_LEGAL_BASIS: readonly LegalBasisItem[] = [
  { legalActId: 'decree-429-2011', clauses: '2-ci bənd' },
];
/** The portal, where seed 002 says the services are offered, when a seed gives no address. */
const PORTAL_URL = 'https://www.e-gov.az';

const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface SeedClerk {
  readonly fin: string;
  readonly firstName: string;
  readonly lastName: string;
}

export interface SeedCatalogResult {
  /** Services registered by this run. */
  readonly registered: number;
  /** Seed services found registered already. */
  readonly present: number;
  /** provider code → the FİN of the synthetic clerk who signed its applications. */
  readonly clerks: Readonly<Record<string, string>>;
  /** Demo start: seed 000's regulation was taken through its lifecycle by this run. */
  readonly regulationSeeded?: boolean;
}

/** The Appendix 2 fields of a seed-002 service (README.md, "Seed", says what was decided). */
export function seedFields(service: SeedService): ApplicationFields {
  const regulation =
    service.regulation === undefined ? undefined : loadHealthCardRegulation().sections;
  const field = (clause: string) =>
    regulation?.flatMap((s) => s.fields).find((f) => f.clause === clause);
  const content = field('1.2');
  const legal = field('1.3')?.items?.map((item) => ({
    legalActId: item.legalActId,
    clauses: item.provisionAz ?? item.az,
  }));
  return {
    kind: 'register',
    provider: service.provider,
    nameAz: service.nameAz,
    nameEn: service.nameEn,
    otherExecutors: [...(field('1.5')?.coExecutors ?? [])],
    contentAz: content?.az ?? service.nameAz,
    contentEn: content?.en ?? service.nameEn,
    legalBasis: legal ?? [...DEFAULT_LEGAL_BASIS],
    type: service.type,
    paid: service.paid,
    users: [...service.users],
    webAddress: service.url ?? PORTAL_URL,
    domain: service.domain,
  };
}

/**
 * Registers every service of seed 002 (and the health-card service of seed 000) through the
 * application flow (issue 5 item 5): for each provider, its synthetic registry clerk is made
 * `staff` on `registry` of the provider, gets a one-day staff-signature certificate whose key
 * lives only in this function, signs one application per service, and the operator approves
 * each. Idempotent: services registered already are skipped, a pending seed application left by
 * an interrupted run is approved, and no role or certificate is made for a provider that has
 * nothing left to register.
 */
export async function seedCatalog(options: {
  readonly registry: RegistryService;
  readonly ca: CertificateAuthority;
  /** Makes the clerk registry staff of the provider (idempotent). */
  readonly grantRegistryStaff: (fin: string, provider: string) => Promise<unknown>;
  /** Synthetic persons to be the providers' clerks, one per provider, in this order. */
  readonly clerks: readonly SeedClerk[];
  /** A person who holds the role operator on the registry. */
  readonly operatorFin: string;
}): Promise<SeedCatalogResult> {
  const { registry } = options;
  const services = loadSeedServices();
  const providers = [...new Set(services.map((s) => s.provider))];
  if (options.clerks.length < providers.length) {
    throw new Error(
      `seedCatalog: ${providers.length} clerks needed, ${options.clerks.length} given`,
    );
  }
  const operator = { fin: options.operatorFin, acr: 'high' } as const;
  let registered = 0;
  let present = 0;
  const clerks: Record<string, string> = {};
  for (const [index, provider] of providers.entries()) {
    const clerk = options.clerks[index] as SeedClerk;
    clerks[provider] = clerk.fin;
    const todo: SeedService[] = [];
    for (const service of services.filter((s) => s.provider === provider)) {
      const key = `seed-002:${service.key}`;
      if ((await registry.findServiceBySeedKey(key)) !== undefined) {
        present += 1;
        continue;
      }
      const pending = await registry.findPendingSeedApplication(key);
      if (pending !== undefined) {
        await registry.decide(operator, pending.id, { decision: 'approve' });
        registered += 1;
        continue;
      }
      todo.push(service);
    }
    if (todo.length === 0) continue;

    await options.grantRegistryStaff(clerk.fin, provider);
    const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ]);
    const organization = loadProviders().find((p) => p.code === provider)?.nameAz ?? provider;
    const certificate = await options.ca.issueCertificate({
      profile: 'staff-signature',
      subject: {
        commonName: `${clerk.firstName} ${clerk.lastName}`.slice(0, 64),
        givenName: clerk.firstName.slice(0, 64),
        surname: clerk.lastName.slice(0, 64),
        serialNumber: clerk.fin,
        organization: organization.slice(0, 64),
        country: 'AZ',
      },
      publicKey: keys.publicKey,
      validDays: 1,
    });
    for (const service of todo) {
      const fields = seedFields(service);
      const signature = await crypto.subtle.sign(
        ES256,
        keys.privateKey,
        new TextEncoder().encode(canonicalJson(fields)),
      );
      const submitted = await registry.submit(
        { fin: clerk.fin, acr: 'high' },
        {
          fields,
          certificate: certificate.pem,
          signature: Buffer.from(signature).toString('base64'),
        },
        { seedKey: `seed-002:${service.key}` },
      );
      const decided = await registry.decide(operator, submitted.applicationId, {
        decision: 'approve',
      });
      if (service.usage !== undefined && decided.registryNumber !== null) {
        await registry.recordHistoricalUsage(
          decided.registryNumber,
          service.usage.period.slice(0, 7),
          service.usage.uses,
        );
      }
      registered += 1;
    }
  }
  return { registered, present, clerks };
}

/**
 * Demo mode: the seed catalogue signed by synthetic clerks — adults of the demo persons list,
 * taken from its end (the showcase's first persons are the ones people try first) — and
 * approved by the demo operator (the caller makes that person operator first:
 * `bootstrapOperator`, as every demo start does).
 */
export async function seedDemoCatalog(
  platform: Platform,
  agencies: Agencies,
  operatorFin: string,
): Promise<SeedCatalogResult> {
  const identity = createIdentity(platform, agencies.portalClient);
  const staff = createStaff(platform, identity.sessions, agencies.portalClient);
  const people = await createDemoDirectory({
    database: platform.db,
    population: agencies.population,
    civilRegistry: agencies.civilRegistry,
    clock: platform.clock,
  }).listDemoPersons();
  const clerks = people
    .filter(
      (p) =>
        p.tags.includes('adult') &&
        !p.tags.includes('minor') &&
        p.idCardStatus === 'valid' &&
        p.fin !== operatorFin,
    )
    .reverse();
  const registry = createRegistry(platform, staff);
  const result = await seedCatalog({
    registry,
    ca: platform.ca,
    grantRegistryStaff: (fin, provider) =>
      staff.grantBySystem(
        fin,
        provider,
        { module: 'registry', role: 'staff' },
        { actor: SEED_ACTOR, reason: 'registry seed catalogue (demo): synthetic clerk' },
      ),
    clerks,
    operatorFin,
  });

  // Seed 000's regulation for the health-card service (README.md, "Seed 000's regulation"): the
  // Ministry of Health's clerk drafts and publishes it; the next synthetic person of the list is
  // made head of the Ministry (demo only) and approves it.
  const clerkFin = result.clerks.health;
  const head = clerks[Object.keys(result.clerks).length];
  if (clerkFin === undefined || head === undefined) return result;
  await staff.grantBySystem(
    head.fin,
    'health',
    { module: '*', role: 'head' },
    { actor: SEED_ACTOR, reason: 'registry seed (demo): synthetic head approving seed 000' },
  );
  const clock = tickingClock(platform.clock);
  const seeded = await seedHealthCardRegulation({
    registry,
    regulations: createRegulations(platform, staff, { clock }),
    clock,
    clerkFin,
    headFin: head.fin,
  });
  return { ...result, regulationSeeded: seeded.seededNow };
}
