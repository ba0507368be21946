/**
 * The server's step 2 (the document's state) to a peer whose step 1 names writes the document
 * lacks is held until the peer's own answer was judged (`held-answers.ts`). A kept copy of another
 * making of the id is refused with 4410 before it has seen any of the document: a stock
 * y-websocket client never merges the document's rows into the copy it keeps, also when it
 * connects again (before y-websocket 3 it reconnects after 4410 with its backoff). A peer with offline edits of the document gets its answer once
 * they are taken; a fresh peer at once; answers keep their order.
 */
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncStep2 } from '../../../server/sync/protocol.js';
import { createDoc, insertRow, insertRows, rowsOf } from '../../../shared/doc/index.js';
import { markMade } from '../../../shared/doc/create.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { kindDef } from '../../../shared/schema/index.js';
import { connectProvider, eventually, rawClient, synced, startTestServer, TOKENS, type RawClient, type TestServer } from './support.js';

let server: TestServer | null = null;
const providers: WebsocketProvider[] = [];
const raws: RawClient[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const r of raws.splice(0)) r.ws.terminate();
  await server?.stop();
  server = null;
});

/** Sync step 2 frames (type 0, sub-type 1) among `frames`. */
const step2s = (frames: Uint8Array[]): Uint8Array[] => frames.filter((f) => f[0] === 0 && f[1] === 1);

/** The update a sync frame carries. */
function payload(frame: Uint8Array): Uint8Array {
  const d = decoding.createDecoder(frame);
  decoding.readVarUint(d);
  decoding.readVarUint(d);
  return decoding.readVarUint8Array(d);
}

const titles = (doc: Y.Doc): string[] => rowsOf(doc).map((r) => String(r.values.title ?? ''));

describe('the answer to a step 1 naming writes the document lacks', () => {
  it('is never sent to a kept copy of another making: a stock client refused with 4410 merges none of the document', async () => {
    server = await startTestServer();
    const current = connectProvider(server, 'plan-a', TOKENS.coordinator);
    providers.push(current);
    await synced(current);
    insertRow(current.doc, { title: 'Rad i det nya dokumentet' });
    await eventually(async () => (await server!.storage.loadDoc({ workspace: 'hbi-test', doc: 'plan-a' })).lastSeq >= 2);

    // A copy of an earlier plan-a (deleted, its id taken by this one), kept by a stock client.
    const kept = createDoc('activity-plan', { title: 'plan-a', ownerUnit: 'clinic-a', schemaVersion: kindDef('activity-plan').schemaVersion });
    markMade(kept);
    insertRows(kept, [{ title: 'Gammal rad' }]);
    const closes: number[] = [];
    const old = connectProvider(server, 'plan-a', TOKENS.coordinator, kept);
    providers.push(old);
    old.on('connection-close', (e: CloseEvent | null) => void (e && closes.push(e.code)));
    await eventually(() => closes.length >= 1, 5000, 'the refusal');
    expect(titles(kept)).toEqual(['Gammal rad']);
    // Connected again (y-websocket before 3 reconnects after any close, with its backoff): refused again, still nothing merged.
    old.connect();
    await eventually(() => closes.length >= 2, 5000, 'the second refusal');
    expect(closes).toEqual([CloseCode.replaced, CloseCode.replaced]);
    expect(titles(kept)).toEqual(['Gammal rad']);
    expect(titles(current.doc)).toEqual(['Rad i det nya dokumentet']);
  });

  it('is sent once offline edits of the document are taken, or at the peer\'s next step 1; a fresh peer is answered at once', async () => {
    server = await startTestServer();
    const fresh = rawClient(server, 'plan-a', TOKENS.coordinator);
    raws.push(fresh);
    await fresh.opened;
    fresh.send(encodeSyncStep1(new Uint8Array([0])));
    await eventually(() => step2s(fresh.frames).length === 1, 5000, 'the fresh peer answered');

    // A copy of the document with a row written offline.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, payload(step2s(fresh.frames)[0]!));
    expect(copy.getMap('meta').get('kind')).toBe('activity-plan');
    const before = Y.encodeStateVector(copy);
    insertRow(copy, { title: 'Skriven offline' });

    const back = rawClient(server, 'plan-a', TOKENS.coordinator);
    raws.push(back);
    await back.opened;
    back.send(encodeSyncStep1(Y.encodeStateVector(copy)));
    await new Promise((r) => setTimeout(r, 200));
    expect(step2s(back.frames)).toHaveLength(0);
    back.send(encodeSyncStep2(Y.encodeStateAsUpdate(copy, before)));
    await eventually(() => step2s(back.frames).length === 1, 5000, 'the answer once the offline row was taken');
    expect(back.ws.readyState).toBe(back.ws.OPEN);

    // A peer that sends nothing of its own (read-only, or its change was refused and taken back):
    // its next step 1 releases the first, and both are answered, in order.
    const quiet = rawClient(server, 'plan-a', TOKENS.coordinator);
    raws.push(quiet);
    await quiet.opened;
    const ahead = new Y.Doc();
    Y.applyUpdate(ahead, Y.encodeStateAsUpdate(copy));
    insertRow(ahead, { title: 'Aldrig skickad' });
    quiet.send(encodeSyncStep1(Y.encodeStateVector(ahead)));
    await new Promise((r) => setTimeout(r, 200));
    expect(step2s(quiet.frames)).toHaveLength(0);
    quiet.send(encodeSyncStep1(Y.encodeStateVector(ahead)));
    await eventually(() => step2s(quiet.frames).length === 2, 5000, 'both answers after the second step 1');
    expect(quiet.ws.readyState).toBe(quiet.ws.OPEN);
  });
});
