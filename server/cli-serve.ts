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
import type { CliLang } from './cli-lang.js';
import { shownPath } from './cli-args.js';
import type { Localized } from '../shared/schema/types.js';
import { digits } from '../shared/i18n/number-words.js';

/** Whether `db` is the database `samplan stop` (`npm stop`) stops when told none: ./data/samplan.db here. */
function isDefaultDb(db: string): boolean {
  return resolve(db) === resolve(DEFAULT_DB);
}

/** The addresses the banner lists, each with its label. */
const ADDRESSES: readonly (readonly [Localized, string])[] = [
  [{ sv: 'Provsida', en: 'Playground' }, '/playground'],
  [{ sv: 'Manifest', en: 'Manifest' }, '/manifest.xml'],
  [{ sv: 'Aktivitetsfönster', en: 'Task pane' }, '/addin/taskpane.html'],
  [{ sv: 'Mätvärden', en: 'Metrics' }, '/metrics'],
  [{ sv: 'Hälsa', en: 'Health' }, '/healthz'],
  [{ sv: 'API', en: 'API' }, '/openapi.json'],
];

/** The demo members the banner gives a token, with who they are (names are Swedish in both languages). */
const DEMO_ROLES: readonly (readonly [keyof DemoTokens, Localized])[] = [
  ['admin', { sv: '(Systemförvaltare)', en: '(Systemförvaltare)' }],
  ['coordinator', { sv: '(Samordnare, godkänner enheternas rapporter)', en: "(Samordnare, approves units' reports)" }],
  ['editor', { sv: '(Distriktssköterska, Tensta vårdcentral)', en: '(Distriktssköterska, Tensta vårdcentral)' }],
  ['viewer', { sv: '(Verksamhetschef)', en: '(Verksamhetschef)' }],
];

/**
 * `rows` of cells as lines indented two spaces, each column but the last as wide as its longest
 * cell and `gaps[i]` spaces more: a column stays in line whichever language's cells are longest.
 */
function columns(rows: readonly (readonly string[])[], gaps: readonly number[]): string[] {
  const widths = gaps.map((gap, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)) + gap);
  return rows.map((row) => `  ${row.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]!) : cell)).join('')}`);
}

/**
 * The lines `samplan serve` prints once it listens, in `lang`: the addresses, the sign-in line and
 * its warnings (`signIn`, said by the server in English: for the log too), the demo tokens, how to
 * stop it. The addresses and tokens are the same in both languages.
 */
export function banner(
  url: string,
  tokens: DemoTokens | null,
  tokenFile: string | null,
  pidFile: string | null,
  signIn: { line: string; warnings: string[] } | null,
  lang: CliLang,
): string {
  const say = (words: Localized): string => words[lang];
  const lines = [
    say({ sv: `Samplan körs på ${url}`, en: `Samplan is running at ${url}` }),
    ...columns(
      ADDRESSES.map(([label, path]) => [say(label), `${url}${path}`]),
      [3],
    ),
  ];
  if (signIn) lines.push('', signIn.line, ...signIn.warnings.map((w) => `  ${say({ sv: 'VARNING', en: 'WARNING' })} ${w}`));
  if (tokens) {
    lines.push(
      '',
      tokenFile
        ? say({
            sv: `Demoarbetsytan hbi-stockholm. Token (sparade i ${shownPath(tokenFile)} och återanvända vid nästa start; giltiga 7 dagar):`,
            en: `Demo workspace hbi-stockholm. Tokens (kept in ${shownPath(tokenFile)} and reused at the next start; valid 7 days):`,
          })
        : say({ sv: 'Demoarbetsytan hbi-stockholm. Token (giltiga 7 dagar; nya vid varje start):', en: 'Demo workspace hbi-stockholm. Tokens (valid 7 days; new ones at every start):' }),
      ...columns(
        DEMO_ROLES.map(([role, who]) => [role, say(who), tokens[role]]),
        [2, 1],
      ),
      '',
      say({ sv: '  Provsidan, inloggad som editor (vänster) och admin (höger):', en: '  Playground, signed in as the editor (left) and the admin (right):' }),
      `  ${url}/playground?a=${encodeURIComponent(tokens.editor)}&b=${encodeURIComponent(tokens.admin)}`,
      say({
        sv: '  Provsidan, inloggad som editor (vänster) och coordinator (höger), som godkänner eller returnerar Tenstas rapport:',
        en: "  Playground, signed in as the editor (left) and the coordinator (right), who approves or returns Tensta's report:",
      }),
      `  ${url}/playground?a=${encodeURIComponent(tokens.editor)}&b=${encodeURIComponent(tokens.coordinator)}`,
      say({
        sv: '  Provsidan för en chef, en arbetsbok inloggad som viewer (Hämta indikatortabell hämtar en skrivskyddad tabell):',
        en: '  Playground for a manager, one workbook signed in as the viewer (Hämta indikatortabell pulls a read-only table):',
      }),
      `  ${url}/playground?a=${encodeURIComponent(tokens.viewer)}`,
      '',
      `  ${say({ sv: 'Prova', en: 'Try' })}: curl -H "Authorization: Bearer ${tokens.viewer}" ${url}/v1/workspaces/hbi-stockholm`,
    );
  }
  // `samplan stop` finds a server by its SQLite file's pid file; one on PostgreSQL writes none.
  // `npm stop` reads the default database unless told another (`SAMPLAN_DB`), so another is named.
  const stop: Localized =
    pidFile === null
      ? { sv: `Stoppa med Ctrl+C, eller med SIGTERM (kill ${digits(process.pid)}).`, en: `Stop with Ctrl+C, or with SIGTERM (kill ${digits(process.pid)}).` }
      : isDefaultDb(pidFile)
        ? { sv: 'Stoppa med Ctrl+C, eller med `npm stop` (samplan stop) från en annan terminal.', en: 'Stop with Ctrl+C, or with `npm stop` (samplan stop) from another terminal.' }
        : {
            sv: `Stoppa med Ctrl+C, eller med \`samplan stop --db ${shownPath(pidFile)}\` från en annan terminal (npm stop ensamt stoppar servern för ./data/samplan.db).`,
            en: `Stop with Ctrl+C, or with \`samplan stop --db ${shownPath(pidFile)}\` from another terminal (npm stop alone stops ./data/samplan.db's server).`,
          };
  lines.push('', say(stop));
  return lines.join('\n');
}

