import { defineConfig } from 'vitest/config';

/**
 * Folders of tests that run in shared workers (`isolate: false`): each worker imports the
 * project's modules once for all their files, not once per file (import took 552 s summed over the
 * 99 files isolated, 94 s shared, at load 15–30; the pane's taskpane, sync, indicators and
 * playground folders, 104 files, took 174 s of CPU isolated and 120 s shared at load 17–19). A
 * folder listed here has no `vi.mock`, restores every global or spy it sets, and its modules keep
 * no state one file could leave to the next; a folder that does not stays in the isolated project.
 */
const SHARED_WORKERS = [
  'tests/shared/**/*.test.ts',
  'tests/addin/excel-emulator/**/*.test.ts',
  'tests/addin/functions/**/*.test.ts',
  'tests/addin/excel/**/*.test.ts',
  'tests/addin/taskpane/**/*.test.ts',
  'tests/addin/sync/**/*.test.ts',
  'tests/addin/indicators/**/*.test.ts',
  'tests/addin/playground/**/*.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // The run's scratch directory (tests/support/global-setup.ts, run-dir.ts).
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    // Two cores: the end-to-end and crash tests start their own server processes.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: SHARED_WORKERS, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ['tests/**/*.test.ts'], exclude: SHARED_WORKERS } },
    ],
  },
});
