/**
 * A take-back dropped from memory for the process's budget (`take-back-budget.ts`, here a budget of
 * 100 bytes: every take-back is dropped at once) is not forgotten: storage holds it, and when the
 * owner's offline edit of the cell loses to it, the room reads the stored take-backs and writes the
 * edit again (`Room.lookBackStored`), as it does for a take-back it remembers.
 */
import type * as Y from 'yjs';
import { expect, it } from 'vitest';
import { setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { WS, eventually, TOKENS } from './support.js';
import { measure } from '../scale/noticed-clients.js';
import { roomMeasure, sleep, takeBackServer } from './take-backs-fixture.js';
import { LOST_EDIT_CODE } from '../../../server/sync/lost-edit.js';

// Read when the first room remembers a take-back, after this file's modules are loaded.
process.env.SAMPLAN_TAKE_BACK_MEMORY_MB = '0.0001';

const { start, open, ownerRowSeen, takenBack } = takeBackServer();

it("the owner's offline edit stands over another unit's refused edit taken back and dropped from memory", async () => {
  const { server, a } = await takenBack();
  const dropped = await server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => (room as unknown as { apply: { takeBacks: { needsLookBack: boolean; size: number } } }).apply.takeBacks);
  expect(dropped.needsLookBack).toBe(true);
  expect(dropped.size).toBe(0);
  a.provider.connect();
  const reader = await open(TOKENS.viewer);
  await eventually(async () => measure(reader.doc, 'r1') === 'Ägarens ändring' && (await roomMeasure(server)) === 'Ägarens ändring', 5000, `the owner's edit everywhere (reader ${String(measure(reader.doc, 'r1'))})`);
});

it("the owner's offline cell edit of a row stands over another unit's refused delete of the row, taken back and dropped from memory", async () => {
  const { server, a } = await takenBack(undefined, (b) => void rowsMap(b).delete('r1'));
  a.provider.connect();
  const reader = await open(TOKENS.viewer);
  await eventually(async () => measure(reader.doc, 'r1') === 'Ägarens ändring' && (await roomMeasure(server)) === 'Ägarens ändring', 5000, `the owner's edit everywhere (reader ${String(measure(reader.doc, 'r1'))})`);
});

it("the owner's offline delete of a cell stands over another unit's refused edit of it, taken back and dropped from memory", async () => {
  const { server, a, b } = await takenBack((a) => rowsMap(a).get('r1')?.delete('measure'));
  a.provider.connect();
  const reader = await open(TOKENS.viewer);
  const gone = (doc: Y.Doc): boolean => rowsMap(doc).get('r1')?.has('measure') === false;
  await eventually(async () => [a, b, reader].every((c) => gone(c.doc)) && (await server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => gone(room.doc))), 5000, `the cell gone everywhere (A ${String(measure(a.doc, 'r1'))}, B ${String(measure(b.doc, 'r1'))}, reader ${String(measure(reader.doc, 'r1'))})`);
  expect(a.notices).toEqual([]);
});

it("the owner's offline delete of a row stands over another unit's refused delete of it, taken back and dropped from memory", async () => {
  const { server, a, b } = await takenBack((a) => void rowsMap(a).delete('r1'), (b) => void rowsMap(b).delete('r1'));
  a.provider.connect();
  const reader = await open(TOKENS.viewer);
  const gone = (doc: Y.Doc): boolean => !rowsMap(doc).has('r1');
  await eventually(async () => [a, b, reader].every((c) => gone(c.doc)) && (await server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => gone(room.doc))), 5000, `the row gone everywhere (A ${gone(a.doc)}, B ${gone(b.doc)}, reader ${gone(reader.doc)})`);
  expect(a.notices).toEqual([]);
});

it('a client that saw a take-back dropped from memory and deleted nothing deletes nothing by reconnecting', async () => {
  const server = await start();
  const { a, b } = await ownerRowSeen();
  setCells(b.doc, 'r1', { measure: 'Övertagen' });
  await eventually(() => b.notices.length === 1 && measure(a.doc, 'r1') === 'Hälsodag' && rowsMap(a.doc).get('r1')?._map.get('measure')?.id.client !== 100, 5000, 'the take-back seen by A');
  const reads = { n: 0 };
  const storage = server.storage as unknown as { loadTakeBacks: (ref: unknown) => Promise<Uint8Array[]> };
  const read = storage.loadTakeBacks.bind(storage);
  storage.loadTakeBacks = (ref) => (reads.n++, read(ref));
  a.provider.disconnect();
  a.provider.connect();
  await eventually(() => a.provider.synced, 5000, 'A synced again');
  await sleep(300);
  const reader = await open(TOKENS.viewer);
  for (const c of [a, b, reader]) expect(measure(c.doc, 'r1')).toBe('Hälsodag');
  expect(await roomMeasure(server)).toBe('Hälsodag');
  // Its delete set names the value B's refused edit replaced: judged against the stored take-back, it had seen it.
  expect(reads.n).toBe(1);
});

it("tells the owner which cell to enter again when its offline delete met a dropped take-back and the stored ones cannot be read", async () => {
  const { server, a } = await takenBack((a) => rowsMap(a).get('r1')?.delete('measure'));
  const storage = server.storage as unknown as { loadTakeBacks: (ref: unknown) => Promise<Uint8Array[]> };
  storage.loadTakeBacks = () => Promise.reject(new Error('disk I/O error'));
  a.provider.connect();
  await eventually(() => a.notices.length > 0, 5000, 'the notice to the owner');
  const notice = a.notices[0];
  const refusal = notice?.type === 'refusal' ? notice.refusal : null;
  expect(refusal?.code).toBe(LOST_EDIT_CODE);
  expect(refusal?.message.en).toMatch(/column measure of row r1/);
  expect(await roomMeasure(server)).toBe('Hälsodag');
});
