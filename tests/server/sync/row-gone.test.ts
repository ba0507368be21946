/**
 * A cell edit that lands in a row already deleted is dropped by Yjs as it lands; its author is
 * told which cell was not saved and why (`rowGoneNotice` of `lost-edit.ts`). It was lost without a
 * word, as after a take-back of a refused delete no longer known (pruned before the document was
 * loaded): the edit then lands in the deleted row the copy replaced.
 */
import { expect, it } from 'vitest';
import { rowsMap } from '../../../shared/doc/create.js';
import { setCells } from '../../../shared/doc/index.js';
import { eventually, TOKENS } from './support.js';
import { sleep, takeBackServer } from './take-backs-fixture.js';

const fixture = takeBackServer();

it('tells the author of an offline cell edit of a row deleted meanwhile that the cell was not saved', async () => {
  await fixture.start();
  const { a } = await fixture.ownerRowSeen();
  const c = await fixture.open(TOKENS.coordinator);
  await eventually(() => rowsMap(c.doc).has('r1'), 5000, 'C sees the row');
  a.provider.disconnect();
  setCells(a.doc, 'r1', { measure: 'Offline' });
  rowsMap(c.doc).delete('r1');
  await sleep(300);
  a.provider.connect();
  await eventually(() => a.notices.length > 0 && !rowsMap(a.doc).has('r1'), 5000, 'the notice, and the row gone at A');
  const notice = a.notices[0];
  const refusal = notice?.type === 'refusal' ? notice.refusal : null;
  expect(refusal?.code).toBe('row-gone');
  expect(refusal?.message.sv).toMatch(/sparades inte: raden hade tagits bort/);
  expect(c.notices).toEqual([]);
  // One notice, once.
  await sleep(200);
  expect(a.notices).toHaveLength(1);
});
