import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../test/support/logger.ts';
import { createMigratedTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import {
  civilRegistryMigrations,
  createCivilRegistry,
} from '../../agencies/civil-registry/index.ts';
import {
  createPopulationRegister,
  FIN_PATTERN,
  generatePopulation,
  ID_CARD_NUMBER_PATTERN,
  populationMigrations,
} from '../../agencies/population/index.ts';
import { createHttp, type App } from '../http/http.ts';
import { FixedClock } from '../time/index.ts';
import {
  createDemoDirectory,
  demoMigrations,
  PopulationNotEmptyError,
  registerDemoRoutes,
  seedDemoIfEmpty,
  seedPopulation,
  type DemoDirectory,
  type DemoPerson,
  type DemoTag,
} from './index.ts';

const AS_OF = '2026-11-23';
const MODULES = [populationMigrations, civilRegistryMigrations, demoMigrations];
const TAGS: readonly DemoTag[] = [
  'adult',
  'minor',
  'parent',
  'guardian',
  'ward',
  'expired-card',
  'lost-card',
];

function directoryFor(test: TestDatabase, clock: FixedClock): DemoDirectory {
  return createDemoDirectory({
    database: test.db,
    population: createPopulationRegister({ database: test.db, clock }),
    civilRegistry: createCivilRegistry({ database: test.db, clock }),
    clock,
  });
}

async function appFor(directory: DemoDirectory, demo: boolean): Promise<App> {
  const app = createHttp({ logger: silentLogger(), bodyLimitBytes: 1024 * 1024 });
  registerDemoRoutes(app, { demo, directory });
  await app.ready();
  return app;
}

async function count(test: TestDatabase, table: string): Promise<number> {
  const result = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(test.db.kysely);
  return result.rows[0]?.n ?? -1;
}

describe('demo mode: a seeded synthetic population and the people to log in as', () => {
  const clock = new FixedClock(`${AS_OF}T10:00:00+04:00`);
  let test: TestDatabase;
  let directory: DemoDirectory;
  let app: App;
  let offApp: App;
  let persons: DemoPerson[];

  beforeAll(async () => {
    test = await createMigratedTestDatabase(MODULES);
    const report = await seedPopulation(test.db, {
      persons: 2000,
      seed: 'demo-test',
      asOf: AS_OF,
      clock,
      chunkSize: 700,
    });
    expect(report).toMatchObject({ persons: 2000, seed: 'demo-test', asOf: AS_OF });
    directory = directoryFor(test, clock);
    app = await appFor(directory, true);
    offApp = await appFor(directory, false);
    const res = await app.inject({ method: 'GET', url: '/api/demo/persons' });
    expect(res.statusCode).toBe(200);
    persons = res.json<DemoPerson[]>();
  });
  afterAll(async () => {
    await app.close();
    await offApp.close();
    await test.drop();
  });

  it('seeds exactly what the generator makes, through each register’s own bulk load', async () => {
    const expected = { persons: 0, cards: 0, births: 0, marriages: 0, deaths: 0, guardianships: 0 };
    for (const chunk of generatePopulation({ seed: 'demo-test', persons: 2000, asOf: AS_OF })) {
      expected.persons += chunk.persons.length;
      expected.cards += chunk.idCards.length;
      expected.births += chunk.births.length;
      expected.marriages += chunk.marriages.length;
      expected.deaths += chunk.deaths.length;
      expected.guardianships += chunk.guardianships.length;
    }
    expect({
      persons: await count(test, 'population.person'),
      cards: await count(test, 'population.id_card'),
      births: await count(test, 'civil_registry.birth_record'),
      marriages: await count(test, 'civil_registry.marriage'),
      deaths: await count(test, 'civil_registry.death_record'),
      guardianships: await count(test, 'civil_registry.guardianship'),
    }).toEqual(expected);
    expect(await count(test, 'population.residence_registration')).toBe(2000);
  });

  it('refuses to seed a register that already has people, and adds nobody', async () => {
    await expect(
      seedPopulation(test.db, { persons: 10, seed: 'again', asOf: AS_OF, clock }),
    ).rejects.toBeInstanceOf(PopulationNotEmptyError);
    expect(await seedDemoIfEmpty(test.db, { persons: 10, clock })).toBeUndefined();
    expect(await count(test, 'population.person')).toBe(2000);
  });

  it('IAM-000-1.8a, IAM-000-1.8b: GET /api/demo/persons shows every tag at least twice, 40 people at most', () => {
    expect(persons.length).toBeGreaterThanOrEqual(12);
    expect(persons.length).toBeLessThanOrEqual(40);
    for (const tag of TAGS) {
      expect(persons.filter((p) => p.tags.includes(tag)).length, tag).toBeGreaterThanOrEqual(2);
    }
    const fin = new RegExp(FIN_PATTERN);
    const card = new RegExp(ID_CARD_NUMBER_PATTERN);
    for (const person of persons) {
      expect(person.fin).toMatch(fin);
      if (person.idCardNumber !== null) expect(person.idCardNumber).toMatch(card);
      expect(person.tags.includes('adult')).not.toBe(person.tags.includes('minor'));
      expect(person.idCardStatus === 'expired').toBe(person.tags.includes('expired-card'));
      expect(person.idCardStatus === 'lost').toBe(person.tags.includes('lost-card'));
    }
  });

  it('IAM-000-1.8a: a listed parent’s minor children are listed, minors, and name that parent', () => {
    const byFin = new Map(persons.map((p) => [p.fin, p]));
    const parents = persons.filter((p) => p.tags.includes('parent'));
    for (const parent of parents) {
      expect(parent.tags).toContain('adult');
      expect(parent.relations.minorChildren.length).toBeGreaterThan(0);
      for (const childFin of parent.relations.minorChildren) {
        const child = byFin.get(childFin);
        expect(child?.tags).toContain('minor');
        expect(child?.relations.parents).toContain(parent.fin);
        expect(child?.patronymic.endsWith(child.sex === 'male' ? 'oğlu' : 'qızı')).toBe(true);
      }
    }
    // Every listed minor is represented by a listed parent or guardian.
    for (const minor of persons.filter((p) => p.tags.includes('minor'))) {
      const represented =
        minor.relations.parents.some((fin) => byFin.get(fin)?.tags.includes('parent')) ||
        minor.relations.guardians.length > 0;
      expect(represented, minor.fin).toBe(true);
    }
  });

  it('IAM-000-1.8b, CR-4.1.9: a listed ward’s guardian is listed, an adult, and names the ward', () => {
    const byFin = new Map(persons.map((p) => [p.fin, p]));
    const wards = persons.filter((p) => p.tags.includes('ward'));
    expect(wards.some((w) => w.tags.includes('adult'))).toBe(true);
    expect(wards.some((w) => w.tags.includes('minor'))).toBe(true);
    for (const ward of wards) {
      expect(ward.relations.guardians.length).toBeGreaterThan(0);
      for (const guardianFin of ward.relations.guardians) {
        const guardian = byFin.get(guardianFin);
        expect(guardian?.tags).toEqual(expect.arrayContaining(['adult', 'guardian']));
        expect(guardian?.relations.wards).toContain(ward.fin);
      }
    }
  });

  it('is stable: the same list on every call, and for the same seed in another database', async () => {
    const again = await app.inject({ method: 'GET', url: '/api/demo/persons' });
    expect(again.json()).toEqual(persons);
    const other = await createMigratedTestDatabase(MODULES);
    try {
      await seedPopulation(other.db, { persons: 2000, seed: 'demo-test', asOf: AS_OF, clock });
      expect(await directoryFor(other, clock).listDemoPersons()).toEqual(persons);
    } finally {
      await other.drop();
    }
  });

  it('answers 404 platform/not-found when demo mode is off', async () => {
    const res = await offApp.inject({ method: 'GET', url: '/api/demo/persons' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json()).toMatchObject({ type: 'platform/not-found', status: 404 });
  });

  it('demo mode seeds an empty database once, with the demo seed', async () => {
    const fresh = await createMigratedTestDatabase(MODULES);
    try {
      const report = await seedDemoIfEmpty(fresh.db, { persons: 300, clock });
      expect(report).toMatchObject({ persons: 300, seed: 'ehis-demo', asOf: AS_OF });
      expect(await seedDemoIfEmpty(fresh.db, { persons: 300, clock })).toBeUndefined();
      const listed = await directoryFor(fresh, clock).listDemoPersons();
      for (const tag of TAGS)
        expect(
          listed.some((p) => p.tags.includes(tag)),
          tag,
        ).toBe(true);
    } finally {
      await fresh.drop();
    }
  });
});
