/**
 * Another writer's change landing between a route's read of a document's record and its write:
 * the store given to the app runs `act` on the store once, at the first append that carries a
 * record (`AppendItem.record`, a rename's), just before that append (`appendUpdates`, or a group
 * commit's `appendMany`).
 */
import type { AppendItem, DocRef, Storage } from '../../../server/storage/storage.js';

/** A `wrap` for `makeFixture`: `storage` with `act(storage)` run once before the first append carrying a record. */
export function beforeRecordAppend(act: (storage: Storage) => Promise<void>): (storage: Storage) => Storage {
  return (storage) => {
    let done = false;
    const before = async (items: readonly AppendItem[]): Promise<void> => {
      if (done || !items.some((i) => i.record)) return;
      done = true;
      await act(storage);
    };
    return new Proxy(storage, {
      get(target, prop, receiver) {
        if (prop === 'appendUpdates') {
          return async (r: DocRef, items: AppendItem[]) => {
            await before(items);
            return target.appendUpdates(r, items);
          };
        }
        if (prop === 'appendMany' && target.appendMany) {
          return async (batches: { ref: DocRef; updates: AppendItem[] }[]) => {
            await before(batches.flatMap((b) => b.updates));
            return target.appendMany!(batches);
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
  };
}
