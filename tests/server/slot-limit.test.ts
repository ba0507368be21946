/**
 * `SlotLimit` gives a waiting task's place up when whoever wanted the task goes away (its abort
 * signal): the task leaves the queue at once, never runs, and the next waiting task takes the
 * free slot at once rather than after the departed one's turn or deadline.
 */
import { describe, expect, it } from 'vitest';
import { SlotLimit } from '../../server/slot-limit.js';

const refusals = { full: () => new Error('full'), late: () => new Error('late') };

/** A task that runs until `release()` is called, and says when it started. */
function held() {
  let release = () => {};
  let started = false;
  const task = () =>
    new Promise<string>((resolve) => {
      started = true;
      release = () => resolve('done');
    });
  return { task, release: () => release(), started: () => started };
}

describe('SlotLimit and an abort signal', () => {
  it('takes an aborted waiting task out of the queue at once and never runs it', async () => {
    const limit = new SlotLimit(1, 4, refusals);
    const first = held();
    const running = limit.run(first.task);
    const gone = new AbortController();
    let ranGone = false;
    const waiting = limit.run(async () => (ranGone = true), { signal: gone.signal, waitUntil: Date.now() + 60_000 });
    expect(limit.load).toEqual({ running: 1, waiting: 1 });
    gone.abort(new Error('client went away'));
    await expect(waiting).rejects.toThrow('client went away');
    expect(limit.load).toEqual({ running: 1, waiting: 0 });
    first.release();
    await running;
    expect(ranGone).toBe(false);
    expect(limit.load).toEqual({ running: 0, waiting: 0 });
  });

  it('gives the slot to the next waiting task at once, not after the aborted one', async () => {
    const limit = new SlotLimit(1, 4, refusals);
    const first = held();
    const running = limit.run(first.task);
    const gone = new AbortController();
    const aborted = limit.run(async () => 'gone ran', { signal: gone.signal }).catch((e: Error) => e.message);
    const next = held();
    const nextRun = limit.run(next.task);
    gone.abort(new Error('client went away'));
    first.release();
    await running;
    // The slot went to the task queued behind the aborted one in the same turn.
    expect(next.started()).toBe(true);
    expect(limit.load).toEqual({ running: 1, waiting: 0 });
    next.release();
    expect(await nextRun).toBe('done');
    expect(await aborted).toBe('client went away');
  });

  it('refuses a task whose signal is aborted already, the queue untouched', async () => {
    const limit = new SlotLimit(1, 0, refusals);
    await expect(limit.run(async () => 1, { signal: AbortSignal.abort(new Error('gone before')) })).rejects.toThrow('gone before');
    expect(limit.load).toEqual({ running: 0, waiting: 0 });
  });

  it('leaves a running task to itself: an abort after its start frees nothing until it settles', async () => {
    const limit = new SlotLimit(1, 4, refusals);
    const gone = new AbortController();
    const first = held();
    const running = limit.run(first.task, { signal: gone.signal });
    gone.abort();
    expect(limit.load).toEqual({ running: 1, waiting: 0 });
    first.release();
    expect(await running).toBe('done');
    expect(limit.load).toEqual({ running: 0, waiting: 0 });
  });
});
