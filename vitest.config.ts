import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // One PostgreSQL server for the run (a throwaway cluster unless ASSAY_TEST_PG_URL is set).
    globalSetup: ['test/support/global-setup.ts'],
    // The JSON report is what .ci/run counts from.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
