import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { systemClock } from '../time/clock.ts';
import { pkiMigrations } from './index.ts';
import { CertificateAuthority } from './pki.service.ts';
import type { PkiTables } from './pki.store.ts';
import { memberSubject } from './pki.x509.ts';

export interface PkiBenchResult {
  /** A certificate seen before: what the gateway does on almost every request. */
  readonly validationsPerSecond: number;
  /** A certificate seen for the first time: parse, signature check, key import. */
  readonly coldValidationsPerSecond: number;
}

async function rate(total: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < total; i += 1) await op(i);
  return Math.round(total / ((performance.now() - started) / 1000));
}

/**
 * Validations per second of member certificates as the exchange gateway calls them: the PEM of
 * one certificate again and again (warm), and of certificates not seen before (cold). The
 * database is an in-memory PGlite: validation itself does not touch it.
 */
export async function benchValidate(
  options: { total?: number; cold?: number } = {},
): Promise<PkiBenchResult> {
  const total = options.total ?? 200_000;
  const coldTotal = options.cold ?? 300;
  const db = await openDatabase({});
  const dataDir = await mkdtemp(join(tmpdir(), 'ehis-pki-bench-'));
  let ca: CertificateAuthority | undefined;
  try {
    await migrate(db, [pkiMigrations]);
    ca = await CertificateAuthority.open({
      db: db.typed<PkiTables>(),
      clock: systemClock,
      dataDir,
    });
    const authority = ca;
    const pems: string[] = [];
    for (let i = 0; i < coldTotal + 1; i += 1) {
      const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
        'sign',
        'verify',
      ]);
      const subsystem = `subsystem-${i}`;
      const cert = await authority.issueCertificate({
        profile: 'member',
        subject: memberSubject('health', subsystem),
        member: { member: 'health', subsystem },
        publicKey: keys.publicKey,
        validDays: 365,
      });
      pems.push(cert.pem);
    }
    const [hot = '', ...cold] = pems;
    const check = async (pem: string): Promise<void> => {
      const result = await authority.validateChain(pem, new Date(), { profile: 'member' });
      if (!result.ok) throw new Error(`benchmark certificate refused: ${result.reason}`);
    };
    // Warm-up, so the JIT has compiled both paths before anything is timed.
    for (let i = 0; i < 2000; i += 1) await check(hot);
    const coldValidationsPerSecond = await rate(cold.length, (i) => check(cold[i] ?? ''));
    const validationsPerSecond = await rate(total, () => check(hot));
    return { validationsPerSecond, coldValidationsPerSecond };
  } finally {
    await ca?.close();
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function printPki(result: PkiBenchResult): void {
  console.log(
    `pki: validateChain ${result.validationsPerSecond.toLocaleString('en')}/s warm, ` +
      `${result.coldValidationsPerSecond.toLocaleString('en')}/s first sight`,
  );
}
