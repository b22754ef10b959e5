import { sql } from 'kysely';
import { attachAgencies, type Agencies } from '../../src/agencies/agencies.ts';
import { createIdentity } from '../../src/identity/index.ts';
import type { Acr } from '../../src/identity/identity.store.ts';
import { bootstrapOperator } from '../../src/identity/staff/index.ts';
import { seedPopulation } from '../../src/platform/demo/index.ts';
import type { App } from '../../src/platform/http/http.ts';
import type { Platform } from '../../src/platform/platform.ts';
import { TestBrowser } from './identity.ts';

export interface SignedInBrowser {
  readonly fin: string;
  readonly accountId: string;
  readonly browser: TestBrowser;
}

/**
 * A browser signed in as `fin` with the given assurance (acr high by default).
 *
 * Test set-up, not a login: the session is opened with `identity.startSession(accountId,
 * { acr, amr: ['x509'] }, …)`, exactly what the certificate login does after it has verified a
 * certificate (test/identity/certificate-login tests that step itself). It lets staff and operator
 * tests start from "this person proved who they are" without building certificates each time.
 */
export async function signInAs(
  platform: Platform,
  app: App,
  portal: Agencies['portalClient'],
  fin: string,
  acr: Acr = 'high',
): Promise<SignedInBrowser> {
  const identity = createIdentity(platform, portal);
  const accountId = await identity.ensureAccountForFin(fin);
  const amr = acr === 'high' ? ['x509'] : acr === 'substantial' ? ['passkey'] : ['pwd'];
  const { token } = await identity.startSession(
    accountId,
    { acr, amr },
    { ip: '127.0.0.1', userAgent: 'test' },
  );
  const browser = new TestBrowser(app);
  browser.cookies.set('ehis_session', token);
  return { fin, accountId, browser };
}

/** A living adult of the population register, seeding a small one into an empty database. */
async function someAdult(platform: Platform, skip: readonly string[]): Promise<string> {
  const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM population.person`.execute(
    platform.db.kysely,
  );
  if ((count.rows[0]?.n ?? 0) === 0) {
    await seedPopulation(platform.db, { persons: 20, seed: 5, clock: platform.clock });
  }
  const rows = await sql<{ fin: string }>`
    SELECT fin FROM population.person
    WHERE death_date IS NULL AND birth_date < now() - interval '25 years'
    ORDER BY fin LIMIT 50`.execute(platform.db.kysely);
  const found = rows.rows.find((r) => !skip.includes(r.fin));
  if (found === undefined) throw new Error('no adult in the population register');
  return found.fin;
}

/**
 * An operator for tests: a person of the population register made operator the way the CLI does
 * (`bootstrapOperator`, FİN checked through the exchange), then signed in with acr high
 * (`signInAs`). Attaches the agencies to the exchange if the test did not (idempotent).
 */
export async function signInAsOperator(
  platform: Platform,
  app: App,
  options: { agencies?: Agencies; fin?: string; skip?: readonly string[] } = {},
): Promise<SignedInBrowser> {
  const agencies = options.agencies ?? (await attachAgencies(platform));
  const fin = options.fin ?? (await someAdult(platform, options.skip ?? []));
  await bootstrapOperator(platform, agencies.portalClient, fin);
  return signInAs(platform, app, agencies.portalClient, fin);
}
