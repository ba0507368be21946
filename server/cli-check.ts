/**
 * Every check of a `samplan` command's arguments that needs no store, made once per CLI call
 * (`cli.ts`) before the settings' schema or any module of the command is loaded: a wrong
 * `--format`, a missing `--member`, an `--out` onto the database, a file to import that is not
 * there, a `--period` that is none. Loading a command's modules first (the server, Yjs, Hono, the
 * stores) cost CPU before such a sentence: `samplan export … --format pdf`, built, took
 * 0.56–0.64 s of CPU, then 0.34–0.37 s. This module loads no package; the checks of a command
 * whose arguments are read with zod schemas (token, member) load theirs when that command is
 * checked, so a mistake of import, export, report, backup, migrate, history, workspace, unit or
 * rounds loads none (their ids, names and periods are checked without zod, `cli-flag-checks.ts`). The result is handed to the command (`cli-run.ts`), which checks again only when it
 * is called without it (without the CLI); what needs the store (a workspace or member that is not
 * there) is checked there alone.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, documentLangOf, langOf, need, quoted, STANDARD_OUTPUT, type Flags } from './cli-args.js';
import type { CliLang } from './cli-lang.js';
import type { checkMemberArguments, checkTokenArguments } from './cli-access-args.js';
import { checkHistoryArguments } from './cli-history-args.js';
import type { CommandName } from './cli-usage.js';
import { ARG } from './cli-usage-rows.js';
import { checkBackupTarget } from './backup-target.js';
import { EXPORT_FORMATS, type ExportFormat } from './http/export-formats.js';
import { checkOutputFile } from './output-file.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';
import { splitUserinfo, splitUserinfoWords } from './url-userinfo.js';
import { withArticle } from '../shared/i18n/english-article.js';
import type { ReportRequest } from './report-command.js';
import type { StoreTarget } from './store-target.js';

export type { StoreTarget } from './store-target.js';

/** What {@link checkCommand} gives each command: its arguments checked, or true for a command whose check gives nothing back. */
export interface CheckedArguments {
  token: ReturnType<typeof checkTokenArguments>;
  member: ReturnType<typeof checkMemberArguments>;
  workspace: true;
  unit: true;
  rounds: true;
  history: ReturnType<typeof checkHistoryArguments>;
  import: ImportArguments;
  export: ExportArguments;
  report: ReportArguments;
  /** The backup's file, absolute. */
  backup: string;
  migrate: { from: string; to: string };
  serve: true;
  stop: true;
}

/**
 * Check `command`'s arguments (`rest`: those after its name; `flags`: its options) against
 * `target`, the store it will open, at `now` (a token's expiry); resolves with them checked
 * ({@link CheckedArguments}); rejects with a {@link CliError} naming the first that is wrong
 * (with `argument` set for a wrong or missing argument, printed with the command's usage).
 */
export async function checkCommand<C extends CommandName>(command: C, rest: readonly string[], flags: Flags, target: StoreTarget, now: Date = new Date()): Promise<CheckedArguments[C]> {
  return (await checked(command, rest, flags, target, now)) as CheckedArguments[C];
}

async function checked(command: CommandName, rest: readonly string[], flags: Flags, target: StoreTarget, now: Date): Promise<CheckedArguments[CommandName]> {
  const db = target.databaseUrl ? null : target.db;
  switch (command) {
    case 'token':
      return (await import('./cli-access-args.js')).checkTokenArguments(rest[0], rest.slice(1), flags, now);
    case 'member':
      return (await import('./cli-access-args.js')).checkMemberArguments(rest[0], flags);
    case 'workspace':
      (await import('./cli-workspace-args.js')).checkWorkspaceArguments(rest[0], rest.slice(1), flags);
      return true;
    case 'unit':
      (await import('./cli-workspace-args.js')).checkUnitArguments(rest[0], flags);
      return true;
    case 'rounds':
      (await import('./cli-rounds-args.js')).checkRoundsArguments(rest[0], { ...flags, round: rest[1] });
      return true;
    case 'history':
      return checkHistoryArguments(rest[0], rest.slice(1), flags, target.databaseUrl);
    case 'import':
      return checkImportArguments(rest, flags);
    case 'export':
      return checkExportArguments(rest, flags, db);
    case 'report':
      return checkReportArguments(rest, flags, db);
    case 'backup':
      return checkBackupTarget({ file: need(rest[0], ARG.file), db, overwrite: flags.overwrite === true });
    case 'migrate':
      return checkMigrateArguments(flags);
    case 'serve':
    case 'stop':
      // Their settings are read by `loadConfig` and `loadOidcConfig` before their modules are loaded.
      return true;
  }
}

