/**
 * Custom functions as Excel runs them: an add-in `associate`s its functions with the runtime
 * (`CustomFunctions.associate('INDICATOR', fn)` under the namespace its metadata declares), and a
 * cell whose formula calls `NAMESPACE.ID(...)` runs the function. A streaming function gets an
 * invocation whose `setResult` changes the cell's value whenever it is called; until the first
 * result the cell shows `#BUSY!`, a name nobody registered `#NAME?`, and a `CustomFunctions.Error`
 * result its code (`#N/A`). When the formula leaves the cell the invocation's `onCanceled` runs.
 *
 * Arguments are what Excel passes: string literals (`"…"`, `""` for a quote), numbers, and
 * references to single cells, separated by `,` (the API's formula language) or `;` (how Swedish
 * Excel shows it); an omitted optional argument is `null`.
 */
import type { Scalar } from './cell-values.js';

/** What an associated function may give a cell: a value or a `CustomFunctions.Error`. */
type Result = Scalar | { code: string; message?: string };

/** The invocation a streaming function gets, as `CustomFunctions.StreamingInvocation`. */
export interface EmulatedInvocation {
  address: string;
  setResult(value: Result): void;
  onCanceled?: () => void;
}

type AssociatedFunction = (...args: unknown[]) => unknown;

/** Reads a cell of the sheet the formula is on, for reference arguments. */
export type CellReader = (row: number, col: number) => Scalar;

interface Running {
  formula: string;
  value: Scalar;
  invocation: EmulatedInvocation;
}

/** `CustomFunctions.Error` as the runtime's global offers it. */
class CustomFunctionError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

const ERROR_CODES = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

/** Splits `a; "b;c"; 3` into its arguments, quotes respected. */
function splitArgs(body: string): string[] {
  const args: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of body) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === ',' || ch === ';')) {
      args.push(current.trim());
      current = '';
    } else current += ch;
  }
  args.push(current.trim());
  return body.trim() === '' ? [] : args;
}

function argValue(text: string, read: CellReader): unknown {
  if (text === '') return null;
  if (/^".*"$/s.test(text)) return text.slice(1, -1).replace(/""/g, '"');
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) return Number(text);
  const ref = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(text);
  if (ref) {
    let col = 0;
    for (const ch of (ref[1] ?? '').toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
    return read(Number(ref[2]) - 1, col - 1);
  }
  if (/^(TRUE|FALSE|SANT|FALSKT)$/i.test(text)) return /^(TRUE|SANT)$/i.test(text);
  return undefined;
}

/**
 * The custom-functions runtime of the emulated Excel. One runtime can serve several workbooks
 * (an add-in's functions are the same in every open workbook).
 *
 * @example
 * const runtime = new CustomFunctionsRuntime('SAMPLAN');
 * runtime.install();                       // globalThis.CustomFunctions for the add-in's code
 * const host = createWorkbook({ customFunctions: runtime });
 */
export class CustomFunctionsRuntime {
  private readonly functions = new Map<string, AssociatedFunction>();
  private readonly running = new Map<string, Running>();

  constructor(readonly namespace: string) {}

  /** `CustomFunctions.associate`: `id` is the function's id in the metadata, e.g. `INDICATOR`. */
  associate(id: string, fn: AssociatedFunction): void {
    this.functions.set(`${this.namespace}.${id}`.toUpperCase(), fn);
  }

  /** Sets `globalThis.CustomFunctions` (associate, Error, ErrorCode); returns the undo. */
  install(): () => void {
    const target = globalThis as { CustomFunctions?: unknown };
    const before = target.CustomFunctions;
    target.CustomFunctions = { associate: (id: string, fn: AssociatedFunction) => this.associate(id, fn), Error: CustomFunctionError, ErrorCode: ERROR_CODES };
    return () => void (target.CustomFunctions = before);
  }

  /**
   * The value of a formula that calls a custom function, or undefined when `formula` is no such
   * call (the sheet evaluates it itself). `cell` names the cell (stable per sheet and address);
   * `changed` is called when a streamed result arrives later.
   */
  evaluate(cell: string, formula: string, read: CellReader, changed: () => void, still: () => boolean): Scalar | undefined {
    const call = /^=\s*([A-Z_][\w.]*)\s*\((.*)\)\s*$/is.exec(formula);
    if (!call || !(call[1] ?? '').includes('.')) return undefined;
    const existing = this.running.get(cell);
    if (existing && existing.formula === formula) return existing.value;
    this.cancel(cell);
    const fn = this.functions.get((call[1] ?? '').toUpperCase());
    if (!fn) return '#NAME?';
    const args = splitArgs(call[2] ?? '').map((a) => argValue(a, read));
    if (args.some((a) => a === undefined)) return '#VALUE!';
    // Omitted optional arguments come as null; the invocation is always last.
    while (args.length < fn.length - 1) args.push(null);
    const entry: Running = {
      formula,
      value: '#BUSY!',
      invocation: {
        address: cell,
        setResult: (value) => {
          if (this.running.get(cell) !== entry) return;
          if (!still()) return void this.cancel(cell);
          entry.value = typeof value === 'object' && value !== null ? value.code : value;
          changed();
        },
      },
    };
    this.running.set(cell, entry);
    try {
      fn(...args, entry.invocation);
    } catch {
      entry.value = '#VALUE!';
    }
    return entry.value;
  }

  /** Ends the invocation running in `cell`, if any (its formula was replaced or removed). */
  cancel(cell: string): void {
    const entry = this.running.get(cell);
    if (!entry) return;
    this.running.delete(cell);
    entry.invocation.onCanceled?.();
  }

  /** Cells with a running invocation (for tests). */
  get runningCells(): string[] {
    return [...this.running.keys()];
  }
}
