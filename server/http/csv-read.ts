/**
 * Reading CSV text as Excel and LibreOffice write it (`csv.ts` writes it): a BOM, Excel's `sep=`
 * first line, `;`, `,` or tab between fields (detected when no `sep=` names it), CRLF or LF,
 * quoted fields with doubled quotes and line breaks inside, and the formula neutraliser stripped.
 * A quote that cannot be read without guessing is refused ({@link CsvQuoteError}).
 */

import { detectSeparator, stripNeutralizer } from './csv.js';
import { progressTeller, type ReadProgress } from './read-progress.js';
import { slicer } from '../sync/slices.js';

const SEP_LINE = /^"?sep=(.)"?[,;\t]*$/i;
/** A Windows line break (CRLF). A lone CR is kept: it may be a field's own text (`\rCR`, see `neutralizeFormula`). */
const LINE_BREAK = /\r\n/g;

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
 * (`server/sync/slices.ts`), so a large import does not hold up other requests. Gives the records and each
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
