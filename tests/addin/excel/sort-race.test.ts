import { afterEach, describe, expect, it } from 'vitest';
import { deleteRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
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

describe('bindTable: a sort racing the write-back of what was typed', () => {
  it('puts the canonical value back on its own row, and no other row takes it', async () => {
    const { a, b, ids } = await pair();
    const col = String.fromCharCode(65 + (layoutFor('activity-plan', 'plan-test', 'sv').columnIndex.get('participantsPlanned') as number));
    // The person sorts between the binding's read of the edit and its write-back of `1200`.
    const run = a.host.run.bind(a.host) as (batch: (context: Excel.RequestContext) => Promise<unknown>) => Promise<unknown>;
    let countdown = 0;
    (a.host as { run: unknown }).run = (batch: (context: Excel.RequestContext) => Promise<unknown>) => {
      if (countdown > 0 && --countdown === 0) a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false);
      return run(batch);
    };
    countdown = 2;
    a.host.user.type('plan-test', `${col}2`, '1 200');
    await Promise.all([a.settle(), b.settle()]);
    await Promise.all([a.settle(), b.settle()]);
    expect(countdown).toBe(0);
    const planned = (doc: typeof a.doc) => rowsOf(doc).map((r) => [r.values.title, r.values.participantsPlanned ?? null]);
    expect(planned(b.doc)).toEqual([['Aktivitet 1', 1200], ['Aktivitet 2', null], ['Aktivitet 3', null], ['Aktivitet 4', null]]);
    expect(rowsOf(a.doc).map((r) => r.id)).toEqual(ids);
    expectSame(a, b);
  });
});
