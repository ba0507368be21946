/**
 * A storage wrapper that tells when the round-data feed (`server/http/round-data-feed.ts`) has
 * taken its look at a workspace's documents, for tests that write an edit the feed must see as a
 * change: written before the feed's first look, an edit is part of what the feed starts from and is
 * never told. Waiting for the look itself replaces a fixed wait that only hoped it had passed.
 */
import type { Storage } from '../../../server/storage/storage.js';

/** The wrapper to hand `makeFixture({ wrap })`, and the feed's looks through it. */
export interface FeedLooks {
  wrap(inner: Storage): Storage;
  /** Resolves once the feed has taken a look (at once if it has), after what the look read is its own. */
  first(): Promise<void>;
}

/**
 * The feed's reads are told from the other readers of `lastSeqs` (the rounds store, the sync
 * layer's look for other processes' writes, which may read the same documents) by the feed's
 * module on the call's stack: the feed reads the sequence numbers in its `stamps`, synchronously
 * after listing the documents.
 */
export function feedLooks(): FeedLooks {
  let looked = false;
  const waiting: Array<() => void> = [];
  return {
    wrap(inner) {
      return new Proxy(inner, {
        get(target, prop, receiver) {
          if (prop !== 'lastSeqs') return Reflect.get(target, prop, receiver) as unknown;
          return async (...args: Parameters<Storage['lastSeqs']>) => {
            const byFeed = /round-data-feed\.ts/.test(new Error().stack ?? '');
            const out = await target.lastSeqs(...args);
            if (byFeed && !looked) {
              looked = true;
              // A macrotask later the feed has kept what it read as where it starts from.
              setTimeout(() => waiting.splice(0).forEach((resolve) => resolve()), 0);
            }
            return out;
          };
        },
      });
    },
    first() {
      return new Promise<void>((resolve) => {
        if (looked) setTimeout(resolve, 0);
        else waiting.push(resolve);
      });
    },
  };
}
