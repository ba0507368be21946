import { describe, expect, it } from 'vitest';
import { addProfile, noCounts, profileLines, type CpuProfile } from '../../bench/support/profile-counts.js';

const frame = (functionName: string, url = 'file:///srv/a.mjs', lineNumber = 0) => ({ functionName, url, lineNumber });

/**
 * root → receive → [check, scan]; root → (idle). The scan ran once, and that one sample came
 * after the thread waited 80 ms for a CPU (its time delta); the check ran nine times, 0.1 ms each.
 */
const profile: CpuProfile & { timeDeltas: number[] } = {
  nodes: [
    { id: 1, callFrame: frame('(root)', '', -1), children: [2, 5] },
    { id: 2, callFrame: frame('receive', 'file:///srv/a.mjs', 9), children: [3, 4] },
    { id: 3, callFrame: frame('check', 'file:///srv/b.mjs', 19) },
    { id: 4, callFrame: frame('scan', 'file:///srv/b.mjs', 29) },
    { id: 5, callFrame: frame('(idle)', '', -1) },
  ],
  samples: [3, 3, 3, 5, 4, 3, 3, 3, 3, 3, 2],
  timeDeltas: [0, 100, 100, 100, 100, 80_000, 100, 100, 100, 100, 100],
};

describe('profile counts', () => {
  it('counts samples per function, not the wall time given to each, and leaves idle out', () => {
    const counts = addProfile(noCounts(), profile);
    expect(counts.samples).toBe(10);
    expect(counts.self.get('check b.mjs:20')).toBe(8);
    expect(counts.self.get('scan b.mjs:30')).toBe(1);
    expect(counts.self.get('receive a.mjs:10')).toBe(1);
    expect(counts.inclusive.get('receive a.mjs:10')).toBe(10);
    expect([...counts.self.keys()].some((k) => k.startsWith('(idle)'))).toBe(false);
  });

  it('adds profiles together and prints the busiest first', () => {
    const counts = addProfile(addProfile(noCounts(), profile), profile);
    const [head, ran, stack] = profileLines('Samplan', counts, 2);
    expect(head).toBe('Samplan: 20 samples not idle');
    expect(ran).toBe('  ran in: check b.mjs:20 16 (80.0%); scan b.mjs:30 2 (10.0%)');
    expect(stack).toContain('receive a.mjs:10 20 (100.0%)');
  });
});
