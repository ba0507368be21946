import { afterEach, describe, expect, it } from 'vitest';
import { deleteRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { expectSame, openPair, type Side } from './helpers.js';

const sides: Side[] = [];
afterEach(async () => {
  for (const side of sides.splice(0)) await side.binding.dispose();
});

async function pair() {
  const { a, b } = await openPair([1, 2, 3, 4].map((i) => ({ title: `Aktivitet ${i}`, type: 'halsodag' })), sides);
  await Promise.all([a.settle(), b.settle()]);
  return { a, b, ids: rowsOf(a.doc).map((r) => r.id) };
}

// A remote change is planned against the row order the binding knows; the person sorts the
// table before the binding has seen the sort's event. Here the sort lands between the two.
describe('bindTable: a sort racing a remote write', () => {
  it('a remote edit lands on its own row, and no other row takes its value', async () => {
    const { a, b, ids } = await pair();
    setCell(b.doc, ids[0] as string, 'title', 'Ändrad av B');
    a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false);
    await Promise.all([a.settle(), b.settle()]);
    await Promise.all([a.settle(), b.settle()]);
    expect(rowsOf(b.doc).map((r) => r.values.title)).toEqual(['Ändrad av B', 'Aktivitet 2', 'Aktivitet 3', 'Aktivitet 4']);
    expectSame(a, b);
  });

  it('a remote delete removes its own row, not the one sorted into its place', async () => {
    const { a, b, ids } = await pair();
    deleteRow(b.doc, ids[0] as string);
    a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false);
    await Promise.all([a.settle(), b.settle()]);
    await Promise.all([a.settle(), b.settle()]);
    expect(rowsOf(b.doc).map((r) => r.values.title)).toEqual(['Aktivitet 2', 'Aktivitet 3', 'Aktivitet 4']);
    expectSame(a, b);
  });
});
