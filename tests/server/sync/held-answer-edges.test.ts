/**
 * The edges of a held step 2 (`server/sync/held-answers.ts`): a peer ahead of the server whose
 * answer never comes is closed with 1013 and a reason in words after the bounded wait, and never
 * gets the document; a peer whose answer is refused and taken back (the socket kept) gets the
 * document once, with the take-back; a peer whose answer is refused with a close gets none of it,
 * before or after the close. Raw frames, as a custom client or a stock one would send them.
 */
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncStep2 } from '../../../server/sync/protocol.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { NOTICES_ON, NOTICES_PARAM } from '../../../shared/protocol/notices.js';
import { eventually, rawClient, startTestServer, TOKENS, type RawClient, type TestServer } from './support.js';

let server: TestServer | null = null;
const raws: RawClient[] = [];
afterEach(async () => {
  for (const r of raws.splice(0)) r.ws.terminate();
  await server?.stop();
  server = null;
});

/** Sync step 2 frames (type 0, sub-type 1) among `frames`. */
const step2s = (frames: Uint8Array[]): Uint8Array[] => frames.filter((f) => f[0] === 0 && f[1] === 1);

/**
 * Resolves once the server has handled every frame `client` sent before this call: a query for
 * presence (type 3) is answered with a presence frame (type 1) on the same socket, in order, and
 * touches no held answer (only sync messages release one). None of these tests sends presence,
 * so every presence frame a client gets is such an answer.
 */
async function handled(client: RawClient): Promise<void> {
  const answers = (): number => client.frames.filter((f) => f[0] === 1).length;
  const before = answers();
  client.send(new Uint8Array([3]));
  await eventually(() => answers() > before, 5000, 'the answer to a query for presence');
}

/** The update a sync frame carries. */
function payload(frame: Uint8Array): Uint8Array {
  const d = decoding.createDecoder(frame);
  decoding.readVarUint(d);
  decoding.readVarUint(d);
  return decoding.readVarUint8Array(d);
}

/** A raw client of `doc` that asked for notices (a refused change is taken back, the socket kept). */
function noticesClient(doc: string, token: string): RawClient {
  const client = rawClient(server!, doc, token, `${NOTICES_PARAM}=${NOTICES_ON}`);
  raws.push(client);
  return client;
}

/** A copy of `doc` as the server has it now, read by a fresh raw client. */
async function copyOf(doc: string): Promise<Y.Doc> {
  const fresh = rawClient(server!, doc, TOKENS.coordinator);
  raws.push(fresh);
  await fresh.opened;
  fresh.send(encodeSyncStep1(new Uint8Array([0])));
  await eventually(() => step2s(fresh.frames).length === 1, 5000, 'the fresh peer answered');
  const copy = new Y.Doc();
  Y.applyUpdate(copy, payload(step2s(fresh.frames)[0]!));
  fresh.ws.close();
  return copy;
}

describe('a peer ahead of the server', () => {
  it('that never sends its answer is closed with 1013 and a reason in words after the wait, and gets none of the document', async () => {
    server = await startTestServer({ heldAnswerMs: 300 });
    const ahead = await copyOf('plan-a');
    insertRow(ahead, { title: 'Aldrig skickad' });

    const quiet = rawClient(server, 'plan-a', TOKENS.coordinator);
    raws.push(quiet);
    await quiet.opened;
    quiet.send(encodeSyncStep1(Y.encodeStateVector(ahead)));
    const closed = await quiet.closed;
    expect(closed.code).toBe(CloseCode.tryAgainLater);
    expect(closed.reason).toMatch(/did not arrive; connect again/);
    expect(step2s(quiet.frames)).toHaveLength(0);
  });

  it('that answers within the wait is not closed', async () => {
    server = await startTestServer({ heldAnswerMs: 300 });
    const copy = await copyOf('plan-a');
    const before = Y.encodeStateVector(copy);
    insertRow(copy, { title: 'Skriven offline' });
    const back = rawClient(server, 'plan-a', TOKENS.coordinator);
    raws.push(back);
    await back.opened;
    back.send(encodeSyncStep1(Y.encodeStateVector(copy)));
    back.send(encodeSyncStep2(Y.encodeStateAsUpdate(copy, before)));
    await eventually(() => step2s(back.frames).length === 1, 5000, 'the answer');
    // The wait is over for `back` once a peer held later, for the same wait, is given up on:
    // timers of one length fire in the order they were set, so a timer of `back`'s left running
    // would have closed it first. The round trip on `back` then brings in that close, if sent.
    const later = new Y.Doc();
    insertRow(later, { title: 'Aldrig skickad' });
    const probe = rawClient(server, 'plan-a', TOKENS.coordinator);
    raws.push(probe);
    await probe.opened;
    probe.send(encodeSyncStep1(Y.encodeStateVector(later)));
    expect((await probe.closed).code).toBe(CloseCode.tryAgainLater);
    await handled(back);
    expect(back.ws.readyState).toBe(back.ws.OPEN);
    expect(step2s(back.frames)).toHaveLength(1);
  });
});

