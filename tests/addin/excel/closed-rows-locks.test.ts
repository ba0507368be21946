/**
 * Rows added while the pane was closed ask the row locks on reopening, like rows typed live
 * (`local/reconcile.ts`, `local/held-rows.ts`): a row of another unit's is not sent (the server
 * would take it back), it stays in the sheet as typed and Problems says why; a row of the
 * person's own unit is sent as usual.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { rowLocks } from '../../../addin/excel/sheet/row-locks.js';
import { cellAt, disposedAfterEach, docWith, openSide } from './helpers.js';

const opened = disposedAfterEach();
// A Tensta editor's locks: rows of other units are not theirs to write.
const tenstaOnly = rowLocks((_id, values) => (values.unit === 'vc-tensta' ? undefined : { sv: `raden tillhör ${String(values.unit)}.`, en: `the row belongs to ${String(values.unit)}.` }));

describe('rows added while the pane was closed', () => {
  it('are held in the sheet when they are another unit’s, said in words, and sent when they are the person’s own', async () => {
    const doc = docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', perspective: 'befolkning' }]);
    const first = await openSide(doc, 'action-plan', { rowLocks: tenstaOnly });
    const sheet = first.binding.sheetName;
    await first.settle();
    await first.binding.saveSnapshot();
    await first.binding.dispose();
    const host = first.host;
    host.user.type(sheet, cellAt('action-plan', 'unit', 1), 'vc-husby');
    host.user.type(sheet, cellAt('action-plan', 'measure', 1), 'Hälsodag på torget');
    host.user.type(sheet, cellAt('action-plan', 'unit', 2), 'vc-tensta');
    host.user.type(sheet, cellAt('action-plan', 'measure', 2), 'Stavgång vid Järvafältet');
    await host.settle();

    const side = await openSide(doc, 'action-plan', { rowLocks: tenstaOnly }, host);
    opened.push(side);
    await side.settle();
    expect(rowsOf(doc).map((r) => [r.values.unit, r.values.measure])).toEqual([
      ['vc-tensta', 'Promenadgrupp'],
      ['vc-tensta', 'Stavgång vid Järvafältet'],
    ]);
    expect(host.readText(sheet, cellAt('action-plan', 'measure', 1))).toEqual([['Hälsodag på torget']]);
    const held = side.binding.problems.filter((p) => p.code === 'row-held');
    expect(held.map((p) => p.message.sv)).toEqual([
      'Raden skickas inte än: raden tillhör vc-husby. Det du skrev står kvar i bladet och skickas när raden är en du får skriva, till exempel när Enhet är ifylld.',
    ]);
  });
});
