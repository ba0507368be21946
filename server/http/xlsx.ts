/**
 * Documents as Excel workbooks (exceljs): one sheet with a bold, frozen header row, column widths
 * from the schema, numbers as numbers, dates as Excel dates shown `yyyy-mm-dd`, ticked goals as
 * `x`, and code-like text (periods, unit and kommun codes, phone numbers) as text cells formatted
 * `@`, so `0180` and `2024` stay text when edited. A text that begins with apostrophes before
 * `=+-@` gets one more (`escapeNeutralizer`), as the import drops one (`xlsx-read.ts`). Reading
 * imported workbooks is `xlsx-read.ts`. A text's characters XML cannot carry are written as Excel
 * writes them, `_x000B_` (`escapeXstring`).
 */
import type ExcelJS from 'exceljs';
import { cellColumns, kindDef } from '../../shared/schema/index.js';
import type { CellColumn, CellValue, DocKind } from '../../shared/schema/types.js';
import { cutAtWord } from '../../shared/validate/cut-text.js';
import type { RefLookup } from '../../shared/normalize/ref-lookup.js';
import { escapeNeutralizer } from './csv.js';
import { escapeXstring } from './xlsx-package.js';
import { slicedWorkbook } from './xlsx-stream.js';
import { cellText, headerCells, ROW_ID_KEY, type Lang, type TableRow } from './table.js';

/**
 * Excel's sheet-name rules: at most 31 characters, none of `[]:*?/\` nor a control character,
 * no apostrophe first or last. A longer title is cut between words (`cutAtWord`), not inside one,
 * and holds no identity number the cut made. An `.ods` sheet is named alike (`ods-write.ts`).
 */
export function sheetName(name: string): string {
  // eslint-disable-next-line no-control-regex -- a title's control characters are no sheet name's
  const clean = name.replace(/[[\]:*?/\\]/g, '-').replace(/[\u0000-\u001F\uFFFE\uFFFF]/g, ' ');
  return cutAtWord(clean, 31).replace(/^['\s]+|['\s]+$/g, '') || 'Samplan';
}

function excelValue(col: CellColumn, value: CellValue | undefined, lang: Lang, partners: RefLookup | undefined): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (col.option) return value === true ? 'x' : null;
  const type = col.column.type;
  if ((type === 'integer' || type === 'number') && typeof value === 'number') return value;
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Date(`${value}T00:00:00Z`);
  }
  return escapeXstring(escapeNeutralizer(cellText(col, value, { lang, decimalComma: false, partners })));
}

/** Column types whose text looks like a number but must stay text (`0180`, `2024`, `070-123 45 67`). */
export const TEXT_CODES: ReadonlySet<string> = new Set(['period', 'unit', 'phone', 'indicator-ref']);

/** Dates shown `yyyy-mm-dd`, integers without decimals, code-like text formatted as text (`@`). */
function styleOf(col: CellColumn): Partial<ExcelJS.Style> {
  if (col.option) return {};
  const type = col.column.type;
  if (type === 'date') return { numFmt: 'yyyy-mm-dd' };
  if (type === 'integer') return { numFmt: '0' };
  return TEXT_CODES.has(type) ? { numFmt: '@' } : {};
}

/** Options of {@link rowsToXlsx}. */
export interface XlsxOptions {
  lang: Lang;
  /** Sheet name; the kind's title when unset. */
  title?: string;
  /** The partner list, to write a partner cell as the partner's name (see `TextOptions.partners`). */
  partners?: RefLookup | undefined;
  /** The workbook's keywords (File → Info → Tags): the document version's stamp (`file-version.ts`). */
  keywords?: string;
}

/**
 * A workbook with the document's rows.
 *
 * @example
 * const bytes = await rowsToXlsx('activity-plan', rows, { lang: 'sv', title: 'Aktivitetsplan Tensta' });
 */
export async function rowsToXlsx(kind: DocKind, rows: readonly TableRow[], opts: XlsxOptions): Promise<Uint8Array> {
  // Written row by row with the loop given back between slices (`xlsx-stream.ts`): a large document
  // written whole held every other request of the server for seconds.
  return slicedWorkbook(async (workbook) => {
    workbook.creator = 'Samplan';
    if (opts.keywords) workbook.keywords = opts.keywords;
    const sheet = workbook.addWorksheet(sheetName(opts.title ?? kindDef(kind).title[opts.lang]), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    const columns = cellColumns(kind);
    sheet.columns = [
      // The row id's key is no column's: the catalog's indicator id column is keyed `id`, and a
      // shared key left the row-id column empty.
      { header: headerCells(kind, opts.lang)[0], key: ROW_ID_KEY, width: 14 },
      ...columns.map((col) => ({
        header: col.header[opts.lang],
        key: col.key,
        width: col.option ? Math.max(8, Math.min(24, col.header[opts.lang].length)) : (col.column.width ?? 14),
        style: styleOf(col),
      })),
    ];
    sheet.getRow(1).font = { bold: true };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length + 1 } };
    for (const row of rows) {
      const values: Record<string, ExcelJS.CellValue> = { [ROW_ID_KEY]: row.id };
      for (const col of columns) values[col.key] = excelValue(col, row.values[col.key], opts.lang, opts.partners);
      sheet.addRow(values).commit();
      await workbook.pause();
    }
    sheet.commit();
  });
}
