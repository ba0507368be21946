/**
 * A Samplan server's scavenges run on the main thread alone (`scavenge-alone.ts`): with V8's
 * default the main thread waits for helper threads that, on a busy machine, may not get a CPU for
 * tens of milliseconds (a 98.8 ms minor collection with the main thread asleep ~95 ms held back
 * ten edits of `bench/region`'s one-document fan-out). Each child runs under `--trace-gc-nvp`,
 * which prints every scavenge's time spent in helper threads (`background.scavenge.parallel`).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/scavenge-alone.ts', import.meta.url));
/** Each case starts a child (~5 s on a quiet machine): far above it on a busy one. */
const CHILD_MS = 120_000;

/** Scavenges after the server started, and how many of them helper threads took part in. */
function scavenges(mode: 'serve' | 'sync' | 'none'): { all: number; helped: number } {
  const r = spawnSync(process.execPath, ['--trace-gc-nvp', '--import', 'tsx', fixture, mode], { encoding: 'utf8', timeout: CHILD_MS - 5_000, maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, r.stderr).toBe(0);
  const after = r.stdout.slice(r.stdout.indexOf('ALLOCATING\n'));
  expect(after, 'the fixture allocated').toMatch(/^ALLOCATING\n[\s\S]*KEPT \d+/);
  let all = 0;
  let helped = 0;
  for (const line of after.split('\n')) {
    if (!line.includes(' gc=s ')) continue;
    const ms = /background\.scavenge\.parallel=([\d.]+)/.exec(line);
    expect(ms, line).not.toBeNull();
    all++;
    if (Number(ms?.[1]) > 0) helped++;
  }
  return { all, helped };
}

describe('scavenges of a Samplan server', () => {
  it('use helper threads without a server (the measure can tell)', { timeout: CHILD_MS }, () => {
    const { all, helped } = scavenges('none');
    expect(all).toBeGreaterThanOrEqual(10);
    expect(helped).toBeGreaterThan(0);
  });

  it.each(['serve', 'sync'] as const)('run on the main thread alone once %s has started', { timeout: CHILD_MS }, (mode) => {
    const { all, helped } = scavenges(mode);
    expect(all).toBeGreaterThanOrEqual(10);
    expect(helped).toBe(0);
  });
});
