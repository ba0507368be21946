/**
 * Changes here the server will not take, listed against the server's version, and the table a
 * person keeps them in.
 */
import { describe, expect, it } from 'vitest';
import { cellColumns } from '../../../shared/schema/index.js';
import { changesTable, listLocalChanges, type RowOf } from '../../../addin/taskpane/refused-changes.js';

const shared: RowOf[] = [
  { id: 'r1', values: { title: 'Promenad', responsible: 'Distriktssköterska', 'goals.motivation': true } },
  { id: 'r2', values: { title: 'Hälsodag', startDate: '2026-03-01' } },
  { id: 'r3', values: { title: 'Stavgång' } },
];

describe('listLocalChanges', () => {
  it('names each row that differs from the server: changed (with its columns), new, and deleted here', () => {
    const local: RowOf[] = [
      { id: 'r1', values: { title: 'Promenad i Spånga', responsible: 'Distriktssköterska', 'goals.motivation': true } },
      { id: 'r2', values: { title: 'Hälsodag', startDate: '2026-03-01' } },
      { id: 'r9', values: { title: 'Cirkelträning', participantsPlanned: 12 } },
    ];
    expect(listLocalChanges('activity-plan', shared, local)).toEqual([
      { kind: 'changed', rowId: 'r1', values: local[0]!.values, columns: ['title'] },
      { kind: 'new', rowId: 'r9', values: local[2]!.values, columns: ['title', 'participantsPlanned'] },
      { kind: 'deleted', rowId: 'r3', values: { title: 'Stavgång' }, columns: ['title'] },
    ]);
  });

  it('takes empty, unset and an unmarked x column as the same value, and ignores keys outside the columns', () => {
    const local: RowOf[] = [
      { id: 'r1', values: { title: 'Promenad', responsible: 'Distriktssköterska', 'goals.motivation': true, 'goals.prevention': false, comment: '', _pos: 'a0' } },
      { id: 'r2', values: { title: 'Hälsodag', startDate: '2026-03-01', endDate: null } },
      { id: 'r3', values: { title: 'Stavgång' } },
    ];
    expect(listLocalChanges('activity-plan', shared, local)).toEqual([]);
  });

  it('sees a cell emptied here and a mark taken away as changes', () => {
    const local: RowOf[] = [
      { id: 'r1', values: { title: 'Promenad', responsible: null, 'goals.motivation': false } },
      ...shared.slice(1),
    ];
    expect(listLocalChanges('activity-plan', shared, local)).toEqual([
      { kind: 'changed', rowId: 'r1', values: local[0]!.values, columns: ['goals.motivation', 'responsible'] },
    ]);
  });
});

describe('changesTable', () => {
  it('has a header (what, which columns, the document columns, the row id) and one row per change in Swedish', () => {
    const changes = listLocalChanges('activity-plan', shared, [
      { id: 'r1', values: { title: 'Promenad i Spånga', responsible: 'Distriktssköterska', 'goals.motivation': true, startDate: '2026-04-02' } },
      { id: 'r2', values: { title: 'Hälsodag', startDate: '2026-03-01' } },
    ]);
    const { header, rows } = changesTable('activity-plan', changes, 'sv');
    const columns = cellColumns('activity-plan');
    expect(header).toEqual(['Ändring', 'Ändrade kolumner', ...columns.map((c) => c.header.sv), 'Rad-id']);
    const at = (key: string) => 2 + columns.findIndex((c) => c.key === key);
    expect(rows).toHaveLength(2);
    expect(rows[0]![0]).toBe('ändrad');
    expect(rows[0]![1]).toBe('Aktivitet, Startdatum');
    expect(rows[0]![at('title')]).toBe('Promenad i Spånga');
    expect(rows[0]![at('goals.motivation')]).toBe('x');
    expect(rows[0]![at('startDate')]).toBe('2026-04-02');
    expect(rows[0]!.at(-1)).toBe('r1');
    expect(rows[1]!.slice(0, 2)).toEqual(['borttagen', '']);
    expect(rows[1]![at('title')]).toBe('Stavgång');
    expect(rows.every((r) => r.length === header.length)).toBe(true);
  });

  it('speaks English when the pane does', () => {
    const { header, rows } = changesTable('activity-plan', listLocalChanges('activity-plan', [], [{ id: 'n', values: { title: 'Walk' } }]), 'en');
    expect(header.slice(0, 3)).toEqual(['Change', 'Changed columns', 'Activity']);
    expect(rows[0]![0]).toBe('new');
  });
});
