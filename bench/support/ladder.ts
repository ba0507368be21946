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
}

/** The rates of the ladder: `rates` in order, then doubling from the last while ≤ `max`. */
export function* ladderRates(rates: readonly number[], max: number): Generator<number> {
  for (const rate of rates) yield rate;
  for (let rate = (rates.at(-1) ?? 0) * 2; rate > 0 && rate <= max; rate *= 2) yield rate;
}

/**
 * Climb the ladder: `step(rate)` runs one step and resolves true when it held. Stops at the first
 * step that fails.
 */
export async function climb(rates: readonly number[], max: number, step: (rate: number) => Promise<boolean>): Promise<Climb> {
  let ceiling = 0;
  for (const rate of ladderRates(rates, max)) {
    if (!(await step(rate))) return { ceiling, failedAt: rate };
    ceiling = rate;
  }
  return { ceiling, failedAt: null };
}

/**
 * `a`'s ceiling divided by `b`'s, as printed: `4.00×`; `≥ 4.00×` when `a` never failed (its ceiling is
 * a lower bound), `≤` when only `b` never failed; `—` when `b` held no step.
 */
export function ceilingRatio(a: Climb, b: Climb): string {
  if (b.ceiling === 0) return '—';
  const bound = a.failedAt === null && b.failedAt !== null ? '≥ ' : b.failedAt === null && a.failedAt !== null ? '≤ ' : '';
  return `${bound}${(a.ceiling / b.ceiling).toFixed(2)}×`;
}
