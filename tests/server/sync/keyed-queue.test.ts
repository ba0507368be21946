/** Work run one at a time per key, in the order asked, a failure not stopping what follows. */
import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../../server/sync/keyed-queue.js';

describe('KeyedQueue', () => {
  it('runs the work of one key one at a time in order, other keys beside it, and forgets keys with nothing left', async () => {
    const queue = new KeyedQueue();
    const events: string[] = [];
    const work = (name: string, ticks: number, fail = false) => async () => {
      events.push(`${name} start`);
      for (let i = 0; i < ticks; i++) await new Promise((r) => setTimeout(r, 1));
      events.push(`${name} end`);
      if (fail) throw new Error(`${name} failed`);
      return name;
    };
    const runs = [queue.run('a', work('a1', 5, true)), queue.run('a', work('a2', 1)), queue.run('b', work('b1', 1))];
    expect(queue.size).toBe(2);
    const settled = await Promise.allSettled(runs);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : String(s.reason)))).toEqual(['Error: a1 failed', 'a2', 'b1']);
    expect(events.filter((e) => e.startsWith('a'))).toEqual(['a1 start', 'a1 end', 'a2 start', 'a2 end']);
    expect(events.indexOf('b1 end')).toBeLessThan(events.indexOf('a1 end'));
    await new Promise((r) => setTimeout(r, 0));
    expect(queue.size).toBe(0);
  });
});
