import { defineConfig } from 'vitest/config';

/**
 * Folders of tests that run in shared workers (`isolate: false`): each worker imports the
 * project's modules once for all their files, not once per file (import took 552 s summed over the
 * 99 files isolated, 94 s shared, at load 15–30; the pane's taskpane, sync, indicators and
 * playground folders, 104 files, took 174 s of CPU isolated and 120 s shared at load 17–19; the
 * server's http folder, 102 files, 404 s of CPU isolated and 203 s shared at load 8–22; the
 * storage and bench folders, 49 files, 155 s of CPU isolated, 129 s and 103 s shared at load
 * 12–20, import 124 s summed isolated, 54 s and 23 s shared; the server's own files and its scale
 * folder, 63 files, 304 s of CPU isolated and 202 s shared at load 10–20, import 316 s and 57 s
 * summed, the same files in the same shuffled order). A
 * folder listed here has no `vi.mock`, restores every global or spy it sets, and its modules keep
 * no state one file could leave to the next (what a module keeps running is ended after each file:
 * `tests/support/shared-worker-file.ts`); a folder that does not stays in the isolated project,
 * and a file of a listed folder that does not is named in {@link KEPT_ISOLATED}.
 */
export const SHARED_WORKERS = [
  'tests/shared/**/*.test.ts',
  'tests/addin/excel-emulator/**/*.test.ts',
  'tests/addin/functions/**/*.test.ts',
  'tests/addin/excel/**/*.test.ts',
  'tests/addin/taskpane/**/*.test.ts',
  'tests/addin/sync/**/*.test.ts',
  'tests/addin/indicators/**/*.test.ts',
  'tests/addin/playground/**/*.test.ts',
  'tests/server/auth/**/*.test.ts',
  'tests/server/http/**/*.test.ts',
  'tests/server/print/**/*.test.ts',
  'tests/server/rounds/**/*.test.ts',
  'tests/server/sync/**/*.test.ts',
  'tests/server/trust/**/*.test.ts',
  'tests/server/storage/**/*.test.ts',
  'tests/bench/**/*.test.ts',
  // The server's own folder (its files, not its sub-folders, which are listed above) and its scale
  // folder: files that start servers, PostgreSQL and Redis with ports of their own, each ending
  // what it started.
  'tests/server/*.test.ts',
  'tests/server/scale/**/*.test.ts',
  // Files that read the tree (architecture, build), run the build's scripts in process, or serve the
  // manifests' URLs from an app of their own, closed after (the 12 files: 23.6–27.7 s of CPU
  // isolated, 17.5–19.5 s shared at load 16–20, alternated).
  'tests/architecture/**/*.test.ts',
  'tests/build/**/*.test.ts',
  'tests/scripts/**/*.test.ts',
  'tests/manifests/**/*.test.ts',
];

