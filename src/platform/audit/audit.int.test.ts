import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/database.ts';
import { generateSigningKey, type SigningKey } from '../crypto/signing-key.ts';
import { FixedClock } from '../time/clock.ts';
import { AuditLog } from './audit.service.ts';
import type { AuditTables } from './audit.store.ts';
import type { AuditEvent } from './audit.schema.ts';
import { createMigratedTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';

const event = (i: number): AuditEvent => ({
  actor: `staff:${i % 7}`,
  action: 'test.read',
  subjectFin: i % 3 === 0 ? `${i % 10}ABC12${i % 10}` : undefined,
  resource: `record:${i}`,
  purpose: 'testing',
  legalBasis: i % 2 === 0 ? 'Law on personal data' : undefined,
  outcome: 'success',
});

describe('OPS-004-6.1.8 / OPS-001-2.10.2: the hash-chained audit log', () => {
  let test: TestDatabase;
  let db: Database;
  let key: SigningKey;
  let clock: FixedClock;
  let log: AuditLog;

  beforeEach(async () => {
    test = await createMigratedTestDatabase();
    db = test.db;
    key = (await generateSigningKey()).key;
    clock = new FixedClock('2026-11-23T10:00:00Z');
    log = new AuditLog({
      db: db.typed<AuditTables>(),
      clock,
      signingKey: key,
      checkpointEvery: 10,
    });
  });
  afterEach(async () => {
    await log.flush();
    await test.drop();
  });

  async function appendMany(n: number, target: AuditLog = log): Promise<void> {
    await Promise.all(Array.from({ length: n }, (_, i) => target.append(event(i))));
  }

  /** Tampering as a DBA would: with the append-only triggers switched off. */
  async function tamper(statement: string): Promise<void> {
    await db.execScript(`
      ALTER TABLE audit.entry DISABLE TRIGGER entry_append_only;
      ALTER TABLE audit.checkpoint DISABLE TRIGGER checkpoint_append_only;
      ${statement};
      ALTER TABLE audit.entry ENABLE TRIGGER entry_append_only;
      ALTER TABLE audit.checkpoint ENABLE TRIGGER checkpoint_append_only;`);
  }

  it('200 concurrent appends form one unbroken chain with contiguous sequence numbers', async () => {
    const receipts = await Promise.all(Array.from({ length: 200 }, (_, i) => log.append(event(i))));
    const seqs = receipts.map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(await log.verify()).toMatchObject({
      ok: true,
      entries: 200,
      firstBadSeq: null,
      headSeq: 200,
    });
  });

  it('two appenders on the same database (two app nodes) never fork the chain', async () => {
    let second: AuditLog;
    let secondDb: Database | undefined;
    if (test.url === undefined) {
      // PGlite has one connection: a second log instance in the same process shares it.
      second = new AuditLog({
        db: db.typed<AuditTables>(),
        clock,
        signingKey: key,
        checkpointEvery: 10,
      });
    } else {
      secondDb = await openDatabase({ url: test.url, poolSize: 5 });
      second = new AuditLog({
        db: secondDb.typed<AuditTables>(),
        clock,
        signingKey: key,
        checkpointEvery: 10,
      });
    }
    try {
      await Promise.all([appendMany(150, log), appendMany(150, second), appendMany(50, log)]);
      expect(await log.verify()).toMatchObject({ ok: true, entries: 350 });
    } finally {
      await second.flush();
      await secondDb?.close();
    }
  });

  it('the application cannot change or delete history (append-only trigger)', async () => {
    await appendMany(3);
    await expect(
      sql`UPDATE audit.entry SET actor = 'x' WHERE seq = 1`.execute(db.kysely),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit.entry WHERE seq = 1`.execute(db.kysely)).rejects.toThrow(
      /append-only/,
    );
    expect(await log.verify()).toMatchObject({ ok: true, entries: 3 });
  });

  it('an edited row is found', async () => {
    await appendMany(30);
    await tamper(`UPDATE audit.entry SET purpose = 'other' WHERE seq = 17`);
    expect(await log.verify()).toMatchObject({ ok: false, firstBadSeq: 17 });
  });

  it('an edited row with a recomputed hash is still found (the next link breaks)', async () => {
    await appendMany(30);
    const { hashEntry } = await import('./audit.hash.ts');
    const row = await db
      .typed<AuditTables>()
      .selectFrom('audit.entry')
      .selectAll()
      .where('seq', '=', 12)
      .executeTakeFirstOrThrow();
    const forged = hashEntry({
      seq: 12,
      at: row.at,
      actor: 'staff:forged',
      onBehalfOf: row.on_behalf_of ?? undefined,
      action: row.action,
      subjectFin: row.subject_fin ?? undefined,
      resource: row.resource ?? undefined,
      purpose: row.purpose ?? undefined,
      legalBasis: row.legal_basis ?? undefined,
      outcome: row.outcome,
      prevHash: row.prev_hash,
    });
    await tamper(
      `UPDATE audit.entry SET actor = 'staff:forged', hash = '${forged}' WHERE seq = 12`,
    );
    expect(await log.verify()).toMatchObject({ ok: false, firstBadSeq: 13 });
  });

  it('a deleted row is found', async () => {
    await appendMany(30);
    await tamper(`DELETE FROM audit.entry WHERE seq = 9`);
    expect(await log.verify()).toMatchObject({ ok: false, firstBadSeq: 9 });
  });

  it('an inserted row is found', async () => {
    await appendMany(30);
    await tamper(`
      UPDATE audit.entry SET seq = seq + 1000 WHERE seq > 20;
      UPDATE audit.entry SET seq = seq - 999 WHERE seq > 1000;
      INSERT INTO audit.entry (seq, at, actor, action, outcome, prev_hash, hash)
        SELECT 21, at, 'staff:intruder', 'test.read', 'success', hash, hash FROM audit.entry WHERE seq = 20`);
    expect(await log.verify()).toMatchObject({ ok: false, firstBadSeq: 21 });
  });

  it('reordered rows are found', async () => {
    await appendMany(30);
    await tamper(`
      UPDATE audit.entry SET seq = 100000 WHERE seq = 5;
      UPDATE audit.entry SET seq = 5 WHERE seq = 6;
      UPDATE audit.entry SET seq = 6 WHERE seq = 100000`);
    expect(await log.verify()).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('a truncated tail is found through the signed head', async () => {
    await appendMany(25);
    await tamper(`DELETE FROM audit.entry WHERE seq > 22`);
    expect(await log.verify()).toMatchObject({ ok: false, firstBadSeq: 23 });
  });

  it('a truncated tail with the head rewritten to match is found (signature, checkpoints)', async () => {
    await appendMany(25);
    await tamper(`
      DELETE FROM audit.entry WHERE seq > 22;
      UPDATE audit.head SET seq = 22, hash = (SELECT hash FROM audit.entry WHERE seq = 22)`);
    const result = await log.verify();
    expect(result.ok).toBe(false);
    expect(result.firstBadSeq).toBe(23);
  });

  it('entries appended behind the signed head are found', async () => {
    await appendMany(5);
    await tamper(`
      INSERT INTO audit.entry (seq, at, actor, action, outcome, prev_hash, hash)
        SELECT 6, at, 'staff:intruder', 'test.read', 'success', hash, repeat('a', 64) FROM audit.entry WHERE seq = 5`);
    expect(await log.verify()).toMatchObject({ ok: false, firstBadSeq: 6 });
  });

  it('a head signed by another key is refused', async () => {
    await appendMany(5);
    const other = new AuditLog({
      db: db.typed<AuditTables>(),
      clock,
      signingKey: (await generateSigningKey()).key,
    });
    expect(await other.verify()).toMatchObject({ ok: false });
  });

  it('OPS-ALL-LOG: entries about one person can be read back by FİN', async () => {
    await appendMany(30);
    const entries = await log.entriesForSubject('3ABC123');
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.subjectFin === '3ABC123')).toBe(true);
  });
});
