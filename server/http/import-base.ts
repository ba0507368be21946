/**
 * Importing a file made from an older version of the document without undoing what others
 * changed since. A file Samplan exported names the version it holds (`file-version.ts`); the
 * import rebuilds that version from the stored history (the base) and compares each cell of a
 * row the file holds three ways — the file, the base, and the document now:
 * - unchanged in Samplan since the base (now = base), or last changed by the person importing
 *   (their own edit in the pane, or their own import of the same file): the file's value is written;
 * - changed by someone else since, and the file still holds the base's value: the newer value is
 *   kept, and said (`kept`);
 * - changed by someone else since, and the file changed it too, to another value: the value in
 *   Samplan is kept and the file's is named, so the person decides (`both`);
 * - a row of the base deleted in Samplan since: it is not added again (`deleted`).
 * An indicator value's täljare, nämnare and Värde are one figure: when someone else changed one
 * of them since, the file's changes to all three are kept back together (a täljare from one
 * person and a nämnare from another make a share nobody gave).
 * A file without a stamp (CSV, a workbook made elsewhere), one from another document or from a
 * document deleted and made again under the same id, or one made from the version there is now,
 * is imported as before: the file's values are written where they differ. So is a file whose
 * version the stored history no longer holds and can stand in for by no older checkpoint (a
 * history pruned past it, `storage/retention.ts`), and the answer says so (`lost`).
 *
 * A version whose changes were folded into an hourly checkpoint is read as the checkpoint before
 * it: edits between the two are then taken for later ones, which keeps more of what is in
 * Samplan, never less. The base is built from the checkpoint before the version and the kept
 * changes after it, a slice at a time; the last base built is kept a few minutes, so the import
 * that follows its dry run (the pane's check, then its yes) builds it once.
 */
import * as Y from 'yjs';
import { rowsMap } from '../../shared/doc/create.js';
import { rowsOf } from '../../shared/doc/index.js';
import { cellColumns } from '../../shared/schema/index.js';
import type { CellValue, DocKind, Localized, RowValues } from '../../shared/schema/types.js';
import type { RefLookup } from '../../shared/normalize/ref-lookup.js';
import type { DocRecord, DocRef, Storage } from '../storage/storage.js';
import type { FileVersion } from './file-version.js';
import { historyOf } from './history-source.js';
import { loadFromStorage } from './doc-access.js';
import { readingStored } from '../sync/stored-history.js';
import { cellText } from './table.js';
import { withPlace, fileRow } from './import-warnings.js';
import { swedishTime } from '../../shared/i18n/swedish-time.js';
import { digits } from '../../shared/i18n/number-words.js';

/** Who made a change and when: a stored update's member (null: no member, the CLI) and ISO time. */
export interface ChangeAuthor {
  memberId: string | null;
  at: string;
}

/** The version an import's file was made from, and who changed what since. */
export interface ImportBase {
  /** The version read as the base: the file's, or the checkpoint before it when it was folded into one. */
  seq: number;
  /** The base's rows by id. */
  rows: ReadonlyMap<string, RowValues>;
  /** Who last changed the cell `column` of row `rowId` since the base (null `column`: who deleted the row); undefined when the history no longer says. */
  authorOf(rowId: string, column: string | null): ChangeAuthor | undefined;
}

/** Why a stamped file is imported as an unstamped one although it names an older version of this document. */
export type BaseLost = { lost: true; seq: number };

/** The indicator value's columns that make one figure (`import-computed.ts`). */
const FIGURE = ['numerator', 'denominator', 'value'] as const;

/** Updates read from storage per page. */
const PAGE = 500;
/** How long the last base built is kept for the import that follows its dry run, in ms. */
const BASE_KEPT_MS = 10 * 60_000;
/** The last base built per store: its document, version and creation time (`key`), when (`made`, ms), its rows and items. */
const lastBase = new WeakMap<Storage, { key: string; made: number; base: Pick<ImportBase, 'seq' | 'rows'>; items: BaseItems }>();
/** The base's items by row: the row's own (its map in the `rows` root) and each cell's. */
type BaseItems = ReadonlyMap<string, { row: Y.ID | null; cells: Map<string, Y.ID> }>;
/** Updates applied between two turns of the event loop while the base is built. */
const SLICE = 250;

/**
 * The base of an import of a file stamped `version` into the document `record` (`ref`): null when
 * the file is to be imported as an unstamped one (no stamp, another document's, a document made
 * again since, nothing stored since the file was made), {@link BaseLost} when the history no
 * longer holds the version nor any checkpoint before it.
 * @throws DamagedHistoryError when the stored history up to the version does not decode
 */
