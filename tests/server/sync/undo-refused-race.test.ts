import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type * as decoding from 'lib0/decoding';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { NOTICES_ON, NoticeType, readNotice, type Notice } from '../../../shared/protocol/notices.js';
import { connectProvider, eventually, startTestServer, synced, TOKENS, WS, type TestServer } from './support.js';

// A take-back (the server writing back the value from before a refused change) must never win over
// an allowed edit made at the same time: editor A owns row `ra` and edits it offline while editor B,
// of another unit, changes the same row and is refused; when A comes back, A's edit stands.

let server: TestServer;
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server?.stop();
});

interface Client { provider: WebsocketProvider; doc: Y.Doc; notices: Notice[] }

async function open(token: string, clientID: number): Promise<Client> {
  const ydoc = new Y.Doc();
  ydoc.clientID = clientID;
  const provider = connectProvider(server, 'county', token, ydoc);
  provider.disconnect();
  provider.params = { ...provider.params, notices: NOTICES_ON };
  const client: Client = { provider, doc: ydoc, notices: [] };
  for (const type of [NoticeType.refusal, NoticeType.docState]) {
    provider.messageHandlers[type] = (_e, decoder: decoding.Decoder) => {
      const n = readNotice(type, decoder);
      if (n) client.notices.push(n);
    };
  }
  provider.connect();
  providers.push(provider);
  await synced(provider);
  return client;
}

const measure = (doc: Y.Doc, row: string): unknown => rowsMap(doc).get(row)?.get('measure');
const serverMeasure = (): Promise<unknown> => server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => measure(room.doc, 'ra'));

/** A owns `ra`; B sees it; A goes offline and edits; `refusedEdit` is B's edit, refused and taken back. */
async function race(aId: number, bId: number, refusedEdit: (b: Y.Doc) => void): Promise<{ a: Client; b: Client }> {
  server = await startTestServer();
  const a = await open(TOKENS.editorA, aId);
  insertRow(a.doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
  const b = await open(TOKENS.editorB, bId);
  await eventually(() => measure(b.doc, 'ra') === 'Hälsodag', 5000, 'B sees the row');
  a.provider.disconnect();
  setCells(a.doc, 'ra', { measure: 'Ägarens ändring' });
  refusedEdit(b.doc);
  await eventually(() => b.notices.length === 1 && measure(b.doc, 'ra') === 'Hälsodag', 5000, 'B refused and taken back');
  a.provider.connect();
  await eventually(async () => (await serverMeasure()) === 'Ägarens ändring', 5000, "the server holds A's edit");
  await eventually(() => measure(a.doc, 'ra') === 'Ägarens ändring' && measure(b.doc, 'ra') === 'Ägarens ändring', 5000, "A and B hold A's edit");
  return { a, b };
}

describe('a take-back never wins over an allowed concurrent edit', () => {
  for (const [aId, bId] of [[100, 200], [200, 100]] as const) {
    it(`same cell: the owner's offline edit stands over another unit's refused edit (A=${aId}, B=${bId})`, async () => {
      const { a } = await race(aId, bId, (b) => setCells(b, 'ra', { measure: 'Övertagen' }));
      expect(a.notices).toEqual([]);
      expect(await serverMeasure()).toBe('Ägarens ändring');
    });

    it(`refused delete: the owner's offline edit lands in the row put back (A=${aId}, B=${bId})`, async () => {
      const { a, b } = await race(aId, bId, (b) => rowsMap(b).delete('ra'));
      expect(rowsMap(a.doc).get('ra')?.get('unit')).toBe('clinic-a');
      // A's next edit goes to the row as it now is.
      setCells(a.doc, 'ra', { measure: 'Senare' });
      await eventually(async () => (await serverMeasure()) === 'Senare' && measure(b.doc, 'ra') === 'Senare', 5000, "A's later edit");
    });
  }
});
