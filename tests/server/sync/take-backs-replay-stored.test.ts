/**
 * What a room decides after reading the stored take-backs (`Room.lookBackStored`) is what the next
 * load of the document holds, and what every client holds: a delete replayed over a take-back
 * dropped from memory for the budget (here a budget of 100 bytes: every take-back is dropped at
 * once) is stored, so a restart after it (the document loaded again from storage, as `loadDoc`
 * loads it) keeps it; and when the stored take-backs cannot be read, only the author is told, and
 * the author, the others and the next load all end with the state the server holds (the value put
 * back), none keeping the delete its own copy had applied.
 */
import type * as Y from 'yjs';
import { expect, it } from 'vitest';
import { rowsMap } from '../../../shared/doc/create.js';
import { WS, eventually, TOKENS, type TestServer } from './support.js';
import { measure, type NoticedClient } from '../scale/noticed-clients.js';
import { silentLogger, takeBackServer } from './take-backs-fixture.js';
import { loadDoc } from '../../../server/sync/load-doc.js';
import { LOST_EDIT_CODE } from '../../../server/sync/lost-edit.js';

// Read when the first room remembers a take-back, after this file's modules are loaded.
process.env.SAMPLAN_TAKE_BACK_MEMORY_MB = '0.0001';

const { open, takenBack } = takeBackServer();
const REF = { workspace: WS, doc: 'county' };

/** Row r1 as `doc` holds it (its cells), or null when it has no row r1. */
const r1 = (doc: Y.Doc): unknown => rowsMap(doc).get('r1')?.toJSON() ?? null;

/** Row r1 as the room holds it, and as the document loads again from storage (a restart). */
async function serverSide(server: TestServer): Promise<{ room: unknown; reloaded: unknown }> {
  const room = await server.sync.registry.withDoc(REF, (room) => r1(room.doc));
  const { doc } = await loadDoc(REF, server.storage, silentLogger);
  return { room, reloaded: r1(doc) };
}

/** Every client and the server side hold row r1 as `want` says. */
async function everywhere(server: TestServer, clients: NoticedClient[], want: (row: unknown) => boolean): Promise<boolean> {
  const { room, reloaded } = await serverSide(server);
  return [room, reloaded, ...clients.map((c) => r1(c.doc))].every(want);
}

const noMeasure = (row: unknown): boolean => row !== null && !('measure' in (row as object));

for (const [what, deleteIt, gone] of [
  ['a cell', (a: Y.Doc) => void rowsMap(a).get('r1')?.delete('measure'), noMeasure],
  ['a row', (a: Y.Doc) => void rowsMap(a).delete('r1'), (row: unknown) => row === null],
] as const) {
  it(`a delete of ${what} replayed after the stored take-backs were read is stored: loaded again, the document keeps it`, async () => {
    const { server, a, b } = await takenBack(deleteIt, what === 'a row' ? (b) => void rowsMap(b).delete('r1') : undefined);
    a.provider.connect();
    const reader = await open(TOKENS.viewer);
    await eventually(() => everywhere(server, [a, b, reader], gone), 5000, `the delete everywhere (A ${JSON.stringify(r1(a.doc))}, B ${JSON.stringify(r1(b.doc))})`);
    // A restart: nothing in memory, the document loaded again from storage.
    const { doc } = await loadDoc(REF, server.storage, silentLogger);
    expect(gone(r1(doc))).toBe(true);
    expect(a.notices).toEqual([]);
  });

  it(`a delete of ${what} whose stored take-backs cannot be read is told to its author alone, and every copy ends as the server holds it`, async () => {
    const { server, a, b } = await takenBack(deleteIt, what === 'a row' ? (b) => void rowsMap(b).delete('r1') : undefined);
    const storage = server.storage as unknown as { loadTakeBacks: (ref: unknown) => Promise<Uint8Array[]> };
    storage.loadTakeBacks = () => Promise.reject(new Error('disk I/O error'));
    // A's own copy applied the delete while offline.
    expect(gone(r1(a.doc))).toBe(true);
    a.provider.connect();
    const reader = await open(TOKENS.viewer);
    await eventually(() => a.notices.length > 0, 5000, 'the notice to the author');
    expect(a.notices.map((n) => (n.type === 'refusal' ? n.refusal.code : n.type))).toEqual([LOST_EDIT_CODE]);
    const putBack = (row: unknown): boolean => row !== null && (row as { measure?: unknown }).measure === 'Hälsodag';
    await eventually(() => everywhere(server, [a, b, reader], putBack), 5000, `row r1 as put back everywhere (A ${JSON.stringify(r1(a.doc))}, B ${JSON.stringify(r1(b.doc))}, reader ${JSON.stringify(r1(reader.doc))})`);
    // B was told only of its own refused change; the reader nothing.
    expect(b.notices).toHaveLength(1);
    expect(reader.notices).toEqual([]);
    expect(measure(a.doc, 'r1')).toBe('Hälsodag');
  });
}