/** What `import` was asked, checked: the workspace, the document, the file and its name as printed (identity numbers masked). */
export interface ImportArguments {
  workspace: string;
  doc: string;
  file: string;
  named: string;
  /** The language of the lines printed for a person (`langOf`: `--lang`, else the locale, else Swedish). */
  lang: CliLang;
}

/**
 * `import <workspace> <doc> <file>`; throws a {@link CliError} for a missing argument, a file that
 * is not there, a folder, or an empty file (a REST import of an empty body is refused too), and a
 * `--lang` other than sv or en.
 */
export function checkImportArguments(rest: readonly string[], flags: Flags): ImportArguments {
  const [workspace, doc, file] = [need(rest[0], ARG.workspace), need(rest[1], ARG.doc), need(rest[2], ARG.file)];
  const lang = langOf(flags);
  const named = redactPersonnummer(resolve(file));
  if (!existsSync(file)) throw new CliError({ sv: `Det finns ingen fil ${named} att importera.`, en: `There is no file ${named} to import.` });
  const stat = statSync(file);
  if (stat.isDirectory()) throw new CliError({ sv: `${named} är en mapp: ange filen i den som ska importeras.`, en: `${named} is a folder: name the file in it to import.` });
  if (stat.size === 0) throw new CliError({ sv: `Filen ${named} är tom (0 byte): inget importerades.`, en: `The file ${named} is empty (0 bytes): nothing was imported.` });
  return { workspace, doc, file, named, lang };
}

/** What `export` was asked, checked. */
export interface ExportArguments {
  workspace: string;
  doc: string;
  format: ExportFormat;
  /** The language of the column names (`documentLangOf`: `--lang`, else Swedish). */
  lang: CliLang;
  /** The language of the line printed for a person (`langOf`). */
  say: CliLang;
  semicolon: boolean;
  /** The absolute path of `--out`, or null for standard output. */
  outFile: string | null;
}

/**
 * `export <workspace> <doc>` with `--format`, `--lang`, `--sep` and `--out` (refused onto one of
 * the SQLite database `db`'s own files; `db` null with PostgreSQL); throws a {@link CliError}.
 */
