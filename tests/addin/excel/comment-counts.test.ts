import { afterEach, describe, expect, it } from 'vitest';
import { addComment, deleteComment } from '../../../shared/comments/comments.js';
import { deleteRow, rowsOf } from '../../../shared/doc/index.js';
import { columnLetter } from '../../../addin/excel/sheet/layout.js';
import { openPair, openSide, docWith, plain, type Side } from './helpers.js';

const SHEET = 'plan-test';
const sides: Side[] = [];
afterEach(async () => {
  for (const side of sides.splice(0)) await side.binding.dispose();
});

async function pair() {
  const { a, b } = await openPair([1, 2, 3].map((i) => ({ title: `Aktivitet ${i}`, type: 'halsodag' })), sides);
  await Promise.all([a.settle(), b.settle()]);
  return { a, b, ids: rowsOf(a.doc).map((r) => r.id) };
}

/** Each table row's id and its count cell, in sheet order; null while there is no count column. */
function counts(side: Side): [unknown, unknown][] | null {
  const table = side.host.readTable(side.binding.tableName);
  const col = table.headers.indexOf('Kommentarer');
  return col < 0 ? null : table.rows.map((r) => [r[0], r[col]]);
}

/** Polls until the side's counts equal `expected` by id (count timers run on their own). */
async function countsBecome(side: Side, expected: Record<string, number | ''>): Promise<void> {
  const want = JSON.stringify(Object.entries(expected).sort());
  for (let i = 0; i < 300; i++) {
    await side.settle();
    const now = counts(side);
    if (now && JSON.stringify(now.map(([id, n]) => [String(id), n]).sort()) === want) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`counts are ${JSON.stringify(counts(side))}, expected ${want}`);
}

describe('bindTable: the comment-count column', () => {
  it('adds no column to a document without comments', async () => {
    const { a } = await pair();
    await new Promise((r) => setTimeout(r, 200));
    await a.settle();
    expect(counts(a)).toBeNull();
  });

  it('counts the comments of each row in a column of its own, live from another workbook, without changing the doc', async () => {
    const { a, b, ids } = await pair();
    const [first, second, third] = ids as [string, string, string];
    const before = plain(a.doc);
    let writes = 0;
    a.doc.on('update', (_u: Uint8Array, origin: unknown) => void (origin !== undefined && typeof origin === 'object' && writes++));
    addComment(b.doc, { row: second, author: 'nina', text: 'Vem bokar?' });
    addComment(b.doc, { row: second, author: 'anna', text: 'Jag' });
    addComment(b.doc, { row: third, author: 'anna', text: 'Klar' });
    await countsBecome(a, { [first]: '', [second]: 2, [third]: 1 });
    expect(plain(a.doc)).toEqual(before);
    expect(writes).toBe(0);
    expect(a.binding.status.paused).toBeNull();
  });

  it('never reads the column back: a number typed there is not data and is written over', async () => {
    const { a, b, ids } = await pair();
    const [first, second, third] = ids as [string, string, string];
    addComment(b.doc, { row: first, author: 'nina', text: 'Ett' });
    await countsBecome(a, { [first]: 1, [second]: '', [third]: '' });
    const before = plain(b.doc);
    const col = columnLetter(a.host.readTable(a.binding.tableName).headers.indexOf('Kommentarer'));
    a.host.user.type(SHEET, `${col}3`, 7);
    await Promise.all([a.settle(), b.settle()]);
    expect(plain(b.doc)).toEqual(before);
    expect(a.binding.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const id = addComment(b.doc, { row: first, author: 'nina', text: 'Två' });
    await countsBecome(a, { [first]: 2, [second]: '', [third]: '' });
    deleteComment(b.doc, id);
    await countsBecome(a, { [first]: 1, [second]: '', [third]: '' });
  });

  it('keeps each count on its row when the table is sorted, also when the sort lands right before the write', async () => {
    const { a, b, ids } = await pair();
    const [first, second, third] = ids as [string, string, string];
    addComment(b.doc, { row: first, author: 'nina', text: 'Ett' });
    await countsBecome(a, { [first]: 1, [second]: '', [third]: '' });
    a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false);
    await countsBecome(a, { [first]: 1, [second]: '', [third]: '' });
    // The person sorts again between the count writer's first request and its write.
    const run = a.host.run.bind(a.host) as (batch: (context: Excel.RequestContext) => Promise<unknown>) => Promise<unknown>;
    let countdown = 0;
    (a.host as { run: unknown }).run = (batch: (context: Excel.RequestContext) => Promise<unknown>) => {
      if (countdown > 0 && --countdown === 0) a.host.user.sortTable(a.binding.tableName, 'Aktivitet', true);
      return run(batch);
    };
    countdown = 1;
    b.doc.transact(() => {
      addComment(b.doc, { row: first, author: 'anna', text: 'Ett till' });
      addComment(b.doc, { row: third, author: 'anna', text: 'Tre' });
    });
    await countsBecome(a, { [first]: 2, [second]: '', [third]: 1 });
    expect(countdown).toBe(0);
    expect(a.host.readTable(a.binding.tableName).rows.map((r) => r[1])).toEqual(['Aktivitet 1', 'Aktivitet 2', 'Aktivitet 3']);
  });

  it('drops the count of a deleted row with the row and keeps the thread in the doc', async () => {
    const { a, b, ids } = await pair();
    const [first, second, third] = ids as [string, string, string];
    addComment(b.doc, { row: second, author: 'nina', text: 'Två' });
    await countsBecome(a, { [first]: '', [second]: 1, [third]: '' });
    deleteRow(b.doc, second);
    await countsBecome(a, { [first]: '', [third]: '' });
    expect(a.doc.getMap('comments').size).toBe(1);
  });

  it('writes counts into a read-only sheet and protects it again', async () => {
    const doc = docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag' }]);
    const id = rowsOf(doc)[0]?.id as string;
    addComment(doc, { row: id, author: 'nina', text: 'Hej' });
    const side = await openSide(doc, 'activity-plan', { readOnly: true });
    sides.push(side);
    await countsBecome(side, { [id]: 1 });
    expect(side.host.snapshot().sheets.find((s) => s.name === SHEET)?.protected).toBe(true);
  });
});
