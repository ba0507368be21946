/**
 * An edit-rate ladder: offered rates climb until a server fails a step, so that every server's
 * ceiling is where it failed, not where a fixed list ran out. The listed rates come first, then
 * the last one doubles on until a step fails or `max` is passed.
 */

/** Where a server's climb ended. */
export interface Climb {
  /** The highest rate that held (edits/s); 0 when the first step failed. */
  ceiling: number;
  /** The first rate that failed; null when every rate up to the cap held (the ceiling is then a lower bound). */
  failedAt: number | null;
  /**
   * The rate the bench itself could not offer (it sent too few edits in the step's time), where the
   * climb stopped without a verdict on the server: the ceiling is then a lower bound, as at the cap.
   */
  unoffered?: number;
}

/**
 * What one step of the ladder says of the server: held (true), failed (false), or `'not-offered'`
 * when the bench sent fewer than {@link OFFERED_SHARE} of the step's edits and so did not measure
 * the rate at all.
 */
export type StepVerdict = boolean | 'not-offered';

/**
 * The share of a step's edits (`rate` × seconds) the bench must have sent for the step to measure
 * the rate. The driver sends what is due each millisecond and stops when the step's time is up:
 * when its own work per edit (a Yjs transaction and a frame per edit, one process for every
 * writer) falls behind, what is still due is never sent, and the server sees a lower rate.
 */
export const OFFERED_SHARE = 0.95;

/** One step's figures: the rate asked and its seconds, the edits sent, the deliveries expected and received, the p99 in ms. */
export interface StepFigures {
  rate: number;
  seconds: number;
  sent: number;
  expected: number;
  delivered: number;
  p99: number;
}

/**
 * The verdict of a step: `'not-offered'` when the bench sent too few edits (whatever the server
 * did with them), else held when the p99 is at most `maxP99` ms and every expected delivery came.
 */
export function stepVerdict(f: StepFigures, maxP99 = 100): StepVerdict {
  if (f.sent < OFFERED_SHARE * f.rate * f.seconds) return 'not-offered';
  return f.p99 <= maxP99 && f.expected > 0 && f.delivered >= f.expected;
}

/** The rates of the ladder: `rates` in order, then doubling from the last while ≤ `max`. */
export function* ladderRates(rates: readonly number[], max: number): Generator<number> {
  for (const rate of rates) yield rate;
  for (let rate = (rates.at(-1) ?? 0) * 2; rate > 0 && rate <= max; rate *= 2) yield rate;
}

/**
 * Climb the ladder: `step(rate)` runs one step and resolves its {@link StepVerdict}. Stops at the
 * first step that fails, or that the bench could not offer (`unoffered`; no failure).
 */
export async function climb(rates: readonly number[], max: number, step: (rate: number) => Promise<StepVerdict>): Promise<Climb> {
  let ceiling = 0;
  for (const rate of ladderRates(rates, max)) {
    const verdict = await step(rate);
    if (verdict === 'not-offered') return { ceiling, failedAt: null, unoffered: rate };
    if (!verdict) return { ceiling, failedAt: rate };
    ceiling = rate;
  }
  return { ceiling, failedAt: null };
}

/**
 * `a`'s ceiling divided by `b`'s, as printed: `4.00×`; `≥ 4.00×` when `a` never failed (its ceiling is
 * a lower bound: the cap, or a rate the bench could not offer), `≤` when only `b` never failed; `—`
 * when `b` held no step.
 */
export function ceilingRatio(a: Climb, b: Climb): string {
  if (b.ceiling === 0) return '—';
  const bound = a.failedAt === null && b.failedAt !== null ? '≥ ' : b.failedAt === null && a.failedAt !== null ? '≤ ' : '';
  return `${bound}${(a.ceiling / b.ceiling).toFixed(2)}×`;
}
