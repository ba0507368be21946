/**
 * `samplan history scan [<workspace>[/<doc>]]` and `samplan history drop <workspace>/<doc>
 * [--dry-run] | --all-flagged [<workspace>]`: find deleted personnummer still held by documents'
 * stored history, and those the live state holds, named apart (`history-scan.ts`), and replace such
 * a history by the document's checked live state (`history-drop.ts`). The documents read are those
 * the store holds anything of (`listStoredDocs`), a record or not. A scan of a workspace, or of
 * all, also reads every text the store's rows hold (`record-scan.ts`: the catalogue, the audit
 * trail, sessions), each named by table, key and field. Places are named (update seq, snapshot,
 * checkpoint, take-back; a path in the document), never the number, nor one in a workspace or
 * document id (masked). The scan also names each stored part that does not decode, or decodes with
 * bytes left over (the update by sequence number, when it was stored, what Yjs said or how many
 * bytes). Exit codes as the CLI's others: 0 clean or done (a drop of a document never edited:
 * nothing to drop), 2 when a personnummer is found (scan) or the live state holds one (drop), or
 * the workspace or document named is not there (no record, nothing stored), 1 for another failure
 * (a scan that found only damaged parts, or update rows no document has, which no load reads).
 */
import { CliError, langOf, type Flags } from './cli-args.js';
import { checkHistoryArguments, VACUUM_SQLITE, type HistoryArguments } from './cli-history-args.js';
import type { CliLang } from './cli-lang.js';
import { requireWorkspace } from './cli-workspace.js';
import { dropHistory, HistoryDropError } from './history-drop.js';
import { cleanScanWords, findingLines, MASK, NOTHING_FLAGGED, notThereWords, plural, rebuiltHeadLine, resultLine, scanCountLines, undecodableLine, vacuumWords } from './history-lines.js';
import { documentsOf, scanHistories } from './history-scan.js';
import { keyOption, keylessDropWords, keylessFindingWords, keylessRowsWords, scanKeyless } from './history-keyless.js';
import { recordLine, scanRecords, type RecordFinding } from './record-scan.js';
import { VACUUM_HISTORY, type DocRef, type Storage } from './storage/storage.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';

type Print = (line: string) => void;

/** ` --db FILE` or ` --database-url …` when the command was given one, so the line can be run as printed. */
function storeOption(flags: Flags): string {
  if (flags['database-url']) return ' --database-url <url>';
  return flags.db ? ` --db ${flags.db}` : '';
}

/** Whether the store holds a record or any history of `ref` (what `listStoredDocs` lists), asked of that document alone. */
async function storedHere(storage: Storage, ref: DocRef): Promise<boolean> {
  if ((await storage.getDocRecord(ref)) !== null) return true;
  // The rows themselves: a head (`lastSeqs`) is not written by a hand that stored rows.
  if ((await storage.listUpdates(ref, 0, 1)).length > 0 || (await storage.listCheckpoints(ref)).length > 0) return true;
  const stored = await storage.loadDoc(ref);
  return stored.snapshot !== null || (stored.takeBacks ?? []).length > 0;
}

/**
 * Resolves when `target` is there: its workspace has a record or stored documents, and its
 * document (when named) a record or stored history. Otherwise throws a {@link CliError} naming
 * what is not there (exit 2, as every command's "not there").
 */
async function requireThere(storage: Storage, target: { workspace: string; doc: string | null }): Promise<void> {
  if (!(await storage.getWorkspace(target.workspace)) && (await storage.listStoredDocs(target.workspace)).length === 0) await requireWorkspace(storage, target.workspace);
  if (target.doc === null) return;
  const ref = { workspace: target.workspace, doc: target.doc };
  if (!(await storedHere(storage, ref))) throw new CliError(notThereWords(ref));
}

/**
 * Run `samplan history`; `withStorage` opens the configured store (`cli.ts`). Every line, and a
 * refusal, in the language of `flags.lang`, else the locale, else Swedish (`langOf`, `cli-lang.ts`).
 * Resolves with the exit code.
 */
