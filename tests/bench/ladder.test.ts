import { describe, expect, it } from 'vitest';
import { ceilingRatio, climb, ladderRates } from '../../bench/support/ladder.js';

describe('edit-rate ladder', () => {
  it('goes on doubling past the listed rates until a step fails', async () => {
    const tried: number[] = [];
    const result = await climb([100, 200, 400], 1_000_000, async (rate) => (tried.push(rate), rate < 6400));
    expect(tried).toEqual([100, 200, 400, 800, 1600, 3200, 6400]);
    expect(result).toEqual({ ceiling: 3200, failedAt: 6400 });
  });

  it('stops at the first failing step, and at the cap with no failure', async () => {
    expect(await climb([100, 200, 400], 1_000_000, async (rate) => rate < 200)).toEqual({ ceiling: 100, failedAt: 200 });
    expect(await climb([100], 1000, async () => true)).toEqual({ ceiling: 800, failedAt: null });
    expect([...ladderRates([50, 100], 500)]).toEqual([50, 100, 200, 400]);
  });

  it('prints the ratio of two ceilings, a lower bound when the first never failed', () => {
    expect(ceilingRatio({ ceiling: 12800, failedAt: 25600 }, { ceiling: 3200, failedAt: 6400 })).toBe('4.00×');
    expect(ceilingRatio({ ceiling: 51200, failedAt: null }, { ceiling: 3200, failedAt: 6400 })).toBe('≥ 16.00×');
    expect(ceilingRatio({ ceiling: 800, failedAt: 1600 }, { ceiling: 3200, failedAt: null })).toBe('≤ 0.25×');
    expect(ceilingRatio({ ceiling: 800, failedAt: 1600 }, { ceiling: 0, failedAt: 100 })).toBe('—');
  });
});
