import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
import type { Logger } from '../../../addin/excel/sheet/types.js';
import { observeChanges, rowsOf, setCell, type CellChange } from '../../../shared/doc/index.js';
import { docWith, expectSame, openSide, RELAY, relay, type Side } from './helpers.js';

const SHEET = 'plan-test';
const sides: Side[] = [];
afterEach(async () => {
  for (const side of sides.splice(0)) await side.binding.dispose();
});

/** Sheet column letter of a doc column. */
const column = (key: string): string => String.fromCharCode(65 + (layoutFor('activity-plan', SHEET, 'sv').columnIndex.get(key) as number));

/**
 * Workbook A and workbook B on two docs joined by the relay, rows `Aktivitet 1..4` in that
 * order. A's warnings are kept (they tell that a write found other rows than it meant) and so
 * is every change A's binding makes to its doc: a sort must make none, and nothing A writes
 * into its doc may be a value nobody typed.
 */
async function pair() {
  const docA = docWith(
    'activity-plan',
    [1, 2, 3, 4].map((i) => ({ title: `Aktivitet ${i}`, type: 'halsodag', participantsPlanned: i })),
  );
  const docB = new Y.Doc();
  Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA), RELAY);
  const net = relay(docA, docB);
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, error() {}, warn: (_obj, msg) => void warnings.push(msg ?? '') };
  const a = await openSide(docA, 'activity-plan', { logger });
  sides.push(a);
  const b = await openSide(docB, 'activity-plan');
  sides.push(b);
  await Promise.all([a.settle(), b.settle()]);
  const local: CellChange[] = [];
  observeChanges(docA, (set) => void (set.origin !== RELAY && local.push(...set.changes)));
  const ids = rowsOf(docA).map((r) => r.id);
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 2; i++) await Promise.all([a.settle(), b.settle()]);
  };
  return { a, b, net, ids, warnings, local, settle };
}

/** `[title, participantsPlanned]` of each doc row, in doc order. */
const planned = (doc: Y.Doc) => rowsOf(doc).map((r) => [r.values.title, r.values.participantsPlanned ?? null]);

/** A's table rows as `[title, participantsPlanned]`, in sheet order. */
const shown = (side: Side) => {
  const at = layoutFor('activity-plan', SHEET, 'sv').columnIndex.get('participantsPlanned') as number;
  return side.host.readTable(side.binding.tableName).rows.map((r) => [r[1], r[at]]);
};

// The writer places a remote change by the row order the binding last read. The person sorts
// the table after the change arrived and before the writer's request runs, so the sort's event
// has not been handled yet: the order the plan uses is stale, and its first write lands on
// whatever row the sort moved there.
describe('remote writer: a sort between a remote change and its write', () => {
  it('heals the row written by mistake: the sheet ends equal to the doc, and the sort changes nothing in it', async () => {
    const { a, b, ids, warnings, local, settle } = await pair();
    const before = a.syncs();
    setCell(b.doc, ids[0] as string, 'participantsPlanned', 50);
    a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false);
    await settle();
    // The race did happen: the first write found another row where it meant Aktivitet 1.
    expect(warnings).toContain('the table was sorted under a write; rewriting the rows it touched');
    // The write, the put-back with the id column, the rewrite where Aktivitet 1 is, the sort's read.
    expect(a.syncs() - before).toBe(4);
    expect(local).toEqual([]);
    expect(planned(b.doc)).toEqual([['Aktivitet 1', 50], ['Aktivitet 2', 2], ['Aktivitet 3', 3], ['Aktivitet 4', 4]]);
    expect(shown(a)).toEqual([['Aktivitet 4', 4], ['Aktivitet 3', 3], ['Aktivitet 2', 2], ['Aktivitet 1', 50]]);
    expectSame(a, b);
  });

  it('heals several rows the sort moved onto one another', async () => {
    const { a, b, ids, warnings, local, settle } = await pair();
    b.doc.transact(() => {
      setCell(b.doc, ids[0] as string, 'participantsPlanned', 10);
      setCell(b.doc, ids[1] as string, 'participantsPlanned', 20);
      setCell(b.doc, ids[3] as string, 'title', 'Aktivitet 4 ändrad');
    });
    a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false);
    await settle();
    expect(warnings).toContain('the table was sorted under a write; rewriting the rows it touched');
    expect(local).toEqual([]);
    expect(planned(b.doc)).toEqual([['Aktivitet 1', 10], ['Aktivitet 2', 20], ['Aktivitet 3', 3], ['Aktivitet 4 ändrad', 4]]);
    expect(shown(a)).toEqual([['Aktivitet 4 ändrad', 4], ['Aktivitet 3', 3], ['Aktivitet 2', 20], ['Aktivitet 1', 10]]);
    expectSame(a, b);
  });

  it('keeps what the person typed into the row written by mistake before the binding read it', async () => {
    const { a, b, ids, warnings, local, settle } = await pair();
    setCell(b.doc, ids[0] as string, 'participantsPlanned', 50);
    // Aktivitet 4 gets 7, then the sort puts it first: where the writer believes Aktivitet 1 is.
    a.host.user.type(SHEET, `${column('participantsPlanned')}5`, '7');
    a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false);
    await settle();
    expect(warnings).toContain('the table was sorted under a write; rewriting the rows it touched');
    expect(local).toEqual([{ rowId: ids[3], column: 'participantsPlanned', before: 4, after: 7 }]);
    expect(planned(b.doc)).toEqual([['Aktivitet 1', 50], ['Aktivitet 2', 2], ['Aktivitet 3', 3], ['Aktivitet 4', 7]]);
    expect(shown(a)).toEqual([['Aktivitet 4', 7], ['Aktivitet 3', 3], ['Aktivitet 2', 2], ['Aktivitet 1', 50]]);
    expectSame(a, b);
  });
});

