/**
 * Reading the text a spreadsheet puts on the clipboard (`text/plain`), for the playground grid's
 * Ctrl+V. Excel, LibreOffice and Google Sheets write a copied block as tab-separated text: cells
 * split by tabs, rows ended by CRLF (LF from some programs), a line break after the last row. A
 * cell whose text holds a line break (Alt+Enter), a tab or a quote is written in quotes, its
 * quotes doubled: the cell `Promenad⏎Järvafältet` comes as `"Promenad\nJärvafältet"`.
 *
 * No library in the project reads this in a browser (the server's CSV reader, `server/http/csv-read.ts`,
 * drops blank lines and strips the formula guard `'`, both wrong for a paste, and lives on the
 * server), so this small reader does it.
 */

/** The position just past the closing quote of the quoted cell starting at `start`, or -1 when it is not one. */
function quotedEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return -1;
    if (text[q + 1] === '"') {
      i = q + 2;
      continue;
    }
    const after = text[q + 1];
    // A quote closes the cell only where the cell ends; otherwise the text was never quoted.
    return after === undefined || after === '\t' || after === '\n' || after === '\r' ? q + 1 : -1;
  }
}

/** The position of the next tab or line break at or after `from`, or the text's length. */
function cellEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\t' || c === '\n' || c === '\r') return i;
  }
  return text.length;
}

/**
 * The cells of a clipboard block: one row per line (CRLF, LF or CR), cells split by tabs; a cell in
 * quotes keeps its tabs and line breaks, `""` inside it is one `"`; a cell that only starts with a
 * quote (`"Hälsa" i fokus`, not closed where the cell ends) is taken as written. The line break
 * after the last row is dropped, an empty row inside the block stays, and every row is padded to
 * the widest with empty cells. Texts stay texts: the sheet parses them as typed input.
 *
 * @example pastedBlock('"Promenad\nJärvafältet"\t12\r\nCirkelträning\r\n') // [['Promenad\nJärvafältet', '12'], ['Cirkelträning', '']]
 */
export function pastedBlock(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i <= text.length) {
    const closed = text[i] === '"' ? quotedEnd(text, i) : -1;
    const end = closed >= 0 ? closed : cellEnd(text, i);
    row.push(closed >= 0 ? text.slice(i + 1, closed - 1).replace(/""/g, '"') : text.slice(i, end));
    i = end;
    if (i >= text.length) {
      rows.push(row);
      break;
    }
    if (text[i] === '\t') {
      i++;
      continue;
    }
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= text.length) break;
  }
  if (text === '') return [];
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
}
