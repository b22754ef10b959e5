import ageData from './age-structure-az.json' with { type: 'json' };
import type { NewIdCard, NewPerson, NewResidenceRegistration, Sex } from '../population.schema.ts';
import { addYears, ageOn, DAYS_PER_YEAR, isoDate, parseDay } from './dates.ts';
import { finMaker, idCardNumberMaker } from './identifiers.ts';
import {
  FEMALE_FIRST_NAMES,
  MALE_FIRST_NAMES,
  STREETS,
  SURNAMES,
  patronymicOf,
  surnameFor,
} from './names.ts';
import { createRng, cumulative, type Rng } from './prng.ts';
import { REGIONS, type Region } from './regions.ts';

/**
 * Synthetic national data: people with FİNs, ID cards and addresses, and the civil-status records
 * that tie them into families (births, marriages, divorces, deaths, guardianships).
 *
 * Deterministic: the same seed, size and reference date give the same records in the same order,
 * byte for byte, whatever the chunk size. The people follow Azerbaijan's age and sex structure
 * (age-structure-az.json) and live in its cities and rayons in proportion to their population
 * (regions-az.json). Output comes in chunks, each holding whole families, so that memory stays
 * flat however many millions are made.
 */

/** The civil-registry records of a chunk, in the shape the civil registry's bulk load takes. */
export interface SyntheticRecordRef {
  readonly recordNumber: number;
  readonly registeredOn: string;
  readonly registryRegion: string;
}
export interface SyntheticBirth extends SyntheticRecordRef {
  readonly childFin: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly patronymic: string;
  readonly sex: Sex;
  readonly birthDate: string;
  readonly birthPlace: string;
  readonly motherFin: string | null;
  readonly fatherFin: string | null;
}
export interface SyntheticMarriage extends SyntheticRecordRef {
  readonly husbandFin: string;
  readonly wifeFin: string;
  readonly dissolution: SyntheticRecordRef | null;
}
export interface SyntheticDeath extends SyntheticRecordRef {
  readonly fin: string;
  readonly diedOn: string;
  readonly placeOfDeath: string;
}
export interface SyntheticGuardianship {
  readonly kind: 'guardianship' | 'curatorship';
  readonly basis: 'minor-without-parental-care' | 'adult-declared-incapable';
  readonly guardianFin: string;
  readonly wardFin: string;
  readonly decidedBy: string;
  readonly decisionNumber: string;
  readonly decisionDate: string;
  readonly validFrom: string;
  readonly validUntil: string | null;
}

export interface SyntheticChunk {
  readonly persons: NewPerson[];
  readonly idCards: NewIdCard[];
  readonly residences: NewResidenceRegistration[];
  readonly births: SyntheticBirth[];
  readonly marriages: SyntheticMarriage[];
  readonly deaths: SyntheticDeath[];
  readonly guardianships: SyntheticGuardianship[];
  /**
   * FİNs of the living members of the showcase families, made first so that every kind of
   * person a demo needs exists in any population of 100 or more (see `GeneratorOptions.showcase`).
   */
  readonly showcaseFins: string[];
}

export interface GeneratorOptions {
  readonly seed: string | number;
  /** How many people to make, the dead included: exactly this many. */
  readonly persons: number;
  /** The day the data describes (`YYYY-MM-DD`): ages, card validity and deaths are as of it. */
  readonly asOf: string;
  /** People per chunk (a chunk may exceed it by one family). */
  readonly chunkSize?: number;
  /**
   * Begin with a fixed set of families covering every demo tag: parents of minors (married and
   * divorced), orphans with a guardian, an adult declared incapable with a guardian, and holders
   * of expired and lost cards. Default true.
   */
  readonly showcase?: boolean;
}

type CardPlan = 'auto' | 'valid' | 'expired' | 'lost';
type ChildFamilyStatus =
  'married' | 'divorced' | 'father-dead' | 'mother-dead' | 'orphaned' | 'single-mother';

interface Draft {
  readonly fin: string;
  readonly sex: Sex;
  readonly firstName: string;
  readonly lastName: string;
  readonly patronymic: string;
  readonly birth: number;
  readonly birthPlace: string;
  death: number | undefined;
  home: Home;
  card: CardPlan;
}

interface Home {
  readonly region: Region;
  readonly street: string;
  readonly house: string;
  readonly apartment: string | null;
  /** The day the household was registered at this address. */
  readonly since: number;
}

interface ChildFamilyPlan {
  readonly status?: ChildFamilyStatus;
  /** Ages (whole years) on the reference date of the anchor's brothers and sisters, if fixed. */
  readonly siblingAges?: readonly number[];
  readonly motherAgeAtFirstBirth?: number;
  readonly motherCard?: CardPlan;
  readonly fatherCard?: CardPlan;
}

// Shares of living people, by 5-year band of age and sex.
const BANDS = ageData.bands;
const BAND_COUNT = BANDS.length;
const BAND_TOTAL = BANDS.reduce((sum, band) => sum + band.sharePct, 0);
/** target[2·band] men, target[2·band + 1] women: shares summing to 1. */
const BUCKET_TARGET: readonly number[] = BANDS.flatMap((band) => [
  (band.sharePct / BAND_TOTAL) * band.maleShare,
  (band.sharePct / BAND_TOTAL) * (1 - band.maleShare),
]);
const ADULT_FIRST_BAND = 4; // 20–24: every band from here holds adults only

