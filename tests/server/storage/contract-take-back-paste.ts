/**
 * The take-back bound as a store keeps it, end to end with the sync code (no server): unit B's
 * paste into many cells of unit A's rows is refused and taken back, one take-back per cell, stored
 * with the update that wrote them; owner A had edited the first of those cells offline. Whatever
 * the store, A's edit must stand when it comes back: on a process that loads the document and its
 * stored take-backs, and on the next load when it first reached a process that did not know the
 * take-back (`take-back-lookback.ts`). Also the store's bound by bytes. Called by
 * `takeBackContract` for every adapter.
 */
import * as Y from 'yjs';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { TAKE_BACK_BYTES, TAKE_BACK_LIMIT } from '../../../server/storage/limits.js';
import type { Storage, StoredTakeBack } from '../../../server/storage/storage.js';
import { loadDoc } from '../../../server/sync/load-doc.js';
import { keepLostSets, TakeBacks } from '../../../server/sync/take-backs.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { insertRows, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const logger = pino({ level: 'silent' });
/** More cells than the 256 take-backs a store used to keep. */
const PASTE = 600;
const ids = Array.from({ length: PASTE }, (_, i) => `r${i}`);
const measure = (doc: Y.Doc, row = 'r0'): unknown => rowsMap(doc).get(row)?.get('measure');

/** Apply `update` as a room integrates an allowed one, with `takeBacks` (`RoomApply.integrate`); returns what Yjs emitted. */
function integrate(doc: Y.Doc, takeBacks: TakeBacks, update: Uint8Array): Uint8Array {
  const emitted: Uint8Array[] = [];
  const collect = (u: Uint8Array): number => emitted.push(u);
  doc.on('update', collect);
  doc.transact((tr) => {
    Y.applyUpdate(doc, update, 'client');
    if (takeBacks.size > 0) takeBacks.reassert(tr);
    keepLostSets(tr);
  }, 'client');
  doc.off('update', collect);
  return Y.mergeUpdates(emitted);
}

/**
 * The server's doc (client id 9000, above A's, so a take-back wins Yjs's order unless written
 * again) holds A's rows r0…; A (100) edits r0 offline; B (200) pastes into every row and is refused.
 * Stored: the rows, then the take-back with its take-backs. Returns A's offline update.
 */
async function pasteRefused(s: Storage): Promise<{ offline: Uint8Array; server: Y.Doc; takenBack: number }> {
  const [server, a, b] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  server.clientID = 9000;
  a.clientID = 100;
  b.clientID = 200;
  insertRows(a, ids.map(() => ({ unit: 'clinic-a', measure: 'Hälsodag' })), { ids });
  for (const d of [server, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(a));
  await s.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(server), memberId: 'm-a' }]);
  const svA = Y.encodeStateVector(a);
  setCells(a, 'r0', { measure: 'Ägarens ändring' });
  const before = Y.encodeStateVector(b);
  b.transact(() => {
    for (const id of ids) setCells(b, id, { measure: 'Inklistrad' });
  });
  const stored: StoredTakeBack[] = [];
  const undo = applyAndUndo(server, Y.encodeStateAsUpdate(b, before), 'undo', () => true, (tb) => new TakeBacks().remember(tb, stored));
  if (!undo) throw new Error('nothing taken back');
  await s.appendUpdates(ref, [{ update: undo, memberId: 'm-b', takeBacks: stored }]);
  return { offline: Y.encodeStateAsUpdate(a, svA), server, takenBack: stored.length };
}

/** The paste and the bound by bytes, against the store `get()` gives (fresh per test). */
export function takeBackPasteContract(get: () => Storage): void {
  describe('a refused paste of more cells than 256, then an offline edit of its first cell', () => {
    it('keeps every take-back of the paste: a process that loads the document keeps the owner’s edit', async () => {
      const s = get();
      const { offline, takenBack } = await pasteRefused(s);
      expect(takenBack).toBe(PASTE);
      const loaded = await loadDoc(ref, s, logger);
      expect(loaded.takeBacks).toHaveLength(PASTE);
      expect(measure(loaded.doc, `r${PASTE - 1}`)).toBe('Hälsodag');
      const takeBacks = new TakeBacks();
      takeBacks.receiveAll(loaded.doc, loaded.takeBacks);
      expect(takeBacks.size).toBe(PASTE);
      integrate(loaded.doc, takeBacks, offline);
      expect(measure(loaded.doc)).toBe('Ägarens ändring');
    });

    it('writes the owner’s edit again on the next load when it lost where the take-backs were not known', async () => {
      const s = get();
      const { offline, server } = await pasteRefused(s);
      const plain = new Y.Doc();
      Y.applyUpdate(plain, Y.encodeStateAsUpdate(server));
      const lost = integrate(plain, new TakeBacks(), offline);
      expect(measure(plain)).toBe('Hälsodag');
      await s.appendUpdates(ref, [{ update: lost, memberId: 'm-a' }]);
      const loaded = await loadDoc(ref, s, logger);
      expect(measure(loaded.doc)).toBe('Ägarens ändring');
    });
  });

  it(`keeps at most ${TAKE_BACK_BYTES} bytes of take-backs of a document, the newest, pruned in the write that stores more`, async () => {
    const s = get();
    const size = 1000;
    const tb = (n: number): StoredTakeBack => ({ at: n, data: new Uint8Array(size).fill(n % 251) });
    const fit = Math.floor(TAKE_BACK_BYTES / size);
    expect(fit).toBeLessThan(TAKE_BACK_LIMIT);
    const many = Array.from({ length: fit + 7 }, (_, i) => tb(i));
    await s.appendUpdates(ref, [{ update: new Uint8Array([1]), memberId: null, takeBacks: many.slice(0, 20) }]);
    await s.appendUpdates(ref, [{ update: new Uint8Array([2]), memberId: null, takeBacks: many.slice(20) }]);
    const kept = (await s.loadDoc(ref)).takeBacks ?? [];
    expect(kept).toHaveLength(fit);
    expect(kept.map((d) => d[0])).toEqual(many.slice(7).map((t) => t.data[0]));
  });
}
