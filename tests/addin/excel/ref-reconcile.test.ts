/**
 * A bound table reopened before its reference lists have arrived: a cell showing a partner's,
 * unit's or indicator's name is not read while its list is unknown, so the name is never written
 * over the id the doc stores, nor is the doc's id written over a name chosen; once the list
 * arrives the cells are read with it and merged three ways: a name chosen while the pane was
 * closed is then sent as its id, or named as a conflict when someone else changed the cell too.
 */
import { describe, expect, it } from 'vitest';
import { deleteRows, getRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { refListsFeed } from '../../../addin/excel/sheet/ref-lists.js';
import { disposedAfterEach, docWith, openSide } from './helpers.js';

const opened = disposedAfterEach();

const UNITS = [
  { id: 'vc-tensta', name: 'Tensta vårdcentral' },
  { id: 'vc-husby-akalla', name: 'Husby Akalla vårdcentral' },
];
// Partners by the row ids of their rows in the partner list.
const PARTNERS = [
  { id: 'Tq3vX8pL2mZa', name: 'Tensta IF' },
  { id: 'Fk7sD1wQ9nBc', name: 'Försäkringskassan' },
];

/** An action plan bound with both lists, its snapshot stored, then closed; the sheet shows the names. */
async function closedPlan() {
  const doc = docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', partner: 'Tq3vX8pL2mZa' }]);
  const first = await openSide(doc, 'action-plan', { refLists: refListsFeed({ unit: UNITS, partner: PARTNERS }) });
  await first.settle();
  await first.binding.saveSnapshot();
  const sheet = first.binding.sheetName;
  const headers = first.host.readTable(first.binding.tableName).headers;
  const at = (header: string): string => `${String.fromCharCode(65 + headers.indexOf(header))}2`;
  expect([first.host.readText(sheet, at('Samverkanspart')), first.host.readText(sheet, at('Enhet'))]).toEqual([[['Tensta IF']], [['Tensta vårdcentral']]]);
  await first.binding.dispose();
  return { doc, host: first.host, sheet, at, id: rowsOf(doc)[0]!.id };
}

describe('reopening a table before its reference lists are known', () => {
  it('keeps the stored ids of cells that show names, and reads them once the lists arrive', async () => {
    const { doc, host, id } = await closedPlan();
    const lists = refListsFeed();
    const side = await openSide(doc, 'action-plan', { refLists: lists }, host);
    opened.push(side);
    await side.settle();
    expect(getRow(doc, id)?.values).toMatchObject({ unit: 'vc-tensta', partner: 'Tq3vX8pL2mZa' });
    expect(side.binding.problems.filter((p) => p.code === 'conflict')).toEqual([]);

    lists.set('partner', PARTNERS);
    lists.set('unit', UNITS);
    await side.settle();
    expect(getRow(doc, id)?.values).toMatchObject({ unit: 'vc-tensta', partner: 'Tq3vX8pL2mZa' });
  });

  it('sends a name chosen while the pane was closed as its id once its list arrives', async () => {
    const { doc, host, sheet, at, id } = await closedPlan();
    host.user.type(sheet, at('Samverkanspart'), 'Försäkringskassan');
    await host.settle();
    const lists = refListsFeed();
    const side = await openSide(doc, 'action-plan', { refLists: lists }, host);
    opened.push(side);
    await side.settle();
    // Unread yet: neither the name nor anything else is written over the id.
    expect(getRow(doc, id)?.values.partner).toBe('Tq3vX8pL2mZa');
    expect(host.readText(sheet, at('Samverkanspart'))).toEqual([['Försäkringskassan']]);

    lists.set('partner', PARTNERS);
    await side.settle();
    await expect.poll(() => getRow(doc, id)?.values.partner, { timeout: 5000 }).toBe('Fk7sD1wQ9nBc');
    expect(host.readText(sheet, at('Samverkanspart'))).toEqual([['Försäkringskassan']]);
  });

  it('stores a name chosen while the pane was closed when its list arrives while the table is still being opened', async () => {
    const { doc, host, sheet, at, id } = await closedPlan();
    host.user.type(sheet, at('Samverkanspart'), 'Försäkringskassan');
    await host.settle();
    const lists = refListsFeed({ unit: UNITS });
    // The first Problems come with the reconcile, before the binding is up: the list arrives then.
    const onProblems = (): void => (lists.lookup('partner') ? undefined : lists.set('partner', PARTNERS));
    const side = await openSide(doc, 'action-plan', { refLists: lists, onProblems }, host);
    opened.push(side);
    await side.settle();
    expect(lists.lookup('partner')).toBeDefined();
    await expect.poll(() => getRow(doc, id)?.values.partner, { timeout: 5000 }).toBe('Fk7sD1wQ9nBc');
    expect(host.readText(sheet, at('Samverkanspart'))).toEqual([['Försäkringskassan']]);
  });

  it('keeps the names of a row added while the pane was closed, and stores them as ids once the lists arrive', async () => {
    const { doc, host, sheet, at } = await closedPlan();
    const below = (address: string): string => address.replace(/\d+$/, '3');
    host.user.paste(sheet, below(at('Åtgärd')), [['Hälsodag']]);
    host.user.paste(sheet, below(at('Enhet')), [['Husby Akalla vårdcentral']]);
    host.user.paste(sheet, below(at('Samverkanspart')), [['Försäkringskassan']]);
    await host.settle();
    const lists = refListsFeed();
    const side = await openSide(doc, 'action-plan', { refLists: lists }, host);
    opened.push(side);
    await side.settle();
    expect(rowsOf(doc).map((r) => [r.values.measure, r.values.unit, r.values.partner])).toEqual([['Promenadgrupp', 'vc-tensta', 'Tq3vX8pL2mZa'], ['Hälsodag', undefined, undefined]]);
    expect([host.readText(sheet, below(at('Enhet'))), host.readText(sheet, below(at('Samverkanspart')))]).toEqual([[['Husby Akalla vårdcentral']], [['Försäkringskassan']]]);

    lists.set('unit', UNITS);
    lists.set('partner', PARTNERS);
    await side.settle();
    await expect.poll(() => rowsOf(doc)[1]?.values.partner, { timeout: 5000 }).toBe('Fk7sD1wQ9nBc');
    expect(rowsOf(doc)[1]?.values.unit).toBe('vc-husby-akalla');
    expect([host.readText(sheet, below(at('Enhet'))), host.readText(sheet, below(at('Samverkanspart')))]).toEqual([[['Husby Akalla vårdcentral']], [['Försäkringskassan']]]);
  });

  it('writes nothing over a name chosen while its list is unknown, and names the conflict with a change made meanwhile once it arrives', async () => {
    const { doc, host, sheet, at, id } = await closedPlan();
    host.user.type(sheet, at('Samverkanspart'), 'Försäkringskassan');
    await host.settle();
    const lists = refListsFeed({ unit: UNITS });
    const side = await openSide(doc, 'action-plan', { refLists: lists }, host);
    opened.push(side);
    await side.settle();
    // Someone else sets another partner meanwhile: its id is not written over the name chosen.
    setCell(doc, id, 'partner', 'Tq3vX8pL2mZb');
    await side.settle();
    expect(host.readText(sheet, at('Samverkanspart'))).toEqual([['Försäkringskassan']]);

    lists.set('partner', [...PARTNERS, { id: 'Tq3vX8pL2mZb', name: 'Husby IK' }]);
    await side.settle();
    await expect.poll(() => host.readText(sheet, at('Samverkanspart'))[0]?.[0], { timeout: 5000 }).toBe('Husby IK');
    expect(getRow(doc, id)?.values.partner).toBe('Tq3vX8pL2mZb');
    const conflicts = side.binding.problems.filter((p) => p.code === 'conflict');
    expect(conflicts.map((p) => [p.rowId, p.column, p.message.sv.endsWith('ditt värde var: Försäkringskassan')])).toEqual([[id, 'partner', true]]);
  });
});

describe('a row deleted by someone else while the pane was closed, its list unknown on reopening', () => {
  const deletedRemotely = (side: { binding: { problems: readonly { code: string; rowId: string | null; message: { sv: string } }[] } }) =>
    side.binding.problems.filter((p) => p.code === 'conflict' && p.message.sv.startsWith('Raden ändrades i arbetsboken men togs bort'));

  it('names the row as a conflict when its only change was a partner chosen, once the list says it was a change', async () => {
    const { doc, host, sheet, at, id } = await closedPlan();
    host.user.type(sheet, at('Samverkanspart'), 'Försäkringskassan');
    await host.settle();
    deleteRows(doc, [id]);
    const lists = refListsFeed({ unit: UNITS });
    const side = await openSide(doc, 'action-plan', { refLists: lists }, host);
    opened.push(side);
    await side.settle();
    expect(rowsOf(doc)).toEqual([]);

    lists.set('partner', PARTNERS);
    await side.settle();
    await expect.poll(() => deletedRemotely(side).map((p) => p.rowId), { timeout: 5000 }).toEqual([id]);
    expect(deletedRemotely(side)[0]?.message.sv).toContain('Försäkringskassan');
  });

  it('names no conflict for a row deleted there whose partner was left as it was', async () => {
    const { doc, host, id } = await closedPlan();
    deleteRows(doc, [id]);
    const lists = refListsFeed({ unit: UNITS });
    const side = await openSide(doc, 'action-plan', { refLists: lists }, host);
    opened.push(side);
    await side.settle();
    lists.set('partner', PARTNERS);
    await side.settle();
    expect(rowsOf(doc)).toEqual([]);
    expect(side.binding.problems.filter((p) => p.code === 'conflict')).toEqual([]);
  });
});

describe('typing into a bound table before its reference lists are known', () => {
  it('stores a name typed or pasted into a reference cell as its id once the list arrives, never as the name', async () => {
    const doc = docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', partner: 'Tq3vX8pL2mZa' }]);
    const lists = refListsFeed({ unit: UNITS });
    const side = await openSide(doc, 'action-plan', { refLists: lists });
    opened.push(side);
    const sheet = side.binding.sheetName;
    const headers = side.host.readTable(side.binding.tableName).headers;
    const at = (header: string, row: number): string => `${String.fromCharCode(65 + headers.indexOf(header))}${row + 1}`;
    const id = rowsOf(doc)[0]!.id;
    side.host.user.type(sheet, at('Samverkanspart', 1), 'Försäkringskassan');
    side.host.user.paste(sheet, at('Enhet', 2), [['Tensta vårdcentral']]);
    side.host.user.paste(sheet, at('Samverkanspart', 2), [['Tensta IF']]);
    await side.settle();
    // Read without the list, each name would have been stored as itself.
    expect(rowsOf(doc).map((r) => [r.values.unit, r.values.partner])).toEqual([['vc-tensta', 'Tq3vX8pL2mZa'], ['vc-tensta', undefined]]);
    expect([side.host.readText(sheet, at('Samverkanspart', 1)), side.host.readText(sheet, at('Samverkanspart', 2))]).toEqual([[['Försäkringskassan']], [['Tensta IF']]]);

    lists.set('partner', PARTNERS);
    await side.settle();
    await expect.poll(() => rowsOf(doc).map((r) => r.values.partner), { timeout: 5000 }).toEqual(['Fk7sD1wQ9nBc', 'Tq3vX8pL2mZa']);
    expect(getRow(doc, id)?.values.partner).toBe('Fk7sD1wQ9nBc');
    expect([side.host.readText(sheet, at('Samverkanspart', 1)), side.host.readText(sheet, at('Samverkanspart', 2))]).toEqual([[['Försäkringskassan']], [['Tensta IF']]]);
    expect(side.binding.problems.filter((p) => p.code === 'conflict' || p.code === 'unknown-ref')).toEqual([]);
  });
});