export function checkExportArguments(rest: readonly string[], flags: Flags, db: string | null): ExportArguments {
  const [workspace, doc] = [need(rest[0], ARG.workspace), need(rest[1], ARG.doc)];
  const asked = flags.format === undefined ? undefined : EXPORT_FORMATS.find((f) => f === flags.format);
  if (flags.format !== undefined && asked === undefined) throw new CliError({ sv: `--format ska vara ett av ${EXPORT_FORMATS.join(', ')}.`, en: `--format must be one of ${EXPORT_FORMATS.join(', ')}.` }, true);
  const toStandardOutput = flags.out === STANDARD_OUTPUT;
  const format = exportFormat(asked, toStandardOutput ? undefined : flags.out);
  const lang = documentLangOf(flags);
  if (flags.sep !== undefined && flags.sep !== 'semicolon' && flags.sep !== ';') {
    throw new CliError(
      { sv: `--sep ska vara semicolon (eller ;), inte ${quoted(flags.sep)}; utelämnat skiljs fälten med kommatecken.`, en: `--sep must be semicolon (or ;), not ${quoted(flags.sep)}; left out, fields are separated by commas.` },
      true,
    );
  }
  // `--sep ;` with a workbook or JSON was dropped without a word: only CSV has fields to separate.
  if (flags.sep !== undefined && format !== 'csv') {
    throw new CliError({ sv: `--sep gäller bara CSV; en ${format.toUpperCase()}-fil har inga fält att skilja. Utelämna --sep.`, en: `--sep applies to CSV only; ${withArticle(format.toUpperCase())} file has no fields to separate. Leave out --sep.` }, true);
  }
  const outFile = flags.out && !toStandardOutput ? checkOutputFile(flags.out, db, 'export') : null;
  // A workbook's bytes on a terminal are noise that can garble it, never a file anyone can open.
  if ((format === 'xlsx' || format === 'ods') && outFile === null && process.stdout.isTTY === true) {
    throw new CliError(
      {
        sv: `--format ${format} skriver en arbetsbok, som inte kan visas i terminalen: ange filen med --out, t.ex. --out plan.${format}, eller styr om utdata till en fil (> plan.${format}).`,
        en: `--format ${format} writes a workbook, which a terminal cannot show: name the file with --out, e.g. --out plan.${format}, or redirect the output to a file (> plan.${format}).`,
      },
      true,
    );
  }
  return { workspace, doc, format, lang, say: langOf(flags), semicolon: flags.sep !== undefined, outFile };
}

/**
 * The format an export is written in: `--format` (`asked`), else the one `--out`'s extension names
 * (`plan.xlsx`, `PLAN.JSON`), else CSV. A CSV written to `plan.xlsx` opened in Excel as a broken
 * workbook. Throws a {@link CliError} (an argument error) when `--format` and `--out`'s extension
 * name two different formats of {@link EXPORT_FORMATS}, or when the extension is another table format's
 * (`.fods`, `.xls`, `.tsv`, {@link OTHER_TABLE_FORMATS}); an extension that names no table format
 * (`.txt`) is the person's own choice.
 */
/** Extensions of table formats export does not write; CSV under such a name would open broken or as one column. */
const OTHER_TABLE_FORMATS: readonly string[] = ['xls', 'xlsm', 'xlsb', 'fods', 'tsv', 'tab', 'numbers', 'pdf', 'html'];

function exportFormat(asked: ExportFormat | undefined, out: string | undefined): ExportFormat {
  const extension = out === undefined ? undefined : /\.([a-z]+)$/i.exec(out)?.[1]?.toLowerCase();
  const named = EXPORT_FORMATS.find((f) => f === extension);
  // CSV written to plan.xls, plan.fods or plan.tsv opened as one column or a broken file, without a word.
  if (extension !== undefined && OTHER_TABLE_FORMATS.includes(extension)) {
    throw new CliError(
      {
        sv: `--out ${quoted(out ?? '')}: export skriver inte .${extension}, bara ${EXPORT_FORMATS.map((f) => `.${f}`).join(', ')}. Ge filen en av de ändelserna (t.ex. .xlsx, som Excel och LibreOffice öppnar).`,
        en: `--out ${quoted(out ?? '')}: export does not write .${extension}, only ${EXPORT_FORMATS.map((f) => `.${f}`).join(', ')}. Give the file one of those extensions (e.g. .xlsx, which Excel and LibreOffice open).`,
      },
      true,
    );
  }
  if (asked !== undefined && named !== undefined && asked !== named) {
    throw new CliError(
      {
        sv: `--format ${asked} och --out ${quoted(out ?? '')} säger olika format: filen skulle heta .${named} men vara ${asked}. Ge filen ändelsen .${asked}, eller utelämna --format.`,
        en: `--format ${asked} and --out ${quoted(out ?? '')} name different formats: the file would be named .${named} but hold ${asked}. Give the file the extension .${asked}, or leave out --format.`,
      },
      true,
    );
  }
  return asked ?? named ?? 'csv';
}

