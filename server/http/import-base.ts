/**
 * Importing a file made from an older version of the document without undoing what was changed
 * since. A file Samplan exported names the version it holds (`file-version.ts`); the import reads
 * that version from the stored history and compares each cell three ways — the file, the version
 * the file was made from (the base), and the document now:
 * - the file changed the cell and nobody else did (now = base): the file's value is written;
 * - somebody changed it after the export and the file still holds the old value (file = base):
 *   the newer value is kept, and said (`kept`);
 * - both changed it, to different values: the value in Samplan is kept and the file's is named,
 *   so the person decides (`both`); nothing is written over a colleague's edit without a word;
 * - a row the file holds was deleted after the export: it is not added again (`deleted`).
 * A file without a stamp (CSV, a workbook made elsewhere), one from another document or from a
 * document deleted and made again under the same id, or one made from the version there is now,
 * is imported as before: the file's values are written where they differ.
 *
 * A version older than the history's retention window is read as the checkpoint before it
 * (`storage/retention.ts`): edits between the two are then taken for later ones, which keeps more
 * of what is in Samplan, never less.
 */
import { rowsOf } from '../../shared/doc/index.js';
import { cellColumns } from '../../shared/schema/index.js';
import type { CellValue, DocKind, Localized, RowValues } from '../../shared/schema/types.js';
import type { RefLookup } from '../../shared/normalize/ref-lookup.js';
import type { DocRecord, DocRef, Storage } from '../storage/storage.js';
import type { FileVersion } from './file-version.js';
import { historyOf, walkHistory } from './history-source.js';
import { cellText } from './table.js';
import { withPlace, fileRow } from './import-warnings.js';

/** The version an import's file was made from: its rows by id. */
export interface ImportBase {
  /** The version (the last update it holds; an older checkpoint when that update was pruned). */
  seq: number;
  rows: ReadonlyMap<string, RowValues>;
}

/**
 * The base of an import of a file stamped `version` into the document `record` (`ref`), or null
 * when the file is to be imported as an unstamped one: no stamp, another document's, a document
 * made again since (its `createdAt` differs), or nothing stored since the file was made.
 * @throws DamagedHistoryError when the stored history up to the version does not decode
 */
export async function importBase(storage: Storage, ref: DocRef, record: DocRecord, version: FileVersion | undefined): Promise<ImportBase | null> {
  if (!version || version.workspace !== ref.workspace || version.doc !== ref.doc || version.createdMs !== Date.parse(record.createdAt)) return null;
  const last = (await storage.lastSeqs(ref.workspace, [ref.doc])).get(ref.doc) ?? 0;
  if (version.seq >= last) return null;
  const history = await historyOf(storage, ref, version.seq);
  const rows = new Map<string, RowValues>();
  let seq = 0;
  if (history.versions.length > 0) {
    await walkHistory(storage, ref, history, history.versions.length, (_i, v, doc) => {
      seq = v.record.seq;
      for (const row of rowsOf(doc)) rows.set(row.id, { ...row.values });
    });
  }
  return { seq, rows };
}

/** A cell never written reads as empty: null, or an unticked `x` column (false). */
function same(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const empty = (v: CellValue | undefined) => v === undefined || v === null || v === false;
  return empty(a) ? empty(b) : Object.is(a, b);
}

/** A cell of the file that changed after the version the file was made from: kept as it is in Samplan. */
export interface KeptCell {
  column: string;
  /** The value in Samplan now, kept. */
  now: CellValue;
  /** The file's value, not written. */
  file: CellValue;
  /** True when the file changed the cell too (to another value than Samplan's): `both`. */
  both: boolean;
}

/**
 * Splits `changed` (the cells where the file's record differs from the stored row `now`) into
 * those to write and those changed in Samplan after the version the file was made from (`base`,
 * the row in that version; undefined when the row was added after it). See the module comment.
 */
export function sortChanged(changed: RowValues, now: RowValues, base: RowValues | undefined): { write: RowValues; kept: KeptCell[] } {
  const write: RowValues = {};
  const kept: KeptCell[] = [];
  for (const [column, file] of Object.entries(changed)) {
    const was = base?.[column];
    // Unchanged in Samplan since the file was made: the file's change is the only one.
    if (base !== undefined && same(was, now[column])) write[column] = file;
    else kept.push({ column, now: now[column] ?? null, file, both: base === undefined || !same(file, was) });
  }
  return { write, kept };
}

/** One cell (or row) of an import left as it is in Samplan because it changed after the file was made. */
export interface ImportLaterEdit {
  /** The record's number in the file (1 = the first under the header), and its row in the sheet. */
  record: number;
  row?: number;
  rowId: string;
  /** The column's key; null for a whole row (`deleted`). */
  column: string | null;
  /** `kept`: changed in Samplan only; `both`: in the file and in Samplan, differently; `deleted`: the row was deleted in Samplan. */
  kind: 'kept' | 'both' | 'deleted';
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

/** The item telling of a kept cell `k` of record `record` (file row by `headerRow`) of row `rowId`. */
export function keptCellItem(kind: DocKind, record: number, headerRow: number | undefined, rowId: string, k: KeptCell, partners?: RefLookup): ImportLaterEdit {
  const header = cellColumns(kind).find((c) => c.key === k.column)?.header ?? { sv: k.column, en: k.column };
  const now = (lang: 'sv' | 'en') => shown(kind, k.column, k.now, lang, partners);
  const file = (lang: 'sv' | 'en') => shown(kind, k.column, k.file, lang, partners);
  const words: Localized = k.both
    ? {
        sv: `${header.sv} ändrades i Samplan till ${now('sv')} efter att filen togs ut, och filen har ${file('sv')}. Värdet i Samplan behölls; skriv in filens värde i bladet om det är det som ska gälla.`,
        en: `${header.en} was changed in Samplan to ${now('en')} after the file was exported, and the file has ${file('en')}. The value in Samplan was kept; type the file's value in the sheet if that is the one that should hold.`,
      }
    : {
        sv: `${header.sv} ändrades i Samplan till ${now('sv')} efter att filen togs ut; filen har det tidigare värdet ${file('sv')}, så den nyare ändringen behölls.`,
        en: `${header.en} was changed in Samplan to ${now('en')} after the file was exported; the file has the earlier value ${file('en')}, so the newer change was kept.`,
      };
  const message = withPlace(record, headerRow, words);
  const row = fileRow(record, headerRow);
  return { record, ...(row !== undefined ? { row } : {}), rowId, column: k.column, kind: k.both ? 'both' : 'kept', reason: message.en, message };
}

/** The item telling that record `record`'s row `rowId` was deleted in Samplan after the file was made, and not added again. */
export function deletedRowItem(record: number, headerRow: number | undefined, rowId: string): ImportLaterEdit {
  const message = withPlace(record, headerRow, {
    sv: `raden togs bort i Samplan efter att filen togs ut och lades inte till igen. Ta bort radens id i filen och importera den igen om raden ska läggas till som en ny rad.`,
    en: `the row was deleted in Samplan after the file was exported and was not added again. Remove the row's id in the file and import it again if the row is to be added as a new row.`,
  });
  const row = fileRow(record, headerRow);
  return { record, ...(row !== undefined ? { row } : {}), rowId, column: null, kind: 'deleted', reason: message.en, message };
}
