import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineQueue } from '../../../server/sync/deadline-queue.js';

describe('DeadlineQueue', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('calls each item once, in deadline order, with one timer for all of them', () => {
    const due: string[] = [];
    const q = new DeadlineQueue<string>((item) => due.push(item));
    const times = [500, 100, 900, 300, 700, 200];
    times.forEach((t) => q.add(`at${t}`, t));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(350);
    expect(due).toEqual(['at100', 'at200', 'at300']);
    vi.advanceTimersByTime(1000);
    expect(due).toEqual(['at100', 'at200', 'at300', 'at500', 'at700', 'at900']);
    expect(q.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('forgets removed items and moves re-added ones', () => {
    const due: number[] = [];
    const q = new DeadlineQueue<number>((item) => due.push(item));
    for (let i = 0; i < 100; i++) q.add(i, 1000 + ((i * 37) % 100));
    for (let i = 0; i < 100; i += 2) q.delete(i);
    q.add(1, 5000);
    vi.advanceTimersByTime(1200);
    const odd = Array.from({ length: 50 }, (_, k) => 2 * k + 1).filter((i) => i !== 1);
    expect([...due].sort((x, y) => x - y)).toEqual(odd);
    expect(due).toEqual([...due].sort((x, y) => ((x * 37) % 100) - ((y * 37) % 100)));
    vi.advanceTimersByTime(4000);
    expect(due.at(-1)).toBe(1);
  });

  it('waits in steps for deadlines beyond what one timer can hold', () => {
    const due: string[] = [];
    const q = new DeadlineQueue<string>((item) => due.push(item));
    const thirtyDays = 30 * 86_400_000;
    q.add('far', thirtyDays);
    vi.advanceTimersByTime(thirtyDays - 1);
    expect(due).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(due).toEqual(['far']);
  });
});
