/**
 * A delete replayed over a take-back (`take-back-deletes.ts`) is one its author may make: the
 * unit whose delete was refused and taken back does not get it through by sending its delete set
 * again (as a stock client's sync step 2 does: every delete it knows) before it sent a new step 1.
 */
import * as Y from 'yjs';
import { expect, it } from 'vitest';
import { setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { encodeUpdate } from '../../../server/sync/protocol.js';
import { eventually, TOKENS, WS } from './support.js';
import { measure } from '../scale/noticed-clients.js';
import { roomMeasure, sleep, takeBackServer } from './take-backs-fixture.js';

const { start, open, ownerRowSeen } = takeBackServer();

it("another unit's refused delete of a row, taken back, is not replayed when that unit sends its delete set again", async () => {
  const server = await start();
  const { a, b } = await ownerRowSeen();
  rowsMap(b.doc).delete('r1');
  await eventually(() => b.notices.length === 1 && measure(b.doc, 'r1') === 'Hälsodag', 5000, "B's delete taken back");
  // Every delete B knows, its refused one among them, as a sync step 2 answer carries them; B's last step 1 was before the take-back.
  const deletes = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(b.doc));
  b.provider.ws?.send(encodeUpdate(deletes));
  await sleep(300);
  const kept = await roomMeasure(server);
  expect(kept).toBe('Hälsodag');
  expect(measure(a.doc, 'r1')).toBe('Hälsodag');
});

it("another unit's refused edit of a cell, taken back, does not delete the cell when that unit sends its delete set again", async () => {
  const server = await start();
  const { b } = await ownerRowSeen();
  setCells(b.doc, 'r1', { measure: 'Övertagen' });
  await eventually(() => b.notices.length === 1 && measure(b.doc, 'r1') === 'Hälsodag', 5000, "B's edit taken back");
  b.provider.ws?.send(encodeUpdate(Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(b.doc))));
  await sleep(300);
  const kept = await roomMeasure(server);
  expect(kept).toBe('Hälsodag');
});

it.each([
  ['another unit', 'editorB'],
  ['a reader', 'viewer'],
] as const)("%s's cell set in a row map a refused delete deleted is not written into the row's live copy", async (_who, sender) => {
  const server = await start();
  const { b } = await ownerRowSeen();
  rowsMap(b.doc).delete('r1');
  await eventually(() => b.notices.length === 1 && measure(b.doc, 'r1') === 'Hälsodag', 5000, "B's delete taken back");
  // A set in the deleted row map, as a client that kept it (no collection) makes it.
  const whole = await server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => Y.encodeStateAsUpdate(room.doc));
  const shadow = new Y.Doc({ gc: false });
  shadow.clientID = 300;
  Y.applyUpdate(shadow, whole);
  const old = (rowsMap(shadow)._map.get('r1')?.left?.content as unknown as { type: Y.Map<unknown> }).type;
  expect(old).toBeInstanceOf(Y.Map);
  const sv = Y.encodeStateVector(shadow);
  old.set('measure', 'Kapad');
  const from = sender === 'editorB' ? b : await open(TOKENS.viewer);
  await eventually(() => measure(from.doc, 'r1') === 'Hälsodag', 5000, 'the sender synced');
  from.provider.ws?.send(encodeUpdate(Y.encodeStateAsUpdate(shadow, sv)));
  await sleep(400);
  const kept = await roomMeasure(server);
  expect(kept).toBe('Hälsodag');
});
