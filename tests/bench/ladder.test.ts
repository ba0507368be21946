import { describe, expect, it } from 'vitest';
import { OFFERED_SHARE, ceilingRatio, climb, ladderRates, stepVerdict } from '../../bench/support/ladder.js';

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

describe('a step of the ladder', () => {
  const step = { rate: 12800, seconds: 3, sent: 38400, expected: 384000, delivered: 384000, p99: 12 };

  it('holds when the bench sent the edits asked and every delivery came within 100 ms', () => {
    expect(stepVerdict(step)).toBe(true);
    expect(stepVerdict({ ...step, sent: Math.ceil(OFFERED_SHARE * 38400) })).toBe(true);
    expect(stepVerdict({ ...step, p99: 101 })).toBe(false);
    expect(stepVerdict({ ...step, delivered: 383990 })).toBe(false);
    expect(stepVerdict({ ...step, expected: 0, delivered: 0 })).toBe(false);
  });

  // The driver stops when the step's time is up: edits still due when the bench fell behind were never sent.
  it('measures nothing when the bench sent fewer edits than the rate asks, however well the server did', () => {
    expect(stepVerdict({ ...step, sent: 12968, expected: 129680, delivered: 129680, p99: 40 })).toBe('not-offered');
    expect(stepVerdict({ ...step, sent: 12968, expected: 129680, delivered: 12, p99: 3000 })).toBe('not-offered');
  });

  it('ends the climb without a failure where the bench could not offer the rate, the ceiling a lower bound', async () => {
    const tried: number[] = [];
    const result = await climb([100, 200, 400], 1_000_000, async (rate) => (tried.push(rate), rate < 12800 ? true : 'not-offered'));
    expect(tried).toEqual([100, 200, 400, 800, 1600, 3200, 6400, 12800]);
    expect(result).toEqual({ ceiling: 6400, failedAt: null, unoffered: 12800 });
    expect(ceilingRatio(result, { ceiling: 1600, failedAt: 3200 })).toBe('≥ 4.00×');
  });
});
