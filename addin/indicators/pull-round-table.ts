/**
 * "Hämta uppföljningstabell" for a follow-up round: the round's completeness or county roll-up as a
 * read-only Excel table on its own sheet, kept live. The rounds stream says when to look again —
 * a unit submitted, was approved, returned or reopened (`rounds` events), or a document the
 * tables count was written (`round-data` events: an indicator value, an activity's outcome) — and
 * the table is fetched again from the server, compared with what the sheet shows, and only the
 * cells that changed are written, in one request: the table is never rebuilt for a change.
 */
import { silentLogger, type ExcelRun, type Logger } from '../excel/sheet/types.js';
import type { Lang } from './pulled-layout.js';
import { watchPulledProtection } from './pulled-protection.js';
import { findPulled, PulledTableGone } from './pulled-find.js';
import { createPulled, PulledSheetLocked, writeDiff, type PulledTarget, type SyncCounter } from './pulled-writer.js';
import { roundTableHeader, roundTableMeta, roundTableRows, roundTableShape, roundTableTarget, type RoundTableData, type RoundTableKind } from './round-table-layout.js';
import { diffTable, type ShownRow } from './table-diff.js';

/** Where a pulled round table gets its data and hears of changes (a `RoundsClient` and its stream). */
export interface RoundTableSource {
  /** The table's data now (completeness or roll-up of `round`, with the indicators' names). */
  fetch(kind: RoundTableKind, round: string): Promise<RoundTableData>;
  /**
   * Hold the rounds stream; `changed` is called on every status change and every data change,
   * `ended` once with the HTTP status when the server refuses the stream for good (401, 403, 404).
   */
  watch(changed: () => void, ended?: (status: number) => void): () => void;
  /**
   * The words (in `lang`) for an error `fetch` rejected with when it will not go away by trying
   * again (a revoked token, a right taken away, a round gone: 401, 403, 404); null when it may.
   */
  final?(error: unknown, lang: Lang): string | null;
}

/** The wait before a failed fetch or write of a round table is tried again, in ms, unless `retryMs` says otherwise. */
export const ROUND_RETRY_MS = 2000;

/** Options of {@link pullRoundTable}. */
export interface PullRoundOptions {
  kind: RoundTableKind;
  /** The round's id. */
  round: string;
  lang: Lang;
  /**
   * Unit code → name, for a code the fetched answer does not name itself (an answer of a server
   * older than its `unitNames`); the answer's names come first (`roundTableRows`).
   */
  unitNames: ReadonlyMap<string, string>;
  /** How long to gather changes before fetching, in ms (default 150). */
  coalesceMs?: number;
  /** Delay before trying again after a failed fetch or write, in ms (default {@link ROUND_RETRY_MS}). */
  retryMs?: number;
  /** The time shown as "Senast uppdaterad" (default `new Date()`). */
  now?: () => Date;
  /** Told when a fetch or write fails; it is tried again after `retryMs`. */
  onError?(error: unknown): void;
  /** Told after every write. */
  onUpdate?(write: RoundTableWrite): void;
  /**
   * Told once when the table stops following the round because the server refuses it for good
   * (see {@link RoundTableSource.final}), with the words why; the sheet says it too.
   */
  onStopped?(reason: string): void;
  /**
   * Told when the person switches the protection of the table's sheet off (`false`) or on again
   * (`true`; ExcelApi 1.14). Off: what is typed in the table then is overwritten by the next
   * update, which writes the whole table and protects the sheet again (`pulled-protection.ts`).
   * On again: the whole table is written at once.
   */
  onProtection?(sheetName: string, isProtected: boolean): void;
  /**
   * The Excel table's id, when this table was pulled before (its workbook setting keeps it): a
   * table the manager renamed is found by it. A table pulled before stays where it stands.
   */
  tableId?: string;
  logger?: Logger;
}

/** What one update cost: fetching, comparing, writing (ms), and the cells and syncs it took. */
export interface RoundTableWrite {
  fetchMs: number;
  diffMs: number;
  writeMs: number;
  cells: number;
  rowsInserted: number;
  rowsDeleted: number;
  syncs: number;
}

