import { describe, expect, it } from 'vitest';
import { unloadPause } from '../../bench/support/unload-pause.js';
import { defaultSyncOptions } from '../../server/sync/deps.js';

describe('the pause before the next fan-out part', () => {
  it("puts Samplan's unload of the last part's rooms outside the next part's measured window", () => {
    const graceS = defaultSyncOptions.graceMs / 1000;
    for (const warmup of [0, 2, 5, 10, 20, 25, 30, 40, 60]) {
      for (const seconds of [1, 3, 5, 10, 20, 60]) {
        const pause = unloadPause(warmup, seconds);
        const windowStart = pause + warmup;
        // The window may run up to 10 s past warm-up and edits (connecting, the last deliveries).
        const windowEnd = windowStart + seconds + 10;
        const before = windowEnd < graceS;
        const after = windowStart >= graceS + 5;
        expect({ warmup, seconds, outside: before || after }).toEqual({ warmup, seconds, outside: true });
      }
    }
  });

  it('waits nothing with the default warm-up and only the few seconds needed after a 30 s one', () => {
    expect(unloadPause(2, 5)).toBe(0);
    expect(unloadPause(30, 5)).toBe(5);
    expect(unloadPause(30, 20)).toBe(5);
    expect(unloadPause(40, 5)).toBe(0);
    expect(unloadPause(30, 5, 10_000)).toBe(0);
  });
});
