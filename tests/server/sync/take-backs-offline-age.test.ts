/**
 * An owner's offline edit stands over a take-back made long before the owner reconnects. Unit A
 * edits a cell of its row offline; unit B's refused edit of the same cell is taken back by the
 * server; A comes back 1 minute, 11 minutes, 8 hours or 3 days later (a laptop closed over a
 * weekend). Whether A's set had seen the refused update does not depend on time, so neither may
 * the outcome: A's edit stands, on the process that took B's edit back (its memory), on one that
 * loaded the document from storage (the stored take-backs), and on a load that finds A's edit
 * lost already (`take-back-lookback.ts`). Clocks are injected; the server doc's client id is above
 * A's, so the take-back wins Yjs's order unless it is written again.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { StoredTakeBack } from '../../../server/storage/storage.js';
import { loadDoc } from '../../../server/sync/load-doc.js';
import { keepLostSets, TakeBacks } from '../../../server/sync/take-backs.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { integrated, measureOfRa as measure, REF as ref, silentLogger as logger } from './take-backs-fixture.js';
import { made } from '../storage/made.js';

const T0 = Date.parse('2026-11-27T16:00:00.000Z');
const MINUTE = 60_000;
const AWAY = [
  ['1 minute', MINUTE],
  ['11 minutes', 11 * MINUTE],
  ['8 hours', 8 * 60 * MINUTE],
  ['3 days', 3 * 24 * 60 * MINUTE],
] as const;

const diff = (from: Y.Doc, to: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(from, Y.encodeStateVector(to));

/**
 * The server's doc (client id 9000) holds A's row; A (100) edits it offline; B (200) edits the same
 * cell and is refused, taken back at `T0` into `takeBacks` (stored as `stored` holds them).
 */
function race(takeBacks: TakeBacks, server = new Y.Doc()) {
  const [a, b] = [new Y.Doc(), new Y.Doc()];
  server.clientID = 9000;
  a.clientID = 100;
  b.clientID = 200;
  insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
  for (const d of [server, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(a));
  rowsMap(server);
  const svA = Y.encodeStateVector(server);
  setCells(a, 'ra', { measure: 'Ägarens ändring' });
  const before = Y.encodeStateVector(b);
  setCells(b, 'ra', { measure: 'Övertagen' });
  const stored: StoredTakeBack[] = [];
  const undo = applyAndUndo(server, Y.encodeStateAsUpdate(b, before), 'undo', () => true, (tb) => takeBacks.remember(tb, stored));
  if (!undo) throw new Error('nothing taken back');
  expect(measure(server)).toBe('Hälsodag');
  return { server, a, undo, stored, offline: Y.encodeStateAsUpdate(a, svA) };
}

/** The room integrating A's update as `RoomApply.integrate` does; returns what Yjs emitted. */
function integrate(doc: Y.Doc, takeBacks: TakeBacks, update: Uint8Array): Uint8Array[] {
  return integrated(doc, update, (tr) => {
    if (takeBacks.size > 0) takeBacks.reassert(tr);
    keepLostSets(tr);
  });
}

describe("an owner's offline edit against a take-back made long before it reconnects", () => {
  for (const [label, away] of AWAY) {
    it(`stands on the process that took the refused edit back, ${label} later`, () => {
      let now = T0;
      const takeBacks = new TakeBacks({ now: () => now });
      const { server, a, offline } = race(takeBacks);
      now = T0 + away;
      integrate(server, takeBacks, offline);
      expect(measure(server)).toBe('Ägarens ändring');
      Y.applyUpdate(a, diff(server, a));
      expect(measure(a)).toBe('Ägarens ändring');
    });

    it(`stands on a process that loaded the document and its stored take-backs, ${label} later`, async () => {
      const storage = createMemoryStorage();
      await made(storage, ref);
      const { server, stored, offline } = race(new TakeBacks({ now: () => T0 }));
      await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(server), memberId: null, takeBacks: stored }]);
      const loaded = await loadDoc(ref, storage, logger);
      expect(loaded.takeBacks).toHaveLength(1);
      const takeBacks = new TakeBacks({ now: () => T0 + away });
      for (const bytes of loaded.takeBacks) takeBacks.receive(loaded.doc, bytes);
      expect(takeBacks.size).toBe(1);
      integrate(loaded.doc, takeBacks, offline);
      expect(measure(loaded.doc)).toBe('Ägarens ändring');
    });

    it(`is written again by the next load when it lost where the take-back was not known, ${label} later`, async () => {
      const storage = createMemoryStorage();
      await made(storage, ref);
      const { server, stored, offline } = race(new TakeBacks({ now: () => T0 }));
      await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(server), memberId: null, takeBacks: stored }]);
      // A process that applied the take-back as a plain update integrates A's edit: it loses there, kept.
      const plain = new Y.Doc();
      Y.applyUpdate(plain, Y.encodeStateAsUpdate(server));
      const emitted = integrate(plain, new TakeBacks(), offline);
      expect(measure(plain)).toBe('Hälsodag');
      await storage.appendUpdates(ref, [{ update: Y.mergeUpdates(emitted), memberId: 'm-a' }]);
      const loaded = await loadDoc(ref, storage, logger);
      expect(measure(loaded.doc)).toBe('Ägarens ändring');
      expect(loaded.migration).not.toBeNull();
    });
  }
});
