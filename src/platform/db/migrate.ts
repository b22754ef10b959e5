import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.ts';

/** A module's migrations: SQL files `NNNN_verb-object.sql` in `dir`, applied in name order. */
export interface ModuleMigrations {
  readonly module: string;
  readonly dir: URL;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE_NAME = /^\d{4}_[a-z0-9-]+\.sql$/;

interface MigrationTable {
  'platform.migration': { module: string; name: string; checksum: string; applied_at: Date };
}

const BOOTSTRAP = `
CREATE SCHEMA IF NOT EXISTS platform;
CREATE TABLE IF NOT EXISTS platform.migration (
  module text NOT NULL,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (module, name)
);
COMMENT ON TABLE platform.migration IS 'Migrations applied, per module; a file is never edited after it is applied (its checksum is checked).';
`;

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function listFiles(dir: URL): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(fileURLToPath(dir));
  } catch {
    return [];
  }
  return names.filter((name) => name.endsWith('.sql')).sort();
}

/**
 * Applies every pending migration, each atomically with its record (a multi-statement simple
 * query is one implicit transaction in PostgreSQL). Refuses to run when an applied file changed.
 */
export async function migrate(
  db: Database,
  modules: readonly ModuleMigrations[],
): Promise<{ applied: string[] }> {
  return db.withExclusiveLock('ehis-migrate', async () => {
    await db.execScript(BOOTSTRAP);
    const rows = await db
      .typed<MigrationTable>()
      .selectFrom('platform.migration')
      .select(['module', 'name', 'checksum'])
      .execute();
    const done = new Map(rows.map((row) => [`${row.module}/${row.name}`, row.checksum]));
    const applied: string[] = [];
    for (const { module, dir } of modules) {
      for (const name of await listFiles(dir)) {
        if (!FILE_NAME.test(name)) {
          throw new MigrationError(
            `${module}/${name}: migration files are named NNNN_verb-object.sql`,
          );
        }
        const text = await readFile(new URL(name, dir), 'utf8');
        const checksum = createHash('sha256').update(text).digest('hex');
        const key = `${module}/${name}`;
        const previous = done.get(key);
        if (previous !== undefined) {
          if (previous !== checksum) {
            throw new MigrationError(
              `${key} was edited after it was applied; add a new migration instead`,
            );
          }
          continue;
        }
        await db.execScript(
          `${text}\n;\nINSERT INTO platform.migration (module, name, checksum) VALUES (${quote(module)}, ${quote(name)}, ${quote(checksum)});`,
        );
        applied.push(key);
      }
    }
    return { applied };
  });
}

/** True when the platform tables exist (used by health checks and CLIs). */
export async function isMigrated(db: Database): Promise<boolean> {
  const result = await sql<{
    present: boolean;
  }>`SELECT to_regclass('platform.migration') IS NOT NULL AS present`.execute(db.kysely);
  return result.rows[0]?.present === true;
}
