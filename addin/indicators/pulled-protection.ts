/**
 * Follows the protection of a pulled table's sheet. Samplan protects that sheet so the table stays
 * the documents' copy; a manager may still switch the protection off (Review → Unprotect Sheet) and
 * type in the table. The writes after a pull only rewrite the cells whose values changed, so a
 * number typed there would stay beside Samplan's as if it were one of them. Told when the
 * protection is switched off, the pulled table says so to the person, and writes the whole table
 * anew at its next write (protecting the sheet again); told when it is switched back on, it writes
 * the whole table at once.
 *
 * Listens to `Worksheet.onProtectionChanged` (ExcelApi 1.14, `WorksheetProtectionChangedEventArgs`).
 * Samplan's own lifts and protections are made with events off (`quietRequest`), so only the
 * person's reach the listener. On a host without 1.14 nothing is told: the table is rewritten
 * whole only when a write is refused, as before.
 */
import { excelApiSupported } from '../excel/sheet/api-sets.js';
import type { ExcelRun } from '../excel/sheet/types.js';

/** Stops listening (one sync); a failure to remove the handler is ignored (the sheet may be gone). */
export type StopWatching = () => Promise<void>;

/**
 * Calls `onChange(isProtected)` whenever the protection of sheet `sheetName` is switched on or
 * off by the person. Resolves once the handler is registered (one sync), or at once with a stop
 * that does nothing on a host without ExcelApi 1.14 or when the sheet is not there.
 *
 * @example
 * const stop = await watchPulledProtection(run, 'Indikatorer', (on) => on || say('Bladet är inte längre skyddat…'));
 * // later: await stop();
 */
export async function watchPulledProtection(run: ExcelRun, sheetName: string, onChange: (isProtected: boolean) => void): Promise<StopWatching> {
  if (!excelApiSupported('1.14')) return () => Promise.resolve();
  const handler = await run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
    await context.sync();
    if (sheet.isNullObject) return null;
    const added = sheet.onProtectionChanged.add((event) => {
      onChange(event.isProtected);
      return Promise.resolve();
    });
    await context.sync();
    return added;
  });
  if (!handler) return () => Promise.resolve();
  return async () => {
    handler.remove();
    await handler.context.sync().catch(() => undefined);
  };
}
