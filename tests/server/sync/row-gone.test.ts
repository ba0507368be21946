/**
 * A cell edit that lands in a row already deleted is dropped by Yjs as it lands; its author is
 * told which cell was not saved and why (`rowGoneNotice` of `lost-edit.ts`). It was lost without a
 * word, as after a take-back of a refused delete no longer known (pruned before the document was
 * loaded): the edit then lands in the deleted row the copy replaced. An edit of a comment deleted
 * meanwhile is dropped the same way; the doc no longer tells a row's cell from a comment's field
 * there, and the words claim neither.
 */
import { expect, it } from 'vitest';
import { rowsMap } from '../../../shared/doc/create.js';
import { setCells } from '../../../shared/doc/index.js';
import { addComment, commentsMap, deleteComment, editComment } from '../../../shared/comments/comments.js';
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
  expect(refusal?.message.sv).toMatch(/sparades inte: raden (eller kommentaren som den gällde )?hade tagits bort/);
  expect(c.notices).toEqual([]);
  // One notice, once.
  await sleep(200);
  expect(a.notices).toHaveLength(1);
});

it("tells the author of an offline edit of a comment deleted meanwhile that it was not saved, without calling it a row's cell", async () => {
  await fixture.start();
  await fixture.ownerRowSeen();
  const b1 = await fixture.open(TOKENS.editorB, 301);
  const b2 = await fixture.open(TOKENS.editorB, 302);
  await eventually(() => rowsMap(b1.doc).has('r1'), 5000, 'B sees the row');
  const id = addComment(b1.doc, { row: 'r1', author: 'm-b', text: 'Första' });
  await eventually(() => commentsMap(b2.doc).has(id), 5000, "B's other client sees the comment");
  b1.provider.disconnect();
  editComment(b1.doc, id, 'Ändrad offline');
  deleteComment(b2.doc, id);
  await sleep(300);
  b1.provider.connect();
  await eventually(() => b1.notices.length > 0 && !commentsMap(b1.doc).has(id), 5000, 'the notice, and the comment gone');
  const notice = b1.notices[0];
  const refusal = notice?.type === 'refusal' ? notice.refusal : null;
  expect(refusal?.code).toBe('row-gone');
  expect(refusal?.message.sv).toMatch(/kommentar/);
  expect(refusal?.message.sv).not.toMatch(/en cell i en rad/);
  expect(refusal?.message.en).not.toMatch(/a cell of a row/);
});
