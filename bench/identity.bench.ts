import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import argon2 from 'argon2';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import { ARGON2_OPTIONS, hashPassword } from '../src/identity/passwords.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { startPlatform } from '../src/platform/platform.ts';
import { benchDatabases, fmt, measureRate } from './support.ts';

export interface IdentityBenchResult {
  readonly engine: string;
  readonly argon2VerifiesPerSecond: number;
  readonly loginsPerSecond: number;
  readonly unauthenticatedPerSecond: number;
  readonly authenticatedPerSecond: number;
  readonly ratio: number;
}

const PASSWORD = 'bench password that is long enough';

function cookiesOf(response: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (pair !== undefined && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return jar;
}

/**
 * Issue 4 item 10: password logins per second at the chosen argon2id cost (next to the bare
 * argon2id verification rate on the same machine), and the throughput of an authenticated request
 * divided by the same route unauthenticated (target ≥ 0.8), over real HTTP on loopback.
 */
export async function benchIdentity(
  options: { logins?: number; requests?: number; concurrency?: number } = {},
): Promise<IdentityBenchResult[]> {
  const logins = options.logins ?? 200;
  const requests = options.requests ?? 8000;
  const concurrency = options.concurrency ?? 32;
  const results: IdentityBenchResult[] = [];
  for (const bench of await benchDatabases()) {
    const dataDir = mkdtempSync(join(tmpdir(), 'ehis-bench-identity-'));
    const config = loadConfig({ NODE_ENV: 'test', EHIS_DATA_DIR: dataDir, EHIS_DEMO: 'true' });
    const platform = await startPlatform(config, {
      db: bench.db,
      logger: pino({ level: 'silent' }),
    });
    const app = await buildApp(platform);
    try {
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const hash = await hashPassword(PASSWORD);
      const db = platform.db.kysely;
      const accounts = Array.from({ length: 20 }, (_, i) => `bench.user${i}`);
      for (const username of accounts) {
        await db
          .insertInto('identity.account' as never)
          .values({
            id: randomUUID(),
            kind: 'natural-person',
            username,
            username_key: username,
            password_hash: hash,
            status: 'active',
            created_at: new Date(),
          } as never)
          .execute();
      }
      const csrf = cookiesOf(await fetch(`${address}/api/auth/csrf`)).get('ehis_csrf') ?? '';

      const argon2VerifiesPerSecond = await measureRate(logins, concurrency, () =>
        argon2.verify(hash, PASSWORD),
      );
      let session = '';
      const loginsPerSecond = await measureRate(logins, concurrency, async (i) => {
        const res = await fetch(`${address}/api/auth/login`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: `ehis_csrf=${csrf}`,
            'x-csrf-token': csrf,
          },
          body: JSON.stringify({ username: accounts[i % accounts.length], password: PASSWORD }),
        });
        if (res.status !== 200) throw new Error(`login answered ${res.status}`);
        session = cookiesOf(res).get('ehis_session') ?? session;
        await res.arrayBuffer();
      });

      // The same route, once without and once with a session (resolved from the database).
      const get = (cookie: string) => async () => {
        const res = await fetch(`${address}/api/auth/csrf`, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`answered ${res.status}`);
        await res.arrayBuffer();
      };
      const anonymous = get(`ehis_csrf=${csrf}`);
      const signedIn = get(`ehis_csrf=${csrf}; ehis_session=${session}`);
      await measureRate(500, concurrency, anonymous); // warm-up
      await measureRate(500, concurrency, signedIn);
      // Alternate quarters, each side first in turn, so that drift on a busy machine hits both
      // sides alike.
      let unauthenticated = 0;
      let authenticated = 0;
      for (let round = 0; round < 4; round++) {
        const first = round % 2 === 0 ? anonymous : signedIn;
        const second = round % 2 === 0 ? signedIn : anonymous;
        const a = await measureRate(requests / 4, concurrency, first);
        const b = await measureRate(requests / 4, concurrency, second);
        unauthenticated += round % 2 === 0 ? a : b;
        authenticated += round % 2 === 0 ? b : a;
      }
      results.push({
        engine: bench.label,
        argon2VerifiesPerSecond,
        loginsPerSecond,
        unauthenticatedPerSecond: unauthenticated / 4,
        authenticatedPerSecond: authenticated / 4,
        ratio: authenticated / unauthenticated,
      });
    } finally {
      await app.close();
      await platform.close();
      await bench.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return results;
}

export function printIdentity(results: readonly IdentityBenchResult[]): void {
  console.log(
    `\nIdentity (issue 4 item 10) — argon2id m=${ARGON2_OPTIONS.memoryCost} KiB, t=${ARGON2_OPTIONS.timeCost}, p=${ARGON2_OPTIONS.parallelism}; HTTP on loopback`,
  );
  for (const r of results) {
    console.log(
      `  ${r.engine.padEnd(10)} password logins ${fmt(r.loginsPerSecond, 1)}/s (bare argon2id verify ${fmt(r.argon2VerifiesPerSecond, 1)}/s) · ` +
        `GET /api/auth/csrf anonymous ${fmt(r.unauthenticatedPerSecond)}/s, with session ${fmt(r.authenticatedPerSecond)}/s → ratio ${fmt(r.ratio, 2)} (target ≥ 0.8)`,
    );
  }
}
