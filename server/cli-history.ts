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
 * (a scan that found only damaged parts).
 */
import { CliError, quoted, type Flags } from './cli-args.js';
import { checkHistoryArguments, type HistoryArguments } from './cli-history-args.js';
import { requireWorkspace } from './cli-workspace.js';
import { dropHistory, HistoryDropError, type DropResult } from './history-drop.js';
import { documentsOf, scanHistories, type HistoryFinding, type UndecodablePart } from './history-scan.js';
import { keyOption, keylessDropWords, keylessFindingWords, scanKeyless } from './history-keyless.js';
import { recordLine, scanRecords, type RecordFinding } from './record-scan.js';
import { damagedPlaceWords } from '../shared/protocol/damaged-history.js';
import { VACUUM_HISTORY, type DocRef, type Storage } from './storage/storage.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';

type Print = (line: string) => void;

/** What a workspace or document id holding a personnummer (a store written past the guard) is shown with, as `samplan migrate` shows it. */
const MASK = '[personnummer]';

/** `<workspace>/<doc>` as printed: a personnummer in either masked. */
function nameOf(ref: DocRef): string {
  return redactPersonnummer(`${ref.workspace}/${ref.doc}`, MASK);
}

/**
 * The command that removes what was found in `ref`'s history, with the store's option as given;
 * for an id that cannot be printed (it holds a personnummer) the one that finds it by the scan
 * (`--all-flagged`, of its workspace when that can be printed).
 */
function dropLine(ref: DocRef, where: string): string {
  if (nameOf(ref) === `${ref.workspace}/${ref.doc}`) return `samplan history drop ${ref.workspace}/${ref.doc}${where}`;
  const ws = redactPersonnummer(ref.workspace, MASK) === ref.workspace ? ` ${ref.workspace}` : '';
  return `samplan history drop --all-flagged${ws}${where}`;
}

/** ` --db FILE` or ` --database-url …` when the command was given one, so the line can be run as printed. */
function storeOption(flags: Flags): string {
  if (flags['database-url']) return ' --database-url <url>';
  return flags.db ? ` --db ${flags.db}` : '';
}

/**
 * One finding as lines: where deleted text kept by history holds a personnummer, with the command
 * that removes it; and where the live state holds one (its paths, and the places storing it), which
 * a drop keeps and refuses: that text is changed in the document. Never the number.
 */
export function findingLines(f: HistoryFinding, where = ''): string[] {
  const lines: string[] = [];
  if (f.unnumbered) {
    return [
      `${nameOf(f.ref)}: a personnummer in its stored updates at ${f.places.join(', ')}, which no last sequence number counts (the document has no head: left by a crash between two writes, or by an older Samplan); no server can store an edit of it while they stay. Remove them with ${dropLine(f.ref, where)}`,
    ];
  }
  if (f.deleted.length > 0) {
    lines.push(`${nameOf(f.ref)}: a personnummer in its stored history at ${f.deleted.join(', ')} (deleted text kept by history; the live state is checked apart); remove it with ${dropLine(f.ref, where)}`);
  }
  if (f.live.length > 0) {
    const paths = f.livePaths.length > 0 ? ` at ${f.livePaths.join(', ')}` : '';
    lines.push(
      `${nameOf(f.ref)}: a personnummer in its live state${paths} (stored at ${f.live.join(', ')}): it is not deleted text, and samplan history drop refuses while the document holds it. Change that text in the document (on a server), then scan again.`,
    );
  }
  return lines;
}

/**
 * One damaged stored part of `ref`'s history as a line: the document, the place and when it was
 * stored, what Yjs said (or how many bytes are left over after the update it decodes), and what to do.
 */
export function undecodableLine(ref: DocRef, part: UndecodablePart): string {
  const when = part.at ? `, stored ${part.at},` : '';
  const fault = part.trailing
    ? `decodes with ${part.trailing} byte${part.trailing === 1 ? '' : 's'} left over after it (no Samplan server stores such bytes; Yjs ignores them)`
    : `does not decode (Yjs said: ${part.said})`;
  return `${nameOf(ref)}: ${damagedPlaceWords(part.place).en}${when} ${fault}; its stored history is damaged there. Its bytes were still read for a personnummer. Restore the database from a backup (a file samplan backup made).`;
}

/** Whether the store holds a record or any history of `ref` (what `listStoredDocs` lists), asked of that document alone. */
async function storedHere(storage: Storage, ref: DocRef): Promise<boolean> {
  if ((await storage.getDocRecord(ref)) !== null) return true;
  // The rows themselves: a head (`lastSeqs`) is not written by a hand that stored rows.
  if ((await storage.listUpdates(ref, 0, 1)).length > 0 || (await storage.listCheckpoints(ref)).length > 0) return true;
  const stored = await storage.loadDoc(ref);
  return stored.snapshot !== null || (stored.takeBacks ?? []).length > 0;
}