describe('remote writer: the table sorted again while a row written by mistake is put back', () => {
  it('puts back the rows the put-back went into too, and still ends equal to the doc', async () => {
    const { a, b, ids, warnings, local, settle } = await pair();
    const run = a.host.run.bind(a.host) as (batch: (context: Excel.RequestContext) => Promise<unknown>) => Promise<unknown>;
    // Descending before the write; ascending again before the put-back, which then lands on other rows too.
    const sorts = [() => a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false), () => a.host.user.sortTable(a.binding.tableName, 'Aktivitet', true)];
    (a.host as { run: unknown }).run = (batch: (context: Excel.RequestContext) => Promise<unknown>) => {
      sorts.shift()?.();
      return run(batch);
    };
    setCell(b.doc, ids[0] as string, 'participantsPlanned', 50);
    setCell(b.doc, ids[1] as string, 'participantsPlanned', 60);
    await settle();
    expect(sorts).toEqual([]);
    expect(warnings.filter((w) => w.startsWith('the table was sorted under a write'))).toHaveLength(2);
    expect(local).toEqual([]);
    expect(planned(b.doc)).toEqual([['Aktivitet 1', 50], ['Aktivitet 2', 60], ['Aktivitet 3', 3], ['Aktivitet 4', 4]]);
    expect(shown(a)).toEqual([['Aktivitet 1', 50], ['Aktivitet 2', 60], ['Aktivitet 3', 3], ['Aktivitet 4', 4]]);
    expectSame(a, b);
  });
});

// The person types; while the binding's read of that cell is on its way to Excel, a remote
// change arrives and the person sorts. The read runs after the sort, at the address the edit
// had before it, and finds another row there, one whose remote change still waits.
describe('remote writer: a sort while the read of a local edit is in flight', () => {
  it('does not take the stale cell of the row now at that address as typed', async () => {
    const { a, b, ids, local, settle } = await pair();
    const run = a.host.run.bind(a.host) as (batch: (context: Excel.RequestContext) => Promise<unknown>) => Promise<unknown>;
    let armed = true;
    (a.host as { run: unknown }).run = (batch: (context: Excel.RequestContext) => Promise<unknown>) => {
      if (armed) {
        armed = false;
        setCell(b.doc, ids[0] as string, 'participantsPlanned', 50);
        a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false);
      }
      return run(batch);
    };
    a.host.user.type(SHEET, `${column('participantsPlanned')}5`, '7');
    await settle();
    expect(armed).toBe(false);
    expect(local).toEqual([{ rowId: ids[3], column: 'participantsPlanned', before: 4, after: 7 }]);
    expect(planned(b.doc)).toEqual([['Aktivitet 1', 50], ['Aktivitet 2', 2], ['Aktivitet 3', 3], ['Aktivitet 4', 7]]);
    expect(shown(a)).toEqual([['Aktivitet 4', 7], ['Aktivitet 3', 3], ['Aktivitet 2', 2], ['Aktivitet 1', 50]]);
    expectSame(a, b);
  });
});

