/**
 * CSV as Excel reads and writes it: UTF-8 with a byte-order mark (so Excel picks UTF-8 and keeps
 * å, ä, ö), `,` or — for Swedish Excel — `;` between fields, CRLF between records, quotes doubled.
 * This file knows only text tables; which columns and how values look is the caller's business.
 */

/** The field separators offered: comma, and semicolon for Swedish Excel (decimal comma). */
export type CsvSeparator = ',' | ';';

/** The UTF-8 byte-order mark Excel needs to read a CSV file as UTF-8. */
export const BOM = '\uFEFF';

const NEEDS_QUOTES = { ',': /[",\n\r]|^\s|\s$/, ';': /[";\n\r]|^\s|\s$/ } as const;

function quote(field: string, sep: CsvSeparator): string {
  return NEEDS_QUOTES[sep].test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * Write a table of text fields as CSV, with a BOM and CRLF line ends.
 *
 * @example
 * toCsv([['Namn', 'Antal'], ['Promenadgrupp', '12']], ';') // '\uFEFFNamn;Antal\r\nPromenadgrupp;12\r\n'
 */
export function toCsv(table: readonly (readonly string[])[], sep: CsvSeparator): string {
  return BOM + table.map((row) => row.map((f) => quote(f, sep)).join(sep)).join('\r\n') + '\r\n';
}

/** Guess the separator from the header line: the one of `;`, `,` and tab that occurs most outside quotes. */
export function detectSeparator(text: string): CsvSeparator | '\t' {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const outside = firstLine.replace(/"[^"]*"/g, '');
  const counts = { ';': 0, ',': 0, '\t': 0 };
  for (const ch of outside) if (ch === ';' || ch === ',' || ch === '\t') counts[ch]++;
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[';'] > counts[','] ? ';' : ',';
}

/**
 * Parse CSV text into records of fields. Accepts a BOM, CRLF or LF, quoted fields with doubled
 * quotes and line breaks inside. Blank lines are dropped. The separator is detected when not given.
 */
export function parseCsv(text: string, sep?: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = sep ?? detectSeparator(body);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (inQuotes) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '') inQuotes = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  // Blank lines go; a line of only separators stays, so record numbers match Excel's rows.
  return records.filter((r) => r.length > 1 || (r[0] ?? '').trim() !== '');
}
