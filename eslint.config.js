import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * Layering: which folder may import which, checked on every lint so CI fails on a wrong arrow.
 * The picture (README, "Architecture"):
 *
 *   tests/ ─► everything          bench/, scripts/ ─► server/, addin/, shared/
 *   addin/taskpane ─► addin/excel, addin/sync ─► shared/
 *   addin/excel/bind-table.ts ─► local/, remote/ ─► sheet/        (sheet/ knows neither;
 *     bind-table.ts's own parts, WIRING below, wire with it;
 *     local/ and remote/ do not know each other)      addin/excel-emulator imports nothing
 *   server/http ─► server/sync ─► server/storage ─► shared/      (server/app.ts wires them;
 *   server/serve.ts and server/cli.ts run the process)
 *   shared/doc ─► shared/schema, shared/catalog
 *
 * Each rule is a regular expression over the import specifier (all project imports are
 * relative), applied to the files of one zone. ESLint replaces, not merges, a rule's options
 * when two config blocks match a file, so every zone lists all the rules that apply to it.
 */

/** A restriction: imports whose specifier matches `regex` are errors with `message`. */
const rule = (regex, message) => ({ regex, message });

/** Product code never imports tests (the Excel emulator is product code: addin/excel-emulator). */
const noTests = rule('^(\\.\\./)+tests/', 'Only tests import tests/.');
/** bench/reliability re-runs the crash test's kill -9 rounds with more rounds. */
const noTestsFromBench = rule('^(\\.\\./)+tests/(?!support/yjs-forge/|support/services\\.js$|server/sync/crash-rounds\\.js$)', 'bench/ imports from tests/ only the Yjs update forger, the crash rounds and the PostgreSQL/Redis starters.');
const noServer = rule('^(\\.\\./)+server/', 'This layer must not import server/.');
const noAddin = rule('^(\\.\\./)+addin/', 'This layer must not import addin/.');
const noDoc = rule('^(\\.\\./)+doc/', 'shared/schema and shared/catalog are plain data: they must not import shared/doc.');
const noHttpOrAuth = rule('^(\\.\\./)+(http|auth)/', 'server/sync must not import server/http or server/auth: what it needs is passed in (sync/deps.ts).');
const noApp = rule('^(\\.\\./)+app(\\.js)?$', 'server/http must not import server/app.ts: the app wires the routes, not the other way round.');
const noSync = rule('^(\\.\\./)+sync/', 'server/storage knows no rooms: it must not import server/sync.');
const noRoutes = rule('^(\\.\\./)+http/', 'server/storage must not import server/http.');
const noSqlite = rule('^\\./sqlite', 'The memory and PostgreSQL adapters import no SQLite file: a backup writer is passed in.');
const noPane = rule('^(\\.\\./)+taskpane/', 'The binding (addin/excel) must not import the task pane.');
/* The binding's three rooms: sheet/ (Excel I/O) knows neither direction; local/ (sheet → doc)
 * and remote/ (doc → sheet) do not know each other; bind-table.ts alone wires them. */
const noLocalOrRemote = rule('^(\\.\\./)+(excel/)?(local|remote)/', 'addin/excel/sheet is Excel I/O only: it must not import local/ or remote/.');
const noRemote = rule('^(\\.\\./)+(excel/)?remote/', 'addin/excel/local (sheet → doc) must not import remote/: bind-table.ts passes what it needs.');
const noLocal = rule('^(\\.\\./)+(excel/)?local/', 'addin/excel/remote (doc → sheet) must not import local/: bind-table.ts passes what it needs.');
/* bind-table.ts and the files it is split into by responsibility: they alone wire the rooms. */
const WIRING = ['bind-table', 'binding-parts', 'pause-policy', 'open-table'];
const noWiring = rule(`(^|/)(${WIRING.join('|')})(\\.js)?$`, 'Only the pane and tests import bind-table.ts: the rooms of the binding do not call back up.');
const onlyBindTableWires = rule('^\\./(local|remote)/', 'Only bind-table.ts imports local/ and remote/ (it wires the binding).');
const noBindingRooms = rule('^(\\.\\./)+excel/(local|remote)/', 'Outside the binding, use addin/excel/bind-table.ts (and sheet/ types), not local/ or remote/.');
const noSamplan = rule('^\\.\\./', 'The Excel emulator imports nothing of Samplan: it is as strict as Excel, not as our code.');

/** One zone: the files and every restriction on them. */
const zone = (files, ...patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export const layering = [
  zone(['bench/**/*.ts'], noTestsFromBench),
  zone(['scripts/**/*.ts', 'server/**/*.ts', 'addin/**/*.ts'], noTests),
  zone(['shared/**/*.ts'], noTests, noServer, noAddin),
  zone(['shared/schema/**/*.ts', 'shared/catalog/**/*.ts'], noTests, noServer, noAddin, noDoc),
  zone(['server/sync/**/*.ts'], noTests, noHttpOrAuth),
  zone(['server/http/**/*.ts'], noTests, noApp),
  zone(['server/storage/**/*.ts'], noTests, noSync, noRoutes),
  zone(['server/storage/memory*.ts', 'server/storage/postgres*.ts'], noTests, noSync, noRoutes, noSqlite),
  zone(['addin/**/*.ts'], noTests, noServer, noBindingRooms),
  zone(['addin/excel-emulator/**/*.ts'], noSamplan),
  zone(['addin/excel/**/*.ts'], noTests, noServer, noPane),
  zone(['addin/excel/*.ts'], noTests, noServer, noPane, onlyBindTableWires),
  zone(WIRING.map((name) => `addin/excel/${name}.ts`), noTests, noServer, noPane),
  zone(['addin/excel/sheet/**/*.ts'], noTests, noServer, noPane, noLocalOrRemote, noWiring),
  zone(['addin/excel/local/**/*.ts'], noTests, noServer, noPane, noRemote, noWiring),
  zone(['addin/excel/remote/**/*.ts'], noTests, noServer, noPane, noLocal, noWiring),
];

export default tseslint.config(
  // .compiled/: the benches' servers as esbuild writes them (bench/support/servers.ts), generated like dist/.
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'test-results/', '.tmp/', 'bench/peers/node_modules/', '**/.compiled/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts', 'server/**/*.ts', 'addin/**/*.ts'],
    // The CLI's commands: what they print to the console is their output.
    ignores: ['server/cli.ts', 'server/cli-run.ts', 'server/cli-export.ts', 'server/cli-migrate.ts', 'server/cli-serve.ts', 'server/cli-import.ts'],
    rules: { 'no-console': 'error' },
  },
  // No source file past 400 lines of code (comments and blank lines not counted): a file that
  // grows past it is split by responsibility (STYLE.md asks for ~300).
  {
    files: ['shared/**/*.ts', 'server/**/*.ts', 'addin/**/*.ts', 'bench/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  // The binding stays readable in small functions (STYLE.md); bindTable was once 211 lines.
  {
    files: ['addin/excel/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  ...layering,
);
