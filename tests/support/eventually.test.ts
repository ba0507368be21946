/**
 * The shared wait of the tests (`eventually.ts`): a busy machine can hold the event loop past the
 * deadline while the awaited thing happens; the wait still looks once more before it gives up.
 */
import { describe, expect, it, vi } from 'vitest';
import { eventually, pastTimers } from './eventually.js';

describe('eventually', () => {
  it('asks once more after the deadline: a loop held past it while the condition came true does not fail', async () => {
    vi.useFakeTimers();
    try {
      let ready = false;
      const outcome = eventually(() => ready, 100, 'the flag').then(
        () => 'resolved',
        (err: unknown) => String(err),
      );
      // Asked a few times, false.
      await vi.advanceTimersByTimeAsync(50);
      // The loop is held from here to well past the deadline, and the condition comes true meanwhile.
      vi.setSystemTime(Date.now() + 500);
      ready = true;
      await vi.advanceTimersByTimeAsync(10);
      expect(await outcome).toBe('resolved');
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects, naming what it waited for, when the condition is still false after the deadline', async () => {
    await expect(eventually(() => false, 50, 'the answer')).rejects.toThrow('timed out waiting for the answer (50 ms)');
  });

  it('rejects at once with the error of a check that throws', async () => {
    const started = Date.now();
    await expect(
      eventually(() => {
        throw new Error('broken check');
      }, 60_000),
    ).rejects.toThrow('broken check');
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('pastTimers', () => {
  it('returns after a timer of up to its wait set before it, with the promises that timer started, and before a longer one', async () => {
    const seen: string[] = [];
    const longer = setTimeout(() => seen.push('longer'), 500);
    setTimeout(() => void Promise.resolve().then(() => Promise.resolve()).then(() => seen.push('retry')), 40);
    try {
      await pastTimers(40);
      expect(seen).toEqual(['retry']);
    } finally {
      clearTimeout(longer);
    }
  });
});
