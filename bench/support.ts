import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db/database.ts';

export interface BenchDatabase {
  readonly db: Database;
  readonly label: string;
  drop(): Promise<void>;
}

/** The PostgreSQL server to measure on: DATABASE_URL, else the local default if it answers. */
export async function postgresAdminUrl(): Promise<string | undefined> {
  const candidates = [process.env.DATABASE_URL, 'postgres://postgres@127.0.0.1:5432/postgres'];
  for (const url of candidates) {
    if (url === undefined || url === '') continue;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return url;
    } catch {
      await client.end().catch(() => undefined);
    }
  }
  return undefined;
}

export async function benchDatabases(): Promise<BenchDatabase[]> {
  const result: BenchDatabase[] = [];
  const pglite = await openDatabase({});
  result.push({ db: pglite, label: 'PGlite', drop: () => pglite.close() });
  const admin = await postgresAdminUrl();
  if (admin === undefined) return result;
  const name = `ehis_bench_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 20 });
  result.push({
    db,
    label: 'PostgreSQL',
    async drop() {
      await db.close();
      const dropper = new pg.Client({ connectionString: admin });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  });
  return result;
}

/** Runs `total` operations with `concurrency` callers; returns operations per second. */
export async function measureRate(
  total: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        await op(i);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return total / seconds;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
