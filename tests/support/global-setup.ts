/**
 * Once per test run (vitest's `globalSetup`, made by the first of the projects): the run's scratch
 * directory (`run-dir.ts`), named to the workers through their environment, which they inherit
 * from this process; removed after the run, with what `compiled.ts` wrote for it. Nothing is made
 * in it until a test needs it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMPILED_ROOT, removeCompiled } from './compiled.js';
import { stopOffice } from './office-convert.js';
import { watchOffice } from './office-watch.js';
import { RUN_DIR_ENV } from './run-dir.js';

export default function setup(): () => Promise<void> {
  // Called once per project of `vitest.config.ts`, all in this one process: the first call makes
  // the directory, the others use it, and its teardown (run after every project's tests) removes it.
  if (process.env[RUN_DIR_ENV]) return async () => undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-test-run-'));
  // As root the PostgreSQL template is made by `nobody` (PostgreSQL refuses root) in a folder of its own here.
  if (process.getuid?.() === 0) fs.chmodSync(dir, 0o755);
  process.env[RUN_DIR_ENV] = dir;
  // Stops the office and the PostgreSQL and Redis servers, and removes what the run wrote, should
  // this process end without the teardown below (SIGKILL).
  watchOffice(dir, COMPILED_ROOT);
  return async () => {
    // The LibreOffice the round-trip tests kept running (`office-convert.ts`), if one started.
    await stopOffice(dir);
    removeCompiled(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
