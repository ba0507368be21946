/**
 * Texts a file's single-byte encoding could not write. Excel saves "CSV (semikolonavgränsad)" in
 * Windows-1252 (Excel for Mac: Mac Roman) and writes `?` for every character the encoding lacks
 * (`≥`, `→`, `ł`, an emoji): an export of a row whose comment holds one, saved so and imported
 * again unchanged, wrote the `?` over Samplan's text without a word. A stored text the file holds
 * exactly as its encoding could write it is the stored text: it is kept, and said.
 */
import iconv from 'iconv-lite';
import { cellColumn } from '../../shared/schema/index.js';
import type { DocKind, Localized, RowValues } from '../../shared/schema/types.js';
import type { TextEncoding } from './decode-text.js';
import { fileRow, withPlace, type ImportWarning } from './import-warnings.js';

/** The names the warning gives the encodings that lose characters. */
const LOSSY: Partial<Record<TextEncoding, { iconv: string; name: string }>> = {
  'windows-1252': { iconv: 'win1252', name: 'Windows-1252' },
  macintosh: { iconv: 'macintosh', name: 'Mac Roman' },
};

/** A text as a file in `encoding` writes it (`?` for what it lacks), or null for an encoding that writes every character. */
export function asWrittenIn(encoding: TextEncoding | undefined): ((text: string) => string) | null {
  const lossy = encoding === undefined ? undefined : LOSSY[encoding];
  return lossy ? (text) => iconv.decode(iconv.encode(text, lossy.iconv), lossy.iconv) : null;
}

/**
 * The columns of `values` (a record's, read from a file in a lossy encoding, `written`) whose text
 * is the stored row's (`stored`) as the encoding writes it and not the stored text itself, taken
 * out of `values`: the stored text is kept.
 */
export function keepUnwritable(values: RowValues, stored: RowValues, written: (text: string) => string): string[] {
  const kept: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const before = stored[key];
    if (typeof value === 'string' && typeof before === 'string' && value !== before && value.includes('?') && written(before) === value) {
      kept.push(key);
      delete values[key];
    }
  }
  return kept;
}

/** The warning of the texts kept at `columns` of record `record` (its stored row `rowId`) of a file in `encoding`. */
export function unwritableWarning(kind: DocKind, columns: readonly string[], encoding: TextEncoding | undefined, at: { record: number; headerRow: number | undefined; rowId: string | null }): ImportWarning {
  const name = (encoding && LOSSY[encoding]?.name) ?? String(encoding);
  const headers = (lang: 'sv' | 'en') => columns.map((c) => `"${cellColumn(kind, c)?.header[lang] ?? c}"`).join(', ');
  const words: Localized = {
    sv: `${columns.length === 1 ? 'kolumnen' : 'kolumnerna'} ${headers('sv')}: filen är sparad som ${name}, som inte kan skriva alla tecken i värdet i Samplan (de står som ? i filen). Värdet i Samplan behålls; spara filen som CSV UTF-8 eller Excel-arbetsbok för att ändra det med en fil.`,
    en: `${columns.length === 1 ? 'the column' : 'the columns'} ${headers('en')}: the file is saved as ${name}, which cannot write every character of the value in Samplan (they are ? in the file). The value in Samplan is kept; save the file as CSV UTF-8 or an Excel workbook to change it with a file.`,
  };
  const row = fileRow(at.record, at.headerRow);
  return { record: at.record, ...(row !== undefined ? { row } : {}), rowId: at.rowId, column: columns[0] as string, code: 'unwritable-kept', message: withPlace(at.record, at.headerRow, words) };
}
