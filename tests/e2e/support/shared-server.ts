/**
 * Once per test run that has end-to-end files (a `globalSetup` of the `e2e` project in
 * `vitest.config.ts`, beside the run's browser): one `samplan serve --demo` (`server.ts`) that every
 * file started without server options shares, each in a workspace of its own (`workspace.ts`).
 * Its address, SQLite file and output's file are handed to the test files as
 * `inject('e2eServer')`; stopped after the run. A server of each file's own took 3–4 s per file
 * under load (a process started, the server's modules loaded, its store opened).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from './server.js';

/** Where the run's shared server is, as the test files get it. */
export interface SharedServer {
  url: string;
  /** Its SQLite file: a file seeds its workspace into it as `samplan` commands write beside a server. */
  db: string;
  /** A file holding everything the server printed so far. */
  log: string;
}

declare module 'vitest' {
  /** What this set-up gives the test files. */
  export interface ProvidedContext {
    /** The run's shared server; null when it did not start (each file then starts its own). */
    e2eServer: SharedServer | null;
  }
}

/**
 * Starts the run's shared server and names it to the tests; the teardown returned stops it.
 * When it fails to start, names none: each file then starts its own and fails with its words.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-e2e-shared-'));
  const log = join(dir, 'output.log');
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ log });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    project.provide('e2eServer', null);
    return async () => undefined;
  }
  project.provide('e2eServer', { url: server.url, db: server.db, log });
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
