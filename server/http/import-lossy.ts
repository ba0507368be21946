/**
 * Texts a file's single-byte encoding could not write. Excel saves "CSV (semikolonavgränsad)" in
 * Windows-1252 (Excel for Mac: Mac Roman) and writes `?` for every character the encoding lacks
 * (`≥`, `→`, `ł`, an emoji): an export of a row whose comment holds one, saved so and imported
 * again unchanged, wrote the `?` over Samplan's text without a word. A stored text the file holds
 * exactly as its encoding could write it is the stored text: it is kept, and said.
 */
import { cellColumn } from '../../shared/schema/index.js';
import type { DocKind, Localized, RowValues } from '../../shared/schema/types.js';
import type { TextEncoding } from './decode-text.js';
import { fileRow, withPlace, type ImportWarning } from './import-warnings.js';

/** The names the warning gives the encodings that lose characters. */
const LOSSY: Partial<Record<TextEncoding, { iconv: string; name: string }>> = {
  'windows-1252': { iconv: 'win1252', name: 'Windows-1252' },
  macintosh: { iconv: 'macintosh', name: 'Mac Roman' },
};

/**
 * A text as a file in `encoding` writes it (`?` for what it lacks), or null for an encoding that
 * writes every character. iconv-lite is imported here, for a single-byte file alone, not at the
 * server's start (`tests/server/cli-loads.test.ts`).
 */
export async function asWrittenIn(encoding: TextEncoding | undefined): Promise<((text: string) => string) | null> {
  const lossy = encoding === undefined ? undefined : LOSSY[encoding];
  if (!lossy) return null;
  const { default: iconv } = await import('iconv-lite');
  return (text) => iconv.decode(iconv.encode(text, lossy.iconv), lossy.iconv);
}

/** The columns of a record whose stored text an encoding's `?` did not write over (`keepUnwritable`). */
export interface UnwritableKept {
  /** The file holds the stored text as its encoding writes it: the stored text is kept whole. */
  kept: string[];
  /** The person changed part of it: their change is written, the stored characters around it kept. */
  merged: string[];
}

/** The most cells of the table {@link matchedPlaces} aligns texts in (1000 × 1000 characters: 4 MB, a few ms). */
const ALIGN_CELLS = 1_000_000;

/**
 * For each character of `a`, the place in `b` of the same character a longest common subsequence
 * of the two pairs it with (-1 for none); null when the texts are too long to align
 * ({@link ALIGN_CELLS}).
 */
function matchedPlaces(a: string, b: string): Int32Array | null {
  const [n, m] = [a.length, b.length];
  if ((n + 1) * (m + 1) > ALIGN_CELLS) return null;
  // lcs[i * (m + 1) + j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = new Int32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const at = i * (m + 1) + j;
      lcs[at] = a[i] === b[j] ? (lcs[at + m + 2] as number) + 1 : Math.max(lcs[at + m + 1] as number, lcs[at + 1] as number);
    }
  }
  const places = new Int32Array(n).fill(-1);
  for (let i = 0, j = 0; i < n && j < m; ) {
    const at = i * (m + 1) + j;
    if (a[i] === b[j] && lcs[at] === (lcs[at + m + 2] as number) + 1) places[i++] = j++;
    else if ((lcs[at + m + 1] as number) >= (lcs[at + 1] as number)) i++;
    else j++;
  }
  return places;
}

/**
 * `value`, a change of the stored text `before` made in a file that wrote `before` as `written`
 * does, with each character of `before` the file could not write put back where its `?` stands
 * unchanged in `value` (the two texts aligned, character by character): `Åldrar ≥ 65 – Ełżbieta`,
 * written `Åldrar ? 65 – E??bieta` and changed to `Åldrar ? 70 – E??bieta leder`, is
 * `Åldrar ≥ 70 – Ełżbieta leder`. Null when none stands so, or when the texts are too long to align
 * (over 1,000 characters each: the change is then written as the file holds it). A `?` the person
 * typed in place of one the file wrote cannot be told from it and is taken as the file's.
 */