export async function importBase(storage: Storage, ref: DocRef, record: DocRecord, version: FileVersion | undefined): Promise<ImportBase | BaseLost | null> {
  if (!version || version.workspace !== ref.workspace || version.doc !== ref.doc || version.createdMs !== Date.parse(record.createdAt)) return null;
  const last = (await storage.lastSeqs(ref.workspace, [ref.doc])).get(ref.doc) ?? 0;
  if (version.seq >= last) return null;
  const cacheKey = JSON.stringify([ref.workspace, ref.doc, version.seq, record.createdAt]);
  const cached = lastBase.get(storage);
  if (cached && cached.key === cacheKey && Date.now() - cached.made < BASE_KEPT_MS) return { ...cached.base, authorOf: await authorsSince(storage, ref, cached.base.seq, cached.items) };
  const history = await historyOf(storage, ref, version.seq);
  const first = history.versions[0];
  // Kept changes that do not start at the first, with no checkpoint before them: what came before
  // them is gone, and a base built without it would name every row of the file as added since.
  if (version.seq > 0 && (first === undefined || (history.baseIndex < 0 && first.record.seq !== 1))) return { lost: true, seq: version.seq };
  const doc = new Y.Doc();
  try {
    let seq = 0;
    const checkpoint = history.baseIndex >= 0 ? history.versions[history.baseIndex] : undefined;
    if (checkpoint) {
      seq = checkpoint.record.seq;
      const state = await storage.getCheckpoint(ref, seq);
      if (state) readingStored(ref, { kind: 'checkpoint', seq }, () => Y.applyUpdateV2(doc, state));
    }
    // Change by change, a slice at a time: Yjs merging thousands of updates into one took ~40 s
    // for 10,000 (2,000 rows), applying them one by one ~1–4 s, which would hold up every other
    // request and socket of the server were it not given back between slices.
    let applied = 0;
    for (const v of history.versions.slice(history.baseIndex + 1)) {
      if (v.kind !== 'change') continue;
      readingStored(ref, { kind: 'update', seq: v.record.seq }, () => Y.applyUpdate(doc, v.record.update));
      seq = v.record.seq;
      if (++applied % SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const rows = new Map<string, RowValues>();
    const items = new Map<string, { row: Y.ID | null; cells: Map<string, Y.ID> }>();
    for (const row of rowsOf(doc)) rows.set(row.id, { ...row.values });
    for (const [id, item] of rowsMap(doc)._map) {
      if (item.deleted) continue;
      const cells = new Map<string, Y.ID>();
      const map = item.content.getContent()[0];
      if (map instanceof Y.Map) for (const [column, cell] of map._map) if (!cell.deleted) cells.set(column, cell.id);
      items.set(id, { row: item.id, cells });
    }
    const kept = { key: cacheKey, made: Date.now(), base: { seq, rows }, items };
    lastBase.set(storage, kept);
    // Let go of it once it is no longer asked for (a large plan's base is a copy of its rows).
    setTimeout(() => lastBase.get(storage) === kept && lastBase.delete(storage), BASE_KEPT_MS).unref();
    return { seq, rows, authorOf: await authorsSince(storage, ref, seq, items) };
  } finally {
    doc.destroy();
  }
}

/**
 * Who last changed each cell of the document since update `after`, read from the stored updates
 * after it: the author of the change that wrote the cell's value now, or, for a cell or row
 * removed since, of the first change that deleted the base's (`baseItems`). A REST write repeats
 * every delete the document ever had, so a delete is told by the first change that holds it.
 */
async function authorsSince(storage: Storage, ref: DocRef, after: number, baseItems: BaseItems): Promise<ImportBase['authorOf']> {
  const now = await loadFromStorage(storage, ref);
  try {
    // What is looked for, by client and sorted by clock: the item holding each cell now (written
    // since, or not: `w`), and the base's items (`d`, deleted since, or not).
    const wanted = new Map<number, { clock: number; key: string }[]>();
    const want = (id: Y.ID, key: string) => {
      let list = wanted.get(id.client);
      if (!list) wanted.set(id.client, (list = []));
      list.push({ clock: id.clock, key });
    };
    const keyOf = (rowId: string, column: string | null) => JSON.stringify([rowId, column]);
    const nowItems = new Set<string>();
    for (const [rowId, item] of rowsMap(now)._map) {
      if (item.deleted) continue;
      const map = item.content.getContent()[0];
      if (!(map instanceof Y.Map)) continue;
      for (const [column, cell] of map._map) {
        if (cell.deleted) continue;
        nowItems.add(keyOf(rowId, column));
        want(cell.id, `w${keyOf(rowId, column)}`);
      }
    }
    for (const [rowId, base] of baseItems) {
      if (base.row) want(base.row, `d${keyOf(rowId, null)}`);
      for (const [column, id] of base.cells) want(id, `d${keyOf(rowId, column)}`);
    }
    for (const list of wanted.values()) list.sort((a, b) => a.clock - b.clock);
    /** The wanted items of `client` with a clock in [from, from + length). */
    const within = function* (client: number, from: number, length: number) {
      const list = wanted.get(client);
      if (!list) return;
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((list[mid] as { clock: number }).clock < from) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < list.length && (list[i] as { clock: number }).clock < from + length; i++) yield list[i] as { clock: number; key: string };
    };
    const found = new Map<string, ChangeAuthor>();
    let from = after;
    for (;;) {
      const page = await storage.listUpdates(ref, from, PAGE);
      for (const u of page) {
        let decoded: ReturnType<typeof Y.decodeUpdate>;
        try {
          decoded = Y.decodeUpdate(u.update);
        } catch {
          continue;
        }
        const author = { memberId: u.memberId, at: u.at };
        for (const s of decoded.structs) {
          if (s instanceof Y.Skip) continue;
          for (const w of within(s.id.client, s.id.clock, s.length)) if (w.key.startsWith('w')) found.set(w.key, author);
        }
        // A delete is told by the first change holding it (a REST write repeats every delete the document had).
        for (const [client, deletes] of decoded.ds.clients) {
          for (const d of deletes) for (const w of within(client, d.clock, d.len)) if (w.key.startsWith('d') && !found.has(w.key)) found.set(w.key, author);
        }
      }
      const lastOfPage = page.at(-1);
      if (page.length < PAGE || !lastOfPage) break;
      from = lastOfPage.seq;
      // A long history is read a page at a time without holding up the server's other work.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return (rowId, column) => {
      if (column === null) return found.get(`d${keyOf(rowId, null)}`);
      // The value written now, else (a cell removed since) the delete of the base's.
      const key = keyOf(rowId, column);
      return nowItems.has(key) ? found.get(`w${key}`) : found.get(`d${key}`);
    };
  } finally {
    now.destroy();
  }
}

/** A cell never written reads as empty: null, or an unticked `x` column (false). */
function same(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const empty = (v: CellValue | undefined) => v === undefined || v === null || v === false || v === '';
  return empty(a) ? empty(b) : Object.is(a, b);
}

/** A cell of the file that someone else changed after the version the file was made from: kept as it is in Samplan. */
export interface KeptCell {
  column: string;
  /** The value in Samplan now, kept. */
  now: CellValue;
  /** The file's value, not written. */
  file: CellValue;
  /** True when the file changed the cell too (to another value than Samplan's): `both`. */
  both: boolean;
  /** Who changed it in Samplan, when the history says. */
  by?: ChangeAuthor;
  /** True when the row itself was added after the file was made (matched by its natural key). */
  added: boolean;
}

/**
 * Splits `changed` (the cells where the file's record differs from the stored row `now`, id
 * `rowId`) of a document of `kind` into those to write and those someone other than `importer`
 * changed in Samplan after the version the file was made from (`base`). See the module comment.
 */
export function sortChanged(kind: DocKind, changed: RowValues, rowId: string, now: RowValues, base: ImportBase, importer: string | null): { write: RowValues; kept: KeptCell[] } {
  const was = base.rows.get(rowId);
  const byOthers = (column: string): { by?: ChangeAuthor } | null => {
    if (was !== undefined && same(was[column], now[column])) return null;
    const by = base.authorOf(rowId, column);
    // Changed since by the person importing: their own edit, which the file may change again.
    if (by !== undefined && by.memberId === importer) return null;
    return by ? { by } : {};
  };
  const figure = kind === 'indicator-values' && FIGURE.some((c) => c in changed) ? FIGURE.find((c) => byOthers(c) !== null) : undefined;
  const write: RowValues = {};
  const kept: KeptCell[] = [];
  for (const [column, file] of Object.entries(changed)) {
    const other = byOthers(column) ?? (figure !== undefined && (FIGURE as readonly string[]).includes(column) ? byOthers(figure) : null);
    if (other === null) {
      write[column] = file;
      continue;
    }
    kept.push({ column, now: now[column] ?? null, file, both: was === undefined || !same(file, was[column]), added: was === undefined, ...other });
  }
  return { write, kept };
}

/** One cell (or row) of an import left as it is in Samplan because someone changed it after the file was made. */
export interface ImportLaterEdit {
  /** The record's number in the file (1 = the first under the header), and its row in the sheet. */
  record: number;
  row?: number;
  rowId: string;
  /** The column's key; null for a whole row (`deleted`). */
  column: string | null;
  /** `kept`: changed in Samplan only; `both`: in the file and in Samplan, differently; `deleted`: the row was deleted in Samplan. */
  kind: 'kept' | 'both' | 'deleted';
  /** Who changed it in Samplan (member id, null for no member) and when, when the history says. */
  by?: ChangeAuthor;
  reason: string;
  message: Localized;
}

/** How a value is named in the words: in quotes as the sheet shows it, or "(tom)" / "(empty)". */
function shown(kind: DocKind, column: string, value: CellValue, lang: 'sv' | 'en', partners: RefLookup | undefined): string {
  const col = cellColumns(kind).find((c) => c.key === column);
  if (value === null || value === false || value === '') return lang === 'sv' ? '(tom)' : '(empty)';
  const text = col ? cellText(col, value, { lang, decimalComma: lang === 'sv', partners }) : String(value);
  return `"${text}"`;
}

/** "av Anna Ek 2026-12-01 14:03" / "by Anna Ek on 2026-12-01 14:03" (Swedish time), or nothing when the history does not say. */
function byWords(by: ChangeAuthor | undefined, names: ReadonlyMap<string, string>): Localized {
  if (!by) return { sv: '', en: '' };
  const when = swedishTime(by.at);
  const who = by.memberId === null ? null : (names.get(by.memberId) ?? by.memberId);
  return who === null ? { sv: ` ${when}`, en: ` on ${when}` } : { sv: ` av ${who} ${when}`, en: ` by ${who} on ${when}` };
}

/** The item telling of a kept cell `k` of record `record` (file row by `headerRow`) of row `rowId`; `names` gives members' names by id. */
export function keptCellItem(kind: DocKind, record: number, headerRow: number | undefined, rowId: string, k: KeptCell, names: ReadonlyMap<string, string>, partners?: RefLookup): ImportLaterEdit {
  const header = cellColumns(kind).find((c) => c.key === k.column)?.header ?? { sv: k.column, en: k.column };
  const now = (lang: 'sv' | 'en') => shown(kind, k.column, k.now, lang, partners);
  const file = (lang: 'sv' | 'en') => shown(kind, k.column, k.file, lang, partners);
  const by = byWords(k.by, names);
  const changed: Localized = k.added
    ? { sv: `Raden lades till i Samplan${by.sv} efter att filen togs ut, med ${header.sv} ${now('sv')}`, en: `The row was added in Samplan${by.en} after the file was exported, with ${header.en} ${now('en')}` }
    : { sv: `${header.sv} ändrades i Samplan${by.sv} till ${now('sv')} efter att filen togs ut`, en: `${header.en} was changed in Samplan${by.en} to ${now('en')} after the file was exported` };
  const words: Localized = k.both
    ? {
        sv: `${changed.sv}, och filen har ${file('sv')}. Värdet i Samplan behölls; skriv in filens värde i bladet om det är det som ska gälla.`,
        en: `${changed.en}, and the file has ${file('en')}. The value in Samplan was kept; type the file's value in the sheet if that is the one that should hold.`,
      }
    : {
        sv: `${changed.sv}; filen har det tidigare värdet ${file('sv')}, så den nyare ändringen behölls.`,
        en: `${changed.en}; the file has the earlier value ${file('en')}, so the newer change was kept.`,
      };
  const message = withPlace(record, headerRow, words);
  const row = fileRow(record, headerRow);
  return { record, ...(row !== undefined ? { row } : {}), rowId, column: k.column, kind: k.both ? 'both' : 'kept', ...(k.by ? { by: k.by } : {}), reason: message.en, message };
}

/** The item telling that record `record`'s row `rowId` was deleted in Samplan (`by`) after the file was made, and not added again. */
export function deletedRowItem(record: number, headerRow: number | undefined, rowId: string, by: ChangeAuthor | undefined, names: ReadonlyMap<string, string>): ImportLaterEdit {
  const who = byWords(by, names);
  const message = withPlace(record, headerRow, {
    sv: `raden togs bort i Samplan${who.sv} efter att filen togs ut och lades inte till igen. Ta bort radens id i filen och importera den igen om raden ska läggas till som en ny rad.`,
    en: `the row was deleted in Samplan${who.en} after the file was exported and was not added again. Remove the row's id in the file and import it again if the row is to be added as a new row.`,
  });
  const row = fileRow(record, headerRow);
  return { record, ...(row !== undefined ? { row } : {}), rowId, column: null, kind: 'deleted', ...(by ? { by } : {}), reason: message.en, message };
}

/** The note of a stamped file whose version the history no longer holds (`lost`): imported as an unstamped file is. */
export function baseLostNote(seq: number): Localized {
  return {
    sv: `Filen togs ut ur version ${digits(seq)} av dokumentet, som historiken inte längre sparar. Ändringar som gjorts i Samplan efter det går därför inte att skilja från filens; filens värden skrivs där de skiljer sig. Ta ut en ny fil om andra har arbetat i dokumentet sedan dess.`,
    en: `The file was exported from version ${digits(seq)} of the document, which the history no longer keeps. Changes made in Samplan since cannot be told from the file's, so the file's values are written where they differ. Export a new file if others have worked in the document since.`,
  };
}