const REGION_WEIGHTS = cumulative(REGIONS.map((region) => region.population));
const REGION_BY_NAME = new Map(REGIONS.map((region) => [region.name, region]));
/** Children per family with minors: 1 to 4. */
const CHILDREN_WEIGHTS = cumulative([32, 40, 20, 8]);
/** The biggest family any scenario makes: 2 parents, 4 children and a guardian. */
const MAX_FAMILY = 8;
/** Share of loop steps that add a person who died in the last 20 years. */
const DECEASED_RATE = 0.02;
const DEFAULT_CHUNK = 20_000;

export function* generatePopulation(options: GeneratorOptions): Generator<SyntheticChunk> {
  yield* new PopulationGenerator(options).chunks();
}

class PopulationGenerator {
  readonly #rng: Rng;
  readonly #fin: (index: number) => string;
  readonly #cardNumber: (index: number) => string;
  readonly #asOf: number;
  readonly #total: number;
  readonly #chunkSize: number;
  readonly #showcase: boolean;
  #finIndex = 0;
  #cardIndex = 0;
  #produced = 0;
  #living = 0;
  readonly #bucketCount = new Array<number>(BAND_COUNT * 2).fill(0);
  readonly #bucketWeights = new Array<number>(BAND_COUNT * 2).fill(0);
  /** Record numbers: per kind of record, registry office and year. */
  readonly #recordNumbers = new Map<string, number>();
  #chunk: SyntheticChunk = emptyChunk();
  #collectShowcase = false;

  constructor(options: GeneratorOptions) {
    if (!Number.isInteger(options.persons) || options.persons < 0) {
      throw new RangeError(`persons must be a whole number ≥ 0 (got ${options.persons})`);
    }
    this.#rng = createRng(options.seed, 'people');
    this.#fin = finMaker(options.seed);
    this.#cardNumber = idCardNumberMaker(options.seed);
    this.#asOf = parseDay(options.asOf);
    this.#total = options.persons;
    this.#chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
    this.#showcase = options.showcase ?? true;
  }

  *chunks(): Generator<SyntheticChunk> {
    if (this.#showcase) {
      this.#collectShowcase = true;
      this.#showcaseFamilies();
      this.#collectShowcase = false;
    }
    while (this.#produced < this.#total) {
      if (this.#chunk.persons.length >= this.#chunkSize) yield this.#flush();
      this.#step();
    }
    if (this.#chunk.persons.length > 0) yield this.#flush();
  }

  #flush(): SyntheticChunk {
    const chunk = this.#chunk;
    this.#chunk = emptyChunk();
    return chunk;
  }

  #remaining(): number {
    return this.#total - this.#produced;
  }

  /** One family, or one person near the end so that exactly `persons` are made. */
  #step(): void {
    const rng = this.#rng;
    if (this.#remaining() < MAX_FAMILY) {
      const anchor = this.#anchor(true);
      this.#emitFamily([this.#adult(anchor.sex, anchor.birth, this.#newHome())]);
      return;
    }
    if (rng.chance(DECEASED_RATE)) {
      this.#deceased();
      return;
    }
    const anchor = this.#anchor(false);
    const age = ageOn(anchor.birth, this.#asOf);
    if (age < 18) this.#childFamily(anchor, {});
    else this.#adultScenario(anchor.sex, anchor.birth, age);
  }

