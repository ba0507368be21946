import { afterEach, describe, expect, it } from 'vitest';
import { addComment, deleteComment } from '../../../shared/comments/comments.js';
import { deleteRow, insertRow, rowsOf } from '../../../shared/doc/index.js';
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

describe('bindTable: the comment-count column writes only what changed', () => {
  /** Cells written into the count column from now on, by the binding (the person's own typing not counted). */
  function countWrites(side: Side): { cells(): number; stop(): void } {
    const table = side.host.readTable(side.binding.tableName);
    const col = table.headers.indexOf('Kommentarer');
    let cells = 0;
    const stop = side.host.onValuesWritten((w) => {
      if (w.sheet !== table.sheet || w.origin.triggerSource !== 'ThisLocalAddin') return;
      if (col >= w.rect.col && col < w.rect.col + w.rect.cols) cells += w.rect.rows;
    });
    return { cells: () => cells, stop };
  }

  async function large() {
    const rows = Array.from({ length: 2_000 }, (_, i) => ({ title: `Aktivitet ${String(i).padStart(4, '0')}`, type: 'halsodag' }));
    const { a, b } = await openPair(rows, sides);
    const ids = rowsOf(a.doc).map((r) => r.id);
    const expected: Record<string, number | ''> = Object.fromEntries(ids.map((id) => [id, '']));
    for (const i of [0, 7, 1_999]) {
      addComment(b.doc, { row: ids[i] as string, author: 'nina', text: `Om rad ${i}` });
      expected[ids[i] as string] = 1;
    }
    await countsBecome(a, expected);
    return { a, b, ids, expected };
  }

  it('writes one count cell when a row is added to a 2,000-row table, and one when a comment is added', async () => {
    const { a, b, ids, expected } = await large();
    const writes = countWrites(a);
    const added = insertRow(b.doc, { title: 'Ny aktivitet', type: 'halsodag' });
    await countsBecome(a, { ...expected, [added]: '' });
    // The new row's own (blank) cell, appended with the row.
    expect(writes.cells()).toBeLessThanOrEqual(1);
    let before = writes.cells();
    addComment(b.doc, { row: added, author: 'nina', text: 'Ny' });
    await countsBecome(a, { ...expected, [added]: 1 });
    expect(writes.cells() - before).toBe(1);
    before = writes.cells();
    addComment(b.doc, { row: ids[500] as string, author: 'anna', text: 'Mitt i' });
    await countsBecome(a, { ...expected, [added]: 1, [ids[500] as string]: 1 });
    expect(writes.cells() - before).toBe(1);
    writes.stop();
  });

  it('keeps the counts on their rows through a sort of a 2,000-row table, and still writes one cell for a comment after it', async () => {
    const { a, b, ids, expected } = await large();
    const writes = countWrites(a);
    a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false);
    await countsBecome(a, expected);
    expect(writes.cells()).toBe(0);
    addComment(b.doc, { row: ids[7] as string, author: 'anna', text: 'Andra' });
    await countsBecome(a, { ...expected, [ids[7] as string]: 2 });
    expect(writes.cells()).toBe(1);
    deleteRow(b.doc, ids[0] as string);
    const { [ids[0] as string]: _gone, ...rest } = expected;
    await countsBecome(a, { ...rest, [ids[7] as string]: 2 });
    expect(writes.cells()).toBe(1);
    writes.stop();
  });

  it('writes a count cell the person typed over again, and only that one', async () => {
    const { a, ids, expected } = await large();
    const writes = countWrites(a);
    const table = a.host.readTable(a.binding.tableName);
    const col = columnLetter(table.headers.indexOf('Kommentarer'));
    const row = table.rows.findIndex((r) => r[0] === ids[7]);
    a.host.user.type(SHEET, `${col}${row + 2}`, 9);
    await countsBecome(a, expected);
    expect(writes.cells()).toBe(1);
    writes.stop();
  });
});