describe('a held answer when the peer\'s answer is refused', () => {
  /** The county plan with a row of clinic-a, and a copy of it in which editor B changed that row offline. */
  async function refusedCopy(): Promise<{ copy: Y.Doc; update: Uint8Array }> {
    const owner = await copyOf('county');
    const start = Y.encodeStateVector(owner);
    insertRow(owner, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'r1' });
    const a = rawClient(server!, 'county', TOKENS.editorA);
    raws.push(a);
    await a.opened;
    a.send(encodeSyncStep2(Y.encodeStateAsUpdate(owner, start)));
    await handled(a);
    const copy = await copyOf('county');
    expect(rowsMap(copy).has('r1')).toBe(true);
    const before = Y.encodeStateVector(copy);
    setCells(copy, 'r1', { measure: 'Ändrad av fel enhet' });
    return { copy, update: Y.encodeStateAsUpdate(copy, before) };
  }

  it('partly, taken back with the socket kept: the document is sent once, with the take-back', async () => {
    server = await startTestServer();
    const { copy, update } = await refusedCopy();
    const b = noticesClient('county', TOKENS.editorB);
    await b.opened;
    b.send(encodeSyncStep1(Y.encodeStateVector(copy)));
    await handled(b);
    expect(step2s(b.frames)).toHaveLength(0);
    b.send(encodeSyncStep2(update));
    await eventually(() => step2s(b.frames).length === 1, 5000, 'the answer after the take-back');
    await handled(b);
    expect(step2s(b.frames)).toHaveLength(1);
    expect(b.ws.readyState).toBe(b.ws.OPEN);
    const seen = new Y.Doc();
    Y.applyUpdate(seen, Y.encodeStateAsUpdate(copy));
    Y.applyUpdate(seen, payload(step2s(b.frames)[0]!));
    // Relayed updates (the take-back) may come as update frames (type 0, sub-type 2) as well.
    for (const f of b.frames.filter((f) => f[0] === 0 && f[1] === 2)) Y.applyUpdate(seen, payload(f));
    expect(rowsMap(seen).get('r1')?.get('measure')).toBe('Hälsodag');
  });

  it('wholly, with a close: none of the document is sent, before or after the close', async () => {
    server = await startTestServer();
    const { copy, update } = await refusedCopy();
    const b = rawClient(server, 'county', TOKENS.editorB);
    raws.push(b);
    await b.opened;
    b.send(encodeSyncStep1(Y.encodeStateVector(copy)));
    await handled(b);
    expect(step2s(b.frames)).toHaveLength(0);
    b.send(encodeSyncStep2(update));
    const closed = await b.closed;
    // Editor B may not change a row of clinic-a: without notices the refusal closes the socket.
    expect(closed.code).toBe(CloseCode.forbidden);
    // Nothing arrives after a close: `ws` emits every frame it read before its close event.
    expect(step2s(b.frames)).toHaveLength(0);
  });
});
