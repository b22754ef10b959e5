import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/platform/config/config.ts';
import { startPlatform, type Platform } from '../../src/platform/platform.ts';
import type { Clock } from '../../src/platform/time/clock.ts';
import { createTestDatabase } from './test-db.ts';
import { silentLogger } from './logger.ts';

export interface TestPlatform {
  readonly platform: Platform;
  readonly config: Config;
  close(): Promise<void>;
}

/**
 * The real platform (migrations, keys, audit log, queue) on a fresh test database (PGlite in
 * memory, or a new PostgreSQL database with EHIS_TEST_DB=postgres) and a temporary data folder.
 */
export async function createTestPlatform(
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ehis-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    EHIS_DATA_DIR: dataDir,
    EHIS_DEMO: 'true',
    ...env,
  });
  const test = await createTestDatabase();
  const platform = await startPlatform(config, {
    db: test.db,
    logger: silentLogger(),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  return {
    platform,
    config,
    async close() {
      await platform.close();
      await test.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
