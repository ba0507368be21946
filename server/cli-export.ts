/**
 * `samplan export <workspace> <doc>`: a document's rows as CSV, JSON, XLSX or ODS, as the API's export
 * writes them (`http/export-rows.ts`), to standard output or `--out FILE`; cells an ODS file could
 * not hold as they are are said in a line of their own (on stderr when the file is on stdout).
 *
 * @example
 * samplan export hbi-stockholm aktivitetsplan-vc-tensta --format xlsx --out plan.xlsx
 */
import { shownPath, type Flags } from './cli-args.js';
import { checkExportArguments, type ExportArguments } from './cli-check.js';
import { withStorage } from './cli-storage.js';
import { requireWorkspace } from './cli-workspace.js';
import type { ServerConfig } from './config.js';
import { storageDocAccess } from './http/doc-access.js';
import { exportDocument } from './http/export-rows.js';
import { writeOutputFile } from './output-file.js';

/**
 * Export document `rest[1]` of workspace `rest[0]`; resolves with the exit code 0. The arguments
 * (--format, --lang, --sep, --out) are checked before the store is opened (`checkExportArguments`); throws {@link CliError}
 * for a wrong one or a workspace that is not there, and the API's `AppError` for a document that is not.
 */
export async function exportCommand(rest: string[], flags: Flags, config: ServerConfig, checked: ExportArguments = checkExportArguments(rest, flags, config.databaseUrl ? null : config.db)): Promise<number> {
  const { workspace, doc, format, lang, say, semicolon, outFile } = checked;
  return withStorage(
    config,
    async (storage) => {
      await requireWorkspace(storage, workspace);
      const out = await exportDocument(storage, storageDocAccess(storage), { workspace, doc }, {
        format,
        lang,
        semicolon,
        validated: false,
      });
      if (outFile) {
        await writeOutputFile(outFile, out.body);
        console.log(say === 'sv' ? `Skrev ${out.rowCount} rader till ${shownPath(flags.out ?? outFile)}.` : `Wrote ${out.rowCount} rows to ${shownPath(flags.out ?? outFile)}.`);
        if (out.note) console.log(out.note[say]);
      } else {
        process.stdout.write(out.body);
        // The file is on standard output: what it could not hold is said beside it.
        if (out.note) console.error(out.note[say]);
      }
      return 0;
    },
    { readonly: true },
  );
}
