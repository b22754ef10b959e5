import { sql, type Kysely } from 'kysely';
import type { ExchangeTables } from './exchange.store.ts';

function monthStart(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 1));
  return d.toISOString().slice(0, 10);
}

/**
 * The message log is partitioned by month (issue 3 item 6): a month's partition is created
 * before the month begins, so rows never land in the catch-all partition, and old months can be
 * detached and archived whole (`ALTER TABLE exchange.message DETACH PARTITION …`). Creates this
 * month's and the next `ahead` months' partitions; safe to run at any time, on any node.
 */
export async function ensureMessagePartitions(
  db: Kysely<ExchangeTables>,
  now: Date,
  ahead = 2,
): Promise<string[]> {
  const created: string[] = [];
  for (let i = 0; i <= ahead; i++) {
    const year = now.getUTCFullYear();
    const month = now.getUTCMonth() + i;
    const from = monthStart(year, month);
    const to = monthStart(year, month + 1);
    const name = `message_y${from.slice(0, 4)}m${from.slice(5, 7)}`;
    const exists = await sql<{
      present: boolean;
    }>`SELECT to_regclass(${`exchange.${name}`}) IS NOT NULL AS present`.execute(db);
    if (exists.rows[0]?.present === true) continue;
    try {
      // Names and bounds are built from the date above, never from input.
      await sql
        .raw(
          `CREATE TABLE exchange.${name} PARTITION OF exchange.message FOR VALUES FROM ('${from}') TO ('${to}')`,
        )
        .execute(db);
      await sql
        .raw(
          `COMMENT ON TABLE exchange.${name} IS 'Message log, ${from.slice(0, 7)} (partition of exchange.message).'`,
        )
        .execute(db);
      created.push(name);
    } catch (error) {
      // Another node created it in the meantime, or rows of that month already sit in the
      // catch-all partition (then the month stays there; nothing is lost).
      if ((error as { code?: string }).code !== '42P07') {
        const again = await sql<{
          present: boolean;
        }>`SELECT to_regclass(${`exchange.${name}`}) IS NOT NULL AS present`.execute(db);
        if (again.rows[0]?.present !== true && (error as { code?: string }).code !== '23514')
          throw error;
      }
    }
  }
  return created;
}
