/**
 * Samplan's streaming custom functions. Their metadata (`functions.json`) is generated from the
 * JSDoc tags below by `custom-functions-metadata` (`npm run build:functions`) and declared in the
 * manifest under the namespace SAMPLAN, so a manager writes `=SAMPLAN.INDICATOR("vc-halsosamtal";
 * "fittja"; "2024Q1")` and the cell follows the shared document live.
 *
 * The functions run in the add-in's shared runtime: the task pane signs in and hands over a live
 * {@link IndicatorFeed} with {@link provideIndicatorFeed}; until it does, cells wait.
 */
import type { Kon } from '../../shared/indicators/compute.js';
import { resolveKon } from './feed-names.js';
import type { FeedValue, IndicatorFeed } from './indicator-feed.js';

let feed: IndicatorFeed | null = null;
let waiting: ((f: IndicatorFeed) => void)[] = [];

/** Called by the task pane once it is signed in and the indicator documents are connected. */
export function provideIndicatorFeed(next: IndicatorFeed | null): void {
  feed = next;
  if (next) {
    const pending = waiting;
    waiting = [];
    for (const resolve of pending) resolve(next);
  }
}

function whenFeed(): Promise<IndicatorFeed> {
  return feed ? Promise.resolve(feed) : new Promise((resolve) => waiting.push(resolve));
}

/** A cell error: Excel's own `#N/A` when running in Excel, a look-alike elsewhere (tests, playground). */
export type CellError = CustomFunctions.Error;

/** The error a cell shows for "not available", in Excel's own terms when running in Excel. */
function notAvailable(message: string): CellError {
  const cf = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  if (cf) return new cf.Error(cf.ErrorCode.notAvailable, message);
  return { code: '#N/A', message } as unknown as CellError;
}

/**
 * What a cell gets for a feed value: the number, or a #N/A with a reason ("Värde saknas", "Ingen
 * sådan rad", or why an argument names nothing or more than one thing).
 */
export function cellResult(v: FeedValue): number | CellError {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null) return notAvailable(v.problem);
  return notAvailable(v === null ? 'Värde saknas' : 'Ingen sådan rad');
}

function stream(
  read: (f: IndicatorFeed) => FeedValue,
  invocation: CustomFunctions.StreamingInvocation<number>,
): void {
  let stop: (() => void) | null = null;
  let cancelled = false;
  invocation.onCanceled = () => {
    cancelled = true;
    stop?.();
  };
  void whenFeed().then((f) => {
    if (cancelled) return;
    stop = f.watch(
      () => read(f),
      (v) => {
        // Excel takes a CustomFunctions.Error in place of a result to show #N/A.
        invocation.setResult(cellResult(v));
      },
    );
  });
}

/**
 * Värdet för en indikator, enhet och period; uppdateras när värdet ändras. Argumenten kan vara
 * namn eller koder, som arket visar dem, så formeln kan peka på arkets celler. Ett namn som inte
 * finns, eller som finns för flera, ger #N/A med förklaring och förslag.
 * @customfunction INDICATOR
 * @param indicator Indikatorns namn eller id, t.ex. "Genomförda hälsosamtal" eller "vc-halsosamtal".
 * @param unit Enhetens namn eller kod, t.ex. "Tensta vårdcentral" eller "vc-tensta".
 * @param period Period i ord eller kod: "2025", "2025 kv 1", "mars 2025", "2025 halvår 1" eller 2025Q1, 202503, 2025S1, eller en datumcell på en månads första dag (mar-25).
 * @param [kon] Kön: T eller Totalt (förval), K eller Kvinnor, M eller Män.
 * @param invocation Strömmande anrop.
 * @streaming
 */
export function indicator(
  indicator: string,
  unit: string,
  period: string | number,
  kon: string | null | undefined,
  invocation: CustomFunctions.StreamingInvocation<number>,
): void {
  const k = resolveKon(kon === null || kon === undefined ? '' : String(kon));
  if ('problem' in k) {
    invocation.setResult(notAvailable(k.problem));
    return;
  }
  // The period as Excel hands it (`any`): a date cell comes as its serial, which `resolvePeriod` reads.
  stream((f) => f.value(String(indicator), String(unit), typeof period === 'number' ? period : String(period), k.id as Kon), invocation);
}

/**
 * Målvärdet för en indikator och enhet; uppdateras när målet ändras.
 * @customfunction TARGET
 * @param indicator Indikatorns namn eller id.
 * @param unit Enhetens namn eller kod.
 * @param invocation Strömmande anrop.
 * @streaming
 */
export function target(indicator: string, unit: string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream((f) => f.target(String(indicator), String(unit)), invocation);
}

/** Registers the functions with Excel when the custom functions runtime is there. */
export function registerCustomFunctions(): boolean {
  const cf = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  if (!cf) return false;
  cf.associate('INDICATOR', indicator);
  cf.associate('TARGET', target);
  return true;
}
