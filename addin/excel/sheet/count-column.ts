/**
 * The comment-count column: a column of the table, right of Samplan's own, headed "Kommentarer"
 * (or "Comments"), that the binding writes and never reads as data. It sits among the person's own
 * columns at the right end, which the reader leaves alone, so what is typed there is not data;
 * the binding writes the count typed over again at once. This file finds or adds it.
 */
import type { TableLayout } from './layout.js';
import { quietRequest } from './quiet-request.js';
import { protectedRequest, queueLift, queueProtect, SAMPLAN_PROTECTION } from './sheet-protection.js';
import type { ExcelRun, SyncCounter } from './types.js';

/** The header the column gets in each language; either is recognised. */
export const COUNT_HEADERS = { sv: 'Kommentarer', en: 'Comments' } as const;

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
 * protection lifted when on and put back on a read-only sheet: its state is read in the first
 * sync). Two syncs when it is added, one when it is there. Returns its sheet column and whether it
 * was added.
 */
export async function ensureCountColumn(run: ExcelRun, layout: TableLayout, readOnly: boolean, counter: SyncCounter): Promise<{ column: number; added: boolean }> {
  return protectedRequest(run, layout, counter, readOnly ? ['sheet'] : [], () => quietRequest(run, async (context, quietSync) => {
    const table = context.workbook.tables.getItem(layout.tableKey);
    const header = table.getHeaderRowRange().load('values');
    const sheet = context.workbook.worksheets.getItem(layout.sheetKey);
    const protection = sheet.protection.load('protected');
    counter.syncs++;
    await context.sync();
    const found = countColumnIn(layout, header.values[0] ?? []);
    if (found >= 0) return { column: found, added: false };
    const known = (layout.protection ??= {});
    known.sheet = protection.protected;
    await quietSync(() => {
      // The person may have lifted a viewer's protection: lifted only when on.
      if (readOnly) queueLift(sheet, known, 'sheet');
      table.columns.add(undefined, undefined, COUNT_HEADERS[layout.lang]);
      if (readOnly) queueProtect(sheet, known, 'sheet', SAMPLAN_PROTECTION);
    });
    return { column: header.values[0]?.length ?? layout.width, added: true };
  }, counter));
}
