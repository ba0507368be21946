/**
 * Every door of the sync socket through which a text reaches storage, a log line or a peer (a
 * cell, a row id, a column name, `meta.title`, a row comment, presence: the user's name and the
 * selected row), each with spellings of one personnummer: the writer is told in words (a refusal
 * notice, or a close naming the identity number) and afterwards not one byte of the number is in
 * the SQLite file, the log or the frames a second client received. A marker the server accepts
 * reaches all three, so the scans can fail. One server, a connection per refused update.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/logger.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { encodeAwareness, encodeAwarenessUpdate, encodeUpdate } from '../../../server/sync/protocol.js';
import { addComment } from '../../../shared/comments/comments.js';
import { insertRow, setMeta } from '../../../shared/doc/index.js';
import { eventually, rawClient, startTestServer, TOKENS, WS, type RawClient, type TestServer } from '../sync/support.js';
import { foundIn, ID_SPELLINGS, needlesOf, TEXT_SPELLINGS } from './trust-server.js';

const MARKER = 'KONTROLLMARKOR-4711';
/** Words every refusal of an identity number carries, in the close reason or the notice. */
const REFUSED = /identity number|personnummer|samordningsnummer|coordination number/i;

let dir = '';
let storage: Storage;
let server: TestServer;
const lines: string[] = [];
const peers: RawClient[] = [];
const used: string[] = [];

/** An update made on a copy of the server's current state of `doc`. */
async function edit(doc: string, change: (d: Y.Doc) => void): Promise<Uint8Array> {
  const copy = await server.sync.registry.withDoc({ workspace: WS, doc }, (room) => {
    const d = new Y.Doc();
    Y.applyUpdate(d, Y.encodeStateAsUpdate(room.doc));
    return d;
  });
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

/** Send `frame` on a fresh connection of `token` to `doc`; resolves with the words it was refused in. */
async function refusedWords(doc: string, token: string, frame: Uint8Array): Promise<string> {
  const c = rawClient(server, doc, token);
  await c.opened;
  const seen = c.frames.length;
  let closed: { code: number; reason: string } | null = null;
  void c.closed.then((x) => (closed = x));
  c.send(frame);
  let words = '';
  await eventually(() => {
    const notice = c.frames.slice(seen).map((f) => Buffer.from(f).toString('utf8')).find((t) => REFUSED.test(t));
    words = notice ?? (closed ? `${closed.code} ${closed.reason}` : '');
    return words !== '';
  }, 5000, 'refused');
  c.ws.terminate();
  return words;
}

const lastSeq = async (doc: string): Promise<number> => (await storage.loadDoc({ workspace: WS, doc })).lastSeq;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-trust-sync-'));
  storage = openSqliteStorage(path.join(dir, 'samplan.db'));
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  server = await startTestServer({}, { storage, logger: createLogger({ level: 'debug', destination }) });
  for (const doc of ['plan-a', 'county']) {
    const peer = rawClient(server, doc, TOKENS.viewer);
    peers.push(peer);
    await peer.opened;
  }
  // The marker: accepted, stored and relayed, so each scan below can find what it looks for.
  const writer = rawClient(server, 'plan-a', TOKENS.editorA);
  await writer.opened;
  const before = await lastSeq('plan-a');
  writer.send(encodeUpdate(await edit('plan-a', (d) => insertRow(d, { title: MARKER }, { id: 'rowA' }))));
  await eventually(async () => (await lastSeq('plan-a')) > before, 5000, 'marker stored');
  writer.ws.terminate();
  const county = rawClient(server, 'county', TOKENS.editorA);
  await county.opened;
  const seq = await lastSeq('county');
  county.send(encodeUpdate(await edit('county', (d) => insertRow(d, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'rowC' }))));
  await eventually(async () => (await lastSeq('county')) > seq, 5000, 'county row stored');
  county.ws.terminate();
});

