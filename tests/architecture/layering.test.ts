/**
 * The layering rule in eslint.config.js: for every forbidden arrow, a file in the zone with the
 * wrong import must be an error, and a file with an allowed import of the same shape must not.
 * Runs ESLint on text (no files are written), with the project's own configuration.
 */
import { ESLint } from 'eslint';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let eslint: ESLint;
// The first lint loads the configuration and the TypeScript parser once for all: seconds of CPU,
// past the 20 s of a test at load 30, so done here in the hook's minute, not in the first test.
beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'eslint.config.js') });
  await eslint.lintText('export {};\n', { filePath: join(ROOT, 'shared/x.ts') });
});

/** The `no-restricted-imports` messages ESLint gives `code` as if it were the file `file`. */
async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const wrong: [string, string, string, RegExp][] = [
  ['shared/schema imports shared/doc', 'shared/schema/x.ts', "import { rowsOf } from '../doc/index.js';", /must not import shared\/doc/],
  ['shared/schema/kinds imports shared/doc', 'shared/schema/kinds/x.ts', "import { rowsOf } from '../../doc/rows.js';", /must not import shared\/doc/],
  ['shared/catalog imports shared/doc', 'shared/catalog/x.ts', "import type { RowValues } from '../doc/rows.js';", /must not import shared\/doc/],
  ['shared imports server', 'shared/validate/x.ts', "import type { Storage } from '../../server/storage/storage.js';", /must not import server/],
  ['shared imports addin', 'shared/i18n/x.ts', "import { t } from '../../addin/taskpane/strings.js';", /must not import addin/],
  ['server/sync imports server/http', 'server/sync/x.ts', "import { handleError } from '../http/errors.js';", /server\/sync must not import/],
  ['server/sync imports server/auth', 'server/sync/x.ts', "import type { Principal } from '../auth/principal.js';", /server\/sync must not import/],
  ['server/http imports server/app.ts', 'server/http/x.ts', "import { createApp } from '../app.js';", /must not import server\/app/],
  ['server/storage imports server/sync', 'server/storage/x.ts', "import type { Room } from '../sync/room.js';", /knows no rooms/],
  ['the memory adapter imports the SQLite one', 'server/storage/memory.ts', "import { writeDumpToSqlite } from './sqlite-dump.js';", /import no SQLite file/],
  ['addin imports server', 'addin/sync/x.ts', "import { CloseCode } from '../../server/sync/close-reason.js';", /must not import server/],
  ['the binding imports the pane', 'addin/excel/x.ts', "import { t } from '../taskpane/strings.js';", /must not import the task pane/],
  ['the binding imports server', 'addin/excel/x.ts', "import type { Storage } from '../../server/storage/storage.js';", /must not import server/],
  ['server imports tests', 'server/http/x.ts', "import { TOKENS } from '../../tests/server/sync/seed.js';", /Only tests import tests/],
  ['addin imports tests', 'addin/playground/x.ts', "import { x } from '../../tests/support/other.js';", /Only tests import tests/],
  ['the playground imports the emulator from its old place in tests/', 'addin/playground/x.ts', "import { createWorkbook } from '../../tests/support/excel-emulator/index.js';", /Only tests import tests/],
  ['bench imports the emulator from tests/', 'bench/x.ts', "import { createWorkbook } from '../tests/support/excel-emulator/index.js';", /bench\/ imports from tests/],
  ['the emulator imports Samplan', 'addin/excel-emulator/x.ts', "import { layoutFor } from '../excel/sheet/layout.js';", /imports nothing of Samplan/],
  ["the binding's sheet/ imports local/", 'addin/excel/sheet/x.ts', "import { handleLocalChange } from '../local/reader.js';", /Excel I\/O only/],
  ["the binding's sheet/ imports remote/", 'addin/excel/sheet/x.ts', "import { createRemoteWriter } from '../remote/writer.js';", /Excel I\/O only/],
  ["the binding's local/ imports remote/", 'addin/excel/local/x.ts', "import { createRemoteWriter } from '../remote/writer.js';", /local \(sheet → doc\) must not import remote/],
  ["the binding's remote/ imports local/", 'addin/excel/remote/x.ts', "import { personnummerGuard } from '../local/guard.js';", /remote \(doc → sheet\) must not import local/],
  ["the binding's local/ calls back up into bind-table", 'addin/excel/local/x.ts', "import { bindTable } from '../bind-table.js';", /do not call back up/],
  ["the binding's sheet/ calls back up into bind-table", 'addin/excel/sheet/x.ts', "import { bindTable } from '../bind-table.js';", /do not call back up/],
  ["the binding's local/ calls back up into a part of bind-table.ts", 'addin/excel/local/x.ts', "import { pausePolicy } from '../pause-policy.js';", /do not call back up/],
  ['a second wiring file beside bind-table.ts', 'addin/excel/wiring.ts', "import { handleLocalChange } from './local/reader.js';", /Only bind-table.ts imports local\/ and remote/],
  ["the pane reaches into the binding's rooms", 'addin/taskpane/x.ts', "import { createRemoteWriter } from '../excel/remote/writer.js';", /use addin\/excel\/bind-table/],
  ['scripts import tests', 'scripts/x.ts', "import { x } from '../tests/manifests/xml.js';", /Only tests import tests/],
  ['bench imports other tests', 'bench/x.ts', "import { TOKENS } from '../tests/server/sync/seed.js';", /bench\/ imports from tests/],
];

