/**
 * A fan-out double for the sync tests that play another server process: it reports itself
 * connected, delivers nothing by itself (the test calls `handlers` as Redis would) and records the
 * documents it is asked presence for.
 */
import * as Y from 'yjs';
import type { SyncClient } from '../../../bench/support/sync-client.js';
import type { Fanout, FanoutHandlers } from '../../../server/sync/fanout.js';
import type { DocRef } from '../../../server/storage/storage.js';
import { insertRow } from '../../../shared/doc/index.js';
import type { TestServer } from './support.js';

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

/** The doc storage gives back for `ref`: its snapshot, then the updates after it. */
export async function storedDoc(s: TestServer, ref: DocRef): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const loaded = await s.storage.loadDoc(ref);
  if (loaded.snapshot) Y.applyUpdateV2(doc, loaded.snapshot);
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  return doc;
}

/** Another process inserts row `id` into `ref` on top of what storage holds, stores it and publishes it through `fanout`. */
export async function otherProcessInserts(s: TestServer, fanout: ReturnType<typeof quietFanout>, ref: DocRef, id: string): Promise<void> {
  const other = await storedDoc(s, ref);
  const before = Y.encodeStateVector(other);
  insertRow(other, { title: `från en annan process ${id}` }, { id });
  const update = Y.encodeStateAsUpdate(other, before);
  const seq = await s.storage.appendUpdates(ref, [{ update, memberId: 'm-a' }]);
  fanout.handlers?.updates(ref, seq, [update]);
}
