/**
 * Where an imported record sits in its file, in words, and the warnings an imported record gets
 * while it is still imported (`import-rows.ts`): an indicator value outside the range its catalog
 * row declares (`min`, `max`), or a count's value that is not a whole number (`12,5` in a
 * unit `antal`), is kept, as the sync and the sheet keep it, and named in the answer's
 * `warnings` with the words `GET …/problems` gives it (`validateRow`'s indicator rule). Every note
 * the normaliser gives a value it accepted is named there too, in its own words (sv/en): a date read
 * without its year where the plan names none (`year-assumed`), a date whose time of day was dropped
 * (`date-time-dropped`, `12 mars 14:00` both). The stored value is whole, so the import's answer is
 * the only place either can be seen. And a row's values under no header, which were not read
 * (`unread-values`, one per column: `import-unread.ts`), and an id that names no row of the document, so the
 * record becomes a new row instead of changing one (`unknown-id`, {@link unknownIdWarning}).
 */
import type { NormalizeInfo } from '../../shared/normalize/normalize-cell.js';
import type { IndicatorDefinition } from '../../shared/indicators/definitions.js';
import type { DocKind, Localized, RowValues } from '../../shared/schema/types.js';
import type { IndicatorBounds } from '../../shared/validate/cross-refs.js';
import { ROW_ID_PATTERN } from '../../shared/doc/ids.js';
import { validateRow } from '../../shared/validate/validate-row.js';
import { digits } from '../../shared/i18n/number-words.js';

/** A record that was imported (or would be) with a value to look at again. */
export interface ImportWarning {
  /** 1-based record number, counted as the answer's refusals are. */
  record: number;
  /** The file's row (sheet row for XLSX, line for CSV, header counted); absent for JSON. */
  row?: number;
  /** For a warning of several rows (`unread-values`): every file row it names, `row` the first. */
  rows?: number[];
  /** The record's id column, if any. */
  rowId: string | null;
  /** The column's key (`value`); for `unread-values`, the first unread column as the sheet names it (`D`). */
  column: string;
  /**
   * `below-min`, `above-max` or `not-whole-count`, as `GET …/problems` names it, the normaliser's note
   * (`year-assumed`, `date-time-dropped`), `unread-values`: values under no header, not read (one warning per column, `import-unread.ts`),
   * `unknown-id`: the record's id names no row of the document (column `id`), so it is a new row,
   * or `unwritable-kept`: a stored text the file's encoding could not write is kept (`import-lossy.ts`).
   */
  code: string;
  /** The warning in words, led by the record's place in the file (Swedish and English). */
  message: Localized;
}

/** The file row of record `record` under the header on `headerRow` (1-based); undefined for JSON (no header row). */
export function fileRow(record: number, headerRow: number | undefined): number | undefined {
  return headerRow === undefined ? undefined : headerRow + record;
}

/** "Rad 8 i filen" / "Row 8 of the file", or "Post 4" / "Record 4" where the file has no rows (JSON). */
export function placeWords(record: number, headerRow: number | undefined): Localized {
  const row = fileRow(record, headerRow);
  return row === undefined ? { sv: `Post ${digits(record)}`, en: `Record ${digits(record)}` } : { sv: `Rad ${digits(row)} i filen`, en: `Row ${digits(row)} of the file` };
}

/** `words` led by the record's place: "Rad 8 i filen: …". */
export function withPlace(record: number, headerRow: number | undefined, words: Localized): Localized {
  const place = placeWords(record, headerRow);
  return { sv: `${place.sv}: ${words.sv}`, en: `${place.en}: ${words.en}` };
}

/** The catalog's declared ranges and units, keyed by indicator id, from the workspace's definitions. */
export function boundsOf(definitions: ReadonlyMap<string, IndicatorDefinition>): Map<string, IndicatorBounds> {
  const bounds = new Map<string, IndicatorBounds>();
  for (const [id, d] of definitions) {
    if (d.min !== null || d.max !== null || d.unitOfMeasure !== null) bounds.set(id, { name: d.name || id, min: d.min, max: d.max, unit: d.unitOfMeasure });
  }
  return bounds;
}

