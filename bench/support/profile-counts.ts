/**
 * What a server's CPU profiles (`.cpuprofile`, `profile stop` of `bench-hook.ts`) say it ran, by
 * the number of samples in each function, not by the time each sample is given.
 *
 * A profile gives every sample the wall time since the one before it (`timeDeltas`). On the
 * shared machine a server's main thread is often runnable but not running for milliseconds, and
 * the sample taken when it runs again is given all that time: the function it happened to be in
 * gets it. In a region fan-out at load ~20 (`--parts fanout --profile`, Samplan, 100 documents,
 * 10 windows) Samplan's `startsPastState`, a read of four varuints, had 245 ms by time and
 * 1.5 ms by count (15 samples of 100 µs), and Chrome DevTools, which sums the times, showed it as
 * a quarter of the receive path. A sample is taken only while the thread runs, so counting them
 * measures the thread's CPU; times measure the machine's load as much.
 *
 * Functions are named `name file:line` (the file's last part, the line 1-based); the anonymous
 * ones `(anon)`. `(idle)` samples are left out of the total: the thread was waiting for work.
 */

/** The parts of a `.cpuprofile` read here (the Chrome DevTools protocol's `Profiler.Profile`). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
}

/** Samples per function over one or more profiles: `self` where the function ran, `inclusive` where it was on the stack. */
export interface ProfileCounts {
  /** Samples that were not `(idle)`. */
  samples: number;
  self: Map<string, number>;
  inclusive: Map<string, number>;
}

/** An empty tally, for {@link addProfile}. */
export function noCounts(): ProfileCounts {
  return { samples: 0, self: new Map(), inclusive: new Map() };
}

const nameOf = (frame: CpuProfile['nodes'][number]['callFrame']): string =>
  `${frame.functionName || '(anon)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`;

/** Add `profile`'s samples to `into` (see the file's comment); returns `into`. */
export function addProfile(into: ProfileCounts, profile: CpuProfile): ProfileCounts {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  for (const [id, count] of hits) {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    into.samples += count;
    const self = nameOf(node.callFrame);
    into.self.set(self, (into.self.get(self) ?? 0) + count);
    // Each function once per sample, however often it recurs on the stack.
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame) onStack.add(nameOf(frame));
    }
    for (const name of onStack) into.inclusive.set(name, (into.inclusive.get(name) ?? 0) + count);
  }
  return into;
}

/**
 * Lines to print of `counts`: the `top` functions by samples where they ran and by samples where
 * they were on the stack, each as samples and share of all non-idle samples, under `title`.
 */
export function profileLines(title: string, counts: ProfileCounts, top = 15): string[] {
  const pct = (n: number): string => `${((100 * n) / Math.max(1, counts.samples)).toFixed(1)}%`;
  const best = (m: Map<string, number>): string =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => `${name} ${n} (${pct(n)})`)
      .join('; ');
  return [`${title}: ${counts.samples} samples not idle`, `  ran in: ${best(counts.self)}`, `  on the stack: ${best(counts.inclusive)}`];
}
