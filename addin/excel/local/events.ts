/**
 * The sheet's change and selection events of one binding: each change is read and applied
 * through the binding's queue (`handleLocalChange`), retried while Excel is in cell-edit mode or
 * refused the read, and its outcome handed to `onOutcome` (the pause/resume policy of
 * `bindTable`). Selection moves become row ids for presence.
 */
import { rectOfAddress, type AddressRect } from '../sheet/address.js';
import { showNameProblem, type BindingContext } from '../sheet/binding-context.js';
import { isCellEditModeError, type Register } from '../sheet/excel-io.js';
import { selectedRow, type SelectedRow } from '../sheet/selection.js';
import { handleLocalChange, type WriterPort } from './reader.js';
import type { LocalOutcome } from './read-change.js';
import { recoverTable } from '../sheet/lost-table.js';
import { RETRIES_BEFORE_GIVING_UP, RETRY_WAIT_CAP } from '../sheet/types.js';
import { excelApiSupported } from '../sheet/api-sets.js';

/** About ten minutes of backoff before a local change read is given up (and logged). */
const EDIT_MODE_ATTEMPTS = 300;

/** The sheet's change and selection handlers: registration, retries, removal. */
export interface LocalEvents {
  /** Adds the handlers to the table's sheet (inside the request that opens the table). */
  readonly register: Register;
  /** Reads the whole table again, as after a change Samplan did not see the address of (in the binding's queue). */
  readAll(): Promise<void>;
  /** Reads body row `index` (0: the first below the header) again, as after a change of it (in the binding's queue). */
  readRow(index: number): Promise<void>;
  /** Stops retrying and removes the handlers (one sync). */
  stop(): Promise<void>;
}

/** What the handlers report to, and whether the binding is gone. */
export interface LocalEventOptions {
  /** Every change's outcome, called inside the binding's queue. */
  onOutcome(outcome: LocalOutcome): void;
  /** The person's selection moved onto another row or column (or off the table: null). */
  onSelection?: ((selection: SelectedRow | null) => void) | undefined;
  readonly life: { readonly disposed: boolean };
  /** First wait before a refused read is tried again, in ms (default 100; doubles up to 100 times it). */
  retryBaseMs?: number | undefined;
  /**
   * The person changed cells at `rect` (called once the change's read is queued, so a job this
   * queues runs after it): for the columns the binding writes but never reads (the comment counts).
   */
  onCellsEdited?: ((rect: AddressRect) => void) | undefined;
  /**
   * A sheet's protection was switched off (`worksheets.onProtectionChanged`, ExcelApi 1.14; on a
   * host without it nothing calls this, and what waits for a password waits for the next change).
   */
  onProtectionLifted?: (() => void) | undefined;
}

/** The listener calling `opts.onProtectionLifted` when a sheet's protection is switched off; undefined without that callback. */
function protectionListener(opts: LocalEventOptions): ((event: Excel.WorksheetProtectionChangedEventArgs) => Promise<void>) | undefined {
  const lifted = opts.onProtectionLifted;
  if (!lifted) return undefined;
  return (event) => {
    if (!opts.life.disposed && !event.isProtected) lifted();
    return Promise.resolve();
  };
}

