import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NewIdCard, NewPerson } from '../population.schema.ts';
import { FIN_PATTERN, ID_CARD_NUMBER_PATTERN } from '../population.schema.ts';
import { idCardStatus } from '../population.service.ts';
import { addYears, ageOn, parseDay } from './dates.ts';
import { generatePopulation, type GeneratorOptions, type SyntheticChunk } from './generator.ts';
import { REGIONS } from './regions.ts';

const AS_OF = '2026-11-23';
const asOf = parseDay(AS_OF);

/** One digest per table over all chunks, so that the chunking itself does not count. */
function digest(options: GeneratorOptions): { hash: string; chunks: number } {
  const hashes = new Map<string, ReturnType<typeof createHash>>();
  let chunks = 0;
  for (const chunk of generatePopulation(options)) {
    chunks += 1;
    for (const key of Object.keys(chunk).sort() as (keyof SyntheticChunk)[]) {
      const hash = hashes.get(key) ?? createHash('sha256');
      hashes.set(key, hash);
      for (const row of chunk[key]) hash.update(JSON.stringify(row)).update('\n');
    }
  }
  const all = [...hashes].sort(([a], [b]) => a.localeCompare(b));
  return { hash: all.map(([key, hash]) => `${key}:${hash.digest('hex')}`).join(' '), chunks };
}

/** All records of a run in one place. */
function collect(options: GeneratorOptions): SyntheticChunk {
  const all: SyntheticChunk = {
    persons: [],
    idCards: [],
    residences: [],
    births: [],
    marriages: [],
    deaths: [],
    guardianships: [],
    showcaseFins: [],
  };
  for (const chunk of generatePopulation(options)) {
    for (const key of Object.keys(all) as (keyof SyntheticChunk)[]) {
      (all[key] as unknown[]).push(...chunk[key]);
    }
  }
  return all;
}

describe('the synthetic population generator: determinism', () => {
  it('same seed, size and date: identical records, byte for byte, whatever the chunk size', () => {
    const a = digest({ seed: 'same', persons: 5000, asOf: AS_OF, chunkSize: 1000 });
    const b = digest({ seed: 'same', persons: 5000, asOf: AS_OF, chunkSize: 1000 });
    const c = digest({ seed: 'same', persons: 5000, asOf: AS_OF, chunkSize: 3000 });
    expect(b.hash).toBe(a.hash);
    expect(c.hash).toBe(a.hash);
    expect(a.chunks).toBeGreaterThan(c.chunks);
  });

  it('another seed or another reference date: other records', () => {
    const a = digest({ seed: 'same', persons: 2000, asOf: AS_OF });
    expect(digest({ seed: 'other', persons: 2000, asOf: AS_OF }).hash).not.toBe(a.hash);
    expect(digest({ seed: 'same', persons: 2000, asOf: '2026-11-24' }).hash).not.toBe(a.hash);
  });

  it('makes exactly the number of people asked for, in chunks of whole families', () => {
    for (const persons of [0, 1, 7, 15, 100, 2345]) {
      const all = collect({ seed: 3, persons, asOf: AS_OF, chunkSize: 500 });
      expect(all.persons).toHaveLength(persons);
      expect(all.residences).toHaveLength(persons);
    }
    for (const chunk of generatePopulation({
      seed: 3,
      persons: 5000,
      asOf: AS_OF,
      chunkSize: 500,
    })) {
      const here = new Set(chunk.persons.map((p) => p.fin));
      for (const birth of chunk.births) {
        expect(here.has(birth.childFin)).toBe(true);
        if (birth.motherFin !== null) expect(here.has(birth.motherFin)).toBe(true);
        if (birth.fatherFin !== null) expect(here.has(birth.fatherFin)).toBe(true);
      }
      for (const g of chunk.guardianships)
        expect(here.has(g.guardianFin) && here.has(g.wardFin)).toBe(true);
    }
  });
});

