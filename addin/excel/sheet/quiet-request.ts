/**
 * The one way a request turns the add-in's workbook events off (`context.runtime.enableEvents =
 * false`, so its own writes raise no change events): {@link quietRequest}. Excel applies a batch's
 * commands up to the one that fails, so a request refused part-way (a protected sheet's
 * `AccessDenied`, a deleted table's `ItemNotFound`, …) left events off for the whole add-in, and
 * what the person typed from then on raised no event and never reached the document. The helper
 * queues both ends around the commands it is given and sends one more request turning events back
 * on after a refusal. `tests/architecture` checks that no other file sets `enableEvents`.
 */
import type { ExcelRun, SyncCounter } from './types.js';

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
 * Queues `commands` between turning the add-in's events off and on again, then syncs (counted in
 * the request's counter): the changes they make raise no events. Returns what `commands` returns,
 * after the sync (a loaded proxy can be read then). Both ends are queued here, so a body cannot
 * leave events off by forgetting to turn them on.
 */
export type QuietSync = <R>(commands: () => R) => Promise<R>;

/**
 * Runs `body` as one `run` (it may sync several times) in which commands can be queued with
 * events off, only through `quietSync` (the helper queues `enableEvents = false` before them and
 * `enableEvents = true` after them, then syncs). When a quiet sync fails, Excel has applied the
 * batch up to the refused command, which may leave events off: one more request turns them back
 * on ({@link eventsBackOn}) before the error is thrown on, unchanged. A failure of any other sync,
 * or a quiet sync refused whole as too large (`RequestPayloadSizeLimitExceeded`: Excel applied
 * none of it, and the caller may halve and retry), sends nothing more. `counter` (when given)
 * counts the quiet syncs; the body counts its own. Returns what `body` returns.
 *
 * @example
 * await quietRequest(run, async (context, quietSync) => {
 *   const sheet = context.workbook.worksheets.getItem('Plan');
 *   await quietSync(() => { sheet.getRange('B2').values = [['Promenadgrupp']]; });
 * }, counter);
 */
export async function quietRequest<T>(run: ExcelRun, body: (context: Excel.RequestContext, quietSync: QuietSync) => Promise<T>, counter?: SyncCounter): Promise<T> {
  let failedQuiet: unknown;
  try {
    return await run((context) =>
      body(context, async (commands) => {
        context.runtime.enableEvents = false;
        let result: ReturnType<typeof commands>;
        try {
          result = commands();
        } finally {
          context.runtime.enableEvents = true;
        }
        if (counter) counter.syncs++;
        try {
          await context.sync();
        } catch (error) {
          failedQuiet = error;
          throw error;
        }
        return result;
      }),
    );
  } catch (error) {
    const code = (failedQuiet as { code?: unknown } | null | undefined)?.code;
    if (failedQuiet !== undefined && code !== 'RequestPayloadSizeLimitExceeded') await eventsBackOn(run, error);
    throw error;
  }
}
