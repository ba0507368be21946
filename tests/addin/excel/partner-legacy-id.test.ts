/**
 * A partner chosen in the sheet whose partner list row id the guard reads a number in, drawn
 * before it did (`P850101x1236`): the pane stores the id as the server takes it (an id's place,
 * `idReference`), and a personnummer typed in the partner cell is still not stored.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { refListsFeed } from '../../../addin/excel/sheet/ref-lists.js';
import { disposedAfterEach, docWith, openSide } from './helpers.js';

const opened = disposedAfterEach();

const PARTNERS = [
  { id: 'Tq3vX8pL2mZa', name: 'Tensta IF' },
  { id: 'P850101x1236', name: 'Röda Korset' },
];

describe('a partner whose list row id the guard reads a number in', () => {
  it('is stored by that id when its name is typed, and a personnummer typed in the cell is not', async () => {
    const doc = docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', partner: 'Tq3vX8pL2mZa' }]);
    const side = await openSide(doc, 'action-plan', { refLists: refListsFeed({ partner: PARTNERS }) });
    opened.push(side);
    const headers = side.host.readTable(side.binding.tableName).headers;
    const cell = `${String.fromCharCode(65 + headers.indexOf('Samverkanspart'))}2`;
    side.host.user.paste(side.binding.sheetName, cell, [['röda korset']]);
    await side.settle();
    await side.binding.flush();
    expect(rowsOf(side.doc)[0]?.values.partner).toBe('P850101x1236');
    expect(side.binding.problems.filter((p) => p.code === 'personnummer')).toEqual([]);

    side.host.user.paste(side.binding.sheetName, cell, [['850101-1236']]);
    await side.settle();
    await side.binding.flush();
    expect(rowsOf(side.doc)[0]?.values.partner).toBe('P850101x1236');
    // Not a partner's name: refused before the guard is asked (a partner cell takes names of the list only).
    expect(side.binding.problems.some((p) => p.column === 'partner' && p.severity === 'error')).toBe(true);
  });
});
