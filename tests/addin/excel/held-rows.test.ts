/**
 * A new row held in the sheet (`local/held-rows.ts`) whose unit shows a name while the unit list
 * is not known yet: the name is not taken for the unit itself (that would hold the row as another
 * unit's), the note says the list has not arrived, and the row is judged again, and sent, when
 * the list arrives, without another edit.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { refListsFeed } from '../../../addin/excel/sheet/ref-lists.js';
import { writeRightsFor } from '../../../addin/taskpane/write-rights.js';
import { cellAt, disposedAfterEach, docWith, openSide } from './helpers.js';

const opened = disposedAfterEach();
const UNITS = [
  { code: 'vc-tensta', name: 'Tensta vårdcentral', parent: null },
  { code: 'vc-husby', name: 'Husby vårdcentral', parent: null },
];

describe('a new row of an editor typed before the unit list has arrived', () => {
  it('is held with a note saying the list has not arrived, and sent with its unit once it arrives', async () => {
    const doc = docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', perspective: 'befolkning' }]);
    const rights = writeRightsFor({ name: 'Nina', role: 'editor', units: ['vc-tensta'], memberId: 'nina' }, { kind: 'action-plan', ownerUnit: 'region' }, UNITS);
    const lists = refListsFeed({ partner: [] });
    const side = await openSide(doc, 'action-plan', { refLists: lists, ...(rights.rowLocks ? { rowLocks: rights.rowLocks } : {}) });
    opened.push(side);
    const sheet = side.binding.sheetName;
    side.host.user.type(sheet, cellAt('action-plan', 'measure', 1), 'Stavgång vid Järvafältet');
    side.host.user.type(sheet, cellAt('action-plan', 'unit', 1), 'Tensta vårdcentral');
    await side.settle();
    expect(rowsOf(doc)).toHaveLength(1);
    const held = side.binding.problems.filter((p) => p.code === 'row-held');
    expect(held.map((p) => p.message.sv)).toEqual([
      'Raden skickas inte än: Enhet visar ett namn ur en lista som inte har kommit än. Det du skrev står kvar i bladet och skickas när raden är en du får skriva, till exempel när Enhet är ifylld.',
    ]);

    lists.set('unit', UNITS.map((u) => ({ id: u.code, name: u.name })));
    await expect.poll(() => rowsOf(doc).map((r) => [r.values.unit, r.values.measure]), { timeout: 5000 }).toEqual([
      ['vc-tensta', 'Promenadgrupp'],
      ['vc-tensta', 'Stavgång vid Järvafältet'],
    ]);
    await side.settle();
    expect(side.binding.problems.filter((p) => p.code === 'row-held')).toEqual([]);
    expect(side.host.readText(sheet, cellAt('action-plan', 'unit', 1))).toEqual([['Tensta vårdcentral']]);
  });
});