/** The codes of `validateRow` an import names as warnings: a range, a count that is not whole. */
const RANGE_CODES: ReadonlySet<string> = new Set(['below-min', 'above-max', 'not-whole-count']);

/**
 * The range warnings of one record as it will be stored (`values`: the row's stored values with
 * the record's over them), or none when `bounds` is empty or the kind has no indicator values.
 */
export function rangeWarnings(
  kind: DocKind,
  values: RowValues,
  bounds: ReadonlyMap<string, IndicatorBounds>,
  at: { record: number; headerRow: number | undefined; rowId: string | null },
): ImportWarning[] {
  if (kind !== 'indicator-values' || bounds.size === 0) return [];
  const row = fileRow(at.record, at.headerRow);
  return validateRow(kind, '', '', values, { indicatorBounds: bounds })
    .filter((p) => p.severity === 'warning' && p.column !== null && RANGE_CODES.has(p.code))
    .map((p) => ({
      record: at.record,
      ...(row !== undefined ? { row } : {}),
      rowId: at.rowId,
      column: p.column as string,
      code: p.code,
      message: withPlace(at.record, at.headerRow, p.message),
    }));
}

/**
 * The warnings of one record's normaliser notes (`checkRecord`'s `notes`: column key and note), one
 * per note, every kind: a note is something the person did not write that the stored value now
 * says (a year, a date without its time), so none is left out of the answer.
 */
export function noteWarnings(notes: readonly (readonly [string, NormalizeInfo])[], at: { record: number; headerRow: number | undefined; rowId: string | null }): ImportWarning[] {
  const row = fileRow(at.record, at.headerRow);
  return notes.map(([column, note]) => ({ record: at.record, ...(row !== undefined ? { row } : {}), rowId: at.rowId, column, code: note.code, message: withPlace(at.record, at.headerRow, note.message) }));
}

/** How much of an id as written a sentence quotes: a row id is at most 64 characters, so more is no id anyway. */
const SHOWN_ID_LENGTH = 80;

/**
 * The warning of a record whose id (`id`, as written in the file) names no row of the document and
 * which is therefore added as a new row, the import going on: code `unknown-id`, column `id`, led
 * by the record's place. A person who meant to change a row (an id cut short or mistyped, a row
 * deleted since the export) would otherwise find a second row without a word. An id of row-id
 * shape (`ROW_ID_PATTERN`) is kept as the new row's; any other (a space in it, a letter outside
 * A–Z) cannot be one, so the new row gets an id of its own, and the words say which.
 */
export function unknownIdWarning(id: string, at: { record: number; headerRow: number | undefined }): ImportWarning {
  const row = fileRow(at.record, at.headerRow);
  const quoted = `"${id.length > SHOWN_ID_LENGTH ? `${id.slice(0, SHOWN_ID_LENGTH)}…` : id}"`;
  const words: Localized = ROW_ID_PATTERN.test(id)
    ? {
        sv: `id ${quoted} finns inte i dokumentet, så raden blir en ny rad (med det id:t) i stället för att ändra en befintlig. Skulle den ändra en rad, rätta id:t (kopiera det från en ny export) och importera igen.`,
        en: `the id ${quoted} names no row of the document, so the row becomes a new row (with that id) instead of changing one. If it was to change a row, correct the id (copy it from a new export) and import again.`,
      }
    : {
        sv: `id ${quoted} är inget rad-id (ett rad-id har 1–64 tecken av A–Z, a–z, 0–9, _ och -), så raden blir en ny rad med ett nytt id i stället för att ändra en befintlig. Skulle den ändra en rad, rätta id:t (kopiera det från en ny export) och importera igen.`,
        en: `the id ${quoted} is no row id (a row id is 1–64 characters of A–Z, a–z, 0–9, _ and -), so the row becomes a new row with a new id instead of changing one. If it was to change a row, correct the id (copy it from a new export) and import again.`,
      };
  return { record: at.record, ...(row !== undefined ? { row } : {}), rowId: id, column: 'id', code: 'unknown-id', message: withPlace(at.record, at.headerRow, words) };
}
