// Seeding throughput: `node bench/seed.bench.ts [--persons N] [--engine pglite|postgres|both]`.
// Target (issue 1, items 9–10): 1,000,000 persons in under 5 minutes on 2 cores, under 2 GB.
// PostgreSQL is measured in a fresh database made from DATABASE_URL (or the local default
// server) and dropped afterwards; PGlite runs in memory, so its RSS includes the database.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { moduleMigrations } from '../src/modules.ts';
import { seedPopulation, withSeedMigrations } from '../src/platform/demo/index.ts';
import { fmt, postgresAdminUrl } from './support.ts';

export interface SeedBenchOptions {
  readonly engine: 'pglite' | 'postgres';
  readonly persons?: number;
  readonly seed?: string | number;
  readonly asOf?: string;
  readonly chunkSize?: number;
  /** PostgreSQL server to create the fresh database on; DATABASE_URL or the local default. */
  readonly adminUrl?: string;
  readonly onProgress?: (persons: number, seconds: number) => void;
}

export interface SeedBenchResult {
  readonly engine: 'pglite' | 'postgres';
  readonly persons: number;
  readonly seconds: number;
  readonly personsPerSecond: number;
  /** Highest resident set size of this process seen while seeding. */
  readonly peakRssMb: number;
}

async function freshPostgres(
  adminUrl: string,
): Promise<{ db: Database; drop: () => Promise<void> }> {
  const name = `ehis_seed_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 4 });
  return {
    db,
    async drop() {
      await db.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** Seeds `persons` into a fresh database of the engine and measures time and peak memory. */
export async function benchSeed(options: SeedBenchOptions): Promise<SeedBenchResult> {
  const persons = options.persons ?? 1_000_000;
  let target: { db: Database; drop: () => Promise<void> };
  if (options.engine === 'pglite') {
    // On disk, as `npm run seed` and `npm start` use it (in memory the whole database would sit
    // in the process's RSS and the memory figure would measure PGlite, not the seeding).
    const dataDir = mkdtempSync(join(tmpdir(), 'ehis-seed-bench-'));
    const db = await openDatabase({ dataDir });
    target = {
      db,
      drop: async () => {
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } else {
    const adminUrl = options.adminUrl ?? (await postgresAdminUrl());
    if (adminUrl === undefined) throw new Error('no PostgreSQL server: set DATABASE_URL');
    target = await freshPostgres(adminUrl);
  }
  let peak = process.memoryUsage.rss();
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const sampler = setInterval(sample, 250);
  try {
    await migrate(target.db, withSeedMigrations(moduleMigrations));
    const report = await seedPopulation(target.db, {
      persons,
      seed: options.seed ?? 'bench',
      asOf: options.asOf ?? '2026-01-01',
      ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
      onProgress: ({ persons: done, seconds }) => {
        sample();
        options.onProgress?.(done, seconds);
      },
    });
    sample();
    return {
      engine: options.engine,
      persons: report.persons,
      seconds: report.seconds,
      personsPerSecond: report.persons / report.seconds,
      peakRssMb: peak / 1024 / 1024,
    };
  } finally {
    clearInterval(sampler);
    await target.drop();
  }
}

export function printSeed(results: readonly SeedBenchResult[]): void {
  console.log('\nSeeding a synthetic population (target: 1,000,000 in < 300 s, < 2 GB)');
  for (const r of results) {
    console.log(
      `  ${r.engine.padEnd(10)} ${fmt(r.persons).padStart(10)} persons in ${fmt(r.seconds, 1).padStart(6)} s   ${fmt(r.personsPerSecond).padStart(7)} persons/s   peak RSS ${fmt(r.peakRssMb).padStart(5)} MB`,
    );
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      persons: { type: 'string', default: '1000000' },
      engine: { type: 'string', default: 'both' },
      chunk: { type: 'string' },
    },
  });
  const persons = Number(values.persons.replaceAll('_', ''));
  const known = ['pglite', 'postgres'] as const;
  const engines = known.filter((engine) => values.engine === 'both' || values.engine === engine);
  if (engines.length === 0)
    throw new Error(`--engine: pglite, postgres or both (got ${values.engine})`);
  const results: SeedBenchResult[] = [];
  for (const engine of engines) {
    if (engine === 'postgres' && (await postgresAdminUrl()) === undefined) {
      console.log('PostgreSQL: no server (DATABASE_URL), skipped');
      continue;
    }
    results.push(
      await benchSeed({
        engine,
        persons,
        ...(values.chunk === undefined ? {} : { chunkSize: Number(values.chunk) }),
        onProgress: (done, seconds) =>
          process.stderr.write(
            `\r  ${engine}: ${fmt(done)} persons, ${fmt(done / seconds)} persons/s`,
          ),
      }),
    );
    process.stderr.write('\n');
  }
  printSeed(results);
}
