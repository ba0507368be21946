import type { ExcelHost } from '../../addin/excel-emulator/index.js';

/** Whether the workbook's events are on (`context.runtime.enableEvents`), read in a batch of its own. */
export async function eventsOn(host: ExcelHost): Promise<boolean> {
  return host.run(async (context) => {
    context.runtime.load('enableEvents');
    await context.sync();
    return context.runtime.enableEvents;
  });
}
