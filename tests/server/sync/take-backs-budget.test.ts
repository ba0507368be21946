/**
 * A take-back dropped from memory for the process's budget (`take-back-budget.ts`, here a budget of
 * 100 bytes: every take-back is dropped at once) is not forgotten: storage holds it, and when the
 * owner's offline edit of the cell loses to it, the room reads the stored take-backs and writes the
 * edit again (`Room.lookBackStored`), as it does for a take-back it remembers.
 */
import { expect, it } from 'vitest';
import { setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { WS, eventually, TOKENS } from './support.js';
import { measure } from '../scale/noticed-clients.js';
import { roomMeasure, takeBackServer } from './take-backs-fixture.js';

// Read when the first room remembers a take-back, after this file's modules are loaded.
process.env.SAMPLAN_TAKE_BACK_MEMORY_MB = '0.0001';

const { start, open, ownerRowSeen } = takeBackServer();

it("the owner's offline edit stands over another unit's refused edit taken back and dropped from memory", async () => {
  const server = await start();
  const { a, b } = await ownerRowSeen();
  a.provider.disconnect();
  setCells(a.doc, 'r1', { measure: 'Ägarens ändring' });
  setCells(b.doc, 'r1', { measure: 'Övertagen' });
  await eventually(() => b.notices.length === 1 && measure(b.doc, 'r1') === 'Hälsodag', 5000, "B's edit taken back");
  const dropped = await server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => (room as unknown as { apply: { takeBacks: { needsLookBack: boolean; size: number } } }).apply.takeBacks);
  expect(dropped.needsLookBack).toBe(true);
  expect(dropped.size).toBe(0);
  a.provider.connect();
  const reader = await open(TOKENS.viewer);
  await eventually(async () => measure(reader.doc, 'r1') === 'Ägarens ändring' && (await roomMeasure(server)) === 'Ägarens ändring', 5000, `the owner's edit everywhere (reader ${String(measure(reader.doc, 'r1'))})`);
});

it("the owner's offline cell edit of a row stands over another unit's refused delete of the row, taken back and dropped from memory", async () => {
  const server = await start();
  const { a, b } = await ownerRowSeen();
  a.provider.disconnect();
  setCells(a.doc, 'r1', { measure: 'Ägarens ändring' });
  rowsMap(b.doc).delete('r1');
  await eventually(() => b.notices.length === 1 && measure(b.doc, 'r1') === 'Hälsodag', 5000, "B's delete taken back");
  a.provider.connect();
  const reader = await open(TOKENS.viewer);
  await eventually(async () => measure(reader.doc, 'r1') === 'Ägarens ändring' && (await roomMeasure(server)) === 'Ägarens ändring', 5000, `the owner's edit everywhere (reader ${String(measure(reader.doc, 'r1'))})`);
});
