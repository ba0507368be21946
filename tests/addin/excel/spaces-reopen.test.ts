/**
 * Reopening a workbook sends only what the person changed while the pane was closed. A binding
 * before spaces around a text were kept read ` Promenad ` typed over `Promenad` as `Promenad`,
 * found it the same and left the cell showing the spaces; its snapshot (no fifth part) agreed on
 * `Promenad`. On the old code the next opening read the spaced cell as an edit and sent it to the
 * plan (a false edit); and a cell taken as the same value while showing other text (an invisible
 * character around it) was left showing it, its note saying it was written again without it.
 */
import { describe, expect, it } from 'vitest';
import { findClosedEdits } from '../../../addin/excel/closed-edits.js';
import { snapshotKey } from '../../../addin/excel/sheet/snapshot.js';
import type { ExcelRun } from '../../../addin/excel/sheet/types.js';
import { rowsOf } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, openPair, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();
const TITLE = cellAt('activity-plan', 'title', 0);
const plan = { id: 'plan-test', kind: 'activity-plan', title: 'Plan 2026' };
const shown = (side: Side): unknown => side.host.read(SHEET, TITLE)[0]![0];

/** Closes `a`'s pane and runs `change` in its workbook (as the person, or as an older binding left it). */
async function closed(a: Side, change: () => Promise<void> | void): Promise<void> {
  await a.binding.dispose();
  opened.splice(opened.indexOf(a), 1);
  await change();
  await a.host.settle();
}

async function reopened(a: Side): Promise<Side> {
  const again = await openSide(a.doc, 'activity-plan', {}, a.host);
  opened.push(again);
  for (let i = 0; i < 2; i++) await again.settle();
  return again;
}

/** The workbook's snapshot as a binding before spaces were kept wrote it: its first three parts. */
async function olderSnapshot(side: Side): Promise<void> {
  const key = snapshotKey('plan-test');
  const text = side.host.snapshot().settings[key] as string;
  await side.host.run(async (context) => {
    context.workbook.settings.add(key, text.split('|').slice(0, 3).join('|'));
    await context.sync();
  });
}

async function pair(): Promise<{ a: Side; b: Side }> {
  const { a, b } = await openPair([{ title: 'Promenad', type: 'halsodag' }], opened);
  return { a, b };
}

describe('a cell showing spaces around a text the plan holds without them', () => {
  it('left so by an older binding, is no edit when the document is opened again: the plan keeps its text, the cell shows it, said', async () => {
    const { a, b } = await pair();
    await closed(a, async () => {
      a.host.user.type(SHEET, TITLE, ' Promenad ');
      await olderSnapshot(a);
    });
    const run = ((batch: never) => a.host.run(batch)) as unknown as ExcelRun;
    expect(await findClosedEdits(run, [plan])).toEqual([]);
    const again = await reopened(a);
    await b.settle();
    expect(rowsOf(again.doc)[0]!.values.title).toBe('Promenad');
    expect(rowsOf(b.doc)[0]!.values.title).toBe('Promenad');
    expect(shown(again)).toBe('Promenad');
    const [note] = again.binding.problems.filter((p) => p.column === 'title');
    expect(note).toMatchObject({ severity: 'info', code: 'spaces-stored-trimmed' });
    expect(note!.message.sv).toContain('mellanslagen');
    expect(again.binding.problems.filter((p) => p.code === 'conflict')).toEqual([]);
  });

  it("left so by an older binding, gives way to a colleague's text written meanwhile, with no conflict", async () => {
    const { a, b } = await pair();
    await closed(a, async () => {
      a.host.user.type(SHEET, TITLE, ' Promenad ');
      await olderSnapshot(a);
      b.host.user.type(SHEET, TITLE, 'Stavgång');
      await b.settle();
    });
    const again = await reopened(a);
    expect(rowsOf(again.doc)[0]!.values.title).toBe('Stavgång');
    expect(shown(again)).toBe('Stavgång');
    expect(again.binding.problems.filter((p) => p.code === 'conflict')).toEqual([]);
  });

  it('typed while the pane was closed, after a binding that keeps spaces, is the person’s edit and is sent', async () => {
    const { a, b } = await pair();
    await closed(a, () => a.host.user.type(SHEET, TITLE, ' Promenad '));
    const run = ((batch: never) => a.host.run(batch)) as unknown as ExcelRun;
    expect(await findClosedEdits(run, [plan])).toEqual([{ docId: 'plan-test', rows: 1, sheet: SHEET }]);
    const again = await reopened(a);
    await b.settle();
    expect(rowsOf(b.doc)[0]!.values.title).toBe(' Promenad ');
    expect(shown(again)).toBe(' Promenad ');
  });
});

describe('a cell typed while the pane was closed that reads as the value the plan holds', () => {
  it('is written again as the plan shows it, as a live edit is, and nothing is sent', async () => {
    const { a, b } = await pair();
    await closed(a, () => a.host.user.type(SHEET, TITLE, 'Promenad\u200b'));
    const again = await reopened(a);
    await b.settle();
    expect(rowsOf(b.doc)[0]!.values.title).toBe('Promenad');
    expect(shown(again)).toBe('Promenad');
    expect(again.binding.problems.filter((p) => p.column === 'title').map((p) => p.code)).toEqual(['breaks-trimmed']);
  });
});
