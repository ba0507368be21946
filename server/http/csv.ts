/**
 * CSV as Excel and LibreOffice read and write it: UTF-8 with a byte-order mark (so Excel picks
 * UTF-8 and keeps å, ä, ö), `,` or — for Swedish Excel — `;` between fields, CRLF between
 * records, quotes doubled. Reading also takes tab-separated text, Excel's `sep=;` hint line and
 * detects the separator. This file knows only text tables; which columns and how values look is
 * the caller's business (decoding bytes is `decode-text.ts`).
 *
 * Formula injection (OWASP "CSV Injection"): a field that starts with `=`, `+`, `-`, `@`, a tab or
 * a carriage return is written with a leading `'`, so a spreadsheet shows it as text instead of
 * running it — except a plain number (`-5`, `-1,5`), which is no formula and stays a number.
 * Reading strips that `'` again, so an export imports back unchanged.
 */

import { slicer } from './slices.js';
import { progressTeller, type ReadProgress } from './read-progress.js';

/** The field separators offered: comma, and semicolon for Swedish Excel (decimal comma). */
export type CsvSeparator = ',' | ';';

/** The UTF-8 byte-order mark Excel needs to read a CSV file as UTF-8. */
export const BOM = '\uFEFF';

const NEEDS_QUOTES = { ',': /[",\n\r]|^\s|\s$/, ';': /[";\n\r]|^\s|\s$/ } as const;
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
/**
 * A formula-leading text behind one or more apostrophes: the neutraliser is the first of them.
 * Exported for the spreadsheet readers' worker (`read-worker.ts`), which drops it as
 * {@link stripNeutralizer} does.
 */
export const NEUTRALISED = /^'+[=+\-@\t\r]/;
const SEP_LINE = /^"?sep=(.)"?[,;\t]*$/i;
/** A Windows line break (CRLF). A lone CR is kept: it may be a field's own text (`\rCR`, see `neutralizeFormula`). */
const LINE_BREAK = /\r\n/g;

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
  return NEEDS_QUOTES[sep].test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
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

/** The body of a CSV text and its separator: a `sep=` line names it and is dropped; else detected. */
function prepare(text: string, sep?: string): { body: string; delimiter: string } {
  let body = text.replace(/^\uFEFF/, '');
  const firstEnd = body.search(/\r?\n/);
  const hint = SEP_LINE.exec(firstEnd < 0 ? body : body.slice(0, firstEnd));
  if (hint) body = firstEnd < 0 ? '' : body.slice(firstEnd).replace(/^\r?\n/, '');
  return { body, delimiter: sep ?? hint?.[1] ?? detectSeparator(body) };
}

/** The index of the next quote, separator or line break at or after `from`, or the text's length. */
function nextSpecial(text: string, from: number, delimiter: string): number {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 10 || c === 13 || text[i] === delimiter) return i;
  }
  return i;
}

/**
 * A CSV text whose quotes cannot be read without guessing: `unclosed`, a quoted value whose quote
 * never closes (every row after it would be read into it); `undoubled`, a quote inside a quoted
 * value that is not doubled (`"Han sa "hej" sen"`: text follows the quote that closes the value).
 * `row` is the 1-based row as a spreadsheet opening the file numbers it (as `rowNumbers`), where
 * the quoted value begins.
 */
export class CsvQuoteError extends Error {
  constructor(
    readonly fault: 'unclosed' | 'undoubled',
    readonly row: number,
  ) {
    super(fault === 'unclosed' ? `Row ${row}: a quoted value is never closed.` : `Row ${row}: a quoted value holds a quote that is not doubled.`);
    this.name = 'CsvQuoteError';
  }
}

/** A CSV reader that can stop and resume, so a large file is parsed in slices. */
class CsvReader {
  readonly records: string[][] = [];
  private record: string[] = [];
  private field = '';
  private inQuotes = false;
  /** The row (as {@link finish} numbers them) where the open quoted value began. */
  private quoteRow = 0;
  private i = 0;

  constructor(
    private readonly body: string,
    private readonly delimiter: string,
  ) {}

  get done(): boolean {
    return this.i >= this.body.length;
  }

  /** Characters read so far, and of all (`body`'s length). */
  get progress(): ReadProgress {
    return { done: Math.min(this.i, this.body.length), total: this.body.length };
  }

