/**
 * Catching a room up with what another process stored (`Registry.catchUp` → `CommitLog.checkForeign`),
 * as a rename does in the document's turn before it reads the record and edits: two server
 * processes on one PostgreSQL database. The look did nothing while a write of the room was queued
 * or under way ("that write finds them itself"), yet a write stored before the other process's
 * append never sees it, so a rename made during a burst of socket edits was made on a document
 * that lacked another process's just-stored change. Now the catch-up resolves only once every
 * update stored before it is in the room's doc, a write under way or queued or not.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import type { Storage } from '../../../server/storage/storage.js';
import { getRow, insertRow } from '../../../shared/doc/index.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { appOver, seedPlanA } from '../http/plan-a-seed.js';
import { WS } from '../http/support.js';

const ref = { workspace: WS, doc: 'plan-a' };
const author = { memberId: 'kim', principal: null };

/** An update inserting row `id` titled `title`, made on no doc state (as an import writes it). */
function rowUpdate(id: string, title: string): Uint8Array {
  const doc = new Y.Doc();
  insertRow(doc, { title }, { id });
  return Y.encodeStateAsUpdate(doc);
}

/**
 * `inner` whose appends of updates, once `stall` is armed, are stored and then not answered until
 * `release()`: the room's write stays under way (its batch committed) while the test acts.
 */
function stalling(inner: Storage): { storage: Storage; stall: () => Promise<void>; release: () => void } {
  let gate: Promise<void> | null = null;
  let open = (): void => {};
  let stored = (): void => {};
  const storage = Object.create(inner) as Storage;
  storage.appendUpdates = async (r, updates) => {
    const last = await inner.appendUpdates(r, updates);
    if (gate && updates.length > 0) {
      stored();
      await gate;
    }
    return last;
  };
  return {
    storage,
    stall: () => {
      gate = new Promise<void>((r) => (open = r));
      return new Promise<void>((r) => (stored = r));
    },
    release: () => {
      gate = null;
      open();
    },
  };
}

describe.skipIf(servicesMissing() !== null)('a room caught up with another process (PostgreSQL, two processes)', () => {
  const server = usePostgres();

  it('holds what the other process stored once the catch-up resolves, while a write of its own is under way and another queued', async () => {
    const url = await server.createDb('catchup');
    const [a, b] = [await openPostgresStorage(url), await openPostgresStorage(url)];
    await seedPlanA(a);
    const gated = stalling(a);
    const one = appOver(gated.storage);
    try {
      const { registry } = one;
      await registry.catchUp(ref);
      // This process's edit is stored, its write not yet over; a second edit queues behind it.
      const stalled = gated.stall();
      const first = registry.submit(ref, rowUpdate('egen-1', 'Hälsodag'), author);
      await stalled;
      const second = registry.submit(ref, rowUpdate('egen-2', 'Stavgång'), author);
      // The other process stores its change after this one's write committed: that write never sees it.
      await b.appendUpdates(ref, [{ update: rowUpdate('annan-1', 'Från process B'), memberId: 'ada' }]);
      const opened = setTimeout(gated.release, 50);
      try {
        await registry.catchUp(ref);
        const seen = await registry.withDoc(ref, (room) => getRow(room.doc, 'annan-1')?.values.title);
        expect(seen).toBe('Från process B');
      } finally {
        clearTimeout(opened);
        gated.release();
      }
      expect(await first).toEqual({ ok: true });
      expect(await second).toEqual({ ok: true });
      // Nothing applied twice nor lost: the stored document, loaded by the other process, has all three rows once.
      const stored = await b.loadDoc(ref);
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
      expect(['egen-1', 'egen-2', 'annan-1'].map((id) => getRow(doc, id)?.values.title)).toEqual(['Hälsodag', 'Stavgång', 'Från process B']);
    } finally {
      await one.close();
      await a.close();
      await b.close();
    }
  }, 30_000);
});
