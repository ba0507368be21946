/**
 * What an export says of cells its format could not hold as they are: an ODS file has no way to
 * hold a control character (but tab and line breaks), U+FFFE, U+FFFF or a lone surrogate, so they
 * are written as U+FFFD (`server/http/ods-write.ts`). One wording for `samplan export` and the
 * pane's export, which reads the count and the first cell from the answer's headers.
 */
import type { Localized } from '../schema/types.js';
import { digits, numberText } from './number-words.js';

/** The first cell so written: its row in the sheet (the header being row 1) and its column's header as the file writes it. */
export interface ReplacedFirst {
  row: number;
  column: string;
}

/**
 * `cells` cells written with U+FFFD, naming the first when it is known, and what to export instead.
 * @example replacedCellsWords(3, { row: 3, column: 'Aktivitet' }).sv // '3 celler innehöll tecken som en ODS-fil inte kan lagra (…); de skrevs som � (först rad 3, Aktivitet). Exportera som XLSX, JSON eller CSV för att behålla dem.'
 */
export function replacedCellsWords(cells: number, first: ReplacedFirst | undefined): Localized {
  const where = first ? { sv: ` (först rad ${digits(first.row)}, ${first.column})`, en: ` (first row ${digits(first.row)}, ${first.column})` } : { sv: '', en: '' };
  return {
    sv: `${cells === 1 ? '1 cell innehöll' : `${numberText(cells, 'sv')} celler innehöll`} tecken som en ODS-fil inte kan lagra (styrtecken, U+FFFE, U+FFFF eller ett ensamt surrogattecken); de skrevs som \uFFFD${where.sv}. Exportera som XLSX, JSON eller CSV för att behålla dem.`,
    en: `${cells === 1 ? '1 cell held' : `${numberText(cells, 'en')} cells held`} characters an ODS file cannot hold (control characters, U+FFFE, U+FFFF or a lone surrogate); they were written as \uFFFD${where.en}. Export as XLSX, JSON or CSV to keep them.`,
  };
}

/** The header naming the first such cell (`X-Samplan-Replaced-First`): its row, `;`, its column's header percent-encoded (a header is ASCII). */
export function replacedFirstHeader(first: ReplacedFirst): string {
  return `${digits(first.row)};${encodeURIComponent(first.column)}`;
}

/** The first cell a `X-Samplan-Replaced-First` header names, or undefined for none or one not of that form. */
export function readReplacedFirst(header: string | null): ReplacedFirst | undefined {
  const m = header === null ? null : /^([1-9]\d*);(.+)$/.exec(header);
  if (!m) return undefined;
  try {
    return { row: Number(m[1]), column: decodeURIComponent(m[2] as string) };
  } catch {
    return undefined;
  }
}
