/**
 * A name typed into a reference cell that its list does not hold stays in the sheet as typed with
 * `unknown-ref` (`local/unknown-refs.ts`); when a colleague adds it to the list, the cell is read
 * again without another edit and sent as its id; the other rows keep what they hold.
 */
import { describe, expect, it } from 'vitest';
import { getRow, rowsOf } from '../../../shared/doc/index.js';
import { refListsFeed } from '../../../addin/excel/sheet/ref-lists.js';
import { cellAt, disposedAfterEach, docWith, openSide } from './helpers.js';

const opened = disposedAfterEach();
const UNITS = [{ id: 'vc-tensta', name: 'Tensta vårdcentral' }];
// Partners by the row ids of their rows in the partner list.
const PARTNERS = [
  { id: 'Tq3vX8pL2mZa', name: 'Tensta IF' },
  { id: 'Fk7sD1wQ9nBc', name: 'Försäkringskassan' },
];
const JARVA = { id: 'Jv4kR2sT8wQe', name: 'Järva Folkhälsa' };

describe('a name its list did not hold', () => {
  it('is read again, and sent as its id, when the name is added to the list', async () => {
    const doc = docWith('action-plan', [
      { unit: 'vc-tensta', measure: 'Promenadgrupp', partner: 'Tq3vX8pL2mZa' },
      { unit: 'vc-tensta', measure: 'Hälsodag', partner: 'Fk7sD1wQ9nBc' },
    ]);
    const lists = refListsFeed({ unit: UNITS, partner: PARTNERS });
    const side = await openSide(doc, 'action-plan', { refLists: lists });
    opened.push(side);
    const sheet = side.binding.sheetName;
    const [first, second] = rowsOf(doc).map((r) => r.id);
    side.host.user.type(sheet, cellAt('action-plan', 'partner', 1), 'Järva folkhälsa');
    await side.settle();
    expect(getRow(doc, second!)?.values.partner).toBe('Fk7sD1wQ9nBc');
    expect(side.binding.problems.filter((p) => p.code === 'unknown-ref').map((p) => p.rowId)).toEqual([second]);

    lists.set('partner', [...PARTNERS, JARVA]);
    await expect.poll(() => getRow(doc, second!)?.values.partner, { timeout: 5000 }).toBe(JARVA.id);
    await side.settle();
    expect(side.binding.problems.filter((p) => p.code === 'unknown-ref')).toEqual([]);
    expect(side.host.readText(sheet, cellAt('action-plan', 'partner', 1))).toEqual([['Järva Folkhälsa']]);
    expect(getRow(doc, first!)?.values.partner).toBe('Tq3vX8pL2mZa');
  });
});