/** A live pulled round table. */
export interface PulledRoundTable {
  readonly kind: RoundTableKind;
  readonly round: string;
  /** The sheet the table stands on now (a sheet the manager renames is followed). */
  readonly sheetName: string;
  /** The name the pull gave the table, which it is remembered by. */
  readonly tableName: string;
  /** The Excel table's id. */
  readonly tableId: string | undefined;
  readonly lastUpdated: Date;
  readonly rowCount: number;
  /** `context.sync()` calls made so far. */
  readonly syncs: number;
  /** The last update's cost; null before the first change. */
  readonly lastWrite: RoundTableWrite | null;
  /** Why the table no longer follows the round (in the table's language); null while it does. */
  readonly stopped: string | null;
  /** Fetches and writes now (the "last updated" line moves even when nothing changed). */
  refresh(): Promise<void>;
  /** Stops following the round; the sheet keeps what it shows. Waits for a write in flight. */
  dispose(): Promise<void>;
}

/**
 * Fetches the table, writes it on its own sheet ("Fullständighet 2025 kv 2", replacing an earlier
 * pull of the same table and round) and keeps it live. Rejects with the fetch's error (say, the
 * server's sentence) when the first fetch fails; nothing is written then.
 *
 * @example
 * const pulled = await pullRoundTable((batch) => Excel.run(batch), {
 *   fetch: (kind, id) => (kind === 'completeness' ? client.completenessTable(id) : client.rollupTable(id)),
 *   watch: (changed) => { const w = client.watch(); const a = w.subscribe(changed), b = w.subscribeData(changed); return () => (a(), b(), w.release()); },
 * }, { kind: 'completeness', round: '2025-kv-2', lang: 'sv', unitNames });
 */
