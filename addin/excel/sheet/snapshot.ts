/**
 * The last-synced state of a bound table, kept in the workbook (setting `samplan:<docId>`) so
 * that a workbook edited while the pane was closed can be reconciled three ways. To stay small
 * it keeps no values, only a 12-bit hash per cell: `1|<col,col,…>|<id>:<hashes>;…` — about
 * 2 bytes per cell, 45 bytes per activity-plan row. A fourth part, `|<id>:<i,i,…>;…`, names the
 * cells (by index into the columns) that showed the person's formula over a value in the plan
 * (`kept-formulas.ts`): read empty on opening, such a cell had its formula removed, which is no
 * edit of that value. A snapshot without it (written before it was kept) knows no such cell. A
 * fifth part, `|2`, says the binding that wrote it keeps the spaces around a text as part of it
 * (`shared/normalize`): a snapshot without it was written by one that read a text trimmed and
 * left a cell showing ` Promenad ` as the `Promenad` it agreed on ({@link agreedTrimmed}). Older
 * readers take the first four parts and ignore the fifth.
 */
import type { CellColumn, CellValue } from '../../../shared/schema/types.js';
import { isXColumn } from './cell-values.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

/** The workbook setting that holds a document's snapshot. */
export function snapshotKey(docId: string): string {
  return `samplan:${docId}`;
}

/** Two characters (12 bits of FNV-1a) standing for a cell value; empty and unmarked share one. */
export function cellHash(column: CellColumn, value: CellValue | undefined): string {
  const empty = value === null || value === undefined || value === '' || (value === false && isXColumn(column));
  const text = empty ? '' : `${typeof value}:${String(value)}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h >>>= 0;
  return (ALPHABET[h & 63] as string) + (ALPHABET[(h >>> 6) & 63] as string);
}

/** The hashes of one row's cells, in column order. */
export function rowHashes(columns: readonly CellColumn[], values: Readonly<Record<string, CellValue>>): string {
  let out = '';
  for (const column of columns) out += cellHash(column, values[column.key]);
  return out;
}

/** A decoded snapshot: row id → hashes, for the given column order. */
export interface Snapshot {
  columns: string[];
  rows: Map<string, string>;
  /** Row id → keys of the cells that showed the person's formula over a value in the plan; none when undefined. */
  formulas?: Map<string, Set<string>>;
  /**
   * Written by a binding that reads the spaces around a text as part of it (the snapshot's fifth
   * part); false: by one that read a text trimmed, so a cell showing spaces around the text it
   * agreed on may still show them ({@link agreedTrimmed}).
   */
  spacesKept: boolean;
}

/** The snapshot's fifth part: the cells were read with the spaces around a text kept. */
const SPACES_KEPT = '2';

/**
 * Serialises a snapshot into the setting's string; `formulas` (row id → column keys, see
 * {@link Snapshot}) adds the fourth part when it names a cell of `rows`.
 */
export function encodeSnapshot(columns: readonly CellColumn[], rows: ReadonlyMap<string, string>, formulas?: ReadonlyMap<string, ReadonlySet<string>>): string {
  const parts: string[] = [];
  for (const [id, hashes] of rows) parts.push(`${id}:${hashes}`);
  const text = `1|${columns.map((c) => c.key).join(',')}|${parts.join(';')}`;
  const marked: string[] = [];
  for (const [id, keys] of formulas ?? []) {
    const at = columns.flatMap((c, i) => (keys.has(c.key) ? [i] : []));
    if (at.length > 0 && rows.has(id)) marked.push(`${id}:${at.join(',')}`);
  }
  return `${text}|${marked.join(';')}|${SPACES_KEPT}`;
}

/** Parses a setting's string; undefined when it is missing or not a snapshot. */
export function decodeSnapshot(text: unknown): Snapshot | undefined {
  if (typeof text !== 'string' || !text.startsWith('1|')) return undefined;
  const [, cols, body, marked, reading] = text.split('|');
  if (cols === undefined || body === undefined) return undefined;
  const spacesKept = reading === SPACES_KEPT;
  const rows = new Map<string, string>();
  for (const entry of body ? body.split(';') : []) {
    const colon = entry.indexOf(':');
    if (colon > 0) rows.set(entry.slice(0, colon), entry.slice(colon + 1));
  }
  const columns = cols.split(',');
  if (!marked) return { columns, rows, spacesKept };
  const formulas = new Map<string, Set<string>>();
  for (const entry of marked.split(';')) {
    const colon = entry.indexOf(':');
    const keys = entry.slice(colon + 1).split(',').flatMap((i) => (/^\d+$/.test(i) ? (columns[Number(i)] ?? []) : []));
    if (colon > 0 && keys.length > 0) formulas.set(entry.slice(0, colon), new Set(keys));
  }
  return { columns, rows, formulas, spacesKept };
}

/**
 * Whether the cell `raw` shows, unchanged, the value the snapshot agreed on (its hash `base`)
 * though it reads otherwise now: a snapshot written before spaces around a text were kept
 * ({@link Snapshot.spacesKept} false) was agreed by a binding that read the text trimmed and left
 * the cell showing the spaces (a workbook edited while the pane was closed, ` Promenad ` over
 * `Promenad`, read back as `Promenad`). Such a cell is no edit: `read` reads a cell's text as the
 * binding reads it now (undefined when it does not read), here given the trimmed text.
 */
export function agreedTrimmed(snapshot: Snapshot | undefined, column: CellColumn, raw: unknown, base: string | undefined, read: (text: string) => CellValue | undefined): boolean {
  if (!snapshot || snapshot.spacesKept || base === undefined || typeof raw !== 'string') return false;
  const trimmed = raw.trim();
  if (trimmed === raw) return false;
  const value = read(trimmed);
  return value !== undefined && cellHash(column, value) === base;
}

/** The base hash of one cell in a snapshot, or undefined when the snapshot does not know it. */
export function baseHash(snapshot: Snapshot, rowId: string, columnKey: string): string | undefined {
  const hashes = snapshot.rows.get(rowId);
  const index = snapshot.columns.indexOf(columnKey);
  if (hashes === undefined || index < 0 || hashes.length < 2 * index + 2) return undefined;
  return hashes.slice(2 * index, 2 * index + 2);
}
