import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt } from './support.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/**
 * Issue 2 item 16: time from `npm start` (here `node src/server.ts`, what it runs) on an empty data
 * folder — migrations, CA and keys, 2,000 demo persons, agencies joining the exchange — to the
 * first healthy answer of /api/health.
 */
export async function benchStartup(): Promise<{ seconds: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ehis-startup-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [new URL('../src/server.ts', import.meta.url).pathname], {
    env: {
      PATH: process.env.PATH ?? '',
      EHIS_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (performance.now() - started > 120_000)
        throw new Error('the server did not become healthy in 120 s');
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`, {
          signal: AbortSignal.timeout(1000),
        });
        if (response.status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { seconds: (performance.now() - started) / 1000 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printStartup(result: { seconds: number }): void {
  console.log(
    '\nStart-up: `npm start` on an empty data folder to a healthy /api/health (includes seeding 2,000 demo persons)',
  );
  console.log(
    `  ${fmt(result.seconds, 1)} s (target ≤ 10 s) ${result.seconds <= 10 ? 'OK' : 'ABOVE TARGET'}`,
  );
}