export async function pullRoundTable(run: ExcelRun, source: RoundTableSource, options: PullRoundOptions): Promise<PulledRoundTable> {
  const { kind, round, lang, unitNames } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const shape = roundTableShape(kind);
  const counter: SyncCounter = { syncs: 0 };

  let data = await source.fetch(kind, round);
  /** Why the table no longer follows the round; null while it does. */
  let stopped: string | null = null;
  const target: PulledTarget = { ...roundTableTarget(kind, data.round, lang), ...(options.tableId !== undefined ? { tableId: options.tableId } : {}), lang };
  /** The first write placed the table: written anew later, a table gone is the manager's doing. */
  let placed = false;
  const create = async (next: RoundTableData, at: Date): Promise<ShownRow[]> => {
    const rows = roundTableRows(next, lang, unitNames);
    const found = await findPulled(run, target, counter, { placed });
    await createPulled(run, target, { ...found, header: roundTableHeader(kind, lang), rows: rows.map((r) => [...r.cells]), meta: roundTableMeta(next, lang, at, stopped), lang }, counter, shape);
    return rows;
  };

  let lastUpdated = now();
  let shown = await create(data, lastUpdated);
  placed = true;
  let lastWrite: RoundTableWrite | null = null;
  let rebuild = false;
  let dirty = false;
  let forced = false;
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let stopWatching: () => void = () => undefined;

  // A refusal for good: no more tries; the title lines say the table is no longer updated.
  const stopFor = async (reason: string): Promise<void> => {
    if (stopped !== null || disposed) return;
    stopped = reason;
    stopWatching();
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    dirty = false;
    logger.warn({ reason }, 'round table no longer followed');
    try {
      await writeDiff(run, target, { deletes: [], inserts: [], blocks: [], cellsWritten: 0 }, roundTableMeta(data, lang, lastUpdated, reason), counter, shape);
    } catch (error) {
      logger.warn({ err: error }, 'round table: the title lines could not say it is no longer updated');
    }
    options.onStopped?.(reason);
  };

  /** The sheet has a password: said once; tried again at the next change, not on a timer. */
  let locked = false;
  const retry = (error: unknown, what: string): void => {
    if (error instanceof PulledSheetLocked) {
      // Nothing was changed, and trying again changes nothing until the manager lifts the password.
      if (!locked) options.onError?.(error);
      locked = true;
      logger.warn({ err: error }, what);
      return;
    }
    logger.warn({ err: error }, what);
    options.onError?.(error);
    dirty = true;
    if (!disposed && stopped === null) timer ??= setTimeout(() => void flush(), options.retryMs ?? ROUND_RETRY_MS);
  };

  const write = async (): Promise<void> => {
    if (!dirty || disposed) return;
    dirty = false;
    const force = forced;
    forced = false;
    const t0 = performance.now();
    let next: RoundTableData;
    try {
      next = await source.fetch(kind, round);
    } catch (error) {
      const final = source.final?.(error, lang) ?? null;
      if (final !== null) await stopFor(final);
      else retry(error, 'round table fetch failed');
      return;
    }
    const t1 = performance.now();
    const at = now();
    const syncsBefore = counter.syncs;
    try {
      if (rebuild) {
        shown = await create(next, at);
        rebuild = false;
        lastWrite = { fetchMs: t1 - t0, diffMs: 0, writeMs: performance.now() - t1, cells: shown.length * shape.width, rowsInserted: shown.length, rowsDeleted: 0, syncs: counter.syncs - syncsBefore };
      } else {
        const rows = roundTableRows(next, lang, unitNames);
        const diff = diffTable(shown, rows, shape.width);
        const meta = roundTableMeta(next, lang, at, stopped);
        const t2 = performance.now();
        // The status summary line can change without a cell of the table changing.
        const unchanged = diff.blocks.length === 0 && diff.deletes.length === 0 && diff.inserts.length === 0 && meta[2] === roundTableMeta(data, lang, at, stopped)[2];
        if (unchanged && !force) return;
        await writeDiff(run, target, diff, meta, counter, shape);
        shown = rows;
        lastWrite = { fetchMs: t1 - t0, diffMs: t2 - t1, writeMs: performance.now() - t2, cells: diff.cellsWritten, rowsInserted: diff.inserts.reduce((n, r) => n + r.count, 0), rowsDeleted: diff.deletes.length, syncs: counter.syncs - syncsBefore };
        logger.debug(lastWrite, 'round table written');
      }
      data = next;
      lastUpdated = at;
      locked = false;
      options.onUpdate?.(lastWrite);
    } catch (error) {
      // Deleted or made a range by the manager: no copy elsewhere, no more writes, said once.
      if (error instanceof PulledTableGone) return stopFor(error.message);
      // A request stops at its first failing command: what the sheet shows is unknown now.
      rebuild = true;
      retry(error, 'round table write failed');
    }
  };
  // Writes never overlap: each one waits for the one before.
  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    writing = writing.then(write);
    return writing;
  };
  stopWatching = source.watch(
    () => {
      if (disposed || stopped !== null) return;
      dirty = true;
      timer ??= setTimeout(() => void flush(), options.coalesceMs ?? 150);
    },
    (status) => {
      if (disposed || stopped !== null) return;
      // One more fetch: it is refused with the server's own words, or the table is written as it
      // stands; either way nothing will tell it of a change again.
      dirty = true;
      void flush().then(() => stopFor(streamEndedWords(status, lang)));
    },
  );

  // Unprotected by the person, the table may hold what they typed; a write of the changed cells
  // alone would leave that beside the round's figures. The next write is whole (and protects again).
  const stopProtection = await watchPulledProtection(run, target.sheetName, (isProtected) => {
    if (disposed || stopped !== null) return;
    target.sheetProtected = isProtected;
    rebuild = true;
    if (isProtected) {
      dirty = true;
      void flush();
    } else logger.warn({ sheet: target.sheetName }, 'round table sheet unprotected by the person');
    options.onProtection?.(target.sheetName, isProtected);
  });

  return {
    kind,
    round,
    tableName: target.tableName,
    get sheetName() {
      return target.sheetName;
    },
    get tableId() {
      return target.tableId;
    },
    get lastUpdated() {
      return lastUpdated;
    },
    get rowCount() {
      return shown.length;
    },
    get syncs() {
      return counter.syncs;
    },
    get lastWrite() {
      return lastWrite;
    },
    get stopped() {
      return stopped;
    },
    refresh() {
      dirty = true;
      forced = true;
      return flush();
    },
    async dispose() {
      disposed = true;
      stopWatching();
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await writing;
      await stopProtection();
    },
  };
}

/** Why a table stops when the rounds stream was refused with `status` and the table's own fetch was not. */
function streamEndedWords(status: number, lang: Lang): string {
  return lang === 'sv'
    ? `servern skickar inte längre ändringarna (svar ${status}); hämta tabellen igen för att följa omgången.`
    : `the server no longer sends the changes (status ${status}); pull the table again to follow the round.`;
}