export function mergeUnwritable(before: string, value: string, written: (text: string) => string): string | null {
  // Code point by code point: what the file wrote of each (`?`, or `??` for one beyond the BMP), and where.
  let offset = 0;
  const pieces = [...before].map((c) => {
    const w = written(c);
    offset += w.length;
    return { c, w, at: offset - w.length };
  });
  const places = matchedPlaces(pieces.map((p) => p.w).join(''), value);
  if (!places) return null;
  const back = new Map<number, { c: string; length: number }>();
  for (const p of pieces) {
    const first = places[p.at] as number;
    if (p.w === p.c || first < 0) continue;
    let whole = true;
    for (let k = 1; k < p.w.length; k++) whole &&= places[p.at + k] === first + k;
    if (whole) back.set(first, { c: p.c, length: p.w.length });
  }
  if (back.size === 0) return null;
  let merged = '';
  for (let j = 0; j < value.length; ) {
    const put = back.get(j);
    merged += put ? put.c : value[j];
    j += put ? put.length : 1;
  }
  return merged;
}

/**
 * The columns of `values` (a record's, read from a file in a lossy encoding, `written`) whose
 * stored text (`stored`) the file could not write: one the file holds as its encoding writes it is
 * taken out of `values` (the stored text is kept); one the person changed keeps the stored
 * characters around the change (`mergeUnwritable`). Null when there is none.
 */
export function keepUnwritable(values: RowValues, stored: RowValues, written: (text: string) => string): UnwritableKept | null {
  const found: UnwritableKept = { kept: [], merged: [] };
  for (const [key, value] of Object.entries(values)) {
    const before = stored[key];
    if (typeof value !== 'string' || typeof before !== 'string' || value === before || !value.includes('?') || written(before) === before) continue;
    if (written(before) === value) {
      found.kept.push(key);
      delete values[key];
      continue;
    }
    const merged = mergeUnwritable(before, value, written);
    if (merged !== null) {
      found.merged.push(key);
      values[key] = merged;
    }
  }
  return found.kept.length + found.merged.length > 0 ? found : null;
}

/** The warning of the texts kept (`at.columns`, {@link keepUnwritable}) of record `at.record` (its stored row `rowId`) of a file in `encoding`. */
export function unwritableWarning(kind: DocKind, columns: UnwritableKept, encoding: TextEncoding | undefined, at: { record: number; headerRow: number | undefined; rowId: string | null }): ImportWarning {
  const name = (encoding && LOSSY[encoding]?.name) ?? String(encoding);
  const headers = (lang: 'sv' | 'en', keys: readonly string[]) => keys.map((c) => `"${cellColumn(kind, c)?.header[lang] ?? c}"`).join(', ');
  const column = (lang: 'sv' | 'en', keys: readonly string[]) =>
    lang === 'sv' ? `${keys.length === 1 ? 'kolumnen' : 'kolumnerna'} ${headers('sv', keys)}` : `${keys.length === 1 ? 'the column' : 'the columns'} ${headers('en', keys)}`;
  const named = (lang: 'sv' | 'en') => column(lang, [...columns.kept, ...columns.merged]);
  const said: Localized[] = [];
  if (columns.kept.length > 0) said.push({ sv: 'Värdet i Samplan behålls', en: 'The value in Samplan is kept' });
  if (columns.merged.length > 0) {
    const which = (lang: 'sv' | 'en') => (columns.kept.length > 0 ? ` (${column(lang, columns.merged)})` : '');
    said.push({ sv: `Din ändring skrivs${which('sv')}, och tecknen i Samplan runt den behålls`, en: `Your change is written${which('en')}, and the characters in Samplan around it are kept` });
  }
  const sentence = (lang: 'sv' | 'en') => said.map((w) => w[lang]).join('; ');
  const words: Localized = {
    sv: `${named('sv')}: filen är sparad som ${name}, som inte kan skriva alla tecken i värdet i Samplan (de står som ? i filen). ${sentence('sv')}; spara filen som CSV UTF-8 eller Excel-arbetsbok för att ändra det med en fil.`,
    en: `${named('en')}: the file is saved as ${name}, which cannot write every character of the value in Samplan (they are ? in the file). ${sentence('en')}; save the file as CSV UTF-8 or an Excel workbook to change it with a file.`,
  };
  const row = fileRow(at.record, at.headerRow);
  return { record: at.record, ...(row !== undefined ? { row } : {}), rowId: at.rowId, column: (columns.kept[0] ?? columns.merged[0]) as string, code: 'unwritable-kept', message: withPlace(at.record, at.headerRow, words) };
}
