/**
 * The checkpoint worker's heap is set up without V8's memory reducer (`without-memory-reducer.ts`):
 * the process's flag is off exactly while the worker's heap is set up (from `new Worker` until its
 * thread runs JavaScript) and on again after, whatever becomes of the worker; a process started
 * with its own reducer flag is left alone. What the reducer cost (two full collections of the
 * worker's heap ~8 s after each start, ~40–80 ms of CPU) is measured in `sqlite-checkpointer.ts`;
 * V8 runs it on its own ~8 s timer, too slow and too loosely timed for a test.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { withoutMemoryReducer, type ReducerFlags } from '../../../server/storage/without-memory-reducer.js';

/** Flags that record each setting, and what the flag was while the worker was made. */
function recording(given: string[] = []): ReducerFlags & { sets: string[] } {
  const sets: string[] = [];
  return { sets, given, set: (flag) => void sets.push(flag) };
}

describe('withoutMemoryReducer', () => {
  it.each(['online', 'error', 'exit'] as const)('turns the reducer off while the worker is made and on again at its %s', (event) => {
    const flags = recording();
    const worker = new EventEmitter();
    let whileMade: string[] = [];
    expect(
      withoutMemoryReducer(() => {
        whileMade = [...flags.sets];
        return worker;
      }, flags),
    ).toBe(worker);
    expect(whileMade).toEqual(['--no-memory-reducer']);
    // Still off until the worker's thread has its heap.
    expect(flags.sets).toEqual(['--no-memory-reducer']);
    worker.emit(event);
    expect(flags.sets).toEqual(['--no-memory-reducer', '--memory-reducer']);
    // Once: a later event of the same worker sets nothing.
    worker.emit('exit');
    worker.emit('online');
    expect(flags.sets).toEqual(['--no-memory-reducer', '--memory-reducer']);
  });

  it('turns it on again when the worker cannot be made, and throws what making it threw', () => {
    const flags = recording();
    expect(() =>
      withoutMemoryReducer(() => {
        throw new Error('no threads');
      }, flags),
    ).toThrow('no threads');
    expect(flags.sets).toEqual(['--no-memory-reducer', '--memory-reducer']);
  });

  it.each([['--no-memory-reducer'], ['--memory-reducer'], ['--max-old-space-size=512 --memory_reducer_for_small_heaps']])('leaves the flag alone when the process was started with %s', (arg) => {
    const flags = recording([arg]);
    const worker = new EventEmitter();
    expect(withoutMemoryReducer(() => worker, flags)).toBe(worker);
    worker.emit('online');
    expect(flags.sets).toEqual([]);
  });
});
