/**
 * What a joining client sends back that the document already has (its whole state, its delete
 * set) is acknowledged without touching the doc (`addsNothing` in `Room.offer`): no Yjs
 * transaction runs (so the doc's version stays, and with it the step-2 answer already encoded,
 * `frames.ts`), nothing is stored, the socket stays open. An update holding one change more
 * still goes the full path.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../../../server/sync/protocol.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { insertRow, setCell } from '../../../shared/doc/index.js';
import { eventually, rawClient, startTestServer, TOKENS, WS, type RawClient, type TestServer } from './support.js';

let server: TestServer | null = null;
const clients: RawClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await server?.stop();
  server = null;
});

async function connect(token: string): Promise<RawClient> {
  const c = rawClient(server as TestServer, 'plan-a', token);
  clients.push(c);
  await c.opened;
  return c;
}

const ref = { workspace: WS, doc: 'plan-a' };
const stored = async (): Promise<number> => (await (server as TestServer).storage.loadDoc(ref)).lastSeq;

/** Sends `frame`, then a step 1; resolves with the step-2 answer's bytes, or the close code. */
async function answered(c: RawClient, frame: Uint8Array): Promise<Uint8Array | number> {
  const from = c.frames.length;
  c.send(frame);
  c.send(encodeSyncStep1(new Uint8Array([0])));
  const step2 = (): Uint8Array | undefined => c.frames.slice(from).find((f) => f[0] === 0 && f[1] === 1);
  return Promise.race([eventually(() => step2() !== undefined, 5000, 'the step 2 answer').then(() => step2() as Uint8Array), c.closed.then(({ code }) => code)]);
}

describe('a joining client sending back what the document has', () => {
  it('runs no transaction and stores nothing; one more change still goes the full path', async () => {
    server = await startTestServer();
    const writer = await connect(TOKENS.editorA);
    // A plan with a deletion, so that every client's answer carries a delete set.
    const replica = await server.sync.registry.withDoc(ref, (room) => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(room.doc));
      return d;
    });
    const edits = (change: () => void): Uint8Array => {
      const before = Y.encodeStateVector(replica);
      change();
      return Y.encodeStateAsUpdate(replica, before);
    };
    let rowId = '';
    writer.send(encodeUpdate(edits(() => (rowId = insertRow(replica, { title: 'Hälsodag' })))));
    writer.send(encodeUpdate(edits(() => setCell(replica, rowId, 'title', 'Hälsodag i Tensta'))));
    writer.send(encodeUpdate(edits(() => rowsMap(replica).delete(insertRow(replica, { title: 'borttagen' })))));
    await eventually(async () => (await stored()) >= 3, 5000, 'the edits stored');
    const before = await stored();
    let transactions = 0;
    await server.sync.registry.withDoc(ref, (room) => room.doc.on('afterTransaction', () => transactions++));

    const whole = Y.encodeStateAsUpdate(replica);
    const deletes = Y.encodeStateAsUpdate(replica, Y.encodeStateVector(replica));
    expect(deletes.byteLength).toBeGreaterThan(2);
    const answers: (Uint8Array | number)[] = [];
    for (const [token, update] of [
      [TOKENS.editorA, whole],
      [TOKENS.editorA, deletes],
      [TOKENS.viewer, whole],
      [TOKENS.editorA, Y.mergeUpdates([deletes, whole])],
    ] as const) {
      const c = await connect(token);
      answers.push(await answered(c, encodeSyncStep2(update)));
    }
    for (const a of answers) expect(a).toBeInstanceOf(Uint8Array);
    expect(transactions).toBe(0);
    expect(await stored()).toBe(before);

    // Its own new cell with what it has: applied and stored.
    const c = await connect(TOKENS.editorA);
    const more = Y.mergeUpdates([whole, edits(() => setCell(replica, rowId, 'comment', 'ny kommentar'))]);
    expect(await answered(c, encodeSyncStep2(more))).toBeInstanceOf(Uint8Array);
    expect(transactions).toBeGreaterThan(0);
    await eventually(async () => (await stored()) === before + 1, 5000, 'the new cell stored');
  }, 30_000);
});
