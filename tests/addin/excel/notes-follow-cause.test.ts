/**
 * A note in Problems on a cell says something about what the cell shows: a value refused and kept
 * as typed, how a typed value was read. It is to go when its cause goes, whoever removed it: the
 * person typing over it (also while syncing was paused, or the pane closed), or a colleague whose
 * value the pane writes into the cell. On the old code only a formula's note went after a pause,
 * and a colleague's value written over a refused text left the refusal's note on the cell.
 */
import { describe, expect, it } from 'vitest';
import { FILL } from '../../../addin/excel/sheet/excel-io.js';
import { getRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, docWith, openPair, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();
const at = (key: string, index: number): string => cellAt('activity-plan', key, index);
const codes = (side: Side, column: string): string[] => side.binding.problems.filter((p) => p.column === column).map((p) => p.code);
const shown = (side: Side, address: string): unknown => side.host.read(SHEET, address)[0]![0];

function fillOf(side: Side, address: string): Promise<string> {
  return side.host.run(async (context) => {
    const f = context.workbook.worksheets.getItem(SHEET).getRange(address).format.fill;
    f.load('color');
    await context.sync();
    return f.color.toUpperCase();
  });
}

async function withRefused(): Promise<{ side: Side; cell: string; id: string }> {
  const side = await openSide(docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 }]), 'activity-plan');
  opened.push(side);
  const cell = at('participantsPlanned', 0);
  side.host.user.type(SHEET, cell, 'tolv');
  await side.settle();
  expect(codes(side, 'participantsPlanned')).toEqual(['not-number']);
  return { side, cell, id: rowsOf(side.doc)[0]!.id };
}

/** Renames the title's header (syncing pauses), runs `meanwhile`, and puts the header back. */
async function paused(side: Side, meanwhile: () => Promise<void> | void): Promise<void> {
  const header = at('title', 0).replace(/\d+$/, '1');
  const name = shown(side, header) as string;
  side.host.user.type(SHEET, header, 'Rubrik');
  await side.settle();
  expect(side.binding.status.paused).toBe('columns-changed');
  await meanwhile();
  side.host.user.type(SHEET, header, name);
  await side.settle();
  expect(side.binding.status.paused).toBeNull();
}

describe('a note on a refused cell', () => {
  it('goes when the person types a good value there while syncing is paused', async () => {
    const { side, cell, id } = await withRefused();
    await paused(side, async () => {
      side.host.user.type(SHEET, cell, 7);
      await side.settle();
    });
    expect(getRow(side.doc, id)?.values.participantsPlanned).toBe(7);
    expect(codes(side, 'participantsPlanned')).toEqual([]);
  });

  it('goes when the person empties the cell while syncing is paused', async () => {
    const { side, cell } = await withRefused();
    await paused(side, async () => {
      side.host.user.clear(SHEET, cell);
      await side.settle();
    });
    expect(codes(side, 'participantsPlanned')).toEqual([]);
  });

  it("goes when a colleague's value is written over it", async () => {
    const { a, b } = await openPair([{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 }], opened);
    const cell = at('participantsPlanned', 0);
    a.host.user.type(SHEET, cell, 'tolv');
    await a.settle();
    expect(codes(a, 'participantsPlanned')).toEqual(['not-number']);
    expect(await fillOf(a, cell)).not.toBe('#FFFFFF');
    setCell(b.doc, rowsOf(b.doc)[0]!.id, 'participantsPlanned', 12);
    await b.settle();
    await a.settle();
    expect(shown(a, cell)).toBe(12);
    expect(codes(a, 'participantsPlanned')).toEqual([]);
    expect([FILL.error, FILL.warning]).not.toContain(await fillOf(a, cell));
  });

  it("goes when a colleague's value arrives while syncing is paused and is written there after", async () => {
    const { a, b } = await openPair([{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 }], opened);
    const cell = at('participantsPlanned', 0);
    a.host.user.type(SHEET, cell, 'tolv');
    await a.settle();
    await paused(a, async () => {
      setCell(b.doc, rowsOf(b.doc)[0]!.id, 'participantsPlanned', 12);
      await b.settle();
      await a.settle();
    });
    await a.settle();
    expect(shown(a, cell)).toBe(12);
    expect(codes(a, 'participantsPlanned')).toEqual([]);
  });
});

describe('a note of how a typed value was read', () => {
  it('goes when the person types another value there while syncing is paused', async () => {
    const side = await openSide(docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag' }]), 'activity-plan');
    opened.push(side);
    const cell = at('participantsPlanned', 0);
    side.host.user.type(SHEET, cell, '–');
    await side.settle();
    expect(codes(side, 'participantsPlanned')).toEqual(['empty-from-dash']);
    await paused(side, async () => {
      side.host.user.type(SHEET, cell, 4);
      await side.settle();
    });
    expect(codes(side, 'participantsPlanned')).toEqual([]);
  });
});

describe('a note the binding makes for the value it writes', () => {
  it('stays: a percentage typed while the pane was closed is said when the cell is written back as its number', async () => {
    const side = await openSide(docWith('activity-plan', [{ title: 'Promenad', type: 'promenadgrupp', participantsPlanned: 7 }]), 'activity-plan');
    const cell = at('participantsPlanned', 0);
    await side.binding.dispose();
    side.host.user.type(SHEET, cell, '12 %');
    await side.host.settle();
    const again = await openSide(side.doc, 'activity-plan', {}, side.host);
    opened.push(again);
    await again.settle();
    expect(rowsOf(again.doc)[0]!.values.participantsPlanned).toBe(12);
    expect(again.host.readText(SHEET, cell)).toEqual([['12']]);
    expect(codes(again, 'participantsPlanned')).toEqual(['percent-from-format']);
  });
});
