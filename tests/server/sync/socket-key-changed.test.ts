/**
 * A document whose row of `doc_keys` a hand gives another key in the SQLite file while the server
 * serves it. The writer's next edit was closed with 1011 and an English reason (the pane backed off
 * and sent the edit again, to the same end), logged at error level with a stack, and the room's
 * reload read the document through the new key, without the history under the old one. Now the
 * edit is refused in words as a document without its key is (4409, naming the key its history is
 * under: the pane says it in the reader's language and keeps the edit), logged at warn with the
 * code `document-key-changed`, a later connection is refused the same way, nothing is stored, and
 * once the key is back the edit sent again is stored after the rest.
 */
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { keyChangedOf, keylessDocWords } from '../../../shared/protocol/keyless-history.js';
import { insertRows, rowsOf } from '../../../shared/doc/index.js';
import { tempStores } from '../../support/temp-stores.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from './support.js';

const stores = tempStores();
let server: TestServer | null = null;
const clients: SyncClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.stop();
  server = null;
});

/** Runs `sql` on `file` on a connection of its own, as a hand in the `sqlite3` shell would; returns what a SELECT gives. */
function byHand(file: string, sql: string, ...params: unknown[]): unknown {
  const db = new Database(file);
  try {
    const stmt = db.prepare(sql);
    return stmt.reader ? stmt.pluck().get(...params) : stmt.run(...params);
  } finally {
    db.close();
  }
}

describe('a document whose key a hand changes under a running server', () => {
  it('refuses the edit with 4409 naming the old key, logs a warning with the code and no error, stores nothing, and takes the edit once the key is back', async () => {
    const file = stores.dbFile('socket-key-changed');
    const lines: { level: number; code?: string; msg: string }[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(JSON.parse(chunk.toString()) as never), done()) });
    const storage = stores.keep(openSqliteStorage(file));
    server = await startTestServer({}, { storage, logger: pino({ level: 'info' }, sink) });
    const connect = (): SyncClient => {
      const c = new SyncClient(`${server?.base}/plan-a?token=${TOKENS.editorA}`);
      clients.push(c);
      return c;
    };
    const titles = (c: SyncClient): string[] => rowsOf(c.doc).map((r) => String(r.values.title));

    const writer = connect();
    await writer.synced;
    writer.write((d) => void insertRows(d, [{ title: 'Promenadgrupp' }]));
    await eventually(async () => rowsOf(await docOf(storage)).length === 1, 5000, 'the first row stored');
    const key = Number(byHand(file, 'SELECT id FROM doc_keys WHERE workspace = ? AND doc = ?', WS, 'plan-a'));
    byHand(file, 'UPDATE doc_keys SET id = ? WHERE workspace = ? AND doc = ?', key + 100, WS, 'plan-a');
    const rowsBefore = Number(byHand(file, 'SELECT count(*) FROM update_rows WHERE id >> 32 = ?', key));

    writer.write((d) => void insertRows(d, [{ title: 'Hälsodag' }]));
    const closed = await writer.closed;
    expect(closed.code).toBe(CloseCode.keyless);
    // The reason names both keys, so the pane says the key was changed, not that it is gone.
    expect(keyChangedOf(closed.reason)).toEqual({ from: key, to: key + 100 });
    expect(keylessDocWords(closed.reason).sv).toContain(`har ändrats (${key + 100} i stället för ${key})`);
    // A later connection meets the same refusal, not a document without its history.
    const late = connect();
    expect((await late.closed).code).toBe(CloseCode.keyless);
    expect(Number(byHand(file, 'SELECT count(*) FROM update_rows WHERE id >> 32 = ?', key))).toBe(rowsBefore);
    expect(Number(byHand(file, 'SELECT count(*) FROM update_rows WHERE id >> 32 = ?', key + 100))).toBe(0);

    // A refusal in words, not a fault: warned with its code, nothing at error level.
    const refusals = lines.filter((l) => l.code === 'document-key-changed');
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    expect(refusals.every((l) => l.level === 40)).toBe(true);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);

    byHand(file, 'UPDATE doc_keys SET id = ? WHERE workspace = ? AND doc = ?', key, WS, 'plan-a');
    const again = connect();
    await again.synced;
    expect(titles(again)).toEqual(['Promenadgrupp']);
    // The pane keeps the refused edit in the workbook; sent again, it is stored after the rest.
    again.write((d) => void insertRows(d, [{ title: 'Hälsodag' }]));
    await eventually(async () => rowsOf(await docOf(storage)).length === 2, 5000, 'the edit stored once the key is back');
  });
});

/** The document `plan-a` as storage holds it. */
async function docOf(storage: ReturnType<typeof openSqliteStorage>) {
  const Y = await import('yjs');
  const stored = await storage.loadDoc({ workspace: WS, doc: 'plan-a' });
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}