/** Files of the folders above that run isolated all the same, each for the reason given. */
export const KEPT_ISOLATED = [
  // They measure time or memory: a shared worker's larger heap and the timers earlier files left
  // would be in the figure.
  'tests/server/sync/compact-quiet.test.ts',
  'tests/server/sync/presence.test.ts',
  'tests/server/sync/take-back-items.test.ts',
  'tests/server/http/import-files.test.ts',
  'tests/server/http/ods-read-event-loop.test.ts',
  'tests/server/http/ods-read.test.ts',
  'tests/server/storage/sqlite-checkpointer.test.ts',
  'tests/server/storage/sqlite-read-no-wait.test.ts',
  'tests/bench/client-pool.test.ts',
  'tests/bench/sched-wait.test.ts',
  // Shared, its asleep-or-runnable time fell under its 25 ms floor once (24.4 ms, files shuffled).
  'tests/bench/edit-trace.test.ts',
  // Counts the process's threads by name: a store an earlier file left open would add its own.
  'tests/bench/thread-cpu.test.ts',
  // `vi.mock` of storage, Yjs, print-browser or guard modules: a shared worker would keep the mock for the
  // files after it.
  'tests/server/sync/adds-nothing-new-edit.test.ts',
  'tests/server/sync/adds-nothing-shared.test.ts',
  'tests/server/sync/cell-write-read-once.test.ts',
  'tests/server/http/report-pdf.test.ts',
  'tests/server/cli-report-chromium.test.ts',
  'tests/server/http/import-doc-size.test.ts',
  'tests/server/http/import-together.test.ts',
  'tests/addin/taskpane/samplan-file-import-whole-plan.test.ts',
  'tests/server/storage/sqlite-notice-polling.test.ts',
  'tests/server/sync/fresh-checksum.test.ts',
  'tests/server/sync/fresh-storm.test.ts',
  'tests/shared/validate/raw-scan-joined.test.ts',
  'tests/shared/validate/raw-scan-once.test.ts',
  'tests/shared/validate/raw-scan-utf16-gate.test.ts',
  'tests/shared/validate/raw-scan-pieces.test.ts',
  'tests/shared/validate/raw-scan-binary-windows.test.ts',
  'tests/shared/validate/check-update-bytes.test.ts',
  'tests/shared/validate/split-edges.test.ts',
  // `vi.mock` of node:fs or node:fs/promises to inject a full disk: a module an earlier file loaded
  // (output-file.ts, pid-file.ts) keeps the real one, and the write meant to fail succeeds.
  'tests/server/start-pid-fault.test.ts',
  'tests/server/write-fault.test.ts',
  // SAMPLAN_TAKE_BACK_MEMORY_MB set on import: the process's take-back budget is made once, at its
  // first use (`take-back-budget.ts`), and the variable would stay set for the files after it.
  'tests/server/sync/take-backs-budget.test.ts',
  'tests/server/sync/take-backs-pruned.test.ts',
  'tests/server/sync/take-backs-replay-crash.test.ts',
  'tests/server/sync/take-backs-replay-stored.test.ts',
  'tests/server/sync/take-backs-rewrite-rights.test.ts',
  // V8 flags set for the whole process (heap, scavenges on the main thread, natives syntax).
  'tests/server/sync/max-payload.test.ts',
  'tests/server/sync/scavenge-alone.test.ts',
  'tests/server/sync/socket-shapes.test.ts',
  // They set SAMPLAN_* or PORT variables in this process (stubbed or assigned): a module that reads
  // one at its first use would keep the value for the files after it.
  'tests/server/cli-import-deadline.test.ts',
  'tests/server/cli-help-examples-data.test.ts',
  'tests/server/cli-redis-sqlite.test.ts',
  'tests/server/cli.test.ts',
  // Fake timers over code that keeps its own timers (leases, pool idling): a timer an earlier file
  // left would run under the fake clock.
  'tests/server/scale/lease-renewals.test.ts',
  'tests/server/scale/pool-idle.test.ts',
  // They spy on every socket of the process (`net.Socket.prototype`) and count what it reads or
  // writes: a socket an earlier file left (a Redis client's ping) counted once in a shared worker.
  'tests/server/scale/fanout-directory.test.ts',
  'tests/server/scale/fanout-publish.test.ts',
  'tests/server/scale/fanout-quiet.test.ts',
];

/**
 * The end-to-end files: each a connection of its own to the run's one browser, in shared workers
 * (they keep no module state, mock nothing and set no variable), each in a workspace of its own on
 * the run's one server (`tests/e2e/support/shared-server.ts`, `workspace.ts`); a file that needs
 * server settings of its own (sign-in) starts its own server.
 */
const E2E = 'tests/e2e/**/*.test.ts';

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
      { extends: true, test: { name: 'unit', include: SHARED_WORKERS, exclude: KEPT_ISOLATED, isolate: false, setupFiles: ['tests/support/shared-worker-file.ts'] } },
      { extends: true, test: { name: 'isolated', include: ['tests/**/*.test.ts'], exclude: [...SHARED_WORKERS, E2E] } },
      // One Chromium and one server for the run's end-to-end files, started only when this project has files to run.
      { extends: true, test: { name: 'e2e', include: [E2E], isolate: false, globalSetup: ['tests/e2e/support/browser-server.ts', 'tests/e2e/support/shared-server.ts'] } },
      // A project of their own: the one above cannot take back a file its `exclude` names.
      { extends: true, test: { name: 'isolated-kept', include: KEPT_ISOLATED } },
    ],
  },
});
