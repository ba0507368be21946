/**
 * An allowed cell edit that lost here to a take-back of another process whose message did not
 * reach this one (this process applied it as a plain update) is written again once the stored
 * take-backs are read (`room-look-back.ts`). When they cannot be read, its author is told which
 * cell to enter again (`lost-edit.ts`), as the author of such a delete is; it was told nothing, and
 * the value was gone from every copy until a later load. (A take-back dropped from memory for the
 * budget is told at once, live: `take-backs-budget.test.ts`.) Without services: docs stand for
 * processes, p1 taking B's edit back, p0 holding the room.
 */
import * as Y from 'yjs';
import { expect, it } from 'vitest';
import type { StoredTakeBack } from '../../../server/storage/storage.js';
import { lookBackStored, type LookBackRoom } from '../../../server/sync/room-look-back.js';
import { encodeRefusalNotice } from '../../../shared/protocol/notices.js';
import { lostEditNotice } from '../../../server/sync/lost-edit.js';
import type { Peer, RoomDeps } from '../../../server/sync/room-types.js';
import type { DocRecord } from '../../../server/storage/storage.js';
import { TakeBacks } from '../../../server/sync/take-backs.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { integrated, measureOfRa, REF, silentLogger } from './take-backs-fixture.js';

/** Room p0 with A's offline edit integrated after B's take-back by p1, lost and kept there; the update it emitted. */
function lostHere(): { p0: Y.Doc; update: Uint8Array } {
  const [a, b, p0, p1] = [new Y.Doc(), new Y.Doc(), new Y.Doc(), new Y.Doc()];
  [a.clientID, b.clientID, p0.clientID, p1.clientID] = [700, 800, 9000, 9001];
  insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
  for (const d of [p0, p1, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(a));
  const before = Y.encodeStateVector(b);
  setCells(b, 'ra', { measure: 'Övertagen' });
  const stored: StoredTakeBack[] = [];
  const undo = applyAndUndo(p1, Y.encodeStateAsUpdate(b, before), 'undo', () => true, (tb) => new TakeBacks().remember(tb, stored));
  if (!undo) throw new Error('nothing taken back');
  Y.applyUpdate(p0, undo, 'storage');
  const sv = Y.encodeStateVector(p0);
  setCells(a, 'ra', { measure: 'Ägarens ändring' });
  const update = Y.mergeUpdates(integrated(p0, Y.encodeStateAsUpdate(a, sv)));
  expect(measureOfRa(p0)).toBe('Hälsodag');
  return { p0, update };
}

it("tells the author of a cell edit that lost to another process's take-back which cell to enter again when the stored take-backs cannot be read", async () => {
  const { p0, update } = lostHere();
  const sent: Uint8Array[] = [];
  const peer: Peer = { notices: true, send: (frame) => void sent.push(frame), close: () => undefined };
  const deps = { storage: { loadTakeBacks: () => Promise.reject(new Error('disk I/O error')) }, logger: silentLogger } as unknown as RoomDeps;
  const record = { workspace: REF.workspace, doc: REF.doc, kind: 'action-plan', ownerUnit: 'county' } as unknown as DocRecord;
  const pushed: Uint8Array[] = [];
  const room: LookBackRoom = { ref: REF, deps, apply: null as never, now: () => ({ doc: p0, record, stale: false }), append: (u) => void pushed.push(u) };
  let released = 0;
  const held = (before: Promise<void>): { before: Promise<void>; release: () => void } => ({ before, release: () => void released++ });
  await lookBackStored(room, held(Promise.resolve()), { memberId: 'm-a', principal: null }, update, null, peer);
  expect(sent).toEqual([encodeRefusalNotice(lostEditNotice(['rows', 'ra', 'measure']))]);
  expect(pushed).toEqual([]);
  // The update held back for the replay is let go whatever happened.
  expect(released).toBe(1);
  // Not told when what came before its update was never stored (the room recovers that), nor a peer without notices.
  const again = lostHere();
  const quiet: Uint8Array[] = [];
  await lookBackStored({ ...room, now: () => ({ doc: again.p0, record, stale: false }) }, held(Promise.reject(new Error('disk full'))), { memberId: 'm-a', principal: null }, again.update, null, { ...peer, send: (f) => void quiet.push(f) });
  expect(quiet).toEqual([]);
  expect(released).toBe(2);
});
