/**
 * An allowed delete made at the same time as a refused change of the same key stands
 * (`take-back-deletes.ts`): editor A owns a row and, offline, deletes it (or one of its cells)
 * while editor B, of another unit, deletes or changes it and is refused (the server writes the
 * value back as a new item). When A comes back, A's delete is replayed over the take-back for
 * everyone; a client that saw the take-back and deleted nothing deletes nothing by reconnecting.
 * A cell refused several times is taken back each time; the delete still stands. Stock y-websocket
 * clients on one process.
 */
import type * as Y from 'yjs';
import { expect, it } from 'vitest';
import { deleteRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { eventually, TOKENS } from './support.js';
import { measure, type NoticedClient } from '../scale/noticed-clients.js';
import { sleep, takeBackServer } from './take-backs-fixture.js';

const { start, open, ownerRowSeen, takenBack } = takeBackServer();

/** A's offline `allowed` and B's refused `refused` of row r1; resolves once B's change was taken back, A still offline. */
async function race(allowed: (a: Y.Doc) => void, refused: (b: Y.Doc) => void): Promise<{ a: NoticedClient; b: NoticedClient }> {
  return takenBack(allowed, refused);
}

it("the owner's offline delete of a row stands over another unit's refused delete of it, taken back", async () => {
  const { a, b } = await race((a) => void deleteRow(a, 'r1'), (b) => rowsMap(b).delete('r1'));
  a.provider.connect();
  const reader = await open(TOKENS.viewer);
  await eventually(() => [a, b, reader].every((c) => !rowsMap(c.doc).has('r1')), 5000, `the row gone everywhere (A ${rowsMap(a.doc).has('r1')}, B ${rowsMap(b.doc).has('r1')}, reader ${rowsMap(reader.doc).has('r1')})`);
  expect(a.notices).toEqual([]);
});

it("the owner's offline delete of a cell stands over another unit's refused edit of it, taken back", async () => {
  const { a, b } = await race((a) => rowsMap(a).get('r1')?.delete('measure'), (b) => setCells(b, 'r1', { measure: 'Övertagen' }));
  a.provider.connect();
  const reader = await open(TOKENS.viewer);
  await eventually(() => [a, b, reader].every((c) => rowsMap(c.doc).get('r1')?.has('measure') === false), 5000, `the cell gone everywhere (A ${String(measure(a.doc, 'r1'))}, B ${String(measure(b.doc, 'r1'))}, reader ${String(measure(reader.doc, 'r1'))}, ${JSON.stringify(a.notices)})`);
  expect(a.notices).toEqual([]);
});

it('a client that saw the take-back and deleted nothing deletes nothing by reconnecting', async () => {
  await start();
  const { a, b } = await ownerRowSeen();
  rowsMap(b.doc).delete('r1');
  await eventually(() => b.notices.length === 1 && rowsMap(b.doc).has('r1') && rowsMap(a.doc).get('r1') !== undefined && rowsMap(a.doc)._map.get('r1')?.id.client !== 100, 5000, 'the row put back, at A too');
  a.provider.disconnect();
  a.provider.connect();
  await eventually(() => a.provider.synced, 5000, 'A synced again');
  await sleep(300);
  const reader = await open(TOKENS.viewer);
  for (const c of [a, b, reader]) expect(measure(c.doc, 'r1')).toBe('Hälsodag');
});

it("the owner's offline delete of a cell stands over another unit's edit of it refused twice, each taken back", async () => {
  const { a, b } = await race((a) => rowsMap(a).get('r1')?.delete('measure'), (b) => setCells(b, 'r1', { measure: 'Övertagen' }));
  setCells(b.doc, 'r1', { measure: 'Övertagen igen' });
  await eventually(() => b.notices.length === 2 && measure(b.doc, 'r1') === 'Hälsodag', 5000, "B's second change taken back");
  a.provider.connect();
  const reader = await open(TOKENS.viewer);
  await eventually(() => [a, b, reader].every((c) => rowsMap(c.doc).get('r1')?.has('measure') === false), 5000, `the cell gone everywhere (A ${String(measure(a.doc, 'r1'))}, B ${String(measure(b.doc, 'r1'))}, reader ${String(measure(reader.doc, 'r1'))})`);
  expect(a.notices).toEqual([]);
});

it('a client that saw the first of two take-backs of a cell and deleted nothing deletes nothing by reconnecting', async () => {
  await start();
  const { a, b } = await ownerRowSeen();
  setCells(b.doc, 'r1', { measure: 'Övertagen' });
  await eventually(() => b.notices.length === 1 && measure(a.doc, 'r1') === 'Hälsodag' && rowsMap(a.doc).get('r1')?._map.get('measure')?.id.client !== 100, 5000, 'the first take-back seen by A');
  a.provider.disconnect();
  setCells(b.doc, 'r1', { measure: 'Övertagen igen' });
  await eventually(() => b.notices.length === 2 && measure(b.doc, 'r1') === 'Hälsodag', 5000, "B's second change taken back");
  a.provider.connect();
  await eventually(() => a.provider.synced, 5000, 'A synced again');
  await sleep(300);
  const reader = await open(TOKENS.viewer);
  for (const c of [a, b, reader]) expect(measure(c.doc, 'r1')).toBe('Hälsodag');
});
