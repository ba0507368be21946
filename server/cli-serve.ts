/**
 * `samplan serve`: start the server (`startServer`), print the addresses and demo tokens, and run
 * until SIGINT/SIGTERM, then stop cleanly (sockets closed, storage flushed, pid file removed).
 * Resolves with the process exit code (0).
 */
import type { OidcConfig } from './auth/oidc-config.js';
import { DEFAULT_DB, type ServerConfig } from './config.js';
import { resolve } from 'node:path';
import type { DemoTokens } from './demo/demo-tokens.js';
import { startServer } from './serve.js';
import { checkUpdate } from '../shared/validate/check-update.js';

/** Whether `db` is the database `samplan stop` (`npm stop`) stops when told none: ./data/samplan.db here. */
function isDefaultDb(db: string): boolean {
  return resolve(db) === resolve(DEFAULT_DB);
}

function banner(
  url: string,
  tokens: DemoTokens | null,
  tokenFile: string | null,
  pidFile: string | null,
  signIn: { line: string; warnings: string[] } | null,
): string {
  const lines = [
    `Samplan is running at ${url}`,
    `  Playground   ${url}/playground`,
    `  Manifest     ${url}/manifest.xml`,
    `  Task pane    ${url}/addin/taskpane.html`,
    `  Metrics      ${url}/metrics`,
    `  Health       ${url}/healthz`,
    `  API          ${url}/openapi.json`,
  ];
  if (signIn) lines.push('', signIn.line, ...signIn.warnings.map((w) => `  WARNING ${w}`));
  if (tokens) {
    lines.push(
      '',
      tokenFile
        ? `Demo workspace hbi-stockholm. Tokens (kept in ${tokenFile} and reused at the next start; valid 7 days):`
        : 'Demo workspace hbi-stockholm. Tokens (valid 7 days; new ones at every start):',
      `  admin        (Systemförvaltare)                      ${tokens.admin}`,
      `  coordinator  (Samordnare, approves units' reports)    ${tokens.coordinator}`,
      `  editor       (Distriktssköterska, Tensta vårdcentral) ${tokens.editor}`,
      `  viewer       (Verksamhetschef)                        ${tokens.viewer}`,
      '',
      '  Playground, signed in as the editor (left) and the admin (right):',
      `  ${url}/playground?a=${encodeURIComponent(tokens.editor)}&b=${encodeURIComponent(tokens.admin)}`,
      "  Playground, signed in as the editor (left) and the coordinator (right), who approves or returns Tensta's report:",
      `  ${url}/playground?a=${encodeURIComponent(tokens.editor)}&b=${encodeURIComponent(tokens.coordinator)}`,
      '  Playground for a manager, one workbook signed in as the viewer (Hämta indikatortabell pulls a read-only table):',
      `  ${url}/playground?a=${encodeURIComponent(tokens.viewer)}`,
      '',
      `  Try: curl -H "Authorization: Bearer ${tokens.viewer}" ${url}/v1/workspaces/hbi-stockholm`,
    );
  }
  // `samplan stop` finds a server by its SQLite file's pid file; one on PostgreSQL writes none.
  // `npm stop` reads the default database unless told another (`SAMPLAN_DB`), so another is named.
  lines.push('', pidFile === null ? `Stop with Ctrl+C, or with SIGTERM (kill ${process.pid}).` : isDefaultDb(pidFile) ? 'Stop with Ctrl+C, or with `npm stop` (samplan stop) from another terminal.' : `Stop with Ctrl+C, or with \`samplan stop --db ${pidFile}\` from another terminal (npm stop alone stops ./data/samplan.db's server).`);
  return lines.join('\n');
}

export async function serveCommand(config: ServerConfig, oidc: OidcConfig | null): Promise<number> {
  const server = await startServer(config, { checkUpdate, oidc });
  // The handlers are in place before the banner is printed: whoever reads the banner as "ready"
  // (a terminal, a test, a supervisor) may signal at once, and a signal before them would kill
  // the process without the shutdown that flushes storage and removes the pid file.
  const stopped = new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      server.logger.info({ signal }, 'signal received');
      void server.stop().then(resolve, (err: unknown) => {
        server.logger.error({ err }, 'shutdown failed');
        resolve();
      });
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  console.log(banner(server.url, server.demoTokens, server.demoTokenFile, !config.databaseUrl && config.db !== ':memory:' ? config.db : null, server.signIn));
  await stopped;
  return 0;
}

