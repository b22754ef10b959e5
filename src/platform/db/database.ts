import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';

export type DbKind = 'pglite' | 'postgres';

/**
 * One query layer over two engines: embedded PGlite (default, nothing to install) and a
 * PostgreSQL server (`DATABASE_URL`). Modules type their own tables with `typed<T>()`.
 */
export interface Database {
  readonly kind: DbKind;
  // The shared handle is untyped on purpose: each store narrows it to its own module's tables.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly kysely: Kysely<any>;
  typed<T>(): Kysely<T>;
  /** Runs a multi-statement SQL script (migrations); the extended protocol allows only one. */
  execScript(sql: string): Promise<void>;
  /**
   * Bulk-loads CSV text with COPY FROM STDIN: the fastest path on both engines.
   * `columns` are quoted identifiers in file order.
   */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
  /**
   * Runs `work` while holding a cluster-wide lock, so that two app nodes starting together do not
   * both migrate. PGlite has one connection in one process: nothing to lock against.
   */
  withExclusiveLock<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Calls `onNotify` on NOTIFY for the channel; returns an unsubscribe function. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent PGlite is used. */
  readonly url?: string | undefined;
  /** Folder for the PGlite data; absent means in memory (tests). */
  readonly dataDir?: string | undefined;
  readonly poolSize?: number;
  /** Told when the server drops an idle pooled connection (logged; the pool recovers). */
  readonly onIdleError?: (error: Error) => void;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.url === undefined
    ? openPglite(options.dataDir)
    : openPostgres(options.url, options.poolSize ?? 10, options.onIdleError);
}

/**
 * Both engines return the same JavaScript values: int8 as number (sequence numbers and counts stay
 * far below 2^53), date as its ISO text (a calendar date has no time zone), numeric as text.
 */
const INT8_OID = 20;
const DATE_OID = 1082;
const pgliteParsers = {
  [INT8_OID]: (value: string) => Number(value),
  [DATE_OID]: (value: string) => value,
};
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID) return (value: string) => Number(value);
    if (oid === DATE_OID) return (value: string) => value;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Closing twice (a test's drop after the platform's close) must be harmless. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

function qualified(table: string): string {
  return table
    .split('.')
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join('.');
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let client: PGlite;
  if (dataDir === undefined) {
    client = new PGlite({ parsers: pgliteParsers });
  } else {
    const dir = join(dataDir, 'pgdata');
    mkdirSync(dir, { recursive: true });
    client = new PGlite(dir, { parsers: pgliteParsers });
  }
  await client.waitReady;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const kysely = new Kysely<any>({ dialect: new PGliteDialect({ pglite: client }) });
  return {
    kind: 'pglite',
    kysely,
    typed<T>(): Kysely<T> {
      // The one place the untyped handle is narrowed to a module's tables.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-return
      return kysely;
    },
    async execScript(sql) {
      await client.exec(sql);
    },
    async copyCsv(table, columns, csv) {
      // PGlite reads COPY FROM '/dev/blob' from the blob passed alongside the query.
      await client.query(
        `COPY ${qualified(table)} (${columns.map((c) => `"${c}"`).join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`,
        [],
        { blob: new Blob([csv]) },
      );
    },
    async withExclusiveLock(_name, work) {
      return work();
    },
    async listen(channel, onNotify) {
      const unsubscribe = await client.listen(channel, () => onNotify());
      return unsubscribe;
    },
    close: once(async () => {
      await kysely.destroy();
      if (!client.closed) await client.close();
    }),
  };
}

async function openPostgres(
  url: string,
  poolSize: number,
  onIdleError: ((error: Error) => void) | undefined,
): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes });
  // An idle connection dropped by the server (restart, failover, admin) must not crash the
  // process: the pool discards it and the next query opens a new one.
  pool.on('error', (error) => onIdleError?.(error));
  // Fail at start, not on the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const kysely = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Set<pg.PoolClient>();
  return {
    kind: 'postgres',
    kysely,
    typed<T>(): Kysely<T> {
      // The one place the untyped handle is narrowed to a module's tables.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-return
      return kysely;
    },
    async execScript(sql) {
      await pool.query(sql);
    },
    async copyCsv(table, columns, csv) {
      const { from } = await import('pg-copy-streams');
      const client = await pool.connect();
      try {
        const stream = client.query(
          from(
            `COPY ${qualified(table)} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN WITH (FORMAT csv)`,
          ),
        );
        await new Promise<void>((resolvePromise, reject) => {
          stream.on('error', reject);
          stream.on('finish', resolvePromise);
          stream.end(csv);
        });
      } finally {
        client.release();
      }
    },
    async withExclusiveLock(name, work) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
        }
      } finally {
        client.release();
      }
    },
    async listen(channel, onNotify) {
      const client = await pool.connect();
      listeners.add(client);
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      await client.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
      return async () => {
        if (!listeners.delete(client)) return;
        try {
          await client.query(`UNLISTEN "${channel.replaceAll('"', '""')}"`);
        } finally {
          client.release();
        }
      };
    },
    close: once(async () => {
      for (const client of listeners) client.release();
      listeners.clear();
      await kysely.destroy();
    }),
  };
}