/** The sentence for a document of which the store holds neither a record nor history. */
function notThere(ref: DocRef): string {
  return `There is no document ${quoted(nameOf(ref))} in this database: no record and nothing stored under that id (samplan history scan ${redactPersonnummer(ref.workspace, MASK)} lists what it holds).`;
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
  if (!(await storedHere(storage, ref))) throw new CliError(notThere(ref));
}

/** Run `samplan history`; `withStorage` opens the configured store (`cli.ts`). Resolves with the exit code. */
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
      const keyless = target ? [] : (await scanKeyless(storage)).filter((k) => k.seqs.length > 0);
      for (const f of found) if (f.headRebuilt) print(rebuiltHeadLine(f.ref, f.headRebuilt, 'scan'));
      for (const f of damaged) for (const part of f.damaged) warn(undecodableLine(f.ref, part));
      for (const f of holding) for (const line of findingLines(f, where)) warn(line);
      for (const k of keyless) warn(keylessFindingWords(k, `samplan history drop ${keyOption(k.key)}${where}`).en);
      for (const line of cappedRecordLines(records)) warn(line);
      if (damaged.length > 0) warn(`${damaged.length} of ${refs.length} document${refs.length === 1 ? ' has' : 's have'} stored history that does not decode whole.`);
      if (holding.length > 0) warn(`${holding.length} of ${refs.length} documents hold a personnummer in their stored history.`);
      if (keyless.length > 0) warn(`${plural(keyless.length, 'key')} no document has hold${keyless.length === 1 ? 's' : ''} a personnummer in update rows.`);
      if (records.length > 0) warn(`${plural(records.length, 'record field')} of ${plural(workspaces.length, 'workspace')} hold${records.length === 1 ? 's' : ''} a personnummer.`);
      if (holding.length > 0 || records.length > 0 || keyless.length > 0) return 2;
      print(`No personnummer in the stored history of ${refs.length} document${refs.length === 1 ? '' : 's'}.`);
      return damaged.length > 0 ? 1 : 0;
    });
  }
  return withStorage(async (storage) => {
    if (vacuum && !storage.vacuumHistory) throw new CliError('--vacuum is for PostgreSQL (--database-url): SQLite overwrites the dropped bytes as it drops them.', true);
    if (key !== null) return dropKeyless(storage, key, dryRun, print, warn);
    if (target) await requireThere(storage, target);
    let refs: DocRef[];
    // With --all-flagged of the whole store, the keys no document has whose rows the scan flags too.
    let keys: number[] = [];
    if (all) {
      refs = (await scanHistories(storage, await documentsOf(storage, target?.workspace ?? undefined))).filter((f) => f.places.length > 0).map((f) => f.ref);
      keys = target ? [] : (await scanKeyless(storage)).filter((k) => k.seqs.length > 0).map((k) => k.key);
      if (refs.length === 0 && keys.length === 0) {
        print('No document holds a personnummer in its stored history; nothing to drop.');
        return 0;
      }
    } else refs = [{ workspace: target?.workspace ?? '', doc: target?.doc ?? '' }];
    let code = 0;
    let dropped = 0;
    for (const ref of refs) {
      try {
        const result = await dropHistory(storage, ref, { dryRun });
        const line = resultLine(result);
        if (result.kind !== 'refused') print(line);
        else warn(line);
        if (result.kind === 'dropped' || (result.kind === 'unnumbered' && !result.dryRun)) dropped++;
        code = Math.max(code, result.kind === 'refused' ? 2 : 0);
      } catch (err) {
        if (!(err instanceof HistoryDropError)) throw err;
        warn(`samplan: ${redactPersonnummer(err.message, MASK)}`);
        code = Math.max(code, 1);
      }
    }
    for (const k of keys) code = Math.max(code, await dropKeyless(storage, k, dryRun, print, warn));
    if (dropped > 0 && storage.vacuumHistory) {
      if (!vacuum) {
        print(`On PostgreSQL the dropped bytes are still in the table files: deleted rows stay on disk until their tables are rewritten. Run ${VACUUM_HISTORY}; in psql (or give the drop --vacuum) to remove them; it locks those tables while it runs, so a server's edits wait. ${BACKUPS}`);
      } else {
        await storage.vacuumHistory();
        print(`Tables rewritten (${VACUUM_HISTORY}): the dropped bytes are no longer in their files. ${BACKUPS}`);
      }
    }
    return code;
  });
}

/** Record findings printed per table; the rest are counted (an audit trail may hold thousands of lines naming one). */
export const RECORD_LINES_PER_TABLE = 20;

/**
 * One line per record finding ({@link recordLine}), at most {@link RECORD_LINES_PER_TABLE} of each
 * table, then for a table with more one line saying how many more it holds (the count line after
 * them counts every finding).
 */
