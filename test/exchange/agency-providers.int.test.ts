import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachAgencies, type Agencies } from '../../src/agencies/agencies.ts';
import { seedPopulation } from '../../src/platform/demo/index.ts';
import { ExchangeCallError } from '../../src/exchange/index.ts';
import { createTestPlatform, type TestPlatform } from '../support/platform.ts';

describe('first providers: the population register and the civil registry on the exchange', () => {
  let test: TestPlatform;
  let agencies: Agencies;
  let parentFin: string;
  let card: { fin: string; number: string };

  beforeAll(async () => {
    test = await createTestPlatform();
    await seedPopulation(test.platform.db, { persons: 400, seed: 7 });
    agencies = await attachAgencies(test.platform);
    const parent = await sql<{ fin: string }>`
      SELECT mother_fin AS fin FROM civil_registry.birth_record WHERE mother_fin IS NOT NULL ORDER BY child_fin LIMIT 1`.execute(
      test.platform.db.kysely,
    );
    parentFin = parent.rows[0]?.fin ?? '';
    const cardRow = await sql<{ fin: string; number: string }>`
      SELECT fin, number FROM population.id_card ORDER BY number LIMIT 1`.execute(
      test.platform.db.kysely,
    );
    card = cardRow.rows[0] ?? { fin: '', number: '' };
  });
  afterAll(async () => {
    await test.close();
  });

  it('EHIS-003-7.2: person-by-fin answers through the exchange with the register entry', async () => {
    const person = await agencies.population.findPersonByFin(card.fin);
    const answer = await agencies.portalClient.call('internal-affairs/population/person-by-fin', {
      purpose: 'citizen-profile',
      subjectFin: card.fin,
      body: { fin: card.fin },
    });
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(person)));
  });

  it('verify-id-card: a match gives the card status; a wrong pair reveals nothing about which field is wrong', async () => {
    const call = (idCardNumber: string, fin: string) =>
      agencies.portalClient.call('internal-affairs/population/verify-id-card', {
        purpose: 'citizen-registration',
        subjectFin: fin,
        body: { idCardNumber, fin },
      });
    expect((await call(card.number, card.fin)).body).toMatchObject({ match: true });
    const otherFin = card.fin === '1111111' ? '2222222' : '1111111';
    expect((await call(card.number, otherFin)).body).toEqual({ match: false });
    expect((await call('AZE00000000', card.fin)).body).toEqual({ match: false });
  });

  it('children-of, parents-of and guardianships-of answer for the portal (representation checks)', async () => {
    expect(parentFin).not.toBe('');
    const children = (
      await agencies.portalClient.call('justice/civil-registry/children-of', {
        purpose: 'representation-check',
        subjectFin: parentFin,
        body: { fin: parentFin },
      })
    ).body as { children: { childFin: string }[] };
    expect(children.children.length).toBeGreaterThan(0);
    const child = children.children[0]?.childFin ?? '';
    const parents = (
      await agencies.portalClient.call('justice/civil-registry/parents-of', {
        purpose: 'representation-check',
        subjectFin: child,
        body: { fin: child },
      })
    ).body as {
      parents: { fin: string }[];
    };
    expect(parents.parents.map((p) => p.fin)).toContain(parentFin);
    const guardianships = (
      await agencies.portalClient.call('justice/civil-registry/guardianships-of', {
        purpose: 'representation-check',
        subjectFin: child,
        body: { fin: child },
      })
    ).body;
    expect(guardianships).toHaveProperty('guardianships');
  });

  it('a purpose outside the seeded grants is refused', async () => {
    const error = await agencies.portalClient
      .call('justice/civil-registry/children-of', {
        purpose: 'citizen-profile',
        subjectFin: parentFin,
        body: { fin: parentFin },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeCallError);
    expect((error as ExchangeCallError).problem).toMatchObject({
      status: 403,
      type: 'exchange/no-legal-basis',
    });
  });

  it('an unknown FİN is a 404 from the provider', async () => {
    const error = await agencies.portalClient
      .call('internal-affairs/population/person-by-fin', {
        purpose: 'citizen-profile',
        body: { fin: 'ZZZZZZ9' },
      })
      .catch((e: unknown) => e);
    expect((error as ExchangeCallError).problem).toMatchObject({
      status: 404,
      type: 'exchange/subject-not-found',
    });
  });

  it('the data tracker shows the portal reading the person, with purpose and legal basis', async () => {
    const accesses = await test.platform.exchange.admin.accessesForSubject(card.fin);
    expect(accesses).toContainEqual(
      expect.objectContaining({
        client: 'digital-development-transport/portal',
        service: 'internal-affairs/population/person-by-fin',
        purpose: 'citizen-profile',
        legalBasis: 'decree-429-2011',
      }),
    );
  });

  it('attaching again at the next start changes nothing (idempotent bootstrap)', async () => {
    const before = await test.platform.exchange.admin.listAccessGrants({ active: true });
    await attachAgencies(test.platform);
    const after = await test.platform.exchange.admin.listAccessGrants({ active: true });
    expect(after.map((g) => g.id).sort()).toEqual(before.map((g) => g.id).sort());
    expect((await test.platform.exchange.admin.listServices()).map((s) => s.id)).toEqual(
      expect.arrayContaining([
        'internal-affairs/population/person-by-fin',
        'internal-affairs/population/verify-id-card',
        'justice/civil-registry/children-of',
        'justice/civil-registry/parents-of',
        'justice/civil-registry/guardianships-of',
        'justice/civil-registry/birth-record',
      ]),
    );
  });
});
