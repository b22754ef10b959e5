import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { FixedClock } from '../../platform/time/index.ts';
import {
  createPopulationRegister,
  generatePopulation,
  idCardStatus,
  loadPopulationRecords,
  populationMigrations,
  type NewIdCard,
  type NewPerson,
  type PopulationRegister,
  type SyntheticChunk,
} from './index.ts';

const AS_OF = '2026-11-23';

function one<T>(items: readonly T[], what: string): T {
  const item = items[0];
  if (item === undefined) throw new Error(`the generated data has no ${what}`);
  return item;
}

describe('MI-4.1.2, CR-4.1.3: the population register', () => {
  let test: TestDatabase;
  let clock: FixedClock;
  let register: PopulationRegister;
  let data: SyntheticChunk;
  const cardsOf = (fin: string): NewIdCard[] => data.idCards.filter((c) => c.fin === fin);
  const holderWith = (status: string): NewIdCard =>
    one(
      data.idCards.filter((card) => {
        const cards = cardsOf(card.fin);
        return cards.length === 1 && idCardStatus(card, AS_OF) === status;
      }),
      `${status} card`,
    );

  beforeAll(async () => {
    test = await createMigratedTestDatabase([populationMigrations]);
    const chunks = [...generatePopulation({ seed: 'register', persons: 3000, asOf: AS_OF })];
    expect(chunks).toHaveLength(1);
    data = one(chunks, 'chunk');
    await loadPopulationRecords(test.db, data);
    clock = new FixedClock(`${AS_OF}T10:00:00+04:00`);
    register = createPopulationRegister({ database: test.db, clock });
  });
  afterAll(async () => {
    await test.drop();
  });

  it('findPersonByFin: the person, the card issued last and the current address', async () => {
    const card = holderWith('valid');
    const expected = data.persons.find((p) => p.fin === card.fin) as NewPerson;
    const residence = data.residences.find((r) => r.fin === card.fin);
    const person = await register.findPersonByFin(card.fin);
    expect(person).toEqual({
      ...expected,
      citizenship: 'AZE',
      address: {
        region: residence?.region,
        street: residence?.street,
        house: residence?.house,
        apartment: residence?.apartment,
        registeredOn: residence?.registeredOn,
      },
      idCard: {
        number: card.number,
        issuedOn: card.issuedOn,
        expiresOn: card.expiresOn,
        status: 'valid',
      },
    });
  });

  it('CR-4.1.1: a child under 15 has no ID card (the birth certificate is the document)', async () => {
    const child = one(
      data.persons.filter((p) => p.deathDate === null && p.birthDate > '2013-01-01'),
      'child',
    );
    const person = await register.findPersonByFin(child.fin);
    expect(person?.idCard).toBeNull();
    expect(person?.address).not.toBeNull();
  });

  it('CR-4.1.3: the dead keep their record with the date of death, no address, an annulled card', async () => {
    const dead = one(
      data.persons.filter((p) => p.deathDate !== null && cardsOf(p.fin).length > 0),
      'dead card holder',
    );
    const person = await register.findPersonByFin(dead.fin);
    expect(person?.deathDate).toBe(dead.deathDate);
    expect(person?.address).toBeNull();
    expect(person?.idCard?.status).toBe('annulled');
  });

  it('finds nobody for an unknown or a malformed FİN', async () => {
    expect(await register.findPersonByFin('0000000')).toBeUndefined();
    expect(await register.findPersonByFin('abc')).toBeUndefined();
    expect(await register.findPersonByFin("' OR 1=1 --")).toBeUndefined();
    // I and O are not in the FİN alphabet.
    expect(await register.findPersonByFin('IIOO000')).toBeUndefined();
  });

  it('IAM-000-3.1.2: verifyIdCard matches a card to its holder and says what it is worth', async () => {
    for (const status of ['valid', 'expired', 'lost'] as const) {
      const card = holderWith(status);
      expect(await register.verifyIdCard(card.number, card.fin)).toEqual({
        match: true,
        status,
        expiresOn: card.expiresOn,
      });
    }
    const dead = one(
      data.idCards.filter((c) => idCardStatus(c, AS_OF) === 'annulled'),
      'annulled card',
    );
    expect(await register.verifyIdCard(dead.number, dead.fin)).toMatchObject({
      match: true,
      status: 'annulled',
    });
  });

  it("IAM-000-3.1.2: somebody else's card, an unknown number and a malformed one all answer no match", async () => {
    const [a, b] = data.idCards;
    if (a === undefined || b === undefined) throw new Error('two cards needed');
    expect(await register.verifyIdCard(a.number, b.fin)).toEqual({ match: false });
    expect(await register.verifyIdCard('AZE00000000', a.fin)).toEqual({ match: false });
    expect(await register.verifyIdCard('aze12345678', a.fin)).toEqual({ match: false });
    expect(await register.verifyIdCard(a.number, 'not-a-fin')).toEqual({ match: false });
  });

  it('a card expires on its date without anybody updating it', async () => {
    const card = one(
      data.idCards.filter(
        (c) => c.expiresOn !== null && idCardStatus(c, AS_OF) === 'valid' && c.lostOn === null,
      ),
      'expiring card',
    );
    const later = createPopulationRegister({
      database: test.db,
      clock: new FixedClock(`${card.expiresOn ?? ''}T23:00:00+04:00`),
    });
    expect(await later.verifyIdCard(card.number, card.fin)).toMatchObject({ status: 'valid' });
    const dayAfter = new FixedClock(`${card.expiresOn ?? ''}T23:00:00+04:00`);
    dayAfter.advance(2 * 3_600_000);
    const expired = createPopulationRegister({ database: test.db, clock: dayAfter });
    expect(await expired.verifyIdCard(card.number, card.fin)).toMatchObject({ status: 'expired' });
  });

  it('a lost card that was replaced: the old number answers lost, the person shows the new card', async () => {
    const fin = one(
      data.persons.map((p) => p.fin).filter((fin) => cardsOf(fin).length === 2),
      'replaced card',
    );
    const [old, replacement] = cardsOf(fin);
    if (old === undefined || replacement === undefined) throw new Error('two cards expected');
    expect(await register.verifyIdCard(old.number, fin)).toMatchObject({
      match: true,
      status: 'lost',
    });
    expect((await register.findPersonByFin(fin))?.idCard).toMatchObject({
      number: replacement.number,
      status: 'valid',
    });
  });

  it('hasPersons: true once anybody is registered', async () => {
    expect(await register.hasPersons()).toBe(true);
  });

  it('the schema refuses what the code never writes', async () => {
    const db = test.db.kysely;
    const person = one(
      data.persons.filter((p) => p.deathDate === null),
      'living person',
    );
    const card = one(data.idCards, 'card');
    const attempt = (statement: ReturnType<typeof sql>) => statement.execute(db);
    // A FİN outside the alphabet, a card number of the old format.
    await expect(
      attempt(sql`INSERT INTO population.person (fin, first_name, last_name, patronymic, sex, birth_date, birth_place)
        VALUES ('O000000', 'A', 'B', 'C oğlu', 'male', '2000-01-01', 'Bakı')`),
    ).rejects.toThrow();
    await expect(
      attempt(sql`INSERT INTO population.id_card (number, fin, issued_on, expires_on)
        VALUES ('AA1234567', ${person.fin}, '2020-01-01', '2030-01-01')`),
    ).rejects.toThrow();
    // A second card with the same number; a card for nobody; death before birth.
    await expect(
      attempt(sql`INSERT INTO population.id_card (number, fin, issued_on, expires_on)
        VALUES (${card.number}, ${person.fin}, '2020-01-01', '2030-01-01')`),
    ).rejects.toThrow();
    await expect(
      attempt(sql`INSERT INTO population.id_card (number, fin, issued_on, expires_on)
        VALUES ('AZE99999999', '1111111', '2020-01-01', '2030-01-01')`),
    ).rejects.toThrow();
    await expect(
      attempt(
        sql`UPDATE population.person SET death_date = birth_date - 1 WHERE fin = ${person.fin}`,
      ),
    ).rejects.toThrow();
    // A second current residence registration.
    await expect(
      attempt(sql`INSERT INTO population.residence_registration (fin, kind, region, street, house, registered_on)
        VALUES (${person.fin}, 'residence', 'Bakı', 'Nizami küçəsi', '1', '2026-11-01')`),
    ).rejects.toThrow();
  });
});
