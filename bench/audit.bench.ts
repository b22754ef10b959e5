import { sql } from 'kysely';
import { migrate } from '../src/platform/db/migrate.ts';
import { moduleMigrations } from '../src/modules.ts';
import { AuditLog } from '../src/platform/audit/audit.service.ts';
import type { AuditTables } from '../src/platform/audit/audit.store.ts';
import type { AuditEvent } from '../src/platform/audit/audit.schema.ts';
import { generateSigningKey } from '../src/platform/crypto/signing-key.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { benchDatabases, fmt, measureRate } from './support.ts';

export interface AuditBenchResult {
  readonly engine: string;
  readonly appendsPerSecond: number;
  readonly insertsPerSecond: number;
  readonly ratio: number;
  readonly verifyPerSecond: number;
}

const event = (i: number): AuditEvent => ({
  actor: `staff:${i % 50}`,
  action: 'bench.read',
  subjectFin: `${i % 10}ABC${String(i % 1000).padStart(3, '0')}`,
  resource: `record:${i}`,
  purpose: 'benchmark',
  legalBasis: 'Law on personal data',
  outcome: 'success',
});

/**
 * Audit-log appends per second against plain single-row inserts into a table of the same shape,
 * measured side by side with the same number of concurrent callers (issue 2, item 16: ≥ 0.7).
 */
export async function benchAudit(
  options: { total?: number; concurrency?: number } = {},
): Promise<AuditBenchResult[]> {
  const total = options.total ?? 5000;
  const concurrency = options.concurrency ?? 50;
  const results: AuditBenchResult[] = [];
  const { key } = await generateSigningKey();
  for (const bench of await benchDatabases()) {
    try {
      const { db } = bench;
      await migrate(db, moduleMigrations);
      await db.execScript(
        `CREATE SCHEMA bench; CREATE TABLE bench.plain_entry (LIKE audit.entry INCLUDING ALL);`,
      );
      const log = new AuditLog({
        db: db.typed<AuditTables>(),
        clock: systemClock,
        signingKey: key,
      });
      let plainSeq = 0;
      const plain = async (i: number): Promise<void> => {
        const e = event(i);
        plainSeq += 1;
        await sql`INSERT INTO bench.plain_entry (seq, at, actor, action, subject_fin, resource, purpose, legal_basis, outcome, prev_hash, hash)
          VALUES (${plainSeq}, ${new Date()}, ${e.actor}, ${e.action}, ${e.subjectFin ?? null}, ${e.resource ?? null}, ${e.purpose ?? null}, ${e.legalBasis ?? null}, ${e.outcome}, ${'0'.repeat(64)}, ${'0'.repeat(64)})`.execute(
          db.kysely,
        );
      };
      const append = (i: number) => log.append(event(i));
      // Warm up both paths, then alternate and keep the best of two runs each.
      await measureRate(500, concurrency, plain);
      await measureRate(500, concurrency, append);
      let insertsPerSecond = 0;
      let appendsPerSecond = 0;
      for (let round = 0; round < 2; round++) {
        insertsPerSecond = Math.max(
          insertsPerSecond,
          await measureRate(total, concurrency, (i) => plain(i + 1000 + round * total)),
        );
        appendsPerSecond = Math.max(
          appendsPerSecond,
          await measureRate(total, concurrency, append),
        );
      }
      const started = process.hrtime.bigint();
      const verified = await log.verify();
      const verifySeconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (!verified.ok)
        throw new Error(`benchmark chain does not verify: ${JSON.stringify(verified)}`);
      results.push({
        engine: bench.label,
        appendsPerSecond,
        insertsPerSecond,
        ratio: appendsPerSecond / insertsPerSecond,
        verifyPerSecond: verified.entries / verifySeconds,
      });
    } finally {
      await bench.drop();
    }
  }
  return results;
}

export function printAudit(results: readonly AuditBenchResult[]): void {
  console.log(
    '\nAudit log: hash-chained appends vs plain inserts (same shape, 50 concurrent callers)',
  );
  for (const r of results) {
    console.log(
      `  ${r.engine.padEnd(11)} appends ${fmt(r.appendsPerSecond).padStart(8)}/s   plain inserts ${fmt(r.insertsPerSecond).padStart(8)}/s   ratio ${fmt(r.ratio, 2)} (target ≥ 0.70) ${r.ratio >= 0.7 ? 'OK' : 'BELOW TARGET'}   verify ${fmt(r.verifyPerSecond)} entries/s`,
    );
  }
}