export async function historyCommand(
  sub: string | undefined,
  rest: string[],
  flags: Flags,
  withStorage: (fn: (storage: Storage) => Promise<number>) => Promise<number>,
  print: Print,
  warn: Print,
  checked: HistoryArguments = checkHistoryArguments(sub, rest, flags, undefined),
): Promise<number> {
  const where = storeOption(flags);
  const lang = langOf(flags);
  const { target, all, dryRun, vacuum, key } = checked;
  if (sub === 'scan') {
    return withStorage(async (storage) => {
      if (target) await requireThere(storage, target);
      const refs = target?.doc ? [{ workspace: target.workspace, doc: target.doc }] : await documentsOf(storage, target?.workspace);
      const found = await scanHistories(storage, refs);
      const holding = found.filter((f) => f.places.length > 0);
      const damaged = found.filter((f) => f.damaged.length > 0);
      // A workspace's records are read with its documents; a scan of one document reads that document alone.
      const workspaces = target?.doc ? [] : target ? [target.workspace] : [...new Set([...(await storage.listWorkspaces()).map((w) => w.id), ...refs.map((r) => r.workspace)])];
      const records = await scanRecords(storage, target ? workspaces : null);
      // Rows under a key no document has are of no workspace: read by the scan of all.
      const allKeyless = target ? [] : await scanKeyless(storage);
      const keyless = allKeyless.filter((k) => k.seqs.length > 0);
      // Rows no document reads are said whatever they hold: they may be a document's lost history.
      const unread = allKeyless.filter((k) => k.seqs.length === 0);
      for (const f of found) if (f.headRebuilt) print(rebuiltHeadLine(f.ref, f.headRebuilt, 'scan', lang));
      const unreadDocs = found.filter((f) => f.unread);
      for (const f of unreadDocs) warn(f.unread?.[lang] ?? '');
      for (const f of damaged) for (const part of f.damaged) warn(undecodableLine(f.ref, part, lang));
      for (const f of holding) for (const line of findingLines(f, where, lang)) warn(line);
      for (const k of keyless) warn(keylessFindingWords(k, `samplan history drop ${keyOption(k.key)}${where}`)[lang]);
      for (const k of unread) warn(keylessRowsWords(k, `samplan history drop ${keyOption(k.key)}${where}`)[lang]);
      for (const line of cappedRecordLines(records, lang)) warn(line);
      const counts = { docs: refs.length, damaged: damaged.length, holding: holding.length, keyless: keyless.length, records: records.length, workspaces: workspaces.length };
      for (const line of scanCountLines(counts, lang)) warn(line);
      if (holding.length > 0 || records.length > 0 || keyless.length > 0) return 2;
      print(cleanScanWords(refs.length)[lang]);
      return damaged.length > 0 || unread.length > 0 || unreadDocs.length > 0 ? 1 : 0;
    });
  }
  return withStorage(async (storage) => {
    if (vacuum && !storage.vacuumHistory) throw new CliError(VACUUM_SQLITE, true);
    if (key !== null) return dropKeyless(storage, key, dryRun, print, warn, lang);
    if (target) await requireThere(storage, target);
    let refs: DocRef[];
    // With --all-flagged of the whole store, the keys no document has whose rows the scan flags too.
    let keys: number[] = [];
    if (all) {
      refs = (await scanHistories(storage, await documentsOf(storage, target?.workspace ?? undefined))).filter((f) => f.places.length > 0).map((f) => f.ref);
      keys = target ? [] : (await scanKeyless(storage)).filter((k) => k.seqs.length > 0).map((k) => k.key);
      if (refs.length === 0 && keys.length === 0) {
        print(NOTHING_FLAGGED[lang]);
        return 0;
      }
    } else refs = [{ workspace: target?.workspace ?? '', doc: target?.doc ?? '' }];
    let code = 0;
    let dropped = 0;
    for (const ref of refs) {
      try {
        const result = await dropHistory(storage, ref, { dryRun });
        const line = resultLine(result, lang);
        if (result.kind !== 'refused') print(line);
        else warn(line);
        if (result.kind === 'dropped' || (result.kind === 'unnumbered' && !result.dryRun)) dropped++;
        code = Math.max(code, result.kind === 'refused' ? 2 : 0);
      } catch (err) {
        if (!(err instanceof HistoryDropError)) throw err;
        warn(`samplan: ${redactPersonnummer(err.words[lang], MASK)}`);
        code = Math.max(code, 1);
      }
    }
    for (const k of keys) code = Math.max(code, await dropKeyless(storage, k, dryRun, print, warn, lang));
    if (dropped > 0 && storage.vacuumHistory) {
      if (vacuum) await storage.vacuumHistory();
      print(vacuumWords(VACUUM_HISTORY, vacuum)[lang]);
    }
    return code;
  });
}

/** Record findings printed per table; the rest are counted (an audit trail may hold thousands of lines naming one). */
export const RECORD_LINES_PER_TABLE = 20;

/**
 * One line per record finding ({@link recordLine}) in `lang`, at most {@link RECORD_LINES_PER_TABLE}
 * of each table, then for a table with more one line saying how many more it holds (the count line
 * after them counts every finding).
 */
export function cappedRecordLines(records: readonly RecordFinding[], lang: CliLang): string[] {
  const byTable = new Map<string, RecordFinding[]>();
  for (const r of records) {
    const found = byTable.get(r.table);
    if (found) found.push(r);
    else byTable.set(r.table, [r]);
  }
  const more = (n: number, table: string): string =>
    lang === 'sv'
      ? `… och ${plural(n, 'fält')} till i ${table} med ett personnummer, inte listade här (de första ${RECORD_LINES_PER_TABLE} står ovan; vart och ett av resten tas bort som de).`
      : `… and ${plural(n, 'more field')} of ${table} holding a personnummer, not listed here (the first ${RECORD_LINES_PER_TABLE} are above; each of the rest is removed as they are).`;
  return [...byTable].flatMap(([table, found]) => [
    ...found.slice(0, RECORD_LINES_PER_TABLE).map((f) => recordLine(f, lang)),
    ...(found.length > RECORD_LINES_PER_TABLE ? [more(found.length - RECORD_LINES_PER_TABLE, table)] : []),
  ]);
}

/**
 * `samplan history drop --key <key>`: the update rows under a key no document has deleted (with
 * `dryRun` counted), by the store's `dropUnnumberedUpdates`. Resolves with 0, or 2 when there are
 * none under that key (nothing there, as every command's "not there"); throws a {@link CliError}
 * for a store that keys no rows by number (PostgreSQL).
 */
async function dropKeyless(storage: Storage, key: number, dryRun: boolean, print: Print, warn: Print, lang: CliLang): Promise<number> {
  if (!storage.listKeylessUpdates || !storage.dropUnnumberedUpdates) {
    throw new CliError(
      {
        sv: '--key namnger uppdateringsrader i en SQLite-databas (--db) under en nyckel som inget dokument har; den här databasen har inga sådana nycklar.',
        en: '--key names update rows of an SQLite store (--db) under a key no document has; this store keys none so.',
      },
      true,
    );
  }
  const rows = (await storage.listKeylessUpdates()).find((k) => k.key === key)?.updates.length ?? 0;
  const done = rows === 0 || dryRun ? rows : await storage.dropUnnumberedUpdates({ key });
  (done === 0 ? warn : print)(keylessDropWords(key, done, dryRun)[lang]);
  return done === 0 ? 2 : 0;
}
