import type { Kysely } from 'kysely';
import type { CivilRegistry } from '../../agencies/civil-registry/index.ts';
import type { Person, PopulationRegister } from '../../agencies/population/index.ts';
import { toBakuDate, type Clock } from '../time/index.ts';
import type { DemoPerson, DemoTag } from './demo.schema.ts';
import { showcaseFins, type DemoTables } from './demo.store.ts';

/** The list stays short enough to read on a phone. */
export const MAX_DEMO_PERSONS = 40;

/** 18 is the age of majority (Civil Code, art. 28); 29 February birthdays fall on 28 February. */
export function isAdultOn(birthDate: string, today: string): boolean {
  const year = Number(birthDate.slice(0, 4)) + 18;
  let monthDay = birthDate.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (monthDay === '02-29' && !leap) monthDay = '02-28';
  return `${String(year).padStart(4, '0')}-${monthDay}` <= today;
}

/**
 * The people a tester can log in as in demo mode, with what each one shows: parents of minors,
 * minors, guardians and wards, holders of expired and lost cards. The list comes from the
 * showcase families recorded at seeding; everything about each person is read through the
 * population register's and the civil registry's interfaces, and computed for today.
 */
export class DemoDirectory {
  readonly #db: Kysely<DemoTables>;
  readonly #population: PopulationRegister;
  readonly #civilRegistry: CivilRegistry;
  readonly #clock: Clock;

  constructor(options: {
    readonly db: Kysely<DemoTables>;
    readonly population: PopulationRegister;
    readonly civilRegistry: CivilRegistry;
    readonly clock: Clock;
  }) {
    this.#db = options.db;
    this.#population = options.population;
    this.#civilRegistry = options.civilRegistry;
    this.#clock = options.clock;
  }

  async listDemoPersons(): Promise<DemoPerson[]> {
    const today = toBakuDate(this.#clock.now());
    const fins = await showcaseFins(this.#db, MAX_DEMO_PERSONS);
    const found = await Promise.all(fins.map((fin) => this.#population.findPersonByFin(fin)));
    // Only the living can log in. Tags tell the whole truth; relations name only listed people.
    const people = new Map<string, Person>();
    for (const person of found) {
      if (person !== undefined && person.deathDate === null) people.set(person.fin, person);
    }
    const listed = (fin: string): boolean => people.has(fin);
    const result: DemoPerson[] = [];
    for (const person of people.values()) {
      const [children, parents, guardianships] = await Promise.all([
        this.#civilRegistry.childrenOf(person.fin),
        this.#civilRegistry.parentsOf(person.fin),
        this.#civilRegistry.guardianshipsOf(person.fin),
      ]);
      const minorChildren: string[] = [];
      for (const child of children) {
        if (isAdultOn(child.birthDate, today)) continue;
        const alive =
          listed(child.childFin) ||
          (await this.#civilRegistry.deathRecordOf(child.childFin)) === undefined;
        if (alive) minorChildren.push(child.childFin);
      }
      const inForce = guardianships.filter((g) => g.active);
      const wards = unique(
        inForce.filter((g) => g.guardianFin === person.fin).map((g) => g.wardFin),
      );
      const guardians = unique(
        inForce.filter((g) => g.wardFin === person.fin).map((g) => g.guardianFin),
      );
      const tags: DemoTag[] = [isAdultOn(person.birthDate, today) ? 'adult' : 'minor'];
      if (minorChildren.length > 0) tags.push('parent');
      if (wards.length > 0) tags.push('guardian');
      if (guardians.length > 0) tags.push('ward');
      if (person.idCard?.status === 'expired') tags.push('expired-card');
      if (person.idCard?.status === 'lost') tags.push('lost-card');
      result.push({
        fin: person.fin,
        idCardNumber: person.idCard?.number ?? null,
        firstName: person.firstName,
        lastName: person.lastName,
        patronymic: person.patronymic,
        sex: person.sex,
        birthDate: person.birthDate,
        idCardStatus: person.idCard?.status ?? null,
        tags,
        relations: {
          minorChildren: minorChildren.filter(listed),
          parents: parents.map((parent) => parent.fin).filter(listed),
          wards: wards.filter(listed),
          guardians: guardians.filter(listed),
        },
      });
    }
    return result;
  }
}

/** A curatorship that follows a guardianship names the same pair twice. */
function unique(fins: readonly string[]): string[] {
  return [...new Set(fins)];
}
