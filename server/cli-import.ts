/**
 * `samplan import <workspace> <doc> <file> [--dry-run] [--json] [--lang sv|en]`: a CSV, JSON, XLSX or ODS file into a
 * document, with the checks of a REST import (`http/import-rows.ts`). Prints the counts and the rows
 * taken for a person (`cli-import-lines.ts`), or with `--json` the whole answer as JSON, as the REST
 * import gives it; and either way each refused record, value of the file held back, unread column,
 * value kept as typed and warning (a value to look at again, values under no header, an id that
 * names no row) as a sentence on stderr, in Swedish unless `--lang en`. The file's name
 * is read from the command line only: it is neither stored nor echoed with a personnummer in it.
 */
import { readFile } from 'node:fs/promises';
import { CliError, type Flags } from './cli-args.js';
import { checkImportArguments, type ImportArguments } from './cli-check.js';
import { heldBack, notAddedAgain, noteLines, summaryLines } from './cli-import-lines.js';
import { secondsWords } from '../shared/i18n/number-words.js';
import { requireWorkspace } from './cli-workspace.js';
import { storageDocAccess } from './http/doc-access.js';
import { importIntoDocument, readImportFile, type ImportSummary } from './http/import-rows.js';
import { importReadMs } from './http/read-settings.js';
import { ReadDeadlineError } from './http/read-worker.js';
import { roundLocks } from './rounds/round-locks.js';
import { RoundsStore } from './rounds/rounds-store.js';
import type { Storage } from './storage/storage.js';
import { SaidError } from '../shared/i18n/said-error.js';

/**
 * The file's rows, read within the time a REST import's read has (`SAMPLAN_IMPORT_READ_SECONDS`,
 * {@link importReadMs}; `env` was checked at the command's start).
 *
 * @throws Error `Reading the file took longer than an import may (60 s, SAMPLAN_IMPORT_READ_SECONDS) …` past it.
 */
async function readWithin(file: string, bytes: Uint8Array, env: Record<string, string | undefined>) {
  const ms = importReadMs(env);
  const deadline = Date.now() + ms;
  try {
    return await readImportFile(file, bytes, { deadline });
  } catch (err) {
    // Only a refusal for the deadline is told as one: an unreadable file found out late keeps its own words.
    if (!(err instanceof ReadDeadlineError)) throw err;
    const allowed = secondsWords(ms / 1000);
    throw new SaidError({
      sv: `Att läsa filen tog längre tid än en import får ta (${allowed.sv}, SAMPLAN_IMPORT_READ_SECONDS) och stoppades; ingenting importerades. Dela upp den i mindre filer, eller ge mer tid med SAMPLAN_IMPORT_READ_SECONDS.`,
      en: `Reading the file took longer than an import may (${allowed.en}, SAMPLAN_IMPORT_READ_SECONDS) and was stopped; nothing was imported. Split it into smaller files, or allow more time with SAMPLAN_IMPORT_READ_SECONDS.`,
    });
  }
}

/**
 * Run `samplan import`; `withStorage` opens the configured store (`cli.ts`); `env` holds
 * `SAMPLAN_IMPORT_READ_SECONDS`. Resolves with {@link importExitCode}.
 */
export async function importCommand(
  rest: string[],
  flags: Flags,
  withStorage: (fn: (storage: Storage) => Promise<number>) => Promise<number>,
  env: Record<string, string | undefined> = process.env,
  checked: ImportArguments = checkImportArguments(rest, flags),
): Promise<number> {
  const { workspace, doc, file, named, lang } = checked;
  const bytes = await readFile(file);
  // As a REST import of an empty body is refused (400 empty-body), not taken as a file of no rows.
  if (bytes.byteLength === 0) throw new CliError(`The file ${named} is empty (0 bytes): nothing was imported.`);
  const table = await readWithin(file, bytes, env);
  return withStorage(async (storage) => {
    await requireWorkspace(storage, workspace);
    const summary = await importIntoDocument(storage, storageDocAccess(storage), { workspace, doc }, table, {
      dryRun: flags['dry-run'] ?? false,
      principal: null,
      locks: roundLocks(new RoundsStore(storage)),
      // The import's audit line, by no member, stored with its rows as a REST import's is.
      audit: { bytes: bytes.byteLength },
    });
    // An id that is itself an identity number is not echoed back, not even to the terminal.
    const refused = summary.refused.map((r) => (r.code === 'personnummer' ? { ...r, rowId: null } : r));
    const shown = { ...summary, refused };
    if (flags.json) console.log(JSON.stringify(shown, null, 2));
    else for (const line of summaryLines(shown, lang)) console.log(line);
    for (const line of noteLines(shown, doc, lang)) console.error(line);
    return importExitCode(shown);
  });
}

/**
 * The exit code of an import by what it left unwritten: 2 when a record held a personnummer (a
 * refusal, as every personnummer the CLI is given exits 2); 1 when records were refused for other
 * reasons only (a value that is not valid, a row a round locks) or values of the file were held
 * back because someone else changed the cell in Samplan since the export (`both`: the person
 * decides which holds) or rows of the file were not added again because someone deleted them in
 * Samplan since (`deleted`: the person decides whether they come back); else 0, also when only
 * later edits the file did not change were kept.
 */
export function importExitCode(summary: Pick<ImportSummary, 'refused' | 'version'>): 0 | 1 | 2 {
  if (summary.refused.some((r) => r.code === 'personnummer')) return 2;
  return summary.refused.length > 0 || heldBack(summary).length > 0 || notAddedAgain(summary).length > 0 ? 1 : 0;
}
