/**
 * The last-synced state of a bound table, kept in the workbook (setting `samplan:<docId>`) so
 * that a workbook edited while the pane was closed can be reconciled three ways. To stay small
 * it keeps no values, only a 12-bit hash per cell: `1|<col,col,…>|<id>:<hashes>;…` — about
 * 2 bytes per cell, 45 bytes per activity-plan row.
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
}

/** Serialises a snapshot into the setting's string. */
export function encodeSnapshot(columns: readonly CellColumn[], rows: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  for (const [id, hashes] of rows) parts.push(`${id}:${hashes}`);
  return `1|${columns.map((c) => c.key).join(',')}|${parts.join(';')}`;
}

/** Parses a setting's string; undefined when it is missing or not a snapshot. */
export function decodeSnapshot(text: unknown): Snapshot | undefined {
  if (typeof text !== 'string' || !text.startsWith('1|')) return undefined;
  const [, cols, body] = text.split('|');
  if (cols === undefined || body === undefined) return undefined;
  const rows = new Map<string, string>();
  for (const entry of body ? body.split(';') : []) {
    const colon = entry.indexOf(':');
    if (colon > 0) rows.set(entry.slice(0, colon), entry.slice(colon + 1));
  }
  return { columns: cols.split(','), rows };
}

/** The base hash of one cell in a snapshot, or undefined when the snapshot does not know it. */
export function baseHash(snapshot: Snapshot, rowId: string, columnKey: string): string | undefined {
  const hashes = snapshot.rows.get(rowId);
  const index = snapshot.columns.indexOf(columnKey);
  if (hashes === undefined || index < 0 || hashes.length < 2 * index + 2) return undefined;
  return hashes.slice(2 * index, 2 * index + 2);
}