export function cappedRecordLines(records: readonly RecordFinding[]): string[] {
  const byTable = new Map<string, RecordFinding[]>();
  for (const r of records) {
    const found = byTable.get(r.table);
    if (found) found.push(r);
    else byTable.set(r.table, [r]);
  }
  return [...byTable].flatMap(([table, found]) => [
    ...found.slice(0, RECORD_LINES_PER_TABLE).map(recordLine),
    ...(found.length > RECORD_LINES_PER_TABLE
      ? [`… and ${plural(found.length - RECORD_LINES_PER_TABLE, 'more field')} of ${table} holding a personnummer, not listed here (the first ${RECORD_LINES_PER_TABLE} are above; each of the rest is removed as they are).`]
      : []),
  ]);
}

/**
 * `samplan history drop --key <key>`: the update rows under a key no document has deleted (with
 * `dryRun` counted), by the store's `dropUnnumberedUpdates`. Resolves with 0, or 2 when there are
 * none under that key (nothing there, as every command's "not there"); throws a {@link CliError}
 * for a store that keys no rows by number (PostgreSQL).
 */
async function dropKeyless(storage: Storage, key: number, dryRun: boolean, print: Print, warn: Print): Promise<number> {
  if (!storage.listKeylessUpdates || !storage.dropUnnumberedUpdates) throw new CliError('--key names update rows of an SQLite store (--db) under a key no document has; this store keys none so.', true);
  const rows = (await storage.listKeylessUpdates()).find((k) => k.key === key)?.updates.length ?? 0;
  const done = rows === 0 || dryRun ? rows : await storage.dropUnnumberedUpdates({ key });
  (done === 0 ? warn : print)(keylessDropWords(key, done, dryRun).en);
  return done === 0 ? 2 : 0;
}

/** What no drop reaches, said after one on PostgreSQL. */
const BACKUPS = 'Backups, dumps and WAL archives made before the drop still hold them.';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What a drop did, in one sentence (two with values written again) for the operator. */
export function resultLine(r: DropResult): string {
  const name = nameOf(r.ref);
  if (r.kind === 'nothing') return `${name}: nothing is stored of its history (it was never edited); nothing to drop.`;
  if (r.kind === 'unnumbered') {
    const held = r.flagged.length > 0 ? ` A personnummer was held at ${r.flagged.join(', ')}.` : ' They held no personnummer.';
    const what = `${plural(r.updates, 'stored update')} no last sequence number counts (the document has no head)`;
    return r.dryRun ? `${name}: would drop ${what} (dry run, nothing written).${held}` : `${name}: dropped ${what}.${held}`;
  }
  if (r.kind === 'refused') {
    return `${name}: its live state holds text the guard refuses at ${r.places.join(', ')}; nothing was dropped. Change the text at that place (on a server, in the document), then drop again.`;
  }
  const { updates, checkpoints, takeBacks, snapshot } = r.removed;
  const gone = [plural(updates, 'update'), plural(checkpoints, 'checkpoint'), ...(snapshot ? ['the snapshot'] : []), plural(takeBacks, 'take-back')].join(', ');
  const held = r.flagged.length > 0 ? ` A personnummer was held at ${r.flagged.join(', ')}.` : ' The history held no personnummer.';
  const head = r.headRebuilt ? ` ${rebuiltHeadLine(null, r.headRebuilt, r.kind === 'dropped' ? 'drop' : 'dry run')}` : '';
  return r.kind === 'dropped'
    ? `${name}: history dropped (${gone}); the live state at update ${r.seq} is its only snapshot, the next edit is update ${r.seq + 1}.${rewrittenLine(r, true)}${held}${head}`
    : `${name}: would drop ${gone}, keeping the live state at update ${r.seq} as its only snapshot (dry run, nothing ${r.headRebuilt ? 'else ' : ''}written).${rewrittenLine(r, false)}${held}${head}`;
}

/** That `ref`'s stored rows had no head, or one below them, and `by`'s load wrote one (`StoredDoc.headRebuilt`'s words in `how`); led by the document's name when given. */
function rebuiltHeadLine(ref: { workspace: string; doc: string } | null, how: string, by: 'scan' | 'drop' | 'dry run'): string {
  const rows = ref ? `${nameOf(ref)}: its stored rows` : 'Its stored rows';
  const kept = by === 'scan' ? 'so it loads whole and takes edits' : 'so the rest of the document was kept';
  // The words of a head raised, not written anew, say where it stood (`rebuiltDetail`).
  const raised = how.includes(' (it stood at ');
  return `${rows} had ${raised ? 'a head below their newest sequence number' : 'no head (no last sequence number)'}: the ${by} wrote one first (${how}), as a server's load does, ${kept}.`;
}

/** The sentence on values that lost to a taken-back change and that the drop writes again (`DropResult.rewritten`); '' when none. */
function rewrittenLine(r: { rewritten: number; record: boolean }, done: boolean): string {
  if (r.rewritten === 0) return '';
  const verb = done ? (r.rewritten === 1 ? 'was' : 'were') : 'would be';
  const asked = r.record
    ? "the writes a server's next load would make (each author's rights asked as they are now)"
    : "each as its author left it (the document has no record, so only whether each author is still a member was asked; a removed member's value is not kept)";
  return ` ${plural(r.rewritten, 'value')} that lost to a taken-back change ${verb} written again into it, ${asked}.`;
}
