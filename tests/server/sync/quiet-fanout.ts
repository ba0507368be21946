/**
 * A fan-out double for the sync tests that play another server process: it reports itself
 * connected, delivers nothing by itself (the test calls `handlers` as Redis would) and records the
 * documents it is asked presence for.
 */
import type { SyncClient } from '../../../bench/support/sync-client.js';
import type { Fanout, FanoutHandlers } from '../../../server/sync/fanout.js';

/** The fan-out double; `handlers` is set once the server listens. */
export function quietFanout(): Fanout & { handlers: FanoutHandlers | null; asked: string[] } {
  const fanout = {
    handlers: null as FanoutHandlers | null,
    asked: [] as string[],
    publishUpdates: () => undefined,
    publishAwareness: () => undefined,
    askPresence: (ref: { doc: string }) => void fanout.asked.push(ref.doc),
    publishRights: () => Promise.resolve(null),
    connected: () => true,
    listen: (h: FanoutHandlers) => void (fanout.handlers = h),
    close: async () => undefined,
  };
  return fanout;
}

/** The row ids a client's doc holds, in map order. */
export const rowsOf = (c: SyncClient): string[] => [...c.doc.getMap('rows').keys()];
