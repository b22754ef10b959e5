import { setImmediate } from 'node:timers/promises';
import {
  createPopulationRegister,
  generatePopulation,
  loadPopulationRecords,
  type SyntheticChunk,
} from '../../agencies/population/index.ts';
import { loadCivilRecords } from '../../agencies/civil-registry/index.ts';
import type { Database } from '../db/database.ts';
import { systemClock, toBakuDate, type Clock } from '../time/index.ts';
import { saveSeedRun, type DemoTables } from './demo.store.ts';

export interface SeedProgress {
  /** People written so far. */
  readonly persons: number;
  readonly total: number;
  readonly seconds: number;
}

export interface SeedOptions {
  readonly persons: number;
  readonly seed: string | number;
  /** The day the data describes, `YYYY-MM-DD`; today in Baku by default. */
  readonly asOf?: string;
  /** People per bulk load (memory stays flat at about this many). Default 20,000. */
  readonly chunkSize?: number;
  readonly clock?: Clock;
  readonly onProgress?: (progress: SeedProgress) => void;
}

export interface SeedReport {
  readonly persons: number;
  readonly seed: string;
  readonly asOf: string;
  readonly showcase: number;
  readonly seconds: number;
}

/** Seeding refuses a register that already has people: families would not connect. */
export class PopulationNotEmptyError extends Error {
  constructor() {
    super(
      'the population register already has people in it; seed an empty database ' +
        '(a new EHIS_DATA_DIR, or a fresh database in DATABASE_URL)',
    );
    this.name = 'PopulationNotEmptyError';
  }
}

const DEFAULT_CHUNK = 20_000;
/** People generated between two pauses for I/O. */
const SLICE = 2_000;

function emptyBatch(): SyntheticChunk {
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

/** Adds a slice (a couple of thousand people at most) to the batch being assembled. */
function append(batch: SyntheticChunk, slice: SyntheticChunk): void {
  batch.persons.push(...slice.persons);
  batch.idCards.push(...slice.idCards);
  batch.residences.push(...slice.residences);
  batch.births.push(...slice.births);
  batch.marriages.push(...slice.marriages);
  batch.deaths.push(...slice.deaths);
  batch.guardianships.push(...slice.guardianships);
  batch.showcaseFins.push(...slice.showcaseFins);
}

/** PGlite in memory keeps its write-ahead log in memory too: checkpoints let it be recycled. */
const PGLITE_CHECKPOINT_EVERY = 20_000;

/**
 * Fills an empty database with a synthetic population: people, ID cards and addresses in the
 * population register, births, marriages, deaths and guardianships in the civil registry, each
 * written through its own module's bulk load. Generation and loading go chunk by chunk, so a
 * million people need no more memory than twenty thousand. The database must be migrated.
 */
export async function seedPopulation(
  database: Database,
  options: SeedOptions,
): Promise<SeedReport> {
  const clock = options.clock ?? systemClock;
  const population = createPopulationRegister({ database, clock });
  if (await population.hasPersons()) throw new PopulationNotEmptyError();
  const asOf = options.asOf ?? toBakuDate(clock.now());
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  const showcaseFins: string[] = [];
  let written = 0;
  let sinceCheckpoint = 0;
  let previous: Promise<void> = Promise.resolve();
  const load = async (chunk: SyntheticChunk): Promise<void> => {
    showcaseFins.push(...chunk.showcaseFins);
    await loadPopulationRecords(database, chunk);
    await loadCivilRecords(database, chunk);
    written += chunk.persons.length;
    sinceCheckpoint += chunk.persons.length;
    if (database.kind === 'pglite' && sinceCheckpoint >= PGLITE_CHECKPOINT_EVERY) {
      sinceCheckpoint = 0;
      await database.execScript('CHECKPOINT');
    }
    options.onProgress?.({ persons: written, total: options.persons, seconds: elapsed() });
  };
  // A failed write is reported where the loop next waits for it; until then it is not "unhandled".
  const start = (chunk: SyntheticChunk): Promise<void> => {
    const writing = load(chunk);
    writing.catch(() => undefined);
    return writing;
  };
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
  // Generated in slices with a pause for I/O between them, so that the previous batch's COPY
  // streams to the server while the next batch is made: on PostgreSQL the two run in parallel.
  // (The records do not depend on the slice size.)
  const slices = generatePopulation({
    seed: options.seed,
    persons: options.persons,
    asOf,
    chunkSize: Math.min(SLICE, chunkSize),
  });
  let batch = emptyBatch();
  try {
    for (const slice of slices) {
      append(batch, slice);
      if (batch.persons.length >= chunkSize) {
        const full = batch;
        batch = emptyBatch();
        await previous;
        previous = start(full);
      }
      await setImmediate();
    }
    if (batch.persons.length > 0) {
      await previous;
      previous = start(batch);
    }
  } finally {
    // Never leave a write running unobserved, whatever stopped the loop.
    await previous;
  }
  await database.execScript(
    'ANALYZE population.person, population.id_card, population.residence_registration, ' +
      'civil_registry.birth_record, civil_registry.marriage, civil_registry.death_record, ' +
      'civil_registry.guardianship',
  );
  await saveSeedRun(
    database.typed<DemoTables>(),
    { seed: String(options.seed), persons: written, asOf, seededAt: clock.now() },
    showcaseFins,
  );
  return {
    persons: written,
    seed: String(options.seed),
    asOf,
    showcase: showcaseFins.length,
    seconds: elapsed(),
  };
}

/** The seed of the population a demo server makes on its first start. */
export const DEMO_SEED = 'ehis-demo';

/**
 * Demo mode: seeds `persons` people when the database has none (first start), under a lock so
 * that two nodes starting together seed once. Returns the report, or undefined when there was
 * nothing to do.
 */
export async function seedDemoIfEmpty(
  database: Database,
  options: { readonly persons: number; readonly clock?: Clock; readonly seed?: string },
): Promise<SeedReport | undefined> {
  return database.withExclusiveLock('ehis-demo-seed', async () => {
    const clock = options.clock ?? systemClock;
    if (await createPopulationRegister({ database, clock }).hasPersons()) return undefined;
    return seedPopulation(database, {
      persons: options.persons,
      seed: options.seed ?? DEMO_SEED,
      clock,
    });
  });
}