/** What `report` was asked, checked: the command's own request (a type only, so nothing of the command is loaded). */
export type ReportArguments = ReportRequest;

/**
 * `report <workspace> <round>` with `--unit`, `--lang`, `--out` and `--pdf`, as {@link checkExportArguments};
 * an `--out` named `.pdf` or a `--pdf` named `.html` is refused (the file would hold the other format).
 */
export function checkReportArguments(rest: readonly string[], flags: Flags, db: string | null): ReportArguments {
  const [workspace, round] = [need(rest[0], ARG.workspace), need(rest[1], ARG.round)];
  const lang = documentLangOf(flags);
  // `--out report.pdf` wrote the HTML into a file named .pdf, which no PDF reader opens.
  if (flags.out !== undefined && /\.pdf$/i.test(flags.out)) {
    throw new CliError(
      { sv: `--out skriver rapporten som HTML, inte som PDF: skriv --pdf ${quoted(flags.out)} för en PDF, eller ge filen ändelsen .html.`, en: `--out writes the report as HTML, not PDF: write --pdf ${quoted(flags.out)} for a PDF, or give the file the extension .html.` },
      true,
    );
  }
  if (flags.pdf !== undefined && /\.html?$/i.test(flags.pdf)) {
    throw new CliError(
      { sv: `--pdf skriver rapporten som PDF, inte som HTML: skriv --out ${quoted(flags.pdf)} för HTML, eller ge filen ändelsen .pdf.`, en: `--pdf writes the report as PDF, not HTML: write --out ${quoted(flags.pdf)} for HTML, or give the file the extension .pdf.` },
      true,
    );
  }
  if (flags.out === STANDARD_OUTPUT && flags.pdf === STANDARD_OUTPUT) {
    throw new CliError({ sv: '--out - och --pdf - skriver båda till standard ut; ange en fil för den ena.', en: '--out - and --pdf - both write to standard output; name a file for one of them.' }, true);
  }
  if (flags.pdf === STANDARD_OUTPUT && process.stdout.isTTY === true) {
    throw new CliError(
      { sv: '--pdf - skriver en PDF, som inte kan visas i terminalen: ange filen, t.ex. --pdf styrgrupp.pdf, eller styr om utdata till en fil (> styrgrupp.pdf).', en: '--pdf - writes a PDF, which a terminal cannot show: name the file, e.g. --pdf styrgrupp.pdf, or redirect the output to a file (> styrgrupp.pdf).' },
      true,
    );
  }
  const file = (given: string | undefined): string | null => (given === STANDARD_OUTPUT ? STANDARD_OUTPUT : given ? checkOutputFile(given, db, 'report') : null);
  const [out, pdf] = [file(flags.out), file(flags.pdf)];
  return { workspace, round, unit: flags.unit ?? null, lang, say: langOf(flags), out, pdf };
}

/** `migrate --from <sqlite file> --to postgres://…`; throws a {@link CliError} for a missing or wrong one. */
export function checkMigrateArguments(flags: Flags): { from: string; to: string } {
  const from = need(flags.from, { sv: '--from <sqlite-fil>', en: '--from <sqlite file>' });
  const to = need(flags.to, '--to postgres://…');
  if (!/^postgres(ql)?:\/\//.test(to)) throw new CliError({ sv: '--to ska vara en postgres://-adress, t.ex. postgres://samplan@db.example/samplan.', en: '--to must be a postgres:// address, e.g. postgres://samplan@db.example/samplan.' }, true);
  if (splitUserinfo(to)) throw new CliError(splitUserinfoWords('--to'), true);
  if (!existsSync(from)) throw new CliError({ sv: `Det finns ingen SQLite-databas i ${from}.`, en: `There is no SQLite database at ${from}.` });
  return { from, to };
}
