/**
 * The set-up of an end-to-end block: a workspace of its own on the run's shared `samplan serve
 * --demo` (`shared-server.ts`, `workspace.ts`), or a server of its own when it asks for server
 * options, and a connection to the run's Chromium (`shared-browser.ts`).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { ensurePaneBuilt, startServer, type StartOptions, type TestServer } from './server.js';
import { connectBrowser } from './shared-browser.js';
import { freshWorkspace } from './workspace.js';

/** A running server and browser of one block. */
export interface E2eSession {
  server: TestServer;
  browser: Browser;
}

/** How {@link useServerAndBrowser} starts them; every field optional. */
export interface E2eOptions {
  /** Build the pane first when `dist/addin` is missing or stale (default true; false for the server's own pages). */
  pane?: boolean;
  /**
   * Options of `startServer` (a fixed port, environment), or a function answering them, run before
   * the server starts (it may start what the server is to talk to, such as a sign-in provider): the
   * block then gets a server of its own, in the demo workspace. Absent: a workspace of its own on
   * the run's shared server (a server of its own when the run has none).
   */
  server?: StartOptions | (() => Promise<StartOptions>);
  /** How long the set-up may take, in ms (default 180,000: a pane build on a loaded machine). */
  timeout?: number;
}

/** The block's server: its own when it has options or the run shares none, else a fresh workspace on the shared one. */
function blockServer(options: StartOptions | undefined, own: boolean): Promise<TestServer> {
  const shared = inject('e2eServer');
  return own || !shared ? startServer(options) : freshWorkspace(shared);
}

/**
 * Set up the `describe` block it is called in: before its tests, the pane built when stale, then
 * the block's server (its workspace seeded on the shared server, or a server of its own started)
 * and the browser connected at once, and both handed to `ready` (which keeps them for the tests);
 * after them, the browser connection closed (with the block's contexts), then a server of its own
 * stopped (its SQLite file removed).
 * A block's own `beforeAll` written after this call runs once both are up. Throws (failing the
 * block) when the build, the server or the browser fails to start, with their words.
 */
export function useServerAndBrowser(ready: (session: E2eSession) => void, opts: E2eOptions = {}): void {
  const session: Partial<E2eSession> = {};
  beforeAll(async () => {
    if (opts.pane !== false) ensurePaneBuilt();
    const serverOptions = typeof opts.server === 'function' ? await opts.server() : opts.server;
    // Both settle before a failure is thrown, so that the one that did start is closed after.
    const started = await Promise.allSettled([
      blockServer(serverOptions, opts.server !== undefined).then((server) => (session.server = server)),
      connectBrowser().then((browser) => (session.browser = browser)),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    ready(session as E2eSession);
  }, opts.timeout ?? 180_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
}
