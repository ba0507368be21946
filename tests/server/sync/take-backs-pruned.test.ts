/**
 * A take-back dropped from memory for the process's budget (here a budget of 100 bytes: every
 * take-back is dropped at once) may be pruned from storage by the document's own bound before the
 * room reads the stored take-backs to judge an allowed delete that met it (`storedDeletes` in
 * `take-back-deletes.ts`). The pruning is made here by reading the stored take-backs without the
 * oldest, as storage prunes them. A delete that can no longer be judged is told to its author; a
 * delete whose newer take-back is still stored is judged with the older one's ids, which the room
 * kept, and stands.
 */
import type * as Y from 'yjs';
import { expect, it } from 'vitest';
import { setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { WS, eventually, TOKENS, type TestServer } from './support.js';
import { measure } from '../scale/noticed-clients.js';
import { roomMeasure, takeBackServer } from './take-backs-fixture.js';
import { LOST_EDIT_CODE } from '../../../server/sync/lost-edit.js';

// Read when the first room remembers a take-back, after this file's modules are loaded.
process.env.SAMPLAN_TAKE_BACK_MEMORY_MB = '0.0001';

const { open, takenBack } = takeBackServer();

/** From now on the server's storage reads the document's take-backs without the oldest (pruned by its bound). */
function pruneOldest(server: TestServer): void {
  const storage = server.storage as unknown as { loadTakeBacks: (ref: unknown) => Promise<Uint8Array[]> };
  const read = storage.loadTakeBacks.bind(storage);
  storage.loadTakeBacks = async (ref) => (await read(ref)).slice(1);
}

const deleteMeasure = (a: Y.Doc): void => void rowsMap(a).get('r1')?.delete('measure');
const hasMeasure = (doc: Y.Doc): boolean | undefined => rowsMap(doc).get('r1')?.has('measure');

it('tells the owner which cell to enter again when the take-back its offline delete met was pruned from storage before the read', async () => {
  const { server, a, b } = await takenBack(deleteMeasure);
  // A newer take-back of another cell (B's refused delete of it), so storage still holds some when the oldest is pruned.
  rowsMap(b.doc).get('r1')?.delete('unit');
  await eventually(() => b.notices.length === 2 && rowsMap(b.doc).get('r1')?.get('unit') === 'clinic-a', 5000, "B's second change taken back");
  pruneOldest(server);
  a.provider.connect();
  await eventually(() => a.notices.length > 0, 5000, 'the notice to the owner');
  const notice = a.notices[0];
  const refusal = notice?.type === 'refusal' ? notice.refusal : null;
  expect(refusal?.code).toBe(LOST_EDIT_CODE);
  expect(refusal?.message.en).toMatch(/column measure of row r1/);
  expect(a.notices).toHaveLength(1);
  // Not replayed: every copy ends as the server holds it, the value put back.
  const reader = await open(TOKENS.viewer);
  await eventually(async () => [a, b, reader].every((c) => measure(c.doc, 'r1') === 'Hälsodag') && (await roomMeasure(server)) === 'Hälsodag', 5000, `Hälsodag everywhere (A ${String(measure(a.doc, 'r1'))})`);
});

it("the owner's offline delete of a cell stands over another unit's edit of it refused twice, both take-backs dropped and the older pruned from storage", async () => {
  const { server, a, b } = await takenBack(deleteMeasure);
  setCells(b.doc, 'r1', { measure: 'Övertagen igen' });
  await eventually(() => b.notices.length === 2 && measure(b.doc, 'r1') === 'Hälsodag', 5000, "B's second change taken back");
  pruneOldest(server);
  a.provider.connect();
  const reader = await open(TOKENS.viewer);
  const gone = (doc: Y.Doc): boolean => hasMeasure(doc) === false;
  await eventually(async () => [a, b, reader].every((c) => gone(c.doc)) && (await server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => gone(room.doc))), 5000, `the cell gone everywhere (A ${String(measure(a.doc, 'r1'))}, B ${String(measure(b.doc, 'r1'))}, reader ${String(measure(reader.doc, 'r1'))})`);
  expect(a.notices).toEqual([]);
});
