import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseV8Log, recompiled, tierWindows } from '../../bench/support/v8-tiers.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-v8-tiers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A real V8 log of a function optimized, thrown out on an object of another shape, and optimized
 * again (natives syntax makes V8 do it at once, not after a warm-up).
 */
function deoptLoopLog(): string {
  const logfile = join(dir, 'v8.log');
  const script = `
    function hotRead(o) { return o.x + 1; }
    %PrepareFunctionForOptimization(hotRead);
    hotRead({ x: 1 }); hotRead({ x: 2 });
    %OptimizeFunctionOnNextCall(hotRead);
    hotRead({ x: 3 });
    hotRead({ y: 0, x: 4 });
    %PrepareFunctionForOptimization(hotRead);
    hotRead({ x: 5 }); hotRead({ y: 0, x: 6 });
    %OptimizeFunctionOnNextCall(hotRead);
    hotRead({ x: 7 });`;
  execFileSync(process.execPath, ['--allow-natives-syntax', '--log-code', '--log-deopt', `--logfile=${logfile}`, '--no-logfile-per-isolate', '-e', script]);
  return readFileSync(logfile, 'latin1');
}

describe('V8 tiers from a log', () => {
  it('counts a function optimized twice and the deoptimization between, with its reason', () => {
    const log = parseV8Log(deoptLoopLog());
    const turbo = log.compiles.filter((c) => c.tier === 'turbofan' && c.name.startsWith('hotRead '));
    expect(turbo).toHaveLength(2);
    const deopts = log.deopts.filter((d) => d.name.startsWith('hotRead '));
    expect(deopts).toHaveLength(1);
    expect(deopts[0]?.reason).toBe('wrong map');
    expect(deopts[0]?.kind).toBe('deopt-eager');
    expect(deopts[0]?.at).toBeGreaterThan(turbo[0]?.at as number);
    expect(recompiled(log, 'turbofan').find(([name]) => name.startsWith('hotRead '))?.[1]).toBe(2);
    // Node's own start-up compiles nothing to TurboFan twice in so short a run.
    expect(recompiled(log, 'turbofan').filter(([name]) => !name.startsWith('hotRead '))).toEqual([]);
  }, 30_000);

  it('puts every compile and deoptimization in the window of its time', () => {
    const at = (us: number, address: string, name: string, tier: string): string => `code-creation,JS,13,${us},${address},100,${name},0x1,${tier}`;
    const text = [
      at(1_000_000, '0xa', 'f a.js:1:1', '^'),
      at(2_000_000, '0xb', 'f a.js:1:1', '*'),
      'code-move,0xb,0xc',
      'code-deopt,7000000,100,0xc,-1,12,deopt-eager,<a.js:2:3> inlined at <a.js:9:1>,not a Smi',
      at(11_000_000, '0xd', 'g a.js:5:1', '*'),
      at(11_500_000, '0xe', 'g a.js:5:1', '~'),
    ].join('\n');
    const log = parseV8Log(text);
    expect(log.deopts).toEqual([{ at: 7, name: 'f a.js:1:1', kind: 'deopt-eager', position: '<a.js:2:3> inlined at <a.js:9:1>', reason: 'not a Smi' }]);
    expect(tierWindows(log, 5)).toEqual([
      { from: 0, sparkplug: 1, maglev: 0, turbofan: 1, deopts: 0 },
      { from: 5, sparkplug: 0, maglev: 0, turbofan: 0, deopts: 1 },
      { from: 10, sparkplug: 0, maglev: 0, turbofan: 1, deopts: 0 },
    ]);
    expect(recompiled(log, 'turbofan')).toEqual([]);
  });
});
