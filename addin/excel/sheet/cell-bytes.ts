/**
 * How many bytes cells take: in an Excel response (JSON, to size paged reads) and in a Yjs
 * update (to keep each doc transaction under the frame limit). Estimates, on the safe side:
 * text counts its UTF-8 bytes (å, ä, ö are two) plus quoting.
 */
import type { CellValue, RowValues } from '../../../shared/schema/types.js';
import type { CellColumn } from '../../../shared/schema/types.js';
import { DEFAULT_TEXT_LENGTH, LONGTEXT_LENGTH } from '../../../shared/schema/formats.js';
import type { TableLayout } from './layout.js';

/** UTF-8 length of a string, without encoding it. */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

/** Bytes of one cell value in an Excel response (JSON). */
export function cellBytes(value: unknown): number {
  if (typeof value === 'string') return utf8Length(value) + 4;
  if (typeof value === 'number') return 16;
  if (typeof value === 'boolean') return 6;
  return 4;
}

/** Bytes of one row of cell values in an Excel response. */
export function estimateRowBytes(row: readonly unknown[]): number {
  let bytes = 4;
  for (const value of row) bytes += cellBytes(value);
  return bytes;
}

/** The widest a cell of `column` can be by the schema, in response bytes (two bytes a character). */
function schemaCellBytes(column: CellColumn): number {
  const def = column.column;
  if (column.option || def.type === 'boolean' || def.type === 'multi') return 8;
  switch (def.type) {
    case 'integer':
    case 'number':
    case 'date':
      return 16;
    case 'enum':
      return 4 + 2 * Math.max(8, ...(def.options ?? []).map((o) => Math.max(o.value.length, o.label.sv.length, o.label.en.length)));
    default:
      return 4 + 2 * (def.maxLength ?? (def.type === 'longtext' ? LONGTEXT_LENGTH : DEFAULT_TEXT_LENGTH));
  }
}

/**
 * The widest a table row can be by the schema, in response bytes: Samplan's columns at their
 * longest, `extra` columns of the person's own at a default text's length.
 */
export function schemaRowBytes(layout: TableLayout, extra: number): number {
  let bytes = 4 + 48 + extra * (4 + 2 * DEFAULT_TEXT_LENGTH);
  for (const column of layout.columns) bytes += schemaCellBytes(column);
  return bytes;
}

/** Bytes a doc row's values take in an Excel response, as the binding writes them. */
export function docRowBytes(values: Readonly<RowValues>, columns: number): number {
  let bytes = 4 + 48 + 4 * columns;
  for (const value of Object.values(values)) bytes += cellBytes(value);
  return bytes;
}

/**
 * Bytes a row written into the doc adds to a Yjs update, on the safe side: each cell is an
 * item with its key, each row a map with its id and position.
 */
export function updateBytes(values: Readonly<Record<string, CellValue | undefined>>): number {
  let bytes = 160;
  for (const [key, value] of Object.entries(values)) bytes += 24 + key.length + (typeof value === 'string' ? utf8Length(value) : 10);
  return bytes;
}
