import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // The run's scratch directory (tests/support/global-setup.ts, run-dir.ts).
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    // Two cores: the end-to-end and crash tests start their own server processes.
    maxWorkers: 2,
  },
});
