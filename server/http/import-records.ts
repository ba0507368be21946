/**
 * The records of an imported file (`import-rows.ts`): each row under the header (CSV, XLSX) or
 * each object (JSON) as its `id` and its cells by column key, with the headers that match no column.
 */
import { isTotalRow } from '../../shared/normalize/total-row.js';
import type { DocKind } from '../../shared/schema/types.js';
import { findHeaderRow, groupLabels } from './import-header.js';
import type { ImportInput } from './import-read.js';
import { mapHeaders, ROW_ID_KEY } from './table.js';

/** One record of the file: its id column (or null) and its other cells by column key. */
export interface RawRecord {
  id: string | null;
  cells: Map<string, unknown>;
  /** A total row of the file (`Summa` and the sums, `isTotalRow`): not an entry, never written. */
  total?: true;
  /**
   * The 0-based columns of the file where the row holds a value under no header (past the header's
   * last named column, or under an empty header cell): not read. Absent when there are none.
   */
  unread?: number[];
}

/** A header or id cell as text: numbers as written, anything else empty. */
function textOf(cell: unknown): string {
  if (typeof cell === 'string') return cell.trim();
  return typeof cell === 'number' && Number.isFinite(cell) ? String(cell) : '';
}

/**
 * A cell's value with its text in Unicode's composed form (NFC), as Windows, Excel and Samplan's exports write it: a file
 * saved on a Mac may write `å`, `ä`, `ö` decomposed (`a` and a combining ring), which looks the same
 * but is not the same text, so a file exported and imported again would change every row with one.
 */
function composed(value: unknown): unknown {
  return typeof value === 'string' ? value.normalize('NFC') : value;
}

/** True for a cell of the file that holds nothing: none, or only spaces. */
function blank(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** The 0-based columns of `fields` holding a value under no header: no column key and no header text. */
function unreadColumns(fields: readonly unknown[], keys: readonly (string | null)[], names: readonly string[]): number[] {
  const out: number[] = [];
  fields.forEach((value, i) => {
    if (!blank(value) && (keys[i] ?? null) === null && !names[i]) out.push(i);
  });
  return out;
}

function tableRecords(kind: DocKind, table: readonly (readonly unknown[])[], unknown: Set<string>, at: number): { records: RawRecord[]; keys: (string | null)[] } {
  const header = table[at] ?? [];
  const body = table.slice(at + 1);
  const names = header.map(textOf);
  // A group row of merged cells above ("Mål" over "Motivationshöjning") is read with the header.
  const keys = mapHeaders(kind, names, groupLabels(table, at));
  keys.forEach((k, i) => k === null && names[i] && unknown.add(names[i] as string));
  const records = body.map((fields): RawRecord => {
    const cells = new Map<string, unknown>();
    let id: string | null = null;
    keys.forEach((key, i) => {
      const value = fields[i] ?? null;
      if (key === ROW_ID_KEY) id = textOf(value) || null;
      else if (key) cells.set(key, composed(value));
    });
    if (isTotalRow(fields)) return { id, cells, total: true };
    const unread = unreadColumns(fields, keys, names);
    return unread.length > 0 ? { id, cells, unread } : { id, cells };
  });
  return { records, keys };
}

/**
 * The records of a file with the headers no column takes (`unknown`), and how many of its rows
 * under the header hold anything (`filled`; a JSON file's objects). `numbers` gives each
 * record's number as an answer names it: 1-based, counted from the row under the header
 * (`headerRow`, the sheet's or file's row) with the empty rows between counted, so record 4 is
 * the fourth row under the header that a person sees; a JSON object's place in the list.
 * `hiddenKeys`: the document's columns read from columns hidden in the sheet (XLSX). `headerWidth`
 * (CSV, XLSX): how many columns the header names, up to its last cell with text in it.
 */
export function recordsOf(
  kind: DocKind,
  input: ImportInput,
): { records: RawRecord[]; numbers: number[]; unknown: string[]; headerRow?: number; headerWidth?: number; hiddenKeys?: string[]; filled: number } {
  const unknown = new Set<string>();
  if ('table' in input) {
    const at = findHeaderRow(kind, input.table);
    const { records, keys } = tableRecords(kind, input.table, unknown, at);
    const rows = input.rowNumbers;
    const headerRow = rows?.[at] ?? at + 1;
    const numbers = records.map((_, i) => (rows?.[at + 1 + i] ?? at + 2 + i) - headerRow);
    // The document's columns read from columns hidden in the sheet (`hiddenColumns` is 1-based).
    const hiddenKeys = (input.hiddenColumns ?? []).map((c) => keys[c - 1]).filter((k): k is string => typeof k === 'string' && k !== ROW_ID_KEY);
    // Rows under the header with anything in them, in any column (one the document has or not).
    const filled = input.table.slice(at + 1).filter((row) => !row.every(blank)).length;
    const headerWidth = (input.table[at] ?? []).map(textOf).findLastIndex((name) => name !== '') + 1;
    return { records, numbers, unknown: [...unknown], headerRow, headerWidth, ...(hiddenKeys.length > 0 ? { hiddenKeys } : {}), filled };
  }
  const records = input.objects.map((obj) => {
    const names = Object.keys(obj);
    const keys = mapHeaders(kind, names);
    const cells = new Map<string, unknown>();
    let id: string | null = null;
    keys.forEach((key, i) => {
      const name = names[i] as string;
      if (key === ROW_ID_KEY) id = textOf(obj[name]) || null;
      else if (key) cells.set(key, composed(obj[name]));
      else unknown.add(name);
    });
    return { id, cells };
  });
  return { records, numbers: records.map((_, i) => i + 1), unknown: [...unknown], filled: records.length };
}

/** True when a record holds no value at all (a blank row of the file). */
export function isEmpty(rec: RawRecord): boolean {
  for (const v of rec.cells.values()) {
    // A list or object (JSON) is not empty, and is refused in words by checkRecord; turned into
    // text it would first be walked whole, past the stack for a deeply nested one.
    if (v !== null && typeof v === 'object') return false;
    if (v !== null && v !== undefined && String(v).trim() !== '') return false;
  }
  return true;
}
