/**
 * Undo of the person's own edits (`TableBinding.undo`, `shared/doc/own-undo.ts`): the last edit
 * the person typed goes back in the doc and the sheet, a peer's edit made since stays, the table
 * as opened is not undone, and a pasted block is one step.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf, setCell } from '../../../shared/doc/index.js';
import { docWith, openSide, type Side } from './helpers.js';

const open: Side[] = [];
afterEach(async () => {
  for (const side of open.splice(0)) await side.binding.dispose();
});

async function side(): Promise<Side> {
  const s = await openSide(docWith('activity-plan', [{ title: 'Promenad' }, { title: 'Hälsodag' }]), 'activity-plan');
  open.push(s);
  await s.settle();
  return s;
}

const titles = (s: Side): unknown[] => rowsOf(s.doc).map((r) => r.values.title);
const cells = (s: Side, address: string): unknown[] => s.host.read(s.binding.sheetName, address).map((r) => r[0]);

describe("undo of the person's own edits", () => {
  it("takes back the person's last edits one at a time, in the doc and the sheet, and never a peer's edit made since", async () => {
    const s = await side();
    expect(s.binding.undo()).toBe(false);
    s.host.user.type(s.binding.sheetName, 'B2', 'Stavgång');
    await s.settle();
    s.host.user.type(s.binding.sheetName, 'B3', 'Cirkelträning');
    await s.settle();
    // A peer changes the first row after the person's edit of it.
    const [first] = rowsOf(s.doc);
    setCell(s.doc, first?.id as string, 'participantsPlanned', 12);
    await s.settle();
    expect(s.binding.undo()).toBe(true);
    await s.settle();
    expect(titles(s)).toEqual(['Stavgång', 'Hälsodag']);
    expect(cells(s, 'B2:B3')).toEqual(['Stavgång', 'Hälsodag']);
    expect(s.binding.undo()).toBe(true);
    await s.settle();
    expect(titles(s)).toEqual(['Promenad', 'Hälsodag']);
    expect(cells(s, 'B2:B3')).toEqual(['Promenad', 'Hälsodag']);
    expect(rowsOf(s.doc)[0]?.values.participantsPlanned).toBe(12);
    expect(s.binding.undo()).toBe(false);
    expect(titles(s)).toEqual(['Promenad', 'Hälsodag']);
  });

  it('undoes a pasted block as one step', async () => {
    const s = await side();
    s.host.user.paste(s.binding.sheetName, 'B2', [['Stavgång'], ['Cirkelträning']]);
    await s.settle();
    expect(titles(s)).toEqual(['Stavgång', 'Cirkelträning']);
    expect(s.binding.undo()).toBe(true);
    await s.settle();
    expect(titles(s)).toEqual(['Promenad', 'Hälsodag']);
    expect(cells(s, 'B2:B3')).toEqual(['Promenad', 'Hälsodag']);
  });
});
