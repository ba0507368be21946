/**
 * CSV as Excel and LibreOffice read and write it: UTF-8 with a byte-order mark (so Excel picks
 * UTF-8 and keeps å, ä, ö), `,` or — for Swedish Excel — `;` between fields, CRLF between
 * records, quotes doubled. Reading (`csv-read.ts`) also takes tab-separated text and Excel's
 * `sep=;` hint line, and detects the separator ({@link detectSeparator}). These files know only
 * text tables; which columns and how values look is the caller's business (decoding bytes is
 * `decode-text.ts`).
 *
 * Formula injection (OWASP "CSV Injection"): a field that starts with `=`, `+`, `-`, `@`, a tab or
 * a carriage return is written with a leading `'`, so a spreadsheet shows it as text instead of
 * running it — except a plain number (`-5`, `-1,5`), which is no formula and stays a number.
 * Reading strips that `'` again, so an export imports back unchanged. A field holding a control
 * character (a NUL, which a cell may hold) is quoted, so the import reads it as a value, not as a
 * sign of a binary file (`import-read.ts`).
 */

/** The field separators offered: comma, and semicolon for Swedish Excel (decimal comma). */
export type CsvSeparator = ',' | ';';

/** The UTF-8 byte-order mark Excel needs to read a CSV file as UTF-8. */
export const BOM = '\uFEFF';

const NEEDS_QUOTES = { ',': /[",\n\r]|^\s|\s$/, ';': /[";\n\r]|^\s|\s$/ } as const;

/**
 * True when `text` holds a control character other than a tab or a line end (C0, DEL): a cell may
 * hold a NUL, and the import takes a NUL outside quotes as a binary file's, so such a field is quoted.
 */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
/**
 * A formula-leading text behind one or more apostrophes: the neutraliser is the first of them.
 * Exported for the spreadsheet readers' worker (`read-worker.ts`), which drops it as
 * {@link stripNeutralizer} does.
 */
export const NEUTRALISED = /^'+[=+\-@\t\r]/;

/**
 * A field safe to open in a spreadsheet: `'` before a formula-leading text, plain numbers as they are.
 * A text that already begins with apostrophes before such a character (`'=1+1` as typed) gets one
 * more, so {@link stripNeutralizer} gives it back as written.
 * @example neutralizeFormula('=HYPERLINK("http://example.org")') // "'=HYPERLINK(\"http://example.org\")"
 * @example neutralizeFormula("'-tal") // "''-tal"
 * @example neutralizeFormula('-5') // '-5'
 */
export function neutralizeFormula(field: string): string {
  return (FORMULA_START.test(field) && !PLAIN_NUMBER.test(field)) || NEUTRALISED.test(field) ? `'${field}` : field;
}

/** The inverse of {@link neutralizeFormula}: `'=…` → `=…`, `''=…` → `'=…`; every other field unchanged. */
export function stripNeutralizer(field: string): string {
  return NEUTRALISED.test(field) ? field.slice(1) : field;
}

/**
 * What a workbook cell is written as, so that an import's {@link stripNeutralizer} gives it back:
 * one more `'` before a text that already begins with apostrophes before `=`, `+`, `-`, `@`, a tab
 * or a carriage return; every other text as it is (a workbook's text cell is never run as a
 * formula, so `=1+1` needs no guard there).
 * @example escapeNeutralizer("'=1+1") // "''=1+1"
 * @example escapeNeutralizer('=1+1') // '=1+1'
 */
export function escapeNeutralizer(field: string): string {
  return NEUTRALISED.test(field) ? `'${field}` : field;
}

function quote(field: string, sep: CsvSeparator): string {
  const safe = neutralizeFormula(field);
  return NEEDS_QUOTES[sep].test(safe) || hasControl(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Write a table of text fields as CSV, with a BOM and CRLF line ends; formula-leading fields
 * are neutralised.
 *
 * @example
 * toCsv([['Namn', 'Antal'], ['Promenadgrupp', '12']], ';') // '\uFEFFNamn;Antal\r\nPromenadgrupp;12\r\n'
 */
export function toCsv(table: readonly (readonly string[])[], sep: CsvSeparator): string {
  return BOM + table.map((row) => row.map((f) => quote(f, sep)).join(sep)).join('\r\n') + '\r\n';
}

/** The separators {@link detectSeparator} chooses among, in the order a full tie is settled. */
const CANDIDATES = [',', ';', '\t'] as const;
/** How many records (non-blank, outside quotes) {@link detectSeparator} reads. */
const DETECT_RECORDS = 20;
/** How many characters at most {@link detectSeparator} reads for them. */
const DETECT_CHARS = 64 * 1024;

/** For each of the first records of `text`: how often each candidate occurs outside quotes. */
function separatorCounts(text: string): Array<Record<(typeof CANDIDATES)[number], number>> {
  const out: Array<Record<(typeof CANDIDATES)[number], number>> = [];
  let counts = { ',': 0, ';': 0, '\t': 0 };
  let filled = false;
  let inQuotes = false;
  const end = Math.min(text.length, DETECT_CHARS);
  for (let i = 0; i <= end && out.length < DETECT_RECORDS; i++) {
    const ch = i < end ? text[i] : '\n';
    if (ch === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === '\n' || ch === '\r') {
      if (filled) out.push(counts);
      counts = { ',': 0, ';': 0, '\t': 0 };
      filled = false;
      continue;
    } else if (ch === ',' || ch === ';' || ch === '\t') counts[ch]++;
    if (ch !== ' ') filled = true;
  }
  return out;
}

/**
 * Guess the separator from the first records (up to 20): for each of `;`, `,` and tab, the number
 * of separators (outside quotes) that most records share, and how many records share it; the one
 * shared by most records wins, then the one making more fields, then `,` before `;` before tab.
 * So a title line above the header (`Aktivitetsplan 2026, Rinkeby` over `Aktivitet;Typ;…`, as
 * people make them by hand) does not decide, and decimal commas in a semicolon file do not either,
 * since the header has none. A text of one line is decided by which separator occurs most.
 *
 * @example detectSeparator('Plan 2026, Rinkeby\nAktivitet;Typ\nGympa;halsodag\n') // ';'
 */
export function detectSeparator(text: string): CsvSeparator | '\t' {
  const records = separatorCounts(text.replace(/^\uFEFF/, ''));
  let best: { sep: CsvSeparator | '\t'; shared: number; fields: number } = { sep: ',', shared: 0, fields: 0 };
  for (const sep of CANDIDATES) {
    const tally = new Map<number, number>();
    for (const r of records) if (r[sep] > 0) tally.set(r[sep], (tally.get(r[sep]) ?? 0) + 1);
    for (const [fields, shared] of tally) {
      if (shared > best.shared || (shared === best.shared && fields > best.fields)) best = { sep, shared, fields };
    }
  }
  return best.sep;
}
