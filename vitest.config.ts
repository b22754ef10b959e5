import { defineConfig } from 'vitest/config';

// Unit (*.test.ts) and integration (*.int.test.ts) tests. EHIS_TEST_DB=postgres runs the same
// suites against the PostgreSQL server in DATABASE_URL instead of embedded PGlite.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