const allowed: [string, string, string][] = [
  ['shared/doc imports shared/schema', 'shared/doc/x.ts', "import type { CellValue } from '../schema/types.js';"],
  ['server/sync imports server/storage', 'server/sync/x.ts', "import type { Storage } from '../storage/storage.js';"],
  ['server/sync imports its own principal', 'server/sync/x.ts', "import type { Principal } from './principal.js';"],
  ['server/app.ts imports server/http', 'server/app.ts', "import { handleError } from './http/errors.js';"],
  ['the pane imports the binding', 'addin/taskpane/x.ts', "import { bindTable } from '../excel/bind-table.js';"],
  ['the playground imports the emulator', 'addin/playground/x.ts', "import { createWorkbook } from '../excel-emulator/index.js';"],
  ['bench imports the emulator', 'bench/x.ts', "import { createWorkbook } from '../addin/excel-emulator/index.js';"],
  ['the emulator imports itself', 'addin/excel-emulator/x.ts', "import { createWorkbook } from './index.js';"],
  ['bind-table.ts imports local/', 'addin/excel/bind-table.ts', "import { handleLocalChange } from './local/reader.js';"],
  ['bind-table.ts imports remote/', 'addin/excel/bind-table.ts', "import { createRemoteWriter } from './remote/writer.js';"],
  ['a part bind-table.ts is split into imports local/', 'addin/excel/pause-policy.ts', "import { reconcileRows } from './local/reconcile.js';"],
  ['a part bind-table.ts is split into imports remote/', 'addin/excel/binding-parts.ts', "import { createRemoteWriter } from './remote/writer.js';"],
  ["the binding's local/ imports sheet/", 'addin/excel/local/x.ts', "import { layoutFor } from '../sheet/layout.js';"],
  ["the binding's remote/ imports sheet/", 'addin/excel/remote/x.ts', "import { writeBatch } from '../sheet/excel-io.js';"],
  ['the pane imports the sheet types', 'addin/taskpane/x.ts', "import type { BindOptions } from '../excel/sheet/types.js';"],
  ['bench re-runs the crash rounds', 'bench/x.ts', "import { runCrashRounds } from '../tests/server/sync/crash-rounds.js';"],
  ['tests import anything', 'tests/server/x.ts', "import { createApp } from '../../server/app.js';"],
];

describe('layering lint rule', () => {
  it.each(wrong)('%s is an error', async (_name, file, code, message) => {
    const errors = await layeringErrors(file, `${code}\nexport const used = [${importedName(code)}];\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each(allowed)('%s is allowed', async (_name, file, code) => {
    expect(await layeringErrors(file, `${code}\nexport const used = [${importedName(code)}];\n`)).toEqual([]);
  });
});

/** The first imported name, used in a value position so no unused-import rule interferes. */
function importedName(code: string): string {
  const name = /\{\s*(?:type\s+)?(\w+)/.exec(code)![1]!;
  return code.startsWith('import type') ? `null as unknown as ${name}` : name;
}