describe('the synthetic population generator: 20,000 people that hang together', () => {
  let all: SyntheticChunk;
  let byFin: Map<string, NewPerson>;
  let cardsByFin: Map<string, NewIdCard[]>;
  const birthOf = (fin: string): number => parseDay(byFin.get(fin)?.birthDate ?? 'missing');
  const living = (): NewPerson[] => all.persons.filter((p) => p.deathDate === null);

  beforeAll(() => {
    all = collect({ seed: 'consistency', persons: 20_000, asOf: AS_OF });
    byFin = new Map(all.persons.map((p) => [p.fin, p]));
    cardsByFin = new Map();
    for (const card of all.idCards) {
      cardsByFin.set(card.fin, [...(cardsByFin.get(card.fin) ?? []), card]);
    }
  });

  it('IAM-003-2.1.9: every FİN has the format and names one person; card numbers are unique', () => {
    const fin = new RegExp(FIN_PATTERN);
    const card = new RegExp(ID_CARD_NUMBER_PATTERN);
    expect(byFin.size).toBe(all.persons.length);
    expect(all.persons.every((p) => fin.test(p.fin))).toBe(true);
    expect(new Set(all.idCards.map((c) => c.number)).size).toBe(all.idCards.length);
    expect(all.idCards.every((c) => card.test(c.number) && byFin.has(c.fin))).toBe(true);
  });

  it('follows the age structure: about a quarter minors, 65+ under a tenth, half men', () => {
    const people = living();
    const share = (test: (p: NewPerson) => boolean): number =>
      people.filter(test).length / people.length;
    const age = (p: NewPerson): number => ageOn(parseDay(p.birthDate), asOf);
    expect(share((p) => age(p) < 18)).toBeGreaterThan(0.22);
    expect(share((p) => age(p) < 18)).toBeLessThan(0.3);
    expect(share((p) => age(p) >= 65)).toBeGreaterThan(0.06);
    expect(share((p) => age(p) >= 65)).toBeLessThan(0.12);
    expect(share((p) => p.sex === 'male')).toBeGreaterThan(0.47);
    expect(share((p) => p.sex === 'male')).toBeLessThan(0.52);
    expect(people.every((p) => age(p) >= 0 && age(p) < 100)).toBe(true);
    const dead = all.persons.length - people.length;
    expect(dead / all.persons.length).toBeGreaterThan(0.02);
    expect(dead / all.persons.length).toBeLessThan(0.1);
  });

  it('lives where people live: addresses in known regions, Baku about a quarter', () => {
    const names = new Set(REGIONS.map((r) => r.name));
    expect(REGIONS).toHaveLength(75);
    const current = all.residences.filter((r) => r.deregisteredOn === null);
    expect(current.every((r) => names.has(r.region))).toBe(true);
    expect(all.persons.every((p) => names.has(p.birthPlace))).toBe(true);
    const baku = current.filter((r) => r.region === 'Bakı').length / current.length;
    expect(baku).toBeGreaterThan(0.19);
    expect(baku).toBeLessThan(0.27);
    // One current registration per living person, none for the dead.
    expect(current).toHaveLength(living().length);
  });

  it('CR-4.1.3, CR-4.1.4: a child is born after both parents turn 18 and before the mother turns 50', () => {
    expect(all.births.length).toBeGreaterThan(5000);
    for (const birth of all.births) {
      const child = parseDay(birth.birthDate);
      expect(birth.birthDate).toBe(byFin.get(birth.childFin)?.birthDate);
      expect(birth.motherFin).not.toBeNull();
      if (birth.motherFin !== null) {
        const mother = birthOf(birth.motherFin);
        expect(byFin.get(birth.motherFin)?.sex).toBe('female');
        expect(child).toBeGreaterThan(addYears(mother, 18));
        expect(child).toBeLessThan(addYears(mother, 50));
      }
      if (birth.fatherFin !== null) {
        expect(byFin.get(birth.fatherFin)?.sex).toBe('male');
        expect(child).toBeGreaterThan(addYears(birthOf(birth.fatherFin), 18));
      }
      expect(parseDay(birth.registeredOn)).toBeGreaterThanOrEqual(child);
    }
  });

  it("the patronymic is the father's first name with oğlu or qızı", () => {
    let checked = 0;
    for (const birth of all.births) {
      const child = byFin.get(birth.childFin);
      const suffix = child?.sex === 'male' ? 'oğlu' : 'qızı';
      if (birth.fatherFin === null) {
        expect(child?.patronymic).toMatch(new RegExp(` ${suffix}$`));
        continue;
      }
      expect(child?.patronymic).toBe(`${byFin.get(birth.fatherFin)?.firstName} ${suffix}`);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(4000);
    expect(all.persons.every((p) => /^\S.* (oğlu|qızı)$/.test(p.patronymic))).toBe(true);
  });

  it('surnames take -a for women where they end in -ov/-yev, and children carry the family name', () => {
    for (const p of all.persons) {
      if (p.sex === 'male') expect(p.lastName.endsWith('va')).toBe(false);
      if (p.sex === 'female') expect(/[^a]v$/.test(p.lastName)).toBe(false);
    }
    for (const birth of all.births) {
      if (birth.fatherFin === null) continue;
      const father = byFin.get(birth.fatherFin)?.lastName ?? '';
      const child = byFin.get(birth.childFin)?.lastName ?? '';
      expect(child === father || child === `${father}a`).toBe(true);
    }
  });

  it('CR-4.1.5: married couples are a man and a woman, both adults, divorced after they married', () => {
    expect(all.marriages.length).toBeGreaterThan(2000);
    let divorces = 0;
    for (const marriage of all.marriages) {
      const day = parseDay(marriage.registeredOn);
      expect(byFin.get(marriage.husbandFin)?.sex).toBe('male');
      expect(byFin.get(marriage.wifeFin)?.sex).toBe('female');
      expect(day).toBeGreaterThanOrEqual(addYears(birthOf(marriage.husbandFin), 18));
      expect(day).toBeGreaterThanOrEqual(addYears(birthOf(marriage.wifeFin), 18));
      expect(day).toBeLessThanOrEqual(asOf);
      for (const fin of [marriage.husbandFin, marriage.wifeFin]) {
        const died = byFin.get(fin)?.deathDate;
        if (died !== null && died !== undefined) expect(parseDay(died)).toBeGreaterThan(day);
      }
      if (marriage.dissolution !== null) {
        divorces += 1;
        expect(parseDay(marriage.dissolution.registeredOn)).toBeGreaterThan(day);
      }
    }
    expect(divorces).toBeGreaterThan(100);
  });

  it('CR-4.1.2: the dead have a death record, no current address and no valid card', () => {
    const deaths = new Map(all.deaths.map((d) => [d.fin, d]));
    const dead = all.persons.filter((p) => p.deathDate !== null);
    expect(deaths.size).toBe(dead.length);
    for (const person of dead) {
      const record = deaths.get(person.fin);
      expect(record?.diedOn).toBe(person.deathDate);
      expect(parseDay(person.deathDate ?? '')).toBeGreaterThanOrEqual(parseDay(person.birthDate));
      for (const card of cardsByFin.get(person.fin) ?? []) {
        expect(idCardStatus(card, AS_OF)).toBe('annulled');
      }
    }
    const residences = all.residences.filter((r) => deaths.has(r.fin));
    expect(residences.every((r) => r.deregisteredOn === deaths.get(r.fin)?.diedOn)).toBe(true);
  });

  it('MI-4.1.2: ID cards from 15; valid 10 years, without limit from 55; some expired, some lost', () => {
    const statuses = new Map<string, number>();
    for (const card of all.idCards) {
      const holder = byFin.get(card.fin);
      const born = parseDay(holder?.birthDate ?? '');
      const issued = parseDay(card.issuedOn);
      expect(issued).toBeGreaterThanOrEqual(addYears(born, 15));
      expect(issued).toBeLessThanOrEqual(asOf);
      if (ageOn(born, issued) >= 55) expect(card.expiresOn).toBeNull();
      else expect(card.expiresOn).toBe(isoDay(addYears(issued, 10) - 1));
      const status = idCardStatus(card, AS_OF);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    const people = living();
    for (const person of people) {
      const cards = cardsByFin.get(person.fin) ?? [];
      const age = ageOn(parseDay(person.birthDate), asOf);
      if (age < 15) expect(cards).toEqual([]);
      // Everyone has had a month to get a card after turning 15.
      if (parseDay(person.birthDate) < addYears(asOf, -15) - 31)
        expect(cards.length).toBeGreaterThan(0);
    }
    const adults = people.filter((p) => ageOn(parseDay(p.birthDate), asOf) >= 15).length;
    expect((statuses.get('expired') ?? 0) / adults).toBeGreaterThan(0.01);
    expect((statuses.get('lost') ?? 0) / adults).toBeGreaterThan(0.01);
    expect((statuses.get('valid') ?? 0) / adults).toBeGreaterThan(0.9);
  });

  it('IAM-000-1.8a, CR-4.1.9: every living minor has a living parent or a guardian in force', () => {
    const today = AS_OF;
    const births = new Map(all.births.map((b) => [b.childFin, b]));
    const alive = (fin: string | null): boolean =>
      fin !== null && byFin.get(fin)?.deathDate === null;
    const guarded = new Set(
      all.guardianships
        .filter((g) => g.validFrom <= today && (g.validUntil === null || today < g.validUntil))
        .map((g) => g.wardFin),
    );
    const minors = living().filter((p) => ageOn(parseDay(p.birthDate), asOf) < 18);
    for (const minor of minors) {
      const birth = births.get(minor.fin);
      expect(birth).toBeDefined();
      const represented =
        alive(birth?.motherFin ?? null) ||
        alive(birth?.fatherFin ?? null) ||
        guarded.has(minor.fin);
      expect(represented).toBe(true);
    }
  });

  it('IAM-000-1.8b, CR-4.1.9: guardians are living adults; minors until 14 or 18, incapable adults open-ended', () => {
    const incapable = all.guardianships.filter((g) => g.basis === 'adult-declared-incapable');
    const minors = all.guardianships.filter((g) => g.basis === 'minor-without-parental-care');
    expect(incapable.length).toBeGreaterThan(5);
    expect(minors.length).toBeGreaterThan(5);
    for (const g of all.guardianships) {
      const guardian = byFin.get(g.guardianFin);
      const from = parseDay(g.validFrom);
      expect(g.guardianFin).not.toBe(g.wardFin);
      expect(guardian?.deathDate).toBeNull();
      expect(from).toBeGreaterThanOrEqual(addYears(birthOf(g.guardianFin), 18));
      expect(ageOn(birthOf(g.guardianFin), asOf)).toBeGreaterThanOrEqual(18);
      expect(g.validFrom >= g.decisionDate).toBe(true);
      const ward = birthOf(g.wardFin);
      if (g.basis === 'minor-without-parental-care') {
        expect(from).toBeLessThan(addYears(ward, 18));
        const until = g.kind === 'guardianship' ? addYears(ward, 14) : addYears(ward, 18);
        expect(g.validUntil).toBe(isoDay(until));
        // Orphans: both parents are dead.
        const birth = all.births.find((b) => b.childFin === g.wardFin);
        for (const parent of [birth?.motherFin, birth?.fatherFin]) {
          if (parent !== null && parent !== undefined)
            expect(byFin.get(parent)?.deathDate).not.toBeNull();
        }
      } else {
        expect(g.kind).toBe('guardianship');
        expect(g.validUntil).toBeNull();
        expect(parseDay(g.decisionDate)).toBeGreaterThanOrEqual(addYears(ward, 18));
        expect(g.decidedBy).toMatch(/məhkəməsi$/);
      }
    }
  });

  it('starts with a showcase of living people, every demo role among them', () => {
    expect(all.showcaseFins.length).toBeGreaterThanOrEqual(12);
    expect(all.showcaseFins.length).toBeLessThanOrEqual(40);
    expect(all.showcaseFins.every((fin) => byFin.get(fin)?.deathDate === null)).toBe(true);
    const wards = new Set(all.guardianships.map((g) => g.wardFin));
    const guardians = new Set(all.guardianships.map((g) => g.guardianFin));
    expect(all.showcaseFins.filter((fin) => wards.has(fin)).length).toBeGreaterThanOrEqual(2);
    expect(all.showcaseFins.filter((fin) => guardians.has(fin)).length).toBeGreaterThanOrEqual(2);
    const status = (fin: string): string[] =>
      (cardsByFin.get(fin) ?? []).map((card) => idCardStatus(card, AS_OF));
    expect(
      all.showcaseFins.filter((fin) => status(fin).includes('expired')).length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      all.showcaseFins.filter((fin) => status(fin).includes('lost')).length,
    ).toBeGreaterThanOrEqual(2);
  });
});

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
