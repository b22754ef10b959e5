import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

/**
 * Starts the real server (`node src/server.ts`) once for all e2e files: a fresh data folder,
 * embedded PGlite, demo mode, and a free port. The web app is not built here — `npm install`
 * builds web/dist — so a stale build is the developer's to refresh with `npm run build:web`.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:41234, without a trailing slash. */
    baseUrl: string;
    /**
     * The server's data folder (the demo operator's certificate is in `demo/operator.p12`);
     * EHIS_E2E_DATA_DIR for an external server, '' when unknown.
     */
    dataDir: string;
  }
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HEALTH_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
/** Enough persons for a table worth searching, few enough that seeding stays quick. */
const DEMO_PERSONS = '120';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}

/** Keeps the last lines a process wrote, to show them when the start fails. */
function tail(stream: NodeJS.ReadableStream | null, limit = 60): () => string {
  const lines: string[] = [];
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    lines.push(...chunk.split('\n').filter((line) => line !== ''));
    lines.splice(0, Math.max(0, lines.length - limit));
  });
  return () => lines.join('\n');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHealth(
  baseUrl: string,
  server: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(
        `node src/server.ts exited (${server.exitCode ?? server.signalCode}) before it was healthy:\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      const body: unknown = await response.json();
      if (
        response.ok &&
        typeof body === 'object' &&
        body !== null &&
        'status' in body &&
        body.status === 'ok'
      ) {
        return;
      }
      lastProblem = `HTTP ${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(
    `${baseUrl}/api/health was not healthy within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${lastProblem}).\nServer output:\n${output()}`,
  );
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  // SIGTERM lets the server close PGlite cleanly; SIGKILL only if it hangs.
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234, without a trailing slash. */
  readonly baseUrl: string;
  readonly dataDir: string;
  /** Stops the server and deletes its data folder. */
  stop(): Promise<void>;
}

/**
 * Starts `node src/server.ts` in demo mode with a fresh data folder on a free port, and waits
 * until it is healthy. `extraEnv` adds to the configuration, e.g. a smaller demo population.
 */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ehis-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  // Only what the server is configured by; an inherited DATABASE_URL or NODE_ENV=production
  // would point the test at a real database or refuse demo mode, and an inherited
  // EHIS_OPERATOR_TOKEN would stop the server (operators log in now).
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  delete env.EHIS_OPERATOR_TOKEN;
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    EHIS_DATA_DIR: dataDir,
    EHIS_DEMO: 'true',
    EHIS_DEMO_PERSONS: DEMO_PERSONS,
    ...extraEnv,
  });

  // process.execPath: the pinned Node 24 that runs Vitest, which can run .ts files directly.
  const server = spawn(process.execPath, ['src/server.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = tail(server.stdout);
  const stderr = tail(server.stderr);
  const output = () => `--- stderr ---\n${stderr()}\n--- stdout ---\n${stdout()}`;

  const stopAndClean = async () => {
    await stop(server);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, server, output);
  } catch (error) {
    await stopAndClean();
    throw error;
  }
  return { baseUrl, dataDir, stop: stopAndClean };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // EHIS_E2E_BASE_URL runs the suite against a server that is already up (a developer's own,
  // or a pre-production environment) instead of starting one.
  const external = process.env.EHIS_E2E_BASE_URL;
  if (external !== undefined && external !== '') {
    project.provide('baseUrl', external.replace(/\/+$/, ''));
    project.provide('dataDir', process.env.EHIS_E2E_DATA_DIR ?? '');
    return async () => {};
  }

  const server = await startServer();
  project.provide('baseUrl', server.baseUrl);
  project.provide('dataDir', server.dataDir);
  return () => server.stop();
}
