import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SERVER = new URL('../../src/server.ts', import.meta.url).pathname;
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ehis-server-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `node src/server.ts` with only the given variables (plus PATH) and waits for it to exit. */
function runServer(env: Record<string, string>, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not exit in time; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('starting the server with bad configuration', () => {
  it('an unknown NODE_ENV stops it with one line naming the variable, exit 1', async () => {
    const run = await runServer({ NODE_ENV: 'prod', EHIS_DATA_DIR: tempDir() });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^EHİS: configuration error: NODE_ENV: must be one of/);
  });

  it('a malformed DATABASE_URL names DATABASE_URL', async () => {
    const run = await runServer({ DATABASE_URL: 'mysql://x@y/z', EHIS_DATA_DIR: tempDir() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/DATABASE_URL/);
  });

  it('an unreachable DATABASE_URL names DATABASE_URL', async () => {
    const run = await runServer({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      EHIS_DATA_DIR: tempDir(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^EHİS: DATABASE_URL: cannot connect/);
  });

  it('production refuses demo mode', async () => {
    const run = await runServer({
      NODE_ENV: 'production',
      EHIS_DEMO: 'true',
      EHIS_DATA_DIR: tempDir(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/EHIS_DEMO|DATABASE_URL|EHIS_AUDIT_SIGNING_KEY/);
  });

  it('a port in use names PORT', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const run = await runServer({
        PORT: String(port),
        EHIS_DATA_DIR: tempDir(),
        EHIS_DEMO_PERSONS: '50',
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^EHİS: PORT: ${port} on 127.0.0.1 is already in use`));
    } finally {
      blocker.close();
    }
  });
});
