/**
 * The comment-count column: a column of the table, right of Samplan's own, headed "Kommentarer"
 * (or "Comments"), that the binding writes and never reads as data. It sits among the person's own
 * columns at the right end, which the reader leaves alone, so what is typed there is not data;
 * the binding writes the count typed over again at once. This file finds or adds it.
 */
import type { TableLayout } from './layout.js';
import { quietRequest } from './quiet-request.js';
import type { ExcelRun, SyncCounter } from './types.js';

/** The header the column gets in each language; either is recognised. */
export const COUNT_HEADERS = { sv: 'Kommentarer', en: 'Comments' } as const;

const PROTECTION: Excel.WorksheetProtectionOptions = { allowAutoFilter: true, allowSort: true, allowFormatColumns: true };

/** Sheet column (0-based) of the count column among `header` (the table's header row), or -1. */
export function countColumnIn(layout: TableLayout, header: readonly unknown[]): number {
  const names = new Set(Object.values(COUNT_HEADERS).map((h) => h.toLowerCase()));
  for (let i = layout.width; i < header.length; i++) {
    if (names.has(String(header[i] ?? '').trim().toLowerCase())) return i;
  }
  return -1;
}

/**
 * Finds the count column, adding it at the table's right end when it is missing (events off,
 * protection lifted and put back on a read-only sheet). Two syncs when it is added, one when
 * it is there. Returns its sheet column and whether it was added.
 */
export async function ensureCountColumn(run: ExcelRun, layout: TableLayout, readOnly: boolean, counter: SyncCounter): Promise<{ column: number; added: boolean }> {
  return quietRequest(run, async (context, quietSync) => {
    const table = context.workbook.tables.getItem(layout.tableKey);
    const header = table.getHeaderRowRange().load('values');
    counter.syncs++;
    await context.sync();
    const found = countColumnIn(layout, header.values[0] ?? []);
    if (found >= 0) return { column: found, added: false };
    const sheet = context.workbook.worksheets.getItem(layout.sheetKey);
    await quietSync(() => {
      if (readOnly) sheet.protection.unprotect();
      table.columns.add(undefined, undefined, COUNT_HEADERS[layout.lang]);
      if (readOnly) sheet.protection.protect(PROTECTION);
    });
    return { column: header.values[0]?.length ?? layout.width, added: true };
  }, counter);
}
