/**
 * A delete is replayed over a take-back (`take-back-deletes.ts`) only when the room knows what its
 * sender had seen: the state vector of the sender's last sync step 1. Every client that reaches the
 * server sends one before its edits: y-websocket's provider (and so the pane, `addin/sync/connect-doc.ts`)
 * at every connect, before it answers the server's step 1 with what it holds; the pane also pings
 * with step 1 (`addin/sync/send-gate.ts`). The server's own writes (imports, indicators, a title,
 * `registry.submit`) delete no map key and are made on the live doc. The remaining case is a
 * client of its own that sends its update straight away, with no step 1: editor A's offline delete
 * of a row, sent so while editor B's refused delete of it was taken back, leaves the row put back
 * (the room cannot tell A's delete set from that of a client that has seen the take-back). The
 * same update sent after a step 1 is replayed.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { expect, it } from 'vitest';
import { deleteRow } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { encodeUpdate } from '../../../server/sync/protocol.js';
import { eventually, rawClient, TOKENS, WS } from './support.js';
import { measure } from '../scale/noticed-clients.js';
import { sleep, takeBackServer } from './take-backs-fixture.js';

const { start, ownerRowSeen } = takeBackServer();

/** A sync step 1 frame (y-websocket's message type 0) with `doc`'s state vector. */
function step1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

/** A deletes row r1 offline while B's delete of it is refused and taken back; A's update then comes on a raw socket, after a step 1 or not. Returns whether the room still has the row. */
async function deleteSent(withStep1: boolean): Promise<boolean> {
  const server = await start();
  const { a, b } = await ownerRowSeen();
  a.provider.destroy();
  deleteRow(a.doc, 'r1');
  rowsMap(b.doc).delete('r1');
  await eventually(() => b.notices.length === 1 && measure(b.doc, 'r1') === 'Hälsodag', 5000, "B's delete taken back");
  const raw = rawClient(server, 'county', TOKENS.editorA);
  await raw.opened;
  if (withStep1) raw.send(step1(a.doc));
  raw.send(encodeUpdate(Y.encodeStateAsUpdate(a.doc)));
  await sleep(400);
  raw.ws.close();
  return server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => rowsMap(room.doc).has('r1'));
}

it("the owner's offline delete sent after a sync step 1 is replayed over the take-back", async () => {
  expect(await deleteSent(true)).toBe(false);
});

it("the owner's offline delete sent with no sync step 1 before it is not replayed (no client the project ships or supports does this)", async () => {
  expect(await deleteSent(false)).toBe(true);
});
