/**
 * A set of a key taken back is written again (`take-backs.ts`) only when its author may write it:
 * a set the shared check takes as changing nothing because it loses where it lands.
 */
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { afterEach, expect, it } from 'vitest';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { encodeUpdate } from '../../../server/sync/protocol.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from './support.js';
import { measure, openNoticed, type NoticedClient } from '../scale/noticed-clients.js';

let server: TestServer | null = null;
const providers: WebsocketProvider[] = [];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server?.stop();
  server = null;
});

const open = (token: string, clientID?: number): Promise<NoticedClient> => openNoticed(Number(new URL(server?.url ?? '').port), 'county', token, providers, clientID);

it("another unit's set of a cell taken back, losing where it lands, is not written again", async () => {
  server = await startTestServer();
  const a = await open(TOKENS.editorA, 100);
  insertRow(a.doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'r1' });
  const b = await open(TOKENS.editorB, 200);
  await eventually(() => measure(b.doc, 'r1') === 'Hälsodag', 5000, 'B sees the row');
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
  const kept = await server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => measure(room.doc, 'r1'));
  expect(kept).toBe('Hälsodag');
});
