/**
 * The one way a request turns the add-in's workbook events off (`context.runtime.enableEvents =
 * false`, so its own writes raise no change events): {@link quietRequest}. Excel applies a batch's
 * commands up to the one that fails, so a request refused part-way (a protected sheet's
 * `AccessDenied`, a deleted table's `ItemNotFound`, …) left events off for the whole add-in, and
 * what the person typed from then on raised no event and never reached the document. The helper
 * sends one more request turning them back on after any refusal. `tests/architecture` checks that
 * no other file sets `enableEvents = false`.
 */
import type { ExcelRun } from './types.js';

/** Whether an error is Excel refusing to work while a cell is being edited. */
export function isCellEditModeError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (e.code === 'InvalidOperationInCellEditMode') return true;
  return e.code === 'InvalidOperation' && typeof e.message === 'string' && /edit (cell )?mode/i.test(e.message);
}

/**
 * Turns the add-in's events on again after a request that may have failed after turning them off:
 * Excel applies a batch's commands up to the one that fails, so `enableEvents = false` stayed
 * set, and every change the person made from then on raised no event and never reached the
 * document (until some later request happened to succeed). One request, only after a failure;
 * not in cell-edit mode, where Excel applied nothing (and would refuse this too). Its own failure
 * is ignored: the caller reports the first.
 */
export async function eventsBackOn(run: ExcelRun, error: unknown): Promise<void> {
  if (isCellEditModeError(error)) return;
  await run(async (context) => {
    context.runtime.enableEvents = true;
    await context.sync();
  }).catch(() => undefined);
}

/**
 * Runs `body` as one `run` (it may sync several times) in which events can be turned off: `body`
 * calls `eventsOff()` where it would have set `enableEvents = false` (the command is queued at
 * that point of the batch) and sets `context.runtime.enableEvents = true` itself before its last
 * sync, as before. When the run fails after `eventsOff()` was called, one more request turns
 * events back on ({@link eventsBackOn}) before the error is thrown on, unchanged; a failure before
 * it (nothing turned off yet) or a request refused whole as too large (`RequestPayloadSizeLimitExceeded`:
 * Excel applied none of it, and the caller may halve and retry) sends nothing more.
 * Returns what `body` returns.
 */
export async function quietRequest<T>(run: ExcelRun, body: (context: Excel.RequestContext, eventsOff: () => void) => Promise<T>): Promise<T> {
  let off = false;
  try {
    return await run((context) =>
      body(context, () => {
        off = true;
        context.runtime.enableEvents = false;
      }),
    );
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (off && code !== 'RequestPayloadSizeLimitExceeded') await eventsBackOn(run, error);
    throw error;
  }
}
