// npm run seed -- --persons N --seed S [--as-of YYYY-MM-DD] [--chunk N]
// Fills the configured database (DATABASE_URL, else PGlite in EHIS_DATA_DIR) with a synthetic
// population: the same seed, size and date give the same people, byte for byte.
import { parseArgs } from 'node:util';
import { openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { isIsoDate } from '../platform/time/index.ts';
import { moduleMigrations } from '../modules.ts';
import {
  DEMO_SEED,
  PopulationNotEmptyError,
  seedPopulation,
  withSeedMigrations,
  type SeedProgress,
} from '../platform/demo/index.ts';
import { failCli, loadCliConfig } from './cli-support.ts';

const USAGE = `usage: npm run seed -- --persons N [--seed S] [--as-of YYYY-MM-DD] [--chunk N]
  --persons N   how many people to make (the dead included)
  --seed S      any text or number; the same seed makes the same people (default ${DEMO_SEED})
  --as-of D     the day the data describes (default: today in Baku)
  --chunk N     people per bulk load (default 20000)
The database must have no people yet: seeding refuses to mix two populations.`;

function wholeNumber(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < min) {
    failCli(`--${name} must be a whole number of at least ${min} (got "${raw}")\n${USAGE}`);
  }
  return value;
}

function reporter(): (progress: SeedProgress) => void {
  const tty = process.stderr.isTTY;
  return ({ persons, total, seconds }) => {
    const rate = seconds > 0 ? Math.round(persons / seconds) : 0;
    const percent = total > 0 ? Math.floor((persons / total) * 100) : 100;
    const line = `seeding: ${persons.toLocaleString('en')} / ${total.toLocaleString('en')} persons (${percent}%), ${rate.toLocaleString('en')} persons/s`;
    process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    if (tty && persons >= total) process.stderr.write('\n');
  };
}

const OPTIONS = {
  persons: { type: 'string' },
  seed: { type: 'string' },
  'as-of': { type: 'string' },
  chunk: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseCommandLine(): ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'] {
  try {
    return parseArgs({ options: OPTIONS, strict: true }).values;
  } catch (error) {
    failCli(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

const args = parseCommandLine();
if (args.help === true) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const persons = wholeNumber('persons', args.persons, 0);
if (persons === undefined) failCli(`--persons is required\n${USAGE}`);
const chunkSize = wholeNumber('chunk', args.chunk, 1);
const asOf = args['as-of'];
if (asOf !== undefined && !isIsoDate(asOf)) {
  failCli(`--as-of must be a date YYYY-MM-DD (got "${asOf}")`);
}
const seed = args.seed ?? DEMO_SEED;

const config = loadCliConfig();
let failure: string | undefined;
try {
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 4 });
  try {
    await migrate(db, withSeedMigrations(moduleMigrations));
    const where =
      db.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
    process.stderr.write(`seeding ${persons.toLocaleString('en')} persons into ${where}\n`);
    const report = await seedPopulation(db, {
      persons,
      seed,
      ...(asOf === undefined ? {} : { asOf }),
      ...(chunkSize === undefined ? {} : { chunkSize }),
      onProgress: reporter(),
    });
    process.stdout.write(
      `Seeded ${report.persons.toLocaleString('en')} persons (seed ${report.seed}, as of ${report.asOf}) ` +
        `in ${report.seconds.toFixed(1)} s: ${Math.round(report.persons / Math.max(report.seconds, 0.001)).toLocaleString('en')} persons/s; ` +
        `${report.showcase} demo persons.\n`,
    );
  } finally {
    await db.close();
  }
} catch (error) {
  failure =
    error instanceof PopulationNotEmptyError
      ? `refusing to seed: ${error.message}`
      : `seeding failed: ${error instanceof Error ? error.message : String(error)}`;
}
if (failure !== undefined) failCli(failure);
