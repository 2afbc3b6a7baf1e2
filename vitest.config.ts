import { defineConfig } from 'vitest/config';

// Process-based tests (real brokers, kcat, kafkajs) run in forks so a crash stays contained;
// two workers match the 2-core machine the suite is budgeted for.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Ends every process and temp folder a test file started (test/fixtures/tracked.ts).
    setupFiles: ['test/setup/cleanup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
