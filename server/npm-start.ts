/**
 * `npm start`: refuse at once while another Samplan server holds the database, then build and run
 * `samplan serve --demo` with the arguments given after `--` (`npm start -- --db ./x.db`).
 * Arguments `serve` would refuse (a misspelt option, a bad port) and a port that is taken are
 * refused before the build too, with serve's own sentence: the build took half a minute first.
 *
 * The check comes first because the build rewrites `dist/`, from which a running server serves
 * the add-in: a second start on the same file used to rebuild under the running server and only
 * then be refused by the database lock (`<db>.lock`, see `storage/db-lock.ts`). The database is
 * resolved as `serve` resolves it (`--db`, `SAMPLAN_DB`, default `./data/samplan.db`); PostgreSQL
 * (`--database-url`, `SAMPLAN_DATABASE_URL`) and `:memory:` take no lock file and are not checked.
 * Exit code: 1 with the lock's sentence (or a configuration error) on stderr, as serve's refusal;
 * otherwise the build's code when it fails, else the server's.
 *
 * @example
 * npx tsx server/npm-start.ts --db ./data/other.db --port 8788
 */
import { spawn } from 'node:child_process';
import { loadOidcConfig } from './auth/oidc-config.js';
import { checkArguments, CliError, readArguments } from './cli-args.js';
import { cliLang, sentenceOf, type CliLang } from './cli-lang.js';
import { ConfigError } from './config-error.js';
import { loadConfig, type ServerConfig } from './config.js';
import { probeListen } from './connect-errors.js';
import { databaseInUse } from './storage/db-lock.js';
import { secondsText, numberText } from '../shared/i18n/number-words.js';

/**
 * The refusal for `args` (serve's arguments) and `env`, or null when `samplan serve` would start:
 * the arguments read as `samplan serve` reads them (an option it does not take, `--port 80x`, a
 * missing value, a bad OIDC setting: its own sentence), then the database's lock; said in the
 * language `samplan serve` would speak (`--lang`, else the locale of `env`, else Swedish: `cliLang`).
 */
export function startRefusal(args: string[], env: Record<string, string | undefined>): string | null {
  return startConfig(args, env, cliLang(['serve', ...args], env)).refusal;
}

/** {@link startRefusal}, with the configuration `serve` will run with when there is none. */
function startConfig(args: string[], env: Record<string, string | undefined>, lang: CliLang): { refusal: string; config?: undefined } | { refusal: null; config: ServerConfig } {
  try {
    const read = readArguments(['serve', ...args], 'serve');
    checkArguments('serve', read.positionals.slice(1));
    const f = read.values;
    const config = loadConfig({ port: f.port, host: f.host, db: f.db, databaseUrl: f['database-url'], redisUrl: f['redis-url'], publicUrl: f['public-url'], logLevel: f['log-level'], demo: true }, env);
    loadOidcConfig({ oidcIssuer: f['oidc-issuer'], oidcClientId: f['oidc-client-id'], oidcAudience: f['oidc-audience'], oidcWorkspace: f['oidc-workspace'], oidcRoles: f['oidc-roles'], oidcAutoProvision: f['oidc-auto-provision'] }, env);
    if (config.databaseUrl || config.db === ':memory:') return { refusal: null, config };
    const held = databaseInUse(config.db);
    return held ? { refusal: sentenceOf(held, lang) } : { refusal: null, config };
  } catch (err) {
    if (err instanceof ConfigError || err instanceof CliError) return { refusal: sentenceOf(err, lang) };
    throw err;
  }
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
    // Ctrl+C reaches the whole process group (the child stops itself, cleanly, and this process
    // waits for it); a SIGTERM sent to this process alone is passed on.
    const pass = (signal: NodeJS.Signals) => child.kill(signal);
    const wait = () => undefined;
    process.on('SIGINT', wait);
    process.on('SIGTERM', pass);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', wait);
      process.off('SIGTERM', pass);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** What {@link npmStart} runs and writes with: the process's own, or a test's. */
export interface StartDeps {
  /** Runs a command with the terminal's output and resolves with its exit code. */
  run: (command: string, args: string[]) => Promise<number>;
  /** Writes a line's text (with its newline) for the person who typed `npm start`. */
  say: (text: string) => void;
  /** Writes a refusal's text (with its newline) to stderr. */
  warn: (text: string) => void;
  /** The clock the build is timed by, in milliseconds. */
  now: () => number;
  env: Record<string, string | undefined>;
}

/** Seconds with one decimal, from milliseconds, in `lang`: `83,2 s` in Swedish, `83.2 s` in English. */
const seconds = (ms: number, lang: CliLang): string => secondsText(ms / 1000, lang, { min: 1, max: 1 });

/**
 * Refuse, or build and serve, every line in the language `samplan serve` speaks (`cliLang`). The build (tsc, then vite for the pane) prints nothing of its own
 * for a minute or more on a slow machine, so a line says what is being done before it and how
 * long it took after, and a failed build says the server was not started.
 */
export async function npmStart(args: string[], deps: StartDeps): Promise<number> {
  const lang = cliLang(['serve', ...args], deps.env);
  const start = startConfig(args, deps.env, lang);
  const taken = start.refusal === null ? await probeListen(start.config.host, start.config.port) : null;
  const refusal = start.refusal ?? (taken ? sentenceOf(taken, lang) : null);
  if (refusal) {
    deps.warn(`${refusal}\n`);
    return 1;
  }
  const say = (words: { sv: string; en: string }): string => `${words[lang]}\n`;
  deps.say(
    say({
      sv: 'samplan: bygger servern och aktivitetsfönstret (tsc, sedan vite); det tar en minut eller två på en långsam dator …',
      en: 'samplan: building the server and the task pane (tsc, then vite); this takes a minute or two on a slow machine …',
    }),
  );
  const started = deps.now();
  const built = await deps.run('npm', ['run', 'build']);
  const took = seconds(deps.now() - started, lang);
  if (built !== 0) {
    deps.warn(say({ sv: `samplan: bygget misslyckades efter ${took} (slutkod ${numberText(built, 'sv')}); servern startades inte.`, en: `samplan: the build failed after ${took} (exit code ${numberText(built, 'en')}); the server was not started.` }));
    return built;
  }
  deps.say(say({ sv: `samplan: byggt på ${took}; startar servern.`, en: `samplan: built in ${took}; starting the server.` }));
  return deps.run(process.execPath, ['dist/server/cli.js', 'serve', '--demo', ...args]);
}

if (/(^|[\\/])npm-start\.(ts|js)$/.test(process.argv[1] ?? '')) {
  const deps: StartDeps = { run, say: (text) => process.stdout.write(text), warn: (text) => process.stderr.write(text), now: () => performance.now(), env: process.env };
  npmStart(process.argv.slice(2), deps).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
