/**
 * A set of a key taken back is written again (`take-backs.ts`) only when its author may write it:
 * a set the shared check takes as changing nothing because it loses where it lands.
 */
import * as Y from 'yjs';
import { expect, it } from 'vitest';
import { setCells } from '../../../shared/doc/index.js';
import { encodeUpdate } from '../../../server/sync/protocol.js';
import { eventually, WS } from './support.js';
import { measure } from '../scale/noticed-clients.js';
import { roomMeasure, sleep, takeBackServer } from './take-backs-fixture.js';

const { start, ownerRowSeen } = takeBackServer();

it("another unit's set of a cell taken back, losing where it lands, is not written again", async () => {
  const server = await start();
  const { b } = await ownerRowSeen();
  const before = await server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => Y.encodeStateAsUpdate(room.doc));
  setCells(b.doc, 'r1', { measure: 'Övertagen' });
  await eventually(() => b.notices.length === 1 && measure(b.doc, 'r1') === 'Hälsodag', 5000, "B's edit taken back");
  // A set made on the state from before the refused edit, by a client id that loses to every other.
  const shadow = new Y.Doc();
  shadow.clientID = 1;
  Y.applyUpdate(shadow, before);
  const sv = Y.encodeStateVector(shadow);
  setCells(shadow, 'r1', { measure: 'Kapad' });
  b.provider.ws?.send(encodeUpdate(Y.encodeStateAsUpdate(shadow, sv)));
  // Refused as a change of another unit's row (the shared check sees the set, losing or not).
  await eventually(() => b.notices.length === 2, 5000, 'the set refused');
  await sleep(200);
  const kept = await roomMeasure(server);
  expect(kept).toBe('Hälsodag');
});