/** Creates the handlers of one binding; nothing listens until `register` runs in a request. */
export function localEvents(ctx: BindingContext, writer: WriterPort, opts: LocalEventOptions): LocalEvents {
  let handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null = null;
  let selectionHandler: OfficeExtension.EventHandlerResult<Excel.WorksheetSelectionChangedEventArgs> | null = null;
  let protectionHandler: OfficeExtension.EventHandlerResult<Excel.WorksheetProtectionChangedEventArgs> | null = null;
  // A change that could not be read is read again, as part of the whole table, with backoff.
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retries = 0;
  const base = opts.retryBaseMs ?? 100;
  const retryLocal = (): void => {
    if (opts.life.disposed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void onChanged({ address: '', changeType: 'Unknown' } as Excel.WorksheetChangedEventArgs);
    }, Math.min(base * 2 ** retries++, base * RETRY_WAIT_CAP));
  };
  const onChanged = (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
    if (opts.life.disposed) return Promise.resolve();
    const done = ctx.enqueue(() => applyLocal(ctx, writer, opts, event));
    const rect = opts.onCellsEdited && event.changeType === 'RangeEdited' ? rectOfAddress(event.address) : undefined;
    if (rect) opts.onCellsEdited?.(rect);
    return done.then(
      () => {
        if (!ctx.missedLocal) retries = 0;
      },
      (error: unknown) => {
        ctx.missedLocal = true;
        const code = String((error as { code?: string }).code ?? 'Error');
        ctx.logger.error({ error: String(error) }, 'could not apply a local change; reading the whole table again later');
        // The table or its sheet is gone: found again (or its cells made the table again) it is
        // read at once; else syncing pauses, saying so, until a change of the person's finds it.
        if (code === 'ItemNotFound') {
          void ctx.enqueue(() => recoverTable(ctx, () => opts.life.disposed)).then((found) => found && retryLocal(), () => undefined);
          return;
        }
        // Refused again and again: no more timed retries; the person's next change tries again.
        const gaveUp = retries >= RETRIES_BEFORE_GIVING_UP;
        ctx.setStatus({ lastError: { code, message: String(error), ...(gaveUp ? { gaveUp } : {}) } });
        if (!gaveUp) retryLocal();
      },
    );
  };
  const onSelection = selectionListener(ctx, opts);
  const onProtection = protectionListener(opts);
  return {
    register(sheet) {
      handler = sheet.onChanged.add(onChanged);
      if (onSelection) selectionHandler = sheet.onSelectionChanged.add(onSelection);
      // Every sheet's, not only the table's: the hidden list sheet may be the one with the password.
      if (onProtection && excelApiSupported('1.14')) protectionHandler = sheet.context.workbook.worksheets.onProtectionChanged.add(onProtection);
    },
    readAll: () => onChanged({ address: '', changeType: 'Unknown' } as Excel.WorksheetChangedEventArgs),
    readRow: (index) => onChanged(rowReread(ctx.layout.headerRow + 2 + index)),
    async stop() {
      if (retryTimer) clearTimeout(retryTimer);
      // The handlers were added in the same request, so one sync removes them.
      const h = handler as OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null;
      const sh = selectionHandler as OfficeExtension.EventHandlerResult<Excel.WorksheetSelectionChangedEventArgs> | null;
      const ph = protectionHandler as OfficeExtension.EventHandlerResult<Excel.WorksheetProtectionChangedEventArgs> | null;
      if (!h) return;
      h.remove();
      sh?.remove();
      ph?.remove();
      await h.context.sync().catch((error: unknown) => ctx.logger.warn({ error: String(error) }, 'could not remove the change handler'));
    },
  };
}

/**
 * The change event that reads sheet row `row` (1-based) again: not Excel's `RangeEdited`, as
 * nothing was edited (the comment counts are not told of it).
 */
function rowReread(row: number): Excel.WorksheetChangedEventArgs {
  return { address: `${row}:${row}`, changeType: 'Reread' } as unknown as Excel.WorksheetChangedEventArgs;
}

/** Excel refuses even reads while a cell is being edited; the change is read again later. */
async function applyLocal(ctx: BindingContext, writer: WriterPort, opts: LocalEventOptions, event: Excel.WorksheetChangedEventArgs): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const outcome = await handleLocalChange(ctx, writer, event);
      showNameProblem(ctx);
      opts.onOutcome(outcome);
      if (attempt > 0) ctx.setStatus({ waitingForEditMode: false });
      return;
    } catch (error) {
      if (!isCellEditModeError(error) || opts.life.disposed || attempt >= EDIT_MODE_ATTEMPTS) throw error;
      ctx.setStatus({ waitingForEditMode: true });
      await new Promise((r) => setTimeout(r, Math.min(25 * 2 ** attempt, 2_000)));
    }
  }
}

/** Reports the row and column under the selection when it moves onto another one; none without `onSelection`. */
function selectionListener(ctx: BindingContext, opts: LocalEventOptions): ((event: Excel.WorksheetSelectionChangedEventArgs) => Promise<void>) | undefined {
  const report = opts.onSelection;
  if (!report) return undefined;
  let last = '';
  return (event) => {
    if (opts.life.disposed) return Promise.resolve();
    const selection = selectedRow(ctx.layout, ctx.ids, event.address);
    const key = selection ? `${selection.rowId}\t${selection.column ?? ''}` : '';
    if (key !== last) {
      last = key;
      report(selection);
    }
    return Promise.resolve();
  };
}
