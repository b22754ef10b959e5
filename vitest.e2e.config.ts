import { defineConfig } from 'vitest/config';

// Browser end-to-end tests (test/e2e/*.e2e.ts, STYLE.md §12): one real server started by the
// global setup, one Chromium, files run one after another so they do not compete for either.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // Starting PGlite and seeding demo data takes seconds; a browser page a few more.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
