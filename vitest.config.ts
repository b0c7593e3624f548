import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { aliases } from './web/aliases.js';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    // The JSON report is what .ci/run counts from.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
          environment: 'node',
          // One PostgreSQL server for the run (a throwaway cluster unless ASSAY_TEST_PG_URL is set).
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        plugins: [react()],
        resolve: { alias: aliases },
        test: {
          name: 'web',
          include: ['web/src/**/*.test.ts', 'web/src/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['web/src/test-setup.ts'],
        },
      },
    ],
  },
});
