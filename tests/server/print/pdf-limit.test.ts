/**
 * PDF prints are limited (`server/print/pdf.ts`): each launches a Chromium, so a burst runs at
 * most `slots` prints at once, queues `queue` more, and refuses the rest at once (`PrintBusy`)
 * instead of starting a browser per request.
 */
import { describe, expect, it } from 'vitest';
import { isPrintBusy, PrintLimit } from '../../../server/print/pdf.js';

/** A task that runs until `open()` and counts how many run at once. */
function gated(counter: { now: number; most: number }, fail = false) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const task = async (): Promise<string> => {
    counter.now += 1;
    counter.most = Math.max(counter.most, counter.now);
    try {
      await gate;
      if (fail) throw new Error('Chromium crashed');
      return 'printed';
    } finally {
      counter.now -= 1;
    }
  };
  return { task, open };
}

const settle = (p: Promise<string>): Promise<string> => p.then((v) => v, (e: unknown) => (isPrintBusy(e) ? 'busy' : `failed: ${(e as Error).message}`));

describe('PrintLimit', () => {
  it('runs at most `slots` at once, queues `queue` in order and refuses the rest at once', async () => {
    const limit = new PrintLimit(2, 3);
    const counter = { now: 0, most: 0 };
    const tasks = Array.from({ length: 7 }, () => gated(counter));
    const order: number[] = [];
    const outcomes = tasks.map((t, i) => settle(limit.run(async () => { order.push(i); return t.task(); })));
    // The two over the queue are refused before anything finishes.
    expect(await Promise.race([outcomes[5], new Promise((r) => setTimeout(() => r('pending'), 50))])).toBe('busy');
    expect(await outcomes[6]).toBe('busy');
    expect(limit.load).toEqual({ running: 2, waiting: 3 });
    expect(counter.now).toBe(2);
    for (const t of tasks) t.open();
    expect(await Promise.all(outcomes)).toEqual(['printed', 'printed', 'printed', 'printed', 'printed', 'busy', 'busy']);
    expect(counter.most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(limit.load).toEqual({ running: 0, waiting: 0 });
  });

  it('gives the slot back when a print throws', async () => {
    const limit = new PrintLimit(1, 1);
    const counter = { now: 0, most: 0 };
    const bad = gated(counter, true);
    const good = gated(counter);
    const first = settle(limit.run(bad.task));
    const second = settle(limit.run(good.task));
    bad.open();
    good.open();
    expect(await first).toBe('failed: Chromium crashed');
    expect(await second).toBe('printed');
    expect(limit.load).toEqual({ running: 0, waiting: 0 });
    expect(await settle(limit.run(async () => 'again'))).toBe('again');
  });
});