// The binding writes back what was typed in canonical form (`1 200` → 1200) with the row's id;
// the person typed in another row and sorted between the read and that write-back.
describe('remote writer: a sort under the write-back of what was typed', () => {
  it('keeps what the person typed into the row the write-back went into by mistake', async () => {
    const { a, b, ids, local, settle } = await pair();
    const run = a.host.run.bind(a.host) as (batch: (context: Excel.RequestContext) => Promise<unknown>) => Promise<unknown>;
    let countdown = 2;
    (a.host as { run: unknown }).run = (batch: (context: Excel.RequestContext) => Promise<unknown>) => {
      if (countdown > 0 && --countdown === 0) {
        a.host.user.type(SHEET, `${column('participantsPlanned')}5`, '7');
        a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false);
      }
      return run(batch);
    };
    a.host.user.type(SHEET, `${column('participantsPlanned')}2`, '1 200');
    await settle();
    expect(countdown).toBe(0);
    expect(local).toEqual([
      { rowId: ids[0], column: 'participantsPlanned', before: 1, after: 1200 },
      { rowId: ids[3], column: 'participantsPlanned', before: 4, after: 7 },
    ]);
    expect(planned(b.doc)).toEqual([['Aktivitet 1', 1200], ['Aktivitet 2', 2], ['Aktivitet 3', 3], ['Aktivitet 4', 7]]);
    expect(shown(a)).toEqual([['Aktivitet 4', 7], ['Aktivitet 3', 3], ['Aktivitet 2', 2], ['Aktivitet 1', 1200]]);
    expectSame(a, b);
  });
});

describe('remote writer: a sort under the write-back of a new row\'s id', () => {
  it('leaves one row in the doc for the row typed, not a copy under the id that went astray', async () => {
    const { a, b, settle } = await pair();
    const run = a.host.run.bind(a.host) as (batch: (context: Excel.RequestContext) => Promise<unknown>) => Promise<unknown>;
    let countdown = 2;
    (a.host as { run: unknown }).run = (batch: (context: Excel.RequestContext) => Promise<unknown>) => {
      if (countdown > 0 && --countdown === 0) a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false);
      return run(batch);
    };
    a.host.user.type(SHEET, `${column('title')}6`, 'Aktivitet 5');
    await settle();
    expect(countdown).toBe(0);
    expect(rowsOf(b.doc).map((r) => r.values.title)).toEqual(['Aktivitet 1', 'Aktivitet 2', 'Aktivitet 3', 'Aktivitet 4', 'Aktivitet 5']);
    expect(shown(a).map(([title]) => title)).toEqual(['Aktivitet 5', 'Aktivitet 4', 'Aktivitet 3', 'Aktivitet 2', 'Aktivitet 1']);
    expectSame(a, b);
  });
});

describe('remote writer: sync count'
, () => {
  it('writes a remote edit in one sync when nothing moved, and checks the rows in that same request', async () => {
    const { a, b, ids, warnings, settle } = await pair();
    a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false);
    await settle();
    const before = a.syncs();
    b.doc.transact(() => {
      setCell(b.doc, ids[0] as string, 'participantsPlanned', 10);
      setCell(b.doc, ids[2] as string, 'title', 'Aktivitet tre');
    });
    await a.settle();
    expect(a.syncs() - before).toBe(1);
    expect(warnings).toEqual([]);
    expect(shown(a)).toEqual([['Aktivitet 4', 4], ['Aktivitet tre', 3], ['Aktivitet 2', 2], ['Aktivitet 1', 10]]);
  });
});
