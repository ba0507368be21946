/** Content validation of a whole document: every row, plus rules across rows. */
import type * as Y from 'yjs';
import { metaOf, rowsOf } from '../doc/index.js';
import { periodWords } from '../i18n/period-label.js';
import { localized } from '../i18n/t.js';
import { refKey } from '../normalize/ref-lookup.js';
import { cellColumn, kindDef } from '../schema/index.js';
import type { DocKind, RowValues } from '../schema/types.js';
import type { CrossRefs } from './cross-refs.js';
import type { Problem } from './problem.js';
import { rowChecker } from './validate-row.js';
import { digits } from '../i18n/number-words.js';

/**
 * The cells that must be unique across rows, per kind: a partner is typed and shown by its name
 * (and was stored by it before ids),
 * indicators by id, and an indicator value is identified by indicator, unit, period and kön.
 */
export const UNIQUE_KEYS: Partial<Record<DocKind, readonly string[]>> = {
  partners: ['name'],
  'indicator-catalog': ['id'],
  'indicator-values': ['indicator', 'unit', 'period', 'kon'],
};

/**
 * A row's unique key in the words the sheet shows, e.g. `Genomförda hälsosamtal / vc-tensta / 2026 kv 1 /
 * Totalt`: a choice by its label, a period in words, an indicator by its catalog name where `refs`
 * knows it (`indicatorBounds`); anything else as stored. Also names an indicator value an import took
 * (`server/http/import-taken.ts`).
 */
export function keyWords(kind: DocKind, keys: readonly string[], values: RowValues, refs: CrossRefs | undefined, lang: 'sv' | 'en'): string {
  return keys
    .map((key) => {
      const value = values[key];
      const column = cellColumn(kind, key)?.column;
      const label = column?.options?.find((o) => o.value === value)?.label[lang];
      if (label) return label;
      if (column?.type === 'period' && typeof value === 'string') return periodWords(value, lang);
      if (key === 'indicator' && kind === 'indicator-values' && typeof value === 'string') return refs?.indicatorBounds?.get(value)?.name ?? value;
      return String(value);
    })
    .join(' / ');
}

/**
 * The duplicate's other row as the person finds it: its sheet row number when the bound table
 * gives one ("rad 612"), else its place in document order ("rad 3 i dokumentet").
 */
function otherRowWords(place: number, sheetRow: number | null): { sv: string; en: string } {
  if (sheetRow !== null) return { sv: `rad ${digits(sheetRow)}`, en: `row ${digits(sheetRow)}` };
  return { sv: `rad ${digits(place)} i dokumentet`, en: `row ${digits(place)} of the document` };
}

/**
 * The unique key of a row under `keys`, or null when a key cell is empty. Each cell is compared
 * as the list it is looked up in compares it (`refKey`: trimmed, runs of spaces one, any case):
 * every key column is a name or an id a person types and a reference finds by (`lookedUp`, `ref`),
 * or a period or choice stored in one spelling. A name older code stored with its spaces
 * (`Röda korset `) is the name an import now stores trimmed (`Röda korset`), and `röda korset`
 * would find either, so the three are one partner.
 */
export function uniqueKeyOf(values: RowValues, keys: readonly string[]): string | null {
  let key = '';
  for (const k of keys) {
    const v = values[k];
    const part = typeof v === 'string' ? refKey(v) : '';
    if (part === '') return null;
    key += `${part}\u0000`;
  }
  return key;
}

/**
 * Validates every row of `doc` against its kind (read from `meta`) and the cross-row rules,
 * and returns all problems in row order. A document whose kind is unknown gets one
 * document-level problem; a schema version newer than this code knows gets a warning, and its
 * rows are still checked against the columns known here.
 *
 * A duplicate names the first row holding the same key (`otherRowId`, and in its words): by
 * `sheetRow` (the bound table's sheet row number of a row id, null where it holds none) when
 * given, else by its place in document order.
 *
 * @example
 * const problems = validateDoc(doc, 'aktivitetsplan-rinkeby', crossRefsFrom({ partners }));
 */
export function validateDoc(doc: Y.Doc, docId: string, refs?: CrossRefs, sheetRow?: (rowId: string) => number | null): Problem[] {
  const meta = metaOf(doc);
  if (!meta) {
    return [
      {
        doc: docId,
        rowId: null,
        column: null,
        severity: 'error',
        code: 'unknown-kind',
        message: localized('unknown-kind', { value: '' }),
      },
    ];
  }
  const out: Problem[] = [];
  const known = kindDef(meta.kind).schemaVersion;
  if (meta.schemaVersion > known) {
    out.push({
      doc: docId,
      rowId: null,
      column: null,
      severity: 'warning',
      code: 'newer-schema',
      message: localized('newer-schema', { version: meta.schemaVersion, known }),
    });
  }
  const unique = UNIQUE_KEYS[meta.kind];
  const seen = unique ? new Map<string, { id: string; place: number }>() : undefined;
  const check = rowChecker(meta.kind, docId, refs, out);
  const rows = rowsOf(doc);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as (typeof rows)[number];
    check(row.id, row.values);
    if (!unique || !seen) continue;
    const key = uniqueKeyOf(row.values, unique);
    if (key === null) continue;
    const other = seen.get(key);
    if (other === undefined) {
      seen.set(key, { id: row.id, place: i + 1 });
      continue;
    }
    const first = unique[0] as string;
    const header = cellColumn(meta.kind, first)?.header ?? first;
    out.push({
      doc: docId,
      rowId: row.id,
      column: first,
      severity: 'error',
      code: 'duplicate',
      message: localized('duplicate', { column: header, value: { sv: keyWords(meta.kind, unique, row.values, refs, 'sv'), en: keyWords(meta.kind, unique, row.values, refs, 'en') }, other: otherRowWords(other.place, sheetRow?.(other.id) ?? null) }),
      otherRowId: other.id,
    });
  }
  return out;
}
