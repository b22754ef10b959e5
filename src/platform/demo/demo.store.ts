import type { Kysely } from 'kysely';

export interface DemoTables {
  'demo.seed_run': {
    id: number;
    seed: string;
    persons: number;
    as_of: string;
    seeded_at: Date;
  };
  'demo.showcase_person': { position: number; fin: string };
}

type Db = Kysely<DemoTables>;

export interface SeedRun {
  readonly seed: string;
  readonly persons: number;
  readonly asOf: string;
  readonly seededAt: Date;
}

export async function findSeedRun(db: Db): Promise<SeedRun | undefined> {
  const row = await db.selectFrom('demo.seed_run').selectAll().executeTakeFirst();
  return row === undefined
    ? undefined
    : { seed: row.seed, persons: row.persons, asOf: row.as_of, seededAt: row.seeded_at };
}

/** Records the seeding and its showcase people in one transaction. */
export async function saveSeedRun(
  db: Db,
  run: SeedRun,
  showcaseFins: readonly string[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('demo.seed_run')
      .values({
        id: 1,
        seed: run.seed,
        persons: run.persons,
        as_of: run.asOf,
        seeded_at: run.seededAt,
      })
      .execute();
    if (showcaseFins.length > 0) {
      await trx
        .insertInto('demo.showcase_person')
        .values(showcaseFins.map((fin, position) => ({ position, fin })))
        .execute();
    }
  });
}

/** The showcase FİNs in their stable order, at most `limit`. */
export async function showcaseFins(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('demo.showcase_person')
    .select('fin')
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map((row) => row.fin);
}
