import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * Layering: which folder may import which, checked on every lint so CI fails on a wrong arrow.
 * The picture (README, "Architecture"):
 *
 *   tests/ ─► everything          bench/, scripts/ ─► server/, addin/, shared/
 *   addin/taskpane ─► addin/excel, addin/sync ─► shared/
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

/**
 * Product code never imports tests. ONE exception until the emulator moves out of tests/: the
 * Excel emulator under tests/support/excel-emulator, which the playground runs on and the
 * benchmarks drive.
 */
const noTests = rule('^(\\.\\./)+tests/(?!support/excel-emulator/)', 'Only tests import tests/ (the Excel emulator is the one exception until it moves).');
/** bench/reliability re-runs the crash test's kill -9 rounds with more rounds. */
const noTestsFromBench = rule('^(\\.\\./)+tests/(?!support/excel-emulator/|support/yjs-forge/|server/sync/crash-rounds\\.js$)', 'bench/ imports from tests/ only the Excel emulator, the Yjs update forger and the crash rounds.');
const noServer = rule('^(\\.\\./)+server/', 'This layer must not import server/.');
const noAddin = rule('^(\\.\\./)+addin/', 'This layer must not import addin/.');
const noDoc = rule('^(\\.\\./)+doc/', 'shared/schema and shared/catalog are plain data: they must not import shared/doc.');
const noHttpOrAuth = rule('^(\\.\\./)+(http|auth)/', 'server/sync must not import server/http or server/auth: what it needs is passed in (sync/deps.ts).');
const noApp = rule('^(\\.\\./)+app(\\.js)?$', 'server/http must not import server/app.ts: the app wires the routes, not the other way round.');
const noSync = rule('^(\\.\\./)+sync/', 'server/storage knows no rooms: it must not import server/sync.');
const noRoutes = rule('^(\\.\\./)+http/', 'server/storage must not import server/http.');
const noSqlite = rule('^\\./sqlite', 'The memory and PostgreSQL adapters import no SQLite file: a backup writer is passed in.');
const noPane = rule('^(\\.\\./)+taskpane/', 'The binding (addin/excel) must not import the task pane.');

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
  zone(['addin/**/*.ts'], noTests, noServer),
  zone(['addin/excel/**/*.ts'], noTests, noServer, noPane),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'test-results/', '.tmp/', 'bench/peers/node_modules/'] },
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
    ignores: ['server/cli.ts'],
    rules: { 'no-console': 'error' },
  },
  ...layering,
);