  /** Read on until at least `chars` more characters are consumed (or the end). */
  step(chars: number): void {
    const { body, delimiter } = this;
    const stop = Math.min(body.length, this.i + chars);
    let i = this.i;
    while (i < stop) {
      if (this.inQuotes) {
        const q = body.indexOf('"', i);
        if (q < 0) {
          this.field += body.slice(i);
          i = body.length;
        } else if (body[q + 1] === '"') {
          this.field += body.slice(i, q + 1);
          i = q + 2;
        } else {
          this.field += body.slice(i, q);
          this.inQuotes = false;
          i = q + 1;
          this.closedAt(i);
        }
        continue;
      }
      const next = nextSpecial(body, i, delimiter);
      if (next > i) this.field += body.slice(i, next);
      i = next;
      if (i >= body.length) break;
      const ch = body[i];
      if (ch === '"') {
        if (this.field === '') {
          this.inQuotes = true;
          this.quoteRow = this.records.length + 1;
        } else this.field += ch;
      } else if (ch === delimiter) this.endField();
      else {
        if (ch === '\r' && body[i + 1] === '\n') i++;
        this.endField();
        this.endRecord();
      }
      i++;
    }
    this.i = i;
  }

  /**
   * After a quoted value's closing quote at `at - 1`: only spaces may come before the separator,
   * a line break or the end; anything else means a quote inside the value was not doubled.
   * @throws CsvQuoteError `undoubled`, naming the row where the value begins.
   */
  private closedAt(at: number): void {
    const { body, delimiter } = this;
    let j = at;
    while (j < body.length && body[j] !== delimiter && (body[j] === ' ' || body[j] === '\t')) j++;
    const c = body[j];
    if (c !== undefined && c !== delimiter && c !== '\n' && c !== '\r') throw new CsvQuoteError('undoubled', this.quoteRow);
  }

  /**
   * Ends a field: the neutraliser stripped, then each CRLF line break inside it (only a quoted
   * field holds one; Windows programs write them so) stored as `\n`: the way a workbook's cell
   * and the sheet keep a line break, so the same text read from a CSV and from an XLSX is the
   * same value.
   */
  private endField(): void {
    this.record.push(stripNeutralizer(this.field).replace(LINE_BREAK, '\n'));
    this.field = '';
  }

  private endRecord(): void {
    this.records.push(this.record);
    this.record = [];
  }

  /**
   * The records read and each one's 1-based row number as a spreadsheet opening the file numbers
   * it (a blank line is an empty row there; a quoted line break is not a new row); call when
   * {@link done}. Blank lines go; a line of only separators stays.
   * @throws CsvQuoteError `unclosed` when the text ends inside a quoted value.
   */
  finish(): { records: string[][]; rowNumbers: number[] } {
    if (this.inQuotes) throw new CsvQuoteError('unclosed', this.quoteRow);
    if (this.field !== '' || this.record.length > 0) {
      this.endField();
      this.endRecord();
    }
    const records: string[][] = [];
    const rowNumbers: number[] = [];
    this.records.forEach((r, i) => {
      if (r.length > 1 || (r[0] ?? '').trim() !== '') {
        records.push(r);
        rowNumbers.push(i + 1);
      }
    });
    return { records, rowNumbers };
  }
}

/**
 * Parse CSV text into records of fields. Accepts a BOM, a `sep=` first line, CRLF or LF, quoted
 * fields with doubled quotes and line breaks inside (a CRLF read as `\n`), and strips the
 * formula neutraliser `'`.
 * Blank lines are dropped. The separator is detected when not given.
 * @throws CsvQuoteError for a quoted value never closed, or holding a quote not doubled.
 */
export function parseCsv(text: string, sep?: string): string[][] {
  const { body, delimiter } = prepare(text, sep);
  const reader = new CsvReader(body, delimiter);
  reader.step(body.length);
  return reader.finish().records;
}

/** Characters read between two looks at the clock. */
const STEP_CHARS = 16 * 1024;

/**
 * {@link parseCsv} in slices: yields to the event loop every few milliseconds of work
 * (`slices.ts`), so a large import does not hold up other requests. Gives the records and each
 * one's row number as a spreadsheet shows the file (blank lines counted, as `rowNumbers` of an
 * XLSX sheet), and the separator read (`separator`). Throws `tooMany()`'s error once more than `maxRecords` records are read.
 * `onProgress` is told the characters read, each whole percent once (`read-progress.ts`).
 * Throws {@link CsvQuoteError} as {@link parseCsv} does.
 */
export async function parseCsvSliced(
  text: string,
  opts: { maxRecords: number; tooMany: () => Error; onProgress?: (progress: ReadProgress) => void },
): Promise<{ records: string[][]; rowNumbers: number[]; separator: string }> {
  const { body, delimiter } = prepare(text);
  const reader = new CsvReader(body, delimiter);
  const pause = slicer();
  const told = progressTeller(opts.onProgress);
  while (!reader.done) {
    reader.step(STEP_CHARS);
    if (reader.records.length > opts.maxRecords) throw opts.tooMany();
    told(reader.progress);
    const turn = pause();
    if (turn) await turn;
  }
  const read = reader.finish();
  if (read.records.length > opts.maxRecords) throw opts.tooMany();
  return { ...read, separator: delimiter };
}
