/**
 * The SQLite store's synchronous append (`appendNow` of `sqlite.ts`) runs for every commit. A
 * room's look for other processes' appends asks the store with an empty batch (`readToHead` of
 * `commit-log.ts`), and that empty array used to go through the same function: an array of
 * another map than a commit's batch, and a branch the commits never took, so V8 threw the
 * optimized append away at the first look ("wrong map" at `updates.length` in `bench/region`'s V8
 * log). The empty batch is now answered before it: the append keeps its optimized code.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/append-now-tier.ts', import.meta.url));
/** V8's `OptimizationStatus` bit for a function that has optimized code. */
const OPTIMIZED = 1 << 4;

describe('synchronous append tiers', () => {
  it('keeps its optimized code when the room looks for other processes’ appends', () => {
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '--import', 'tsx', fixture], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim()) as { before: number; after: number; seqs: number[] };
    // Every commit stored, the look read the head, and nothing else was written.
    expect(out.seqs).toEqual([302]);
    expect(out.before & OPTIMIZED, 'optimized after the commits').toBe(OPTIMIZED);
    expect(out.after & OPTIMIZED, 'still optimized after the look').toBe(OPTIMIZED);
  });
});
