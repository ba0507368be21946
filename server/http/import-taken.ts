/**
 * The rows an import took (or a dry run would take), for its answer's `taken`: each by its place in
 * the file and the name a person knows it by, so the pane can list what was added and what changed
 * beside what was refused. The name is the row's first text cell (`shared/schema/row-name.ts`, as the
 * pane names rows), or, for a kind whose texts name nothing (an indicator value), its natural key in
 * words ("Genomförda hälsosamtal / vc-a / 2026 kv 1 / Totalt").
 */
import type { IndicatorDefinition } from '../../shared/indicators/definitions.js';
import { rowNamer } from '../../shared/schema/row-name.js';
import type { DocKind, Localized, RowValues } from '../../shared/schema/types.js';
import type { IndicatorBounds } from '../../shared/validate/cross-refs.js';
import { keyWords, UNIQUE_KEYS } from '../../shared/validate/validate-doc.js';
import { fileRow } from './import-warnings.js';

/** A record the import took: a new row, or a stored row it changed. */
export interface ImportTaken {
  /** 1-based record number, as `refused` counts them. */
  record: number;
  /** The file's row (header counted: `headerRow + record`); absent for JSON. */
  row?: number;
  /** The row's id: the stored row's, a new row's once written (or the file's own id); null for a new row of a dry run without one. */
  rowId: string | null;
  /** `added`: a new row; `changed`: a stored row (matched by id or natural key) with at least one cell changed. */
  change: 'added' | 'changed';
  /** The row as a person knows it (the whole row after the import, not only the cells changed); null when nothing names it. */
  name: Localized | null;
}

/**
 * Makes the `taken` entries of one import into a document of `kind`. `definitions`: the workspace's
 * indicators, naming an indicator value's indicator by its catalog name (its id without them).
 */
export function takenMaker(kind: DocKind, headerRow: number | undefined, definitions: ReadonlyMap<string, IndicatorDefinition> | null): (record: number, rowId: string | null, change: ImportTaken['change'], values: RowValues) => ImportTaken {
  const nameOf = rowNamer(kind);
  const keys = UNIQUE_KEYS[kind];
  const indicatorBounds = new Map<string, IndicatorBounds>([...(definitions ?? [])].map(([id, d]) => [id, { name: d.name || id, min: d.min, max: d.max }]));
  const named = (values: RowValues): Localized | null => {
    const text = nameOf(values);
    if (text) return { sv: text, en: text };
    if (!keys || keys.some((k) => values[k] === undefined || values[k] === null || values[k] === '')) return null;
    return { sv: keyWords(kind, keys, values, { indicatorBounds }, 'sv'), en: keyWords(kind, keys, values, { indicatorBounds }, 'en') };
  };
  return (record, rowId, change, values) => {
    const row = fileRow(record, headerRow);
    return { record, ...(row !== undefined ? { row } : {}), rowId, change, name: named(values) };
  };
}
