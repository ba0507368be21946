/**
 * Take-backs are stored with the document, so the server that restarts still knows them: editor A
 * owns a row of the county plan and edits it offline while editor B, of another unit, changes
 * the same row and is refused (the server writes the value back, or puts the row back after a
 * refused delete). The server then stops (the room writes a snapshot as it unloads) and starts
 * again on the same SQLite file. When A comes back, A's allowed edit must still stand over the
 * take-back, whichever of the two client ids Yjs orders first. Stock y-websocket clients.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as Y from 'yjs';
import { pino } from 'pino';
import { beforeEach, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { startSyncServer, type RunningSyncServer } from '../../../server/sync/start-sync-server.js';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { seed, TOKENS, WS } from './seed.js';
import { eventually } from './support.js';
import { measure, type NoticedClient } from '../scale/noticed-clients.js';
import { takeBackClients } from './take-backs-fixture.js';

let dir: string;
let file: string;
let storage: Storage | null = null;
let server: RunningSyncServer | null = null;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-tb-stored-'));
  file = path.join(dir, 'samplan.db');
});

const { open, ownerRowSeen } = takeBackClients(
  () => server?.url,
  async () => {
    await server?.stop();
    await storage?.close();
    server = null;
    storage = null;
    fs.rmSync(dir, { recursive: true, force: true });
  },
);

/** Start the server on the SQLite file (seeding it the first time). */
async function start(seeded: boolean): Promise<RunningSyncServer> {
  storage = openSqliteStorage(file);
  if (!seeded) await seed(storage);
  const s = storage;
  server = await startSyncServer({ storage: s, records: s, auth: syncAuthFor(s, () => new Date()), checkUpdate, logger: pino({ level: 'silent' }) });
  return server;
}

/** Stop the server and close the file: everything the process remembered is gone. */
async function restart(): Promise<void> {
  await server?.stop();
  await storage?.close();
  server = null;
  storage = null;
  await start(true);
}

/** A edits row `row` offline; B's `refusedEdit` of it is refused and taken back; then the server restarts and A comes back. */
async function raceAcrossRestart(aId: number, bId: number, refusedEdit: (b: Y.Doc) => void): Promise<NoticedClient> {
  await start(false);
  const { a, b } = await ownerRowSeen(aId, bId);
  a.provider.disconnect();
  setCells(a.doc, 'r1', { measure: 'Ägarens ändring' });
  refusedEdit(b.doc);
  await eventually(() => b.notices.length === 1 && measure(b.doc, 'r1') === 'Hälsodag', 5000, "B's edit refused and taken back");
  b.provider.destroy();
  await restart();
  a.provider.serverUrl = `${server?.url}/v1/sync/${WS}`;
  a.provider.connect();
  return a;
}

for (const [aId, bId] of [
  [100, 200],
  [2000, 1000],
] as const) {
  it(`the owner's offline edit stands over a take-back made before the server restarted (A=${aId}, B=${bId})`, async () => {
    const a = await raceAcrossRestart(aId, bId, (b) => setCells(b, 'r1', { measure: 'Övertagen' }));
    const reader = await open(TOKENS.viewer);
    await eventually(() => [a.doc, reader.doc].every((d) => measure(d, 'r1') === 'Ägarens ändring'), 5000, `A's edit everywhere (A ${String(measure(a.doc, 'r1'))}, reader ${String(measure(reader.doc, 'r1'))})`);
    expect(a.notices).toEqual([]);
    const fresh = await open(TOKENS.viewer);
    expect(measure(fresh.doc, 'r1')).toBe('Ägarens ändring');
  }, 30_000);

  it(`the owner's offline edit lands in the row put back after a refused delete, across a restart (A=${aId}, B=${bId})`, async () => {
    const a = await raceAcrossRestart(aId, bId, (b) => rowsMap(b).delete('r1'));
    const reader = await open(TOKENS.viewer);
    await eventually(() => [a.doc, reader.doc].every((d) => measure(d, 'r1') === 'Ägarens ändring'), 5000, `A's edit in the row put back (A ${String(measure(a.doc, 'r1'))}, reader ${String(measure(reader.doc, 'r1'))})`);
    expect(rowsMap(reader.doc).get('r1')?.get('unit')).toBe('clinic-a');
    setCells(a.doc, 'r1', { measure: 'Senare' });
    await eventually(() => [a.doc, reader.doc].every((d) => measure(d, 'r1') === 'Senare'), 5000, "A's later edit everywhere");
  }, 30_000);
}
