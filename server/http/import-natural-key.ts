/**
 * A record's natural key (`UNIQUE_KEYS`: a partner's name, an indicator value's indicator + unit +
 * period + kön): the stored row it updates when it names no row id, and the refusal of a second
 * record with the key of an earlier one (`import-rows.ts`).
 */
import { rowsOf, type Row } from '../../shared/doc/index.js';
import { cellColumns } from '../../shared/schema/index.js';
import type { DocKind, Localized } from '../../shared/schema/types.js';
import { uniqueKeyOf } from '../../shared/validate/validate-doc.js';
import type * as Y from 'yjs';

/** The rows of a document by their natural key (`uniqueKeyOf`), the first row of a key when two have it. */
export function rowsByKey(doc: Y.Doc, keys: readonly string[]): Map<string, Row> {
  const map = new Map<string, Row>();
  for (const row of rowsOf(doc)) {
    const key = uniqueKeyOf(row.values, keys);
    if (key !== null && !map.has(key)) map.set(key, row);
  }
  return map;
}

/**
 * The refusal of a record with the natural key of an earlier one (`other`, its place in words),
 * naming the key's columns by their headers, as the file names them: the keys
 * (`indicator, unit, period, kon`) are no one's words.
 */
export function sameKeyWords(kind: DocKind, keys: readonly string[], other: Localized): Localized {
  const headers = (lang: 'sv' | 'en'): string => keys.map((k) => cellColumns(kind).find((c) => c.key === k)?.header[lang] ?? k).join(', ');
  return { sv: `${other.sv} har samma ${headers('sv')}.`, en: `${other.en} has the same ${headers('en')}.` };
}