afterAll(async () => {
  for (const p of peers) p.ws.terminate();
  await server?.stop().catch(() => undefined);
  await storage?.close().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A door: the document, who writes, and the change putting the text there. */
type Door = [name: string, doc: string, token: string, change: (d: Y.Doc, text: string) => void];

const TEXT_DOORS: Door[] = [
  ['a cell', 'plan-a', TOKENS.editorA, (d, t) => void insertRow(d, { title: `Promenad ${t}` })],
  ['a cell changed', 'plan-a', TOKENS.editorA, (d, t) => (d.getMap('rows').get('rowA') as Y.Map<unknown>).set('title', t)],
  ['meta.title', 'plan-a', TOKENS.coordinator, (d, t) => setMeta(d, { title: `Plan ${t}` })],
  ['a row comment', 'county', TOKENS.editorB, (d, t) => void addComment(d, { row: 'rowC', author: 'm-b', text: `Ring ${t}` })],
];
const ID_DOORS: Door[] = [
  ['a row id', 'plan-a', TOKENS.editorA, (d, t) => void insertRow(d, { title: 'Promenad' }, { id: t })],
  ['a column name', 'plan-a', TOKENS.editorA, (d, t) => (d.getMap('rows').get('rowA') as Y.Map<unknown>).set(t, 'x')],
];

describe('personnummer × sync socket doors', { timeout: 90_000 }, () => {
  it.each([...TEXT_DOORS.map((d) => [...d, TEXT_SPELLINGS] as const), ...ID_DOORS.map((d) => [...d, ID_SPELLINGS] as const)])(
    '%s: refused in words, stored nowhere',
    async (_name, doc, token, change, spellings) => {
      const before = await lastSeq(doc);
      for (const text of spellings) {
        used.push(text);
        const words = await refusedWords(doc, token, encodeUpdate(await edit(doc, (d) => change(d, text))));
        expect(words, text).toMatch(REFUSED);
        expect(foundIn(words, needlesOf([text])), text).toEqual([]);
      }
      expect(await lastSeq(doc)).toBe(before);
    },
  );

  it.each([
    ['the user name', 31337, (t: string) => ({ user: { name: `Anna ${t}`, color: '#0f6cbd' } })],
    ['the selected row', 31338, (t: string) => ({ user: { name: 'Anna', color: '#0f6cbd' }, row: t })],
  ])('presence: %s holding one reaches no peer', async (_name, clientId, state) => {
    const c = rawClient(server, 'plan-a', TOKENS.editorA);
    await c.opened;
    let clock = 1;
    for (const text of [...TEXT_SPELLINGS, ...ID_SPELLINGS]) {
      used.push(text);
      c.send(encodeAwareness(encodeAwarenessUpdate([{ clientId, clock: clock++, json: JSON.stringify(state(text)) }])));
    }
    // A state after them selecting a row of the document: once the peer has it, every state before was handled.
    c.send(encodeAwareness(encodeAwarenessUpdate([{ clientId, clock: clock++, json: JSON.stringify({ user: { name: 'Anna', color: '#0f6cbd' }, row: 'rowA' }) }])));
    const peer = peers[0] as RawClient;
    await eventually(() => peer.frames.some((f) => Buffer.from(f).includes('"row":"rowA"')), 5000, 'marker presence relayed');
    c.ws.terminate();
  });

  it('leaves not one byte of the number in the SQLite file, the log or what a peer received', async () => {
    const needles = needlesOf(used);
    const received = Buffer.concat(peers.flatMap((p) => p.frames.map((f) => Buffer.from(f))));
    expect(received.includes(MARKER)).toBe(true);
    expect(foundIn(received, needles)).toEqual([]);
    expect(lines.filter((l) => foundIn(l, needles).length > 0)).toEqual([]);
    await server.stop();
    await storage.close();
    const bytes = Buffer.concat(fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f))));
    expect(bytes.includes(MARKER)).toBe(true);
    expect(foundIn(bytes, needles)).toEqual([]);
  });
});