/** The signals that stop `samplan serve` cleanly. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * The first SIGINT or SIGTERM from now on, as a promise, and `forget` to stop listening. Once one
 * came, the handlers are taken away, so a second signal ends the process at once, as the system's
 * default does (an operator's way out of a stop that hangs).
 */
function firstStopSignal(): { signal: Promise<NodeJS.Signals>; came: () => NodeJS.Signals | null; forget: () => void; aborted: AbortSignal } {
  let came: NodeJS.Signals | null = null;
  let on: (signal: NodeJS.Signals) => void = () => undefined;
  const abort = new AbortController();
  const forget = (): void => {
    for (const name of STOP_SIGNALS) process.off(name, on);
  };
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    on = (s) => {
      came = s;
      forget();
      abort.abort();
      resolve(s);
    };
  });
  for (const name of STOP_SIGNALS) process.on(name, on);
  return { signal, came: () => came, forget, aborted: abort.signal };
}

/**
 * `samplan serve` with `config` and sign-in settings `oidc`; its banner in `lang`. Resolves with 0
 * once stopped by SIGINT or SIGTERM. The handlers are in place before the start: a signal while it
 * starts (its database locked, its pid file written, the demo seeded) stopped the process without
 * the shutdown, leaving `<db>.lock` and `<db>.pid` behind; it now stops the server as soon as its
 * start is done, without a banner, and one during the demo's seeding stops the seeding at its next
 * step (the workspace not made; the next start seeds it), then resolves with 0 once all is closed.
 * A second signal ends the process at once. A start that fails rejects as {@link startServer} does.
 */
export async function serveCommand(config: ServerConfig, oidc: OidcConfig | null, lang: CliLang): Promise<number> {
  // Also before the banner: whoever reads it as "ready" (a terminal, a test, a supervisor) may signal at once.
  const stop = firstStopSignal();
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, { checkUpdate, oidc, signal: stop.aborted });
  } catch (err) {
    stop.forget();
    // Stopped while seeding the demo: the start closed what it opened.
    if (stop.came() !== null && stop.aborted.aborted && (err as { name?: unknown } | null)?.name === 'AbortError') return 0;
    throw err;
  }
  const early = stop.came();
  if (early === null) console.log(banner(server.url, server.demoTokens, server.demoTokenFile, !config.databaseUrl && config.db !== ':memory:' ? config.db : null, server.signIn, lang));
  const signal = await stop.signal;
  server.logger.info({ signal, ...(early === null ? {} : { during: 'start-up' }) }, 'signal received');
  try {
    await server.stop();
  } catch (err) {
    server.logger.error({ err }, 'shutdown failed');
  }
  return 0;
}
