/**
 * An allowed edit that loses to a take-back the room forgot (more than the take-back bound came
 * after it) cannot be written again; its author is told on the notice channel which cell to enter
 * again (`lost-edit.ts`), without the value. The room is made to forget here by dropping its
 * take-backs as the count bound drops them.
 */
import { expect, it } from 'vitest';
import { WS, eventually } from './support.js';
import { roomMeasure, takeBackServer } from './take-backs-fixture.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { measure } from '../scale/noticed-clients.js';
import { LOST_EDIT_CODE, lostEditNotice } from '../../../server/sync/lost-edit.js';

const { takenBack } = takeBackServer();

it("tells the owner whose offline edit lost to a forgotten take-back which cell to enter again, without the value", async () => {
  const { server, a, b } = await takenBack();
  await server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => {
    // Forgotten as the bound forgets the oldest (a private step of the index, reached for the test).
    const memory = (room as unknown as { apply: { takeBacks: { memory: { size: number; dropOldest(evict: boolean): void } } } }).apply.takeBacks.memory;
    while (memory.size > 0) memory.dropOldest(false);
  });
  a.provider.connect();
  await eventually(() => a.notices.length > 0, 5000, 'the notice to the owner');
  const notice = a.notices[0];
  expect(notice?.type).toBe('refusal');
  const refusal = notice?.type === 'refusal' ? notice.refusal : null;
  expect(refusal?.code).toBe(LOST_EDIT_CODE);
  expect(refusal?.message.sv).toMatch(/kolumnen measure på rad r1/);
  expect(refusal?.message.en).toMatch(/column measure of row r1/);
  expect(JSON.stringify(refusal)).not.toMatch(/Ägarens|Övertagen|Hälsodag/);
  // The edit was lost (the notice says so truly); B, who sent nothing, was told nothing more.
  expect(await roomMeasure(server)).toBe('Hälsodag');
  expect(b.notices).toHaveLength(1);
});

it("tells the owner whose offline cell edit of a row lost with the row, deleted by a refused delete whose take-back was forgotten, which cell to enter again", async () => {
  const { server, a, b } = await takenBack(undefined, (b) => void rowsMap(b).delete('r1'));
  await server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => {
    // Forgotten as the bound forgets the oldest, the row's take-back with the key's.
    const memory = (room as unknown as { apply: { takeBacks: { memory: { size: number; hasRows(): boolean; dropOldest(evict: boolean): void } } } }).apply.takeBacks.memory;
    while (memory.size > 0) memory.dropOldest(false);
    expect(memory.hasRows()).toBe(false);
  });
  a.provider.connect();
  await eventually(() => a.notices.length > 0, 5000, 'the notice to the owner');
  const refusal = a.notices[0]?.type === 'refusal' ? a.notices[0].refusal : null;
  expect(refusal?.code).toBe(LOST_EDIT_CODE);
  expect(refusal?.message.en).toMatch(/column measure of row r1/);
  // Lost as told: every copy holds the row as put back.
  await eventually(async () => [a, b].every((c) => measure(c.doc, 'r1') === 'Hälsodag') && (await roomMeasure(server)) === 'Hälsodag', 5000, `Hälsodag everywhere (A ${String(measure(a.doc, 'r1'))})`);
});

it('words a whole row and a setting too', () => {
  expect(lostEditNotice(['rows', 'r9']).message.sv).toMatch(/rad r9/);
  expect(lostEditNotice(['meta', 'title']).message.en).toMatch(/title \(meta\)/);
  expect(lostEditNotice(['rows', 'x'.repeat(5000), 'c']).message.sv.length).toBeLessThan(1000);
});
