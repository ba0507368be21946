/**
 * The emulated Excel host: one workbook, `run` (= `Excel.run`), the sync counter, the user
 * simulation, and direct reads for assertions and for the playground's grid.
 */
import { formatLocal, parseAddress } from './address.js';
import type { Scalar } from './cell-values.js';
import { apiError, ErrorCode } from './errors.js';
import { REMOTE_ORIGIN, USER_ORIGIN } from './events.js';
import { HOST_PROFILES, type HostLimits, type HostProfile, type SyncSize } from './host-limits.js';
import { viewGrid, type GridView } from './grid-view.js';
import { RequestContext } from './request-context.js';
import { bodyRect, headers } from './table-model.js';
import { UserSimulation } from './user-simulation.js';
import { Runtime, Workbook } from './workbook.js';
import type { CustomFunctionsRuntime } from './custom-functions.js';
import type { ExcelLocale } from './locale.js';
import { WorkbookModel, type ValueWrite } from './workbook-model.js';

/** Options for {@link createWorkbook}. */
export interface WorkbookOptions {
  /** Sheet names to start with; default `['Sheet1']`. */
  sheets?: string[];
  /** Which Excel's limits to enforce on each sync (see `host-limits.ts`); default `web`. */
  profile?: HostProfile;
  /** Request and response limit of one sync, replacing the profile's byte limits. */
  payloadLimitBytes?: number;
  /** Delay of each sync round trip in ms; default 0 (still asynchronous). */
  latencyMs?: number;
  /** The regional format typed text is read and numbers are shown in (`locale.ts`); default `en-US`, `sv-SE` as Swedish Excel. */
  locale?: ExcelLocale;
  /** Runs custom functions in formulas (`=SAMPLAN.INDICATOR(...)`); without it they are `#NAME?`. */
  customFunctions?: CustomFunctionsRuntime;
  /** Reproduce office-js issue #6784: protecting a protected sheet or unprotecting an unprotected one fails with `AccessDenied`. */
  protectionStateErrors?: boolean;
  /**
   * The workbook's name (`Workbook.name`): a saved file's, such as `Plan 2026.xlsx`, to open the
   * same file again in another host; by default `Book<n>`, numbered per host as Excel numbers new workbooks.
   */
  name?: string;
}

/** New workbooks made without a name so far, for their default names (`Book1`, `Book2`, …). */
let newWorkbooks = 0;

/** A context as the emulator builds it: Excel's `RequestContext` shape. */
export class EmulatedContext extends RequestContext {
  /** The workbook. */
  readonly workbook = new Workbook(this);
  /** `runtime.enableEvents`. */
  readonly runtime = new Runtime(this);
}

/** A table as tests see it: headers, body values, hidden body rows. */
export interface TableSnapshot {
  name: string;
  sheet: string;
  address: string;
  headers: string[];
  rows: Scalar[][];
  hiddenRows: number[];
}

/** The emulated Excel. */
export class ExcelHost {
  /** The workbook's state; the playground renders from it. */
  readonly model = new WorkbookModel();
  /** The local person at the grid. */
  readonly user: UserSimulation;
  /** A co-author whose edits arrive with `source: 'Remote'`. */
  readonly coauthor: UserSimulation;
  private syncs = 0;
  private syncCalls = 0;
  private commands = 0;
  private readonly listeners = new Set<() => void>();
  /** The limits every sync is held to. */
  readonly limits: HostLimits;
  private readonly latencyMs: number;
  private readonly sizes: SyncSize[] = [];

  constructor(options: WorkbookOptions = {}) {
    this.model.locale = options.locale ?? 'en-US';
    if (options.customFunctions) this.model.calc = { runtime: options.customFunctions, changed: () => this.notify() };
    for (const name of options.sheets ?? ['Sheet1']) this.model.addSheet(name);
    const profile = HOST_PROFILES[options.profile ?? 'web'];
    const bytes = options.payloadLimitBytes;
    this.limits = bytes === undefined ? { ...profile } : { ...profile, requestBytes: bytes, responseBytes: bytes };
    this.latencyMs = options.latencyMs ?? 0;
    this.model.protectionStateErrors = options.protectionStateErrors === true;
    this.model.name = options.name ?? `Book${++newWorkbooks}`;
    const notify = (): void => this.notify();
    this.user = new UserSimulation(this.model, USER_ORIGIN, notify);
    this.coauthor = new UserSimulation(this.model, REMOTE_ORIGIN, notify);
  }

  /** Round trips to Excel so far: `context.sync()` calls that had queued commands. */
  get syncCount(): number {
    return this.syncs;
  }

  /** Commands sent to Excel so far (every queued write, format, load …), summed over all syncs. */
  get commandCount(): number {
    return this.commands;
  }

  /** Every `context.sync()` call, including empty ones that office.js answers locally. */
  get syncCallCount(): number {
    return this.syncCalls;
  }

  /** Request and response size of every sync that carried commands, in order (estimated JSON bytes). */
  get syncSizes(): readonly SyncSize[] {
    return this.sizes;
  }

