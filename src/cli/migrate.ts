// npm run migrate — applies pending migrations of every module to the configured database.
import { openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { moduleMigrations } from '../modules.ts';
import { failCli, loadCliConfig } from './cli-support.ts';

const config = loadCliConfig();
try {
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    const { applied } = await migrate(db, moduleMigrations);
    process.stdout.write(
      applied.length === 0
        ? 'Nothing to migrate: the database is up to date.\n'
        : `Applied:\n${applied.map((m) => `  ${m}\n`).join('')}`,
    );
  } finally {
    await db.close();
  }
} catch (error) {
  failCli(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
}
