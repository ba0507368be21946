/**
 * The pause between two fan-out parts on one server (`region.ts`: 100 documents, then one), so that
 * the documents of the first part are not unloaded inside the measured window of the next.
 *
 * Samplan keeps a room loaded `graceMs` (30 s, `defaultSyncOptions` of `server/sync/deps.ts`) after
 * its last client leaves, then compacts and unloads it (`server/sync/registry.ts`); the stock
 * server and Hocuspocus tear a document down as its last client leaves. With `--warmup 30` the 100
 * rooms of the first part unloaded in the first seconds of the one-document window: V8 compiled the
 * unload path there for the first time (Yjs's V2 encoders, compaction: 37 TurboFan and 71
 * Sparkplug compiles in that window against the stock server's 5 and 0, `support/v8-tiers.ts`), and
 * collected 100 documents, which the one-document figures then counted as Samplan's (its platform
 * threads 17.7 ms/s against the stock server's 1.4 in one run, load ~17). With the default
 * `--warmup 2` the window ends long before the unload, and nothing is waited.
 */
import { defaultSyncOptions } from '../../server/sync/deps.js';

/** Seconds a part's window may run past its warm-up and edits: the wait for the last deliveries (`fanout`), and connecting. */
const TAIL_S = 10;

/**
 * Seconds to wait after the first part's clients closed before the next part connects, when the next
 * part warms up `warmupS` seconds and measures `seconds`: 0 when its window ends before the unload,
 * else long enough that the unload and `settleS` seconds after it (its compiles finishing) fall in
 * the warm-up. The same for every server, so that each meets the same client schedule.
 */
export function unloadPause(warmupS: number, seconds: number, graceMs = defaultSyncOptions.graceMs, settleS = 5): number {
  const graceS = graceMs / 1000;
  if (warmupS + seconds + TAIL_S < graceS) return 0;
  return Math.max(0, graceS + settleS - warmupS);
}