  /**
   * Sex and birth date of the next family's first member, drawn where the population made so
   * far falls furthest short of the target age structure: the families around the anchors
   * (parents, siblings, spouses) then land where they land, and the next anchors fill the gaps.
   */
  #anchor(adultOnly: boolean): { sex: Sex; birth: number } {
    const rng = this.#rng;
    const scale = this.#living + 1;
    let deficit = 0;
    for (let bucket = 0; bucket < this.#bucketWeights.length; bucket++) {
      const eligible = !adultOnly || bucket >= ADULT_FIRST_BAND * 2;
      const gap = (BUCKET_TARGET[bucket] ?? 0) * scale - (this.#bucketCount[bucket] ?? 0);
      this.#bucketWeights[bucket] = eligible && gap > 0 ? gap : 0;
      deficit += this.#bucketWeights[bucket] ?? 0;
    }
    if (deficit <= 0) {
      for (let bucket = 0; bucket < this.#bucketWeights.length; bucket++) {
        const eligible = !adultOnly || bucket >= ADULT_FIRST_BAND * 2;
        this.#bucketWeights[bucket] = eligible ? (BUCKET_TARGET[bucket] ?? 0) : 0;
      }
    }
    const bucket = rng.weighted(cumulative(this.#bucketWeights));
    const band = BANDS[bucket >> 1];
    if (band === undefined) throw new Error('age band out of range');
    const birth = this.#birthAtAge(band.fromAge, band.toAge + 1);
    return { sex: bucket % 2 === 0 ? 'male' : 'female', birth };
  }

  /** A birth date for an age (on the reference date) of at least `fromAge` and below `toAge`. */
  #birthAtAge(fromAge: number, toAge: number): number {
    const earliest = addYears(this.#asOf, -toAge) + 1;
    const latest = addYears(this.#asOf, -fromAge);
    return this.#rng.between(earliest, latest);
  }

  // ---------------------------------------------------------------------------------------
  // Families

  /**
   * A family around a minor: parents, brothers and sisters, and what became of the parents —
   * married, divorced, widowed, both dead (the children then have a guardian), or a mother
   * whose child's paternity was never established.
   */
  #childFamily(anchor: { sex: Sex; birth: number }, plan: ChildFamilyPlan): Draft[] {
    const rng = this.#rng;
    const asOf = this.#asOf;
    const births: { sex: Sex; birth: number }[] = [anchor];
    for (const age of plan.siblingAges ?? []) {
      births.push({ sex: this.#sex(), birth: this.#birthAtAge(age, age + 1) });
    }
    const firstBirth = Math.min(...births.map((child) => child.birth));
    // Fixed siblings may be years apart: a younger mother keeps every birth before her 45th.
    const motherAge =
      plan.motherAgeAtFirstBirth ??
      (plan.siblingAges === undefined ? rng.normal(27, 5, 18.5, 42) : rng.normal(26, 3, 20, 31));
    const motherBirth = this.#adultAt(
      firstBirth - Math.round(motherAge * DAYS_PER_YEAR),
      firstBirth,
    );
    const gapYears = rng.normal(4, 3.5, -4, 16);
    const fatherBirth = this.#adultAt(
      motherBirth - Math.round(gapYears * DAYS_PER_YEAR),
      firstBirth,
    );
    // Every child is born after both parents' 18th birthdays and before the mother's 45th.
    const earliest = Math.max(addYears(motherBirth, 18), addYears(fatherBirth, 18)) + 1;
    const latest = Math.min(addYears(motherBirth, 45) - 1, asOf);
    if (plan.siblingAges === undefined) {
      const wanted = rng.weighted(CHILDREN_WEIGHTS) + 1;
      for (let attempt = 0; births.length < wanted && attempt < wanted * 3; attempt++) {
        const sibling = rng.pick(births);
        const offset = rng.between(420, 2600) * (rng.chance(0.5) ? 1 : -1);
        const birth = sibling.birth + offset;
        if (birth < earliest || birth > latest) continue;
        if (births.some((child) => Math.abs(child.birth - birth) < 300)) continue;
        births.push({ sex: this.#sex(), birth });
      }
    }
    births.sort((a, b) => a.birth - b.birth);
    const first = births[0]?.birth ?? anchor.birth;
    const last = births[births.length - 1]?.birth ?? anchor.birth;

    let status = plan.status ?? this.#childFamilyStatus();
    // Deaths and divorces come after the last child's birth; a newborn's parents are married.
    if (status === 'orphaned' && last > asOf - 200) status = 'father-dead';
    if ((status === 'father-dead' || status === 'mother-dead') && last >= asOf - 1) {
      status = 'married';
    }

    const home = this.#newHome();
    const fatherRoot = rng.pick(SURNAMES);
    const maidenRoot = rng.pick(SURNAMES);
    const single = status === 'single-mother';
    const mother = this.#draft('female', motherBirth, {
      lastName: surnameFor(!single && rng.chance(0.55) ? fatherRoot : maidenRoot, 'female'),
      home,
      card: plan.motherCard ?? 'auto',
    });
    const father = single
      ? undefined
      : this.#draft('male', fatherBirth, {
          lastName: fatherRoot,
          home,
          card: plan.fatherCard ?? 'auto',
        });
    // Without an established father the mother names the patronymic (Family Code, art. 55).
    const patronymicName = father?.firstName ?? rng.pick(MALE_FIRST_NAMES);
    const taken = new Set<string>();
    const children = births.map((child) => {
      const draft = this.#draft(child.sex, child.birth, {
        lastName: surnameFor(single ? maidenRoot : fatherRoot, child.sex),
        patronymic: patronymicOf(patronymicName, child.sex),
        birthPlace: rng.chance(0.85) ? home.region.name : this.#region().name,
        home,
        avoidNames: taken,
      });
      taken.add(draft.firstName);
      return draft;
    });

    const members: Draft[] =
      father === undefined ? [mother, ...children] : [father, mother, ...children];
    if (father !== undefined) {
      const married = this.#marriageDay(father, mother, first);
      let divorced: number | undefined;
      if (status === 'divorced') {
        if (married + 180 <= asOf) divorced = rng.between(Math.max(married + 180, first), asOf);
        if (divorced !== undefined) father.home = this.#newHome(divorced);
      }
      this.#marriage(father, mother, married, divorced);
      // After the last birth and after the wedding (very young parents marry after the birth).
      // Never in the future: in the rare case of a wedding in the last months, the death comes
      // as late as the data allows.
      const latestDeath = status === 'orphaned' ? asOf - 150 : asOf - 1;
      const earliestDeath = Math.min(Math.max(last, married) + 1, latestDeath);
      if (status === 'father-dead' || status === 'orphaned') {
        father.death = rng.between(earliestDeath, latestDeath);
      }
      if (status === 'mother-dead' || status === 'orphaned') {
        mother.death = rng.between(earliestDeath, latestDeath);
      }
    }
    for (const child of children) this.#birthRecord(child, mother, father);
    this.#adultChildrenMoveOut(children);

    if (status === 'orphaned' && father?.death !== undefined && mother.death !== undefined) {
      const appointed = Math.min(Math.max(father.death, mother.death) + rng.between(20, 120), asOf);
      const guardian = this.#minorsGuardian(appointed, fatherRoot, home.region);
      members.push(guardian);
      for (const child of children) {
        if (addYears(child.birth, 18) <= appointed) continue;
        child.home = guardian.home;
        this.#minorGuardianship(guardian, child, appointed);
      }
    }
    this.#emitFamily(members);
    return members;
  }

  #childFamilyStatus(): ChildFamilyStatus {
    const r = this.#rng.next();
    if (r < 0.8) return 'married';
    if (r < 0.89) return 'divorced';
    if (r < 0.935) return 'father-dead';
    if (r < 0.95) return 'mother-dead';
    if (r < 0.955) return 'orphaned';
    return 'single-mother';
  }

  /** What an adult anchor's family looks like, by age. */
  #adultScenario(sex: Sex, birth: number, age: number): void {
    const rng = this.#rng;
    if (age <= 60 && rng.chance(0.0025)) {
      this.#incapableAdult(sex, birth);
      return;
    }
    const r = rng.next();
    if (age < 25) {
      if (r < 0.85) this.#emitFamily([this.#adult(sex, birth, this.#newHome())]);
      else this.#couple(sex, birth, 'married');
      return;
    }
    if (age < 45) {
      if (r < 0.35) this.#emitFamily([this.#adult(sex, birth, this.#newHome())]);
      else if (r < 0.65) this.#couple(sex, birth, 'married');
      else if (r < 0.77) this.#couple(sex, birth, 'divorced');
      else if (r < 0.8) this.#couple(sex, birth, 'widowed');
      else if (age >= 38) this.#parentOfAdults(sex, birth);
      else this.#emitFamily([this.#adult(sex, birth, this.#newHome())]);
      return;
    }
    if (r < 0.45) this.#parentOfAdults(sex, birth);
    else if (r < 0.57) this.#couple(sex, birth, 'married');
    else if (r < 0.75) this.#couple(sex, birth, 'widowed');
    else if (r < 0.83) this.#couple(sex, birth, 'divorced');
    else this.#emitFamily([this.#adult(sex, birth, this.#newHome())]);
  }

  /** An adult with no family in the data (parents registered before the electronic registry). */
  #adult(sex: Sex, birth: number, home: Home, card: CardPlan = 'auto'): Draft {
    return this.#draft(sex, birth, {
      lastName: surnameFor(this.#rng.pick(SURNAMES), sex),
      home,
      card,
    });
  }

  /** A couple without children in the data: still married, divorced, or one of them dead. */
  #couple(sex: Sex, birth: number, status: 'married' | 'divorced' | 'widowed'): void {
    const rng = this.#rng;
    const asOf = this.#asOf;
    const home = this.#newHome();
    const gap = Math.round(rng.normal(4, 3.5, -4, 16) * DAYS_PER_YEAR);
    // The spouse is an adult and, like everyone living in the data, at most 95.
    const spouseBirth = Math.max(
      Math.min(sex === 'male' ? birth + gap : birth - gap, addYears(asOf, -18) - 1),
      addYears(asOf, -95),
    );
    const [husbandBirth, wifeBirth] = sex === 'male' ? [birth, spouseBirth] : [spouseBirth, birth];
    const root = rng.pick(SURNAMES);
    const husband = this.#draft('male', husbandBirth, { lastName: root, home });
    const wife = this.#draft('female', wifeBirth, {
      lastName: surnameFor(rng.chance(0.55) ? root : rng.pick(SURNAMES), 'female'),
      home,
    });
    const married = this.#marriageDay(husband, wife, asOf);
    let divorced: number | undefined;
    if (status === 'divorced' && married + 180 <= asOf) {
      divorced = rng.between(married + 180, asOf);
      (sex === 'male' ? wife : husband).home = this.#newHome(divorced);
    }
    this.#marriage(husband, wife, married, divorced);
    if (status === 'widowed' && married + 30 <= asOf - 1) {
      const spouse = sex === 'male' ? wife : husband;
      spouse.death = rng.between(married + 30, asOf - 1);
    }
    this.#emitFamily([husband, wife]);
  }

  /** A parent whose children (mostly grown up) are in the data, with the other parent. */
  #parentOfAdults(sex: Sex, birth: number): void {
    const rng = this.#rng;
    const asOf = this.#asOf;
    const gap = Math.round(rng.normal(4, 3.5, -4, 16) * DAYS_PER_YEAR);
    const spouseBirth = sex === 'male' ? birth + gap : birth - gap;
    const motherBirth = sex === 'female' ? birth : spouseBirth;
    const fatherBirth = sex === 'male' ? birth : spouseBirth;
    const earliest = Math.max(addYears(motherBirth, 18), addYears(fatherBirth, 18)) + 1;
    const latest = Math.min(addYears(motherBirth, 45) - 1, asOf);
    if (earliest > latest) {
      this.#couple(sex, birth, 'married');
      return;
    }
    const births: number[] = [];
    const wanted = rng.weighted(CHILDREN_WEIGHTS) + 1;
    for (let attempt = 0; births.length < wanted && attempt < wanted * 3; attempt++) {
      const candidate = motherBirth + Math.round(rng.normal(27, 5, 19, 40) * DAYS_PER_YEAR);
      if (candidate < earliest || candidate > latest) continue;
      if (births.some((other) => Math.abs(other - candidate) < 300)) continue;
      births.push(candidate);
    }
    if (births.length === 0) {
      this.#couple(sex, birth, 'married');
      return;
    }
    births.sort((a, b) => a - b);
    const first = births[0] ?? earliest;
    const last = births[births.length - 1] ?? earliest;
    const home = this.#newHome();
    const root = rng.pick(SURNAMES);
    const father = this.#draft('male', fatherBirth, { lastName: root, home });
    const mother = this.#draft('female', motherBirth, {
      lastName: surnameFor(rng.chance(0.55) ? root : rng.pick(SURNAMES), 'female'),
      home,
    });
    const taken = new Set<string>();
    const children = births.map((childBirth) => {
      const childSex = this.#sex();
      const child = this.#draft(childSex, childBirth, {
        lastName: surnameFor(root, childSex),
        patronymic: patronymicOf(father.firstName, childSex),
        birthPlace: rng.chance(0.8) ? home.region.name : this.#region().name,
        home,
        avoidNames: taken,
      });
      taken.add(child.firstName);
      return child;
    });
    const married = this.#marriageDay(father, mother, first);
    const r = rng.next();
    let divorced: number | undefined;
    if (r < 0.08 && Math.max(married + 180, last) <= asOf) {
      divorced = rng.between(Math.max(married + 180, last), asOf);
      (sex === 'male' ? mother : father).home = this.#newHome(divorced);
    }
    this.#marriage(father, mother, married, divorced);
    const spouse = sex === 'male' ? mother : father;
    // The anchor is alive (it fills a gap in the living population); the spouse may not be.
    const spouseTooOld = ageOn(spouse.birth, asOf) > 95;
    // Not before the wedding: a couple may marry after their last child was born.
    const earliestDeath = Math.max(last, married) + 1;
    if ((spouseTooOld || (divorced === undefined && r > 0.78)) && earliestDeath <= asOf - 1) {
      spouse.death = rng.between(earliestDeath, asOf - 1);
    }
    for (const child of children) this.#birthRecord(child, mother, father);
    this.#adultChildrenMoveOut(children);
    this.#emitFamily([father, mother, ...children]);
  }

  /**
   * An adult declared incapable by a court, whose guardian is the mother or, when she is too
   * old or dead, an elder brother or sister (IAM-000-1.8b).
   */
  #incapableAdult(sex: Sex, birth: number, plan: { wardCard?: CardPlan } = {}): Draft[] {
    const rng = this.#rng;
    const asOf = this.#asOf;
    const motherBirth = this.#adultAt(
      birth - Math.round(rng.normal(27, 5, 20, 38) * DAYS_PER_YEAR),
      birth,
    );
    const fatherBirth = this.#adultAt(
      motherBirth - Math.round(rng.normal(4, 3, -3, 12) * DAYS_PER_YEAR),
      birth,
    );
    const home = this.#newHome();
    const root = rng.pick(SURNAMES);
    const father = this.#draft('male', fatherBirth, { lastName: root, home });
    const mother = this.#draft('female', motherBirth, {
      lastName: surnameFor(rng.chance(0.55) ? root : rng.pick(SURNAMES), 'female'),
      home,
    });
    const ward = this.#draft(sex, birth, {
      lastName: surnameFor(root, sex),
      patronymic: patronymicOf(father.firstName, sex),
      birthPlace: home.region.name,
      home,
      card: plan.wardCard ?? 'auto',
    });
    const members: Draft[] = [father, mother, ward];
    const decided = rng.between(addYears(birth, 18), Math.max(addYears(birth, 18), asOf - 30));
    const from = Math.min(decided + rng.between(5, 25), asOf);
    let guardian = mother;
    if (ageOn(motherBirth, asOf) > 80) {
      // The mother has died; an elder sibling, an adult when the court decided, is the guardian.
      const siblingBirth = Math.max(
        birth - rng.between(700, 3000),
        Math.max(addYears(motherBirth, 18), addYears(fatherBirth, 18)) + 1,
      );
      if (addYears(siblingBirth, 18) < from && siblingBirth < birth - 300) {
        const siblingSex = this.#sex();
        guardian = this.#draft(siblingSex, siblingBirth, {
          lastName: surnameFor(root, siblingSex),
          patronymic: patronymicOf(father.firstName, siblingSex),
          birthPlace: home.region.name,
          home,
        });
        members.push(guardian);
        this.#birthRecord(guardian, mother, father);
        if (from <= asOf - 2) mother.death = rng.between(from, asOf - 1);
      }
    }
    const married = this.#marriageDay(father, mother, Math.min(birth, guardian.birth));
    this.#marriage(father, mother, married, undefined);
    if ((ageOn(fatherBirth, asOf) > 92 || rng.chance(0.35)) && birth + 1 <= asOf - 1) {
      father.death = rng.between(birth + 1, asOf - 1);
    }
    this.#birthRecord(ward, mother, father);
    const court = this.#courtName(home.region);
    this.#chunk.guardianships.push({
      kind: 'guardianship',
      basis: 'adult-declared-incapable',
      guardianFin: guardian.fin,
      wardFin: ward.fin,
      decidedBy: court,
      decisionNumber: `2-${this.#nextNumber('court', home.region, decided)}/${yearOf(decided)}`,
      decisionDate: isoDate(decided),
      validFrom: isoDate(from),
      validUntil: null,
    });
    this.#emitFamily(members);
    return members;
  }

  /** Someone who died in the last 20 years, aged 40 to 99. */
  #deceased(): void {
    const rng = this.#rng;
    const died = rng.between(addYears(this.#asOf, -20), this.#asOf - 1);
    const age = rng.normal(72, 12, 40, 99);
    const person = this.#adult(
      this.#sex(),
      died - Math.round(age * DAYS_PER_YEAR),
      this.#newHome(),
    );
    person.death = died;
    this.#emitFamily([person]);
  }

  // ---------------------------------------------------------------------------------------
  // Showcase

  /**
   * The demo's cast, made before anything else: every person a demo needs (parent of a minor,
   * minor, guardian, ward, holders of an expired or a lost card), at least twice, in families
   * whose records agree with each other.
   */
  #showcaseFamilies(): void {
    const SHOWCASE_SINGLE_ADULTS = 12;
    const child = (minAge: number, maxAge: number): { sex: Sex; birth: number } => ({
      sex: this.#sex(),
      birth: this.#birthAtAge(minAge, maxAge + 1),
    });
    const rng = this.#rng;
    const fits = (): boolean => this.#remaining() >= MAX_FAMILY;
    // Married parents, a child with an ID card (15) and one without.
    if (fits()) {
      this.#childFamily(child(15, 15), {
        status: 'married',
        siblingAges: [rng.between(6, 11)],
        motherCard: 'valid',
        fatherCard: 'valid',
      });
    }
    // Divorced parents: the mother lost her card, the father's has expired.
    if (fits()) {
      this.#childFamily(child(4, 10), {
        status: 'divorced',
        siblingAges: [],
        motherAgeAtFirstBirth: 31,
        motherCard: 'lost',
        fatherCard: 'expired',
      });
    }
    // Orphans under a guardian: one under 14 (guardianship), one of 14 (curatorship).
    if (fits()) {
      this.#childFamily(child(14, 14), { status: 'orphaned', siblingAges: [rng.between(9, 11)] });
    }
    // An adult declared incapable, under the guardianship of the mother.
    if (fits()) {
      const birth = this.#birthAtAge(24, 34);
      this.#incapableAdult(this.#sex(), birth, { wardCard: 'valid' });
    }
    // Card holders on their own: one lost card, one expired.
    if (fits()) {
      this.#emitFamily([
        this.#adult(this.#sex(), this.#birthAtAge(26, 45), this.#newHome(), 'lost'),
      ]);
    }
    if (fits()) {
      this.#emitFamily([
        this.#adult(this.#sex(), this.#birthAtAge(30, 50), this.#newHome(), 'expired'),
      ]);
    }
    // Adults on their own with a valid card: enough testers to try every login method, each
    // with an account of their own.
    for (let i = 0; i < SHOWCASE_SINGLE_ADULTS && fits(); i++) {
      this.#emitFamily([
        this.#adult(this.#sex(), this.#birthAtAge(20, 60), this.#newHome(), 'valid'),
      ]);
    }
  }

  // ---------------------------------------------------------------------------------------
  // People and records

  #draft(
    sex: Sex,
    birth: number,
    details: {
      lastName: string;
      home: Home;
      patronymic?: string;
      birthPlace?: string;
      card?: CardPlan;
      avoidNames?: ReadonlySet<string>;
    },
  ): Draft {
    const rng = this.#rng;
    const names = sex === 'male' ? MALE_FIRST_NAMES : FEMALE_FIRST_NAMES;
    let firstName = rng.pick(names);
    if (details.avoidNames?.has(firstName) === true) firstName = rng.pick(names);
    return {
      fin: this.#fin(this.#finIndex++),
      sex,
      firstName,
      lastName: details.lastName,
      patronymic: details.patronymic ?? patronymicOf(rng.pick(MALE_FIRST_NAMES), sex),
      birth,
      birthPlace:
        details.birthPlace ?? (rng.chance(0.6) ? details.home.region.name : this.#region().name),
      death: undefined,
      home: details.home,
      card: details.card ?? 'auto',
    };
  }

  #sex(): Sex {
    return this.#rng.chance(0.5) ? 'male' : 'female';
  }

  #region(): Region {
    const region = REGIONS[this.#rng.weighted(REGION_WEIGHTS)];
    if (region === undefined) throw new Error('region out of range');
    return region;
  }

  #newHome(since?: number, region?: Region): Home {
    const rng = this.#rng;
    const place = region ?? this.#region();
    const flats = place.kind === 'city' ? 0.7 : 0.15;
    return {
      region: place,
      street: rng.pick(STREETS),
      house: String(rng.between(1, 160)),
      apartment: rng.chance(flats) ? String(rng.between(1, 120)) : null,
      since: since ?? this.#asOf - rng.between(0, 25 * 365),
    };
  }

  /** `birth`, moved earlier if needed so that the person is 18 before `day`. */
  #adultAt(birth: number, day: number): number {
    let result = birth;
    while (addYears(result, 18) >= day) result -= 30;
    return result;
  }

  /** A wedding day: before the first child as a rule, never before both turn 18. */
  #marriageDay(husband: Draft, wife: Draft, firstChild: number): number {
    const adult = Math.max(addYears(husband.birth, 18), addYears(wife.birth, 18));
    const planned = firstChild - this.#rng.between(200, 1500);
    const day = planned >= adult ? planned : adult + this.#rng.between(0, 200);
    return Math.min(day, this.#asOf);
  }

  #marriage(husband: Draft, wife: Draft, married: number, divorced: number | undefined): void {
    const region = wife.home.region;
    this.#chunk.marriages.push({
      ...this.#recordRef('marriage', region, married),
      husbandFin: husband.fin,
      wifeFin: wife.fin,
      dissolution: divorced === undefined ? null : this.#recordRef('divorce', region, divorced),
    });
  }

  #birthRecord(child: Draft, mother: Draft, father: Draft | undefined): void {
    const region = REGION_BY_NAME.get(child.birthPlace) ?? child.home.region;
    const registered = Math.min(child.birth + this.#rng.between(2, 25), this.#asOf);
    this.#chunk.births.push({
      ...this.#recordRef('birth', region, registered),
      childFin: child.fin,
      firstName: child.firstName,
      lastName: child.lastName,
      patronymic: child.patronymic,
      sex: child.sex,
      birthDate: isoDate(child.birth),
      birthPlace: child.birthPlace,
      motherFin: mother.fin,
      fatherFin: father?.fin ?? null,
    });
  }

  /** Grown-up children have, half of them, registered at an address of their own. */
  #adultChildrenMoveOut(children: readonly Draft[]): void {
    for (const child of children) {
      const adult = addYears(child.birth, 18);
      if (adult <= this.#asOf && this.#rng.chance(0.5)) {
        child.home = this.#newHome(this.#rng.between(adult, this.#asOf));
      }
    }
  }

  /** A relative (not in the civil registry's records) who takes in orphaned children. */
  #minorsGuardian(appointed: number, fatherRoot: string, region: Region): Draft {
    const rng = this.#rng;
    const asOf = this.#asOf;
    const sex: Sex = rng.chance(0.7) ? 'female' : 'male';
    // At least 25 when appointed and at most 75 today.
    const birth = rng.between(
      addYears(asOf, -75) + 1,
      Math.min(addYears(appointed, -25), addYears(asOf, -30)),
    );
    const lastName = surnameFor(rng.chance(0.5) ? fatherRoot : rng.pick(SURNAMES), sex);
    return this.#draft(sex, birth, {
      lastName,
      home: this.#newHome(appointed, region),
      card: 'valid',
    });
  }

  /** Guardianship until 14, curatorship from 14 to 18 (Civil Code), appointed by the local authority. */
  #minorGuardianship(guardian: Draft, ward: Draft, appointed: number): void {
    const region = guardian.home.region;
    const fourteen = addYears(ward.birth, 14);
    const eighteen = addYears(ward.birth, 18);
    const decision = {
      guardianFin: guardian.fin,
      wardFin: ward.fin,
      basis: 'minor-without-parental-care' as const,
      decidedBy: this.#guardianshipAuthority(region),
      decisionNumber: `QH-${this.#nextNumber('guardianship', region, appointed)}/${yearOf(appointed)}`,
      decisionDate: isoDate(appointed),
    };
    if (appointed < fourteen) {
      this.#chunk.guardianships.push({
        ...decision,
        kind: 'guardianship',
        validFrom: isoDate(appointed),
        validUntil: isoDate(fourteen),
      });
      if (fourteen <= this.#asOf) {
        this.#chunk.guardianships.push({
          ...decision,
          kind: 'curatorship',
          validFrom: isoDate(fourteen),
          validUntil: isoDate(eighteen),
        });
      }
    } else {
      this.#chunk.guardianships.push({
        ...decision,
        kind: 'curatorship',
        validFrom: isoDate(appointed),
        validUntil: isoDate(eighteen),
      });
    }
  }

  #courtName(region: Region): string {
    return `${region.name} ${region.kind === 'city' ? 'şəhər' : 'rayon'} məhkəməsi`;
  }

  #guardianshipAuthority(region: Region): string {
    return `${region.name} ${region.kind === 'city' ? 'Şəhər' : 'Rayon'} İcra Hakimiyyəti (qəyyumluq və himayə orqanı)`;
  }

  #nextNumber(kind: string, region: Region, day: number): number {
    const key = `${kind}|${region.name}|${yearOf(day)}`;
    const next = (this.#recordNumbers.get(key) ?? 0) + 1;
    this.#recordNumbers.set(key, next);
    return next;
  }

  #recordRef(kind: string, region: Region, day: number): SyntheticRecordRef {
    return {
      recordNumber: this.#nextNumber(kind, region, day),
      registeredOn: isoDate(day),
      registryRegion: region.name,
    };
  }

  /** Writes a family's people, cards, addresses and death records into the current chunk. */
  #emitFamily(members: readonly Draft[]): void {
    const chunk = this.#chunk;
    for (const person of members) {
      chunk.persons.push({
        fin: person.fin,
        firstName: person.firstName,
        lastName: person.lastName,
        patronymic: person.patronymic,
        sex: person.sex,
        birthDate: isoDate(person.birth),
        birthPlace: person.birthPlace,
        deathDate: person.death === undefined ? null : isoDate(person.death),
      });
      this.#produced += 1;
      this.#residence(person);
      this.#idCards(person);
      if (person.death === undefined) {
        const band = Math.min(Math.floor(ageOn(person.birth, this.#asOf) / 5), BAND_COUNT - 1);
        const bucket = band * 2 + (person.sex === 'male' ? 0 : 1);
        this.#bucketCount[bucket] = (this.#bucketCount[bucket] ?? 0) + 1;
        this.#living += 1;
        if (this.#collectShowcase) chunk.showcaseFins.push(person.fin);
      } else {
        const registered = Math.min(person.death + this.#rng.between(0, 10), this.#asOf);
        chunk.deaths.push({
          ...this.#recordRef('death', person.home.region, registered),
          fin: person.fin,
          diedOn: isoDate(person.death),
          placeOfDeath: person.home.region.name,
        });
      }
    }
  }

  #residence(person: Draft): void {
    const end = person.death ?? this.#asOf;
    const registered = Math.min(Math.max(person.birth, person.home.since), end);
    this.#chunk.residences.push({
      fin: person.fin,
      kind: 'residence',
      region: person.home.region.name,
      street: person.home.street,
      house: person.home.house,
      apartment: person.home.apartment,
      registeredOn: isoDate(registered),
      // Registration ends with death (the registry office reports it).
      deregisteredOn: person.death === undefined ? null : isoDate(person.death),
    });
  }

  /**
   * ID cards. Every citizen gets one within a month of turning 15; younger children have a
   * birth certificate instead. A card is valid for 10 years, without limit when issued at 55
   * or older; a lost card is replaced by a new number; a dead person's card is annulled.
   */
  #idCards(person: Draft): void {
    const rng = this.#rng;
    const asOf = this.#asOf;
    const end = person.death ?? asOf;
    const firstPossible = addYears(person.birth, 15) + rng.between(0, 30);
    if (firstPossible > end) return;
    const tenYearsAgo = addYears(asOf, -10);
    const fiftyFive = addYears(person.birth, 55);
    if (person.death !== undefined) {
      const issued = rng.between(
        Math.max(firstPossible, addYears(person.death, -10) + 1),
        person.death,
      );
      const annulled = Math.min(person.death + rng.between(1, 20), asOf);
      this.#card(person, issued, null, annulled);
      return;
    }
    let plan = person.card;
    if (plan === 'auto') {
      const r = rng.next();
      plan = r < 0.03 ? 'expired' : r < 0.04 ? 'lost' : 'valid';
      if (plan === 'valid' && r < 0.055) {
        // Lost, then replaced: the old number stays on record as lost.
        const issuedFrom = Math.max(firstPossible, tenYearsAgo + 1);
        if (issuedFrom <= asOf - 90) {
          const oldIssued = rng.between(issuedFrom, asOf - 90);
          const lost = rng.between(oldIssued + 1, asOf - 60);
          this.#card(person, oldIssued, lost, null);
          this.#card(person, Math.min(lost + rng.between(3, 30), asOf), null, null);
          return;
        }
      }
    }
    if (plan === 'expired') {
      // Issued 10 to 13 years ago, before 55 (else it would not expire), and never renewed.
      const from = Math.max(firstPossible, addYears(asOf, -13));
      const until = Math.min(tenYearsAgo - 1, fiftyFive - 1);
      if (from <= until) {
        this.#card(person, rng.between(from, until), null, null);
        return;
      }
      plan = 'valid';
    }
    let issued: number;
    if (fiftyFive <= asOf && plan !== 'lost' && rng.chance(0.7)) {
      // A card issued at 55 or older never expires: most older people hold one.
      issued = rng.between(Math.max(firstPossible, fiftyFive, addYears(asOf, -20)), asOf);
    } else {
      issued = rng.between(Math.max(firstPossible, tenYearsAgo + 1), asOf);
    }
    const lost = plan === 'lost' ? Math.min(issued + rng.between(1, 2000), asOf) : null;
    this.#card(person, issued, lost, null);
  }

  #card(person: Draft, issued: number, lost: number | null, annulled: number | null): void {
    const unlimited = ageOn(person.birth, issued) >= 55;
    this.#chunk.idCards.push({
      number: this.#cardNumber(this.#cardIndex++),
      fin: person.fin,
      issuedOn: isoDate(issued),
      expiresOn: unlimited ? null : isoDate(addYears(issued, 10) - 1),
      lostOn: lost === null ? null : isoDate(lost),
      annulledOn: annulled === null ? null : isoDate(annulled),
    });
  }
}

function emptyChunk(): SyntheticChunk {
  return {
    persons: [],
    idCards: [],
    residences: [],
    births: [],
    marriages: [],
    deaths: [],
    guardianships: [],
    showcaseFins: [],
  };
}

function yearOf(day: number): number {
  return Number(isoDate(day).slice(0, 4));
}
