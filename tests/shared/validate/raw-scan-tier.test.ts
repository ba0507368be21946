/**
 * The personnummer pre-scan (`mayHoldNumber`, `raw-scan.ts`) runs over every update's bytes. Its
 * optimized code used to be thrown away ("Insufficient type feedback", seen repeatedly in V8's
 * log of `bench/region`) whenever an update took a branch the code had not been made with: the
 * chain's field read and compares made only after a gap of words, and the compare telling a
 * three-byte UTF-8 lead from a four-byte one. Each field is now read and each compare made on
 * every call, and the character's length is a table lookup, so such text keeps the optimized code.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/raw-scan-tier.ts', import.meta.url));
/** V8's `OptimizationStatus` bit for a function that has optimized code. */
const OPTIMIZED = 1 << 4;

describe('raw scan tiers', () => {
  it('keeps its optimized code for text with a gap of words or a three-byte character not met before', () => {
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '--import', 'tsx', fixture], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim()) as { before: number; after: number; verdicts: boolean[] };
    // The same verdicts as ever: ten digits close enough only in the first.
    expect(out.verdicts).toEqual([true, false]);
    expect(out.before & OPTIMIZED, 'optimized after the warm-up').toBe(OPTIMIZED);
    expect(out.after & OPTIMIZED, 'still optimized after the new text').toBe(OPTIMIZED);
  });
});
