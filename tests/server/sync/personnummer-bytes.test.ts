import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { encodeUpdate } from '../../../server/sync/protocol.js';
import { insertRow } from '../../../shared/doc/index.js';
import { eventually, rawClient, SEEDED_SEQ, startTestServer, TOKENS, WS, type TestServer } from './support.js';

let server: TestServer | null = null;
let storage: Storage | null = null;
let dir = '';

afterEach(async () => {
  await server?.stop();
  await storage?.close();
  server = null;
  storage = null;
  rmSync(dir, { recursive: true, force: true });
});

function rowUpdate(rowId: string, comment: string): Uint8Array {
  const doc = new Y.Doc();
  insertRow(doc, { comment }, { id: rowId });
  return encodeUpdate(Y.encodeStateAsUpdate(doc));
}

/** Everything SQLite has written: the database file and its write-ahead log. */
function fileBytes(db: string): Buffer {
  return Buffer.concat([db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f)));
}

describe('personnummer never reaches the SQLite file', () => {
  it('keeps a refused personnummer out of the db and -wal bytes, while an accepted marker is there', async () => {
    dir = mkdtempSync(join(tmpdir(), 'samplan-pnr-'));
    const db = join(dir, 'samplan.db');
    storage = openSqliteStorage(db);
    server = await startTestServer({}, { storage });

    const writer = rawClient(server, 'plan-a', TOKENS.editorA);
    await writer.opened;
    writer.send(rowUpdate('r-ok', 'KONTROLLMARKOR-4711'));
    await eventually(async () => (await storage!.loadDoc({ workspace: WS, doc: 'plan-a' })).lastSeq === SEEDED_SEQ + 1);
    writer.send(rowUpdate('r-bad', 'Ring 19811218-9876 om hälsosamtalet'));
    expect((await writer.closed).code).toBe(4422);

    await server.stop();
    server = null;
    const bytes = fileBytes(db);
    // The positive control: accepted text does land in these bytes, so the check below can fail.
    expect(bytes.includes('KONTROLLMARKOR-4711')).toBe(true);
    for (const form of ['19811218-9876', '811218-9876', '8112189876']) {
      expect(bytes.includes(form), form).toBe(false);
    }
  });
});
