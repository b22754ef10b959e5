import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/database.ts';
import { migrate, type ModuleMigrations } from '../../src/platform/db/migrate.ts';
import { moduleMigrations } from '../../src/modules.ts';

export interface TestDatabase {
  readonly db: Database;
  /** The PostgreSQL URL of this database, so a test can open a second pool (another "node"). */
  readonly url: string | undefined;
  drop(): Promise<void>;
}

/** Which engine this run tests: PGlite by default, PostgreSQL with EHIS_TEST_DB=postgres. */
export const TEST_ENGINE: 'pglite' | 'postgres' =
  process.env.EHIS_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === '') {
    throw new Error(
      'EHIS_TEST_DB=postgres needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)',
    );
  }
  return url;
}

/**
 * A fresh, empty database for one test file: PGlite in memory, or a new PostgreSQL database
 * created from DATABASE_URL and dropped afterwards. No mocks (STYLE.md §11).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_ENGINE === 'pglite') {
    const db = await openDatabase({});
    return { db, url: undefined, drop: () => db.close() };
  }
  const admin = serverUrl();
  const name = `ehis_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 10 });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const dropper = new pg.Client({ connectionString: admin });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** A fresh database with every module's migrations applied (or only the ones given). */
export async function createMigratedTestDatabase(
  modules: readonly ModuleMigrations[] = moduleMigrations,
): Promise<TestDatabase> {
  const test = await createTestDatabase();
  try {
    await migrate(test.db, modules);
  } catch (error) {
    await test.drop();
    throw error;
  }
  return test;
}