  /**
   * Calls `listener` with every rectangle of values written from now on, by the add-in or the
   * person (see `WorkbookModel.onValuesWritten`); returns the stop. Counts what a write touched.
   *
   * @example
   * let cells = 0;
   * const stop = host.onValuesWritten((w) => void (cells += w.rect.rows * w.rect.cols));
   */
  onValuesWritten(listener: (write: ValueWrite) => void): () => void {
    return this.model.onValuesWritten(listener);
  }

  /** Errors thrown by event handlers (they never reach the writer, as in Excel). */
  get handlerErrors(): readonly unknown[] {
    return this.model.events.handlerErrors;
  }

  /** A new request context, for code that wants one outside `run`. */
  newContext(options: Excel.RunOptions = {}): Excel.RequestContext {
    const link = {
      delayForCellEdit: options.delayForCellEdit === true,
      model: this.model,
      limits: this.limits,
      latencyMs: this.latencyMs,
      countSync: (queued: number) => {
        this.syncCalls++;
        this.commands += queued;
        if (queued > 0) this.syncs++;
      },
      sized: (size: SyncSize) => void this.sizes.push(size),
      applied: () => this.notify(),
    };
    return new EmulatedContext(link) as unknown as Excel.RequestContext;
  }

  /**
   * `Excel.run`: runs the batch with a fresh context, then syncs whatever is still queued.
   * @example
   * await host.run(async (context) => {
   *   const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
   *   range.load('values');
   *   await context.sync();
   *   return range.values;
   * });
   */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** `Excel.run(options, batch)`; only `delayForCellEdit` is honoured. */
  async run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  async run<T>(
    first: Excel.RunOptions | ((context: Excel.RequestContext) => Promise<T>),
    second?: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    const batch = typeof first === 'function' ? first : second;
    if (!batch) throw apiError(ErrorCode.invalidArgument, 'Excel.run');
    const context = this.newContext(typeof first === 'function' ? {} : first);
    const result = await batch(context);
    await context.sync();
    return result;
  }

  /** Waits until every event handler scheduled so far (and what they caused) has run. */
  settle(): Promise<void> {
    return this.model.events.settle();
  }

  /** Calls `listener` after every applied sync and every user action; returns an unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  /** Where the selection is (its sheet and top-left cell, zero-based), whoever moved it. */
  selection(): { sheetName: string; row: number; col: number } | undefined {
    const selection = this.model.selection;
    const sheet = selection && this.model.sheet(selection.sheetId);
    return selection && sheet ? { sheetName: sheet.name, row: selection.rect.row, col: selection.rect.col } : undefined;
  }

  /** Current values of a range, bypassing the API (for assertions). */
  read(sheetName: string, address: string): Scalar[][] {
    const sheet = this.model.sheet(sheetName);
    const parsed = parseAddress(address);
    if (!sheet || !parsed) throw apiError(ErrorCode.invalidArgument, 'host.read');
    return sheet.readValues(parsed.rect);
  }

  /** A render-ready view of a sheet (default: used range from A1 plus a margin). */
  view(sheetName: string, address?: string): GridView | undefined {
    return viewGrid(this.model, sheetName, address);
  }

  /** Shown texts of a range. */
  readText(sheetName: string, address: string): string[][] {
    const sheet = this.model.sheet(sheetName);
    const parsed = parseAddress(address);
    if (!sheet || !parsed) throw apiError(ErrorCode.invalidArgument, 'host.readText');
    return sheet.map(parsed.rect, (r, c) => sheet.text(r, c));
  }

  /** A table's headers, body values and hidden rows. */
  readTable(name: string): TableSnapshot {
    const t = this.model.table(name);
    if (!t) throw apiError(ErrorCode.itemNotFound, 'host.readTable');
    const body = bodyRect(t);
    const hiddenRows: number[] = [];
    for (let i = 0; i < body.rows; i++) if (t.sheet.rowHidden(body.row + i)) hiddenRows.push(i);
    return { name: t.name, sheet: t.sheet.name, address: formatLocal(t.rect), headers: headers(t), rows: t.sheet.readValues(body), hiddenRows };
  }

  /** Every sheet's used values (from A1) and every table, as plain data. */
  snapshot(): { sheets: { name: string; protected: boolean; values: Scalar[][] }[]; tables: TableSnapshot[]; settings: Record<string, unknown> } {
    return {
      sheets: this.model.sheets.map((s) => {
        const used = s.usedRect(true);
        const values = used ? s.readValues({ row: 0, col: 0, rows: used.row + used.rows, cols: used.col + used.cols }) : [];
        return { name: s.name, protected: s.protected, values };
      }),
      tables: this.model.tables.map((t) => this.readTable(t.name)),
      settings: Object.fromEntries(this.model.settings),
    };
  }
}

/** Creates an emulated Excel with one workbook. */
export function createWorkbook(options?: WorkbookOptions): ExcelHost {
  return new ExcelHost(options);
}
