import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { FixedClock } from '../../platform/time/index.ts';
import { generatePopulation, type SyntheticChunk } from '../population/index.ts';
import {
  civilRegistryMigrations,
  createCivilRegistry,
  loadCivilRecords,
  type CivilRegistry,
} from './index.ts';

const AS_OF = '2026-11-23';

function one<T>(items: readonly T[], what: string): T {
  const item = items[0];
  if (item === undefined) throw new Error(`the generated data has no ${what}`);
  return item;
}

function registryOn(test: TestDatabase, day: string): CivilRegistry {
  return createCivilRegistry({ database: test.db, clock: new FixedClock(`${day}T12:00:00+04:00`) });
}

describe('CR-4.1: the civil registry', () => {
  let test: TestDatabase;
  let registry: CivilRegistry;
  let data: SyntheticChunk;

  beforeAll(async () => {
    test = await createMigratedTestDatabase([civilRegistryMigrations]);
    data = one([...generatePopulation({ seed: 'civil', persons: 4000, asOf: AS_OF })], 'chunk');
    await loadCivilRecords(test.db, data);
    registry = registryOn(test, AS_OF);
  });
  afterAll(async () => {
    await test.drop();
  });

  it('CR-4.1.1, CR-4.1.3, CR-4.1.4: birthRecordOf gives the record, the child and both parents', async () => {
    const birth = one(
      data.births.filter((b) => b.fatherFin !== null),
      'birth with a father',
    );
    expect(await registry.birthRecordOf(birth.childFin)).toEqual({
      record: {
        recordNumber: birth.recordNumber,
        registeredOn: birth.registeredOn,
        registryRegion: birth.registryRegion,
      },
      childFin: birth.childFin,
      firstName: birth.firstName,
      lastName: birth.lastName,
      patronymic: birth.patronymic,
      sex: birth.sex,
      birthDate: birth.birthDate,
      birthPlace: birth.birthPlace,
      motherFin: birth.motherFin,
      fatherFin: birth.fatherFin,
    });
    expect(await registry.parentsOf(birth.childFin)).toEqual([
      { fin: birth.motherFin, role: 'mother' },
      { fin: birth.fatherFin, role: 'father' },
    ]);
  });

  it('IAM-000-1.8a: childrenOf lists the children of a mother and of a father, eldest first', async () => {
    const mother = one(
      data.births
        .map((b) => b.motherFin)
        .filter((fin) => data.births.filter((b) => b.motherFin === fin).length >= 2),
      'mother of two',
    );
    const expected = data.births
      .filter((b) => b.motherFin === mother)
      .sort((a, b) => a.birthDate.localeCompare(b.birthDate));
    const children = await registry.childrenOf(mother ?? '');
    expect(children.map((c) => c.childFin)).toEqual(expected.map((b) => b.childFin));
    const father = expected[0]?.fatherFin;
    if (father !== null && father !== undefined) {
      const ofFather = await registry.childrenOf(father);
      expect(ofFather.map((c) => c.childFin)).toEqual(
        data.births
          .filter((b) => b.fatherFin === father)
          .map((b) => b.childFin)
          .sort((a, b) => {
            const x = data.births.find((r) => r.childFin === a)?.birthDate ?? '';
            const y = data.births.find((r) => r.childFin === b)?.birthDate ?? '';
            return x.localeCompare(y) || a.localeCompare(b);
          }),
      );
    }
  });

  it('a child whose paternity was not established has only a mother', async () => {
    const birth = one(
      data.births.filter((b) => b.fatherFin === null),
      'birth without a father',
    );
    expect(await registry.parentsOf(birth.childFin)).toEqual([
      { fin: birth.motherFin, role: 'mother' },
    ]);
  });

  it('nobody is found for an unknown or malformed FİN', async () => {
    expect(await registry.birthRecordOf('0000000')).toBeUndefined();
    expect(await registry.birthRecordOf('nope')).toBeUndefined();
    expect(await registry.childrenOf('nope')).toEqual([]);
    expect(await registry.parentsOf('0000000')).toEqual([]);
    expect(await registry.guardianshipsOf('nope')).toEqual([]);
    expect(await registry.marriagesOf('nope')).toEqual([]);
    expect(await registry.deathRecordOf('nope')).toBeUndefined();
  });

  it('CR-4.1.5: marriagesOf gives the marriage record and the divorce record', async () => {
    const divorced = one(
      data.marriages.filter((m) => m.dissolution !== null),
      'divorce',
    );
    const ofWife = await registry.marriagesOf(divorced.wifeFin);
    expect(ofWife).toContainEqual({
      record: {
        recordNumber: divorced.recordNumber,
        registeredOn: divorced.registeredOn,
        registryRegion: divorced.registryRegion,
      },
      husbandFin: divorced.husbandFin,
      wifeFin: divorced.wifeFin,
      dissolution: divorced.dissolution,
    });
    expect(await registry.marriagesOf(divorced.husbandFin)).toEqual(ofWife);
  });

  it('CR-4.1.2: deathRecordOf gives the number, date and office of the record and the date of death', async () => {
    const death = one(data.deaths, 'death');
    expect(await registry.deathRecordOf(death.fin)).toEqual({
      record: {
        recordNumber: death.recordNumber,
        registeredOn: death.registeredOn,
        registryRegion: death.registryRegion,
      },
      fin: death.fin,
      diedOn: death.diedOn,
      placeOfDeath: death.placeOfDeath,
    });
  });

  it('CR-4.1.9: an orphan under 14 is under guardianship until 14, then curatorship until 18', async () => {
    const g = one(
      data.guardianships.filter(
        (x) =>
          x.kind === 'guardianship' &&
          x.basis === 'minor-without-parental-care' &&
          x.validFrom <= AS_OF &&
          (x.validUntil ?? '') > AS_OF,
      ),
      'guardianship of a child under 14',
    );
    const now = await registry.guardianshipsOf(g.wardFin);
    expect(now).toContainEqual(
      expect.objectContaining({
        kind: 'guardianship',
        guardianFin: g.guardianFin,
        wardFin: g.wardFin,
        decisionNumber: g.decisionNumber,
        active: true,
      }),
    );
    // The guardian sees the same guardianship.
    expect(
      (await registry.guardianshipsOf(g.guardianFin)).some((x) => x.wardFin === g.wardFin),
    ).toBe(true);
    // On the 14th birthday the guardianship ends; the curatorship begins only when it is recorded.
    const at14 = await registryOn(test, g.validUntil ?? '').guardianshipsOf(g.wardFin);
    expect(at14.filter((x) => x.active)).toEqual([]);
  });

  it('CR-4.1.9: a curatorship ends on the 18th birthday', async () => {
    const c = one(
      data.guardianships.filter((x) => x.kind === 'curatorship' && (x.validUntil ?? '') > AS_OF),
      'curatorship in force',
    );
    const before = await registryOn(test, AS_OF).guardianshipsOf(c.wardFin);
    expect(before.find((x) => x.kind === 'curatorship')?.active).toBe(true);
    const at18 = await registryOn(test, c.validUntil ?? '').guardianshipsOf(c.wardFin);
    expect(at18.every((x) => !x.active)).toBe(true);
  });

  it('IAM-000-1.8b: an adult declared incapable is under an open-ended guardianship, by court decision', async () => {
    const g = one(
      data.guardianships.filter((x) => x.basis === 'adult-declared-incapable'),
      'guardianship of an incapable adult',
    );
    const found = await registry.guardianshipsOf(g.wardFin);
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'guardianship',
        basis: 'adult-declared-incapable',
        guardianFin: g.guardianFin,
        decidedBy: expect.stringMatching(/məhkəməsi$/) as unknown,
        validUntil: null,
        active: true,
      }),
    ]);
    expect((await registryOn(test, '2090-01-01').guardianshipsOf(g.wardFin))[0]?.active).toBe(true);
  });

  it('a guardianship ends with the death of the ward', async () => {
    const g = one(
      data.guardianships.filter((x) => x.basis === 'adult-declared-incapable'),
      'guardianship of an incapable adult',
    );
    await sql`INSERT INTO civil_registry.death_record (fin, record_number, registered_on, registry_region, died_on, place_of_death)
      VALUES (${g.wardFin}, 900001, '2027-01-05', 'Bakı', '2027-01-03', 'Bakı')`.execute(
      test.db.kysely,
    );
    expect((await registryOn(test, '2027-01-02').guardianshipsOf(g.wardFin))[0]?.active).toBe(true);
    expect((await registryOn(test, '2027-01-03').guardianshipsOf(g.wardFin))[0]?.active).toBe(
      false,
    );
  });

  it('the schema refuses what the code never writes', async () => {
    const db = test.db.kysely;
    const birth = one(data.births, 'birth');
    const insertGuardianship = (
      kind: string,
      basis: string,
      until: string | null,
      ward = 'AAAAAA2',
    ) =>
      sql`INSERT INTO civil_registry.guardianship (kind, basis, guardian_fin, ward_fin, decided_by, decision_number, decision_date, valid_from, valid_until)
        VALUES (${kind}, ${basis}, 'AAAAAA1', ${ward}, 'x', '1', '2020-01-01', '2020-01-01', ${until})`.execute(
        db,
      );
    // Curatorship of an adult, a minor's guardianship without an end, a guardian of oneself.
    await expect(
      insertGuardianship('curatorship', 'adult-declared-incapable', null),
    ).rejects.toThrow();
    await expect(
      insertGuardianship('guardianship', 'minor-without-parental-care', null),
    ).rejects.toThrow();
    await expect(
      insertGuardianship('guardianship', 'adult-declared-incapable', null, 'AAAAAA1'),
    ).rejects.toThrow();
    await expect(
      insertGuardianship('guardianship', 'adult-declared-incapable', '2019-01-01'),
    ).rejects.toThrow();
    await insertGuardianship('guardianship', 'adult-declared-incapable', null);
    // The same record number twice in one office and year; a child who is its own mother.
    await expect(
      sql`INSERT INTO civil_registry.birth_record (child_fin, record_number, registered_on, registry_region, first_name, last_name, patronymic, sex, birth_date, birth_place, mother_fin)
        VALUES ('ZZZZZZ1', ${birth.recordNumber}, ${birth.registeredOn}, ${birth.registryRegion}, 'A', 'B', 'C qızı', 'female', ${birth.birthDate}, 'Bakı', 'ZZZZZZ2')`.execute(
        db,
      ),
    ).rejects.toThrow();
    await expect(
      sql`INSERT INTO civil_registry.birth_record (child_fin, record_number, registered_on, registry_region, first_name, last_name, patronymic, sex, birth_date, birth_place, mother_fin)
        VALUES ('ZZZZZZ1', 999999, '2020-01-10', 'Bakı', 'A', 'B', 'C qızı', 'female', '2020-01-01', 'Bakı', 'ZZZZZZ1')`.execute(
        db,
      ),
    ).rejects.toThrow();
    // A divorce record without its number.
    await expect(
      sql`INSERT INTO civil_registry.marriage (record_number, registered_on, registry_region, husband_fin, wife_fin, dissolved_on)
        VALUES (999999, '2020-01-10', 'Bakı', 'ZZZZZZ3', 'ZZZZZZ4', '2021-01-01')`.execute(db),
    ).rejects.toThrow();
  });
});
