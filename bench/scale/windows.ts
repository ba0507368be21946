/**
 * The window schedule and pooling of `bench/scale`'s interleaved mode (pure functions, no I/O):
 * which set-up is driven in each short window, how a case's edits are shared among a set-up's
 * windows, and the percentiles of latencies pooled over them.
 */

/**
 * The order of `windows` windows for each of `setups` set-ups (indices 0…setups-1), in rounds of
 * one window each; the second half of the rounds is the first half backwards (for two set-ups
 * ABBA, for three ABCCAB BACCBA…; an odd count has one round more between the halves), so a load
 * that drifts linearly over the run falls on every set-up alike (with an even `windows`, every
 * set-up's mean position is the same). The first half's rounds are chosen one after the other,
 * and the middle one ({@link bestRound}), so that in the whole order every
 * set-up follows every other as often as the length allows: a server's figures do not depend on
 * which one ran just before it (with forward-and-back rounds alone, ABCCBA, the first never
 * followed the third). Length `setups × windows`; each index occurs exactly `windows` times.
 * Throws on a count that is not a whole number of at least 1.
 */
export function windowOrder(setups: number, windows: number): number[] {
  for (const [name, n] of [['set-ups', setups], ['windows', windows]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} wants a whole number of at least 1, not ${n}`);
  }
  const candidates = roundsOf(setups);
  const mirrored = (half: readonly number[], middle: readonly number[] = []): number[] => [...half, ...middle, ...[...half].reverse()];
  const odd = windows % 2 === 1;
  // An odd count has one round more between the halves: each half's round is judged with the middle round that suits it best.
  const spread = (half: readonly number[], middle: readonly number[] = []): Spread => followSpread(mirrored(half, middle), setups);
  const judged = (half: readonly number[]): Spread => (odd ? bestRound(candidates, (m) => spread(half, m))[1] : spread(half));
  let half: number[] = [];
  for (let round = 0; round < Math.floor(windows / 2); round++) half = [...half, ...bestRound(candidates, (r) => judged([...half, ...r]))[0]];
  const middle = odd ? bestRound(candidates, (m) => spread(half, m))[0] : [];
  return mirrored(half, middle);
}

/** {@link followSpread}'s answer: spread of the pair counts, sum of their squares, repeats; compared in turn. */
export type Spread = [number, number, number];

/**
 * How unevenly `order` has each set-up follow each other one, as a tuple compared in turn: the
 * spread (most − fewest) of the counts of the ordered pairs of two different set-ups in a row,
 * then the sum of their squares (lower: more even), then how often one follows itself.
 */
export function followSpread(order: readonly number[], setups: number): Spread {
  const counts = new Array<number>(setups * setups).fill(0);
  let repeats = 0;
  for (let i = 1; i < order.length; i++) {
    const [a, b] = [order[i - 1] as number, order[i] as number];
    if (a === b) repeats++;
    else counts[a * setups + b] = (counts[a * setups + b] as number) + 1;
  }
  const pairs = counts.filter((_, k) => Math.floor(k / setups) !== k % setups);
  if (pairs.length === 0) return [0, 0, repeats];
  return [Math.max(...pairs) - Math.min(...pairs), pairs.reduce((sum, c) => sum + c * c, 0), repeats];
}

/** Beyond this many set-ups the rounds tried are the rotations of the forward and backward round, not every permutation. */
const ALL_PERMUTATIONS_UP_TO = 4;

/** The rounds {@link bestRound} chooses among: every order of the set-ups (forward first), or rotations past {@link ALL_PERMUTATIONS_UP_TO}. */
function roundsOf(setups: number): number[][] {
  const forward = Array.from({ length: setups }, (_, i) => i);
  if (setups > ALL_PERMUTATIONS_UP_TO) {
    const rotations = (r: number[]): number[][] => r.map((_, k) => [...r.slice(k), ...r.slice(0, k)]);
    return [...rotations(forward), ...rotations([...forward].reverse())];
  }
  const out: number[][] = [];
  const walk = (prefix: number[], rest: number[]): void => {
    if (rest.length === 0) out.push(prefix);
    rest.forEach((x, i) => walk([...prefix, x], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  walk([], forward);
  return out;
}

/** The earliest of `candidates` with the lowest `score` (a {@link Spread}, compared in turn), and that score. */
function bestRound(candidates: readonly number[][], score: (round: readonly number[]) => Spread): [number[], Spread] {
  let best: [number[], Spread] | null = null;
  for (const round of candidates) {
    const s = score(round);
    if (best === null || (s[0] - best[1][0] || s[1] - best[1][1] || s[2] - best[1][2]) < 0) best = [round, s];
  }
  return best as [number[], Spread];
}

/**
 * `total` edits shared among `windows` windows as evenly as whole edits allow (the first
 * `total mod windows` windows one more), so that every set-up makes exactly `total` edits over its
 * windows, as many as the sequential mode's one window. Throws on a negative or fractional total.
 */
export function editsPerWindow(total: number, windows: number): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`edits want a whole number of at least 0, not ${total}`);
  if (!Number.isInteger(windows) || windows < 1) throw new Error(`windows want a whole number of at least 1, not ${windows}`);
  const base = Math.floor(total / windows);
  return Array.from({ length: windows }, (_, i) => base + (i < total % windows ? 1 : 0));
}

/**
 * The `p`-th percentile (0–100) of ascending `sorted`, as the sequential mode's fan-out takes it
 * (`support/region-measure.ts`): the value at index ⌊n·p/100⌋, the last one at most; NaN when empty.
 */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

/** Latencies pooled over a set-up's windows, in ms: p50, p99, max and how many, and each window's p99. */
export interface Pooled {
  p50: number;
  p99: number;
  max: number;
  count: number;
  windowP99: number[];
}

/** Pool `windows` (each window's latencies in ms, any order) into one distribution; the inputs are not changed. */
export function pool(windows: readonly (readonly number[])[]): Pooled {
  const all = windows.flat().sort((a, b) => a - b);
  const windowP99 = windows.map((w) => percentile([...w].sort((a, b) => a - b), 99));
  return { p50: percentile(all, 50), p99: percentile(all, 99), max: all[all.length - 1] ?? NaN, count: all.length, windowP99 };
}
