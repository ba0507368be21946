/**
 * A new row held in the sheet (`local/held-rows.ts`) whose unit shows a name while the unit list
 * is not known yet: the name is not taken for the unit itself (that would hold the row as another
 * unit's), the note says the list has not arrived, and the row is judged again, and sent, when
 * the list arrives, without another edit. A held row is known by an id of its own, written in
 * its id cell, so its note stays with it and leads to it when rows move.
 */
import { describe, expect, it } from 'vitest';
import { deleteRows, rowsOf } from '../../../shared/doc/index.js';
import { rowLocks } from '../../../addin/excel/sheet/row-locks.js';
import { refListsFeed } from '../../../addin/excel/sheet/ref-lists.js';
import { roundRowLocks } from '../../../addin/taskpane/round-row-locks.js';
import type { RoundsLive } from '../../../addin/taskpane/rounds-live.js';
import { writeRightsFor } from '../../../addin/taskpane/write-rights.js';
import { cellAt, disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const opened = disposedAfterEach();
const UNITS = [
  { code: 'vc-tensta', name: 'Tensta vårdcentral', parent: null },
  { code: 'vc-husby', name: 'Husby vårdcentral', parent: null },
];

/** Types `cells` into the table's first empty row, left to right, and lets the binding read them. */
async function typeNewRow(side: Side, kind: 'action-plan' | 'activity-plan', cells: readonly [string, string][]): Promise<void> {
  const index = rowsOf(side.doc).length;
  for (const [key, text] of cells) side.host.user.type(side.binding.sheetName, cellAt(kind, key, index), text);
  await side.settle();
}

/** The words of the held rows' notes in Problems. */
const heldNotes = (side: Side): string[] => side.binding.problems.filter((p) => p.code === 'row-held').map((p) => p.message.sv);

describe('a new row of an editor typed before the unit list has arrived', () => {
  it('is held with a note saying the list has not arrived, and sent with its unit once it arrives', async () => {
    const doc = docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', perspective: 'befolkning' }]);
    const rights = writeRightsFor({ name: 'Nina', role: 'editor', units: ['vc-tensta'], memberId: 'nina' }, { kind: 'action-plan', ownerUnit: 'region' }, UNITS);
    const lists = refListsFeed({ partner: [] });
    const side = await openSide(doc, 'action-plan', { refLists: lists, ...(rights.rowLocks ? { rowLocks: rights.rowLocks } : {}) });
    opened.push(side);
    const sheet = side.binding.sheetName;
    await typeNewRow(side, 'action-plan', [['measure', 'Stavgång vid Järvafältet'], ['unit', 'Tensta vårdcentral']]);
    expect(rowsOf(doc)).toHaveLength(1);
    expect(heldNotes(side)).toEqual([
      'Raden skickas inte än: Enhet visar ett namn ur en lista som inte har kommit än. Det du skrev står kvar i bladet och skickas när listan har kommit.',
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

describe('the note of a held row says what lets it go, for the reason it is held', () => {
  it('a row without its unit: once its unit is one of yours', async () => {
    const doc = docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', perspective: 'befolkning' }]);
    const rights = writeRightsFor({ name: 'Nina', role: 'editor', units: ['vc-tensta'], memberId: 'nina' }, { kind: 'action-plan', ownerUnit: 'region' }, UNITS);
    const lists = refListsFeed({ partner: [], unit: UNITS.map((u) => ({ id: u.code, name: u.name })) });
    const side = await openSide(doc, 'action-plan', { refLists: lists, ...(rights.rowLocks ? { rowLocks: rights.rowLocks } : {}) });
    opened.push(side);
    await typeNewRow(side, 'action-plan', [['measure', 'Stavgång vid Järvafältet']]);
    expect(heldNotes(side)).toEqual([
      'Raden skickas inte än: raden har ingen enhet; du skriver bara rader för Tensta vårdcentral. Det du skrev står kvar i bladet och skickas när Enhet är en av dina enheter.',
    ]);
  });

  const round = { id: '2025-kv-2', title: '2025 kv 2', period: '2025Q2', dueDate: '2025-07-15', indicators: [], activities: true, units: [] };
  /** The held note of a new row typed into `round`'s quarter, with the round as `snapshot` has it. */
  async function heldInRound(snapshot: RoundsLive['current']): Promise<string[]> {
    const live: RoundsLive = { current: snapshot, subscribe: () => () => {} };
    const doc = docWith('activity-plan', [{ title: 'Hälsodag höst', type: 'halsodag', startDate: '2025-09-01', endDate: '2025-09-01' }]);
    const side = await openSide(doc, 'activity-plan', { rowLocks: roundRowLocks(live, { kind: 'activity-plan', ownerUnit: 'vc-tensta' }) });
    opened.push(side);
    await typeNewRow(side, 'activity-plan', [['title', 'Stavgång vid Järvafältet'], ['endDate', '2025-06-20']]);
    expect(rowsOf(doc)).toHaveLength(1);
    return heldNotes(side);
  }

  it('a row in an approved round’s quarter: once it leaves the round or the round is opened, said once, not when a unit is filled in', async () => {
    expect(await heldInRound({ rounds: [round], statuses: [{ round: round.id, unit: 'vc-tensta', status: 'godkand', reason: null }] })).toEqual([
      'Raden skickas inte än: raden ingår i den godkända omgången 2025 kv 2. ' +
        'Det du skrev står kvar i bladet och skickas när raden inte ingår i omgången 2025 kv 2 (ändra dess period eller datum) eller när en administratör har öppnat enhetens rapport för ändring.',
    ]);
  });

  it('a row in a closed round’s quarter: once it leaves the round or the round is opened again, said once', async () => {
    expect(await heldInRound({ rounds: [round], statuses: [], closed: [{ round: round.id, by: 'coord', at: '2025-07-20T08:00:00Z', reason: null }] })).toEqual([
      'Raden skickas inte än: raden ingår i den stängda omgången 2025 kv 2. ' +
        'Det du skrev står kvar i bladet och skickas när raden inte ingår i omgången 2025 kv 2 (ändra dess period eller datum) eller när omgången har öppnats igen.',
    ]);
  });
});

describe('a held row', () => {
  const tenstaOnly = rowLocks((_id, values) => (values.unit === 'vc-tensta' ? undefined : { sv: 'raden har ingen av dina enheter.', en: 'the row has none of your units.' }));
  /** The sheet row (zero-based) the held row's note leads to, from Problems, and the text there. */
  async function noteLeadsTo(side: Side): Promise<unknown> {
    const held = side.binding.problems.filter((p) => p.code === 'row-held');
    expect(held).toHaveLength(1);
    expect(await side.binding.selectCell(held[0]!.rowId ?? '', held[0]!.column)).toBe(true);
    const at = side.host.selection();
    return side.host.read(side.binding.sheetName, `${cellAt('action-plan', 'measure', 0).replace(/\d+$/, '')}${(at?.row ?? 0) + 1}`)[0]?.[0];
  }

  it('keeps its note, and the note leads to it, when rows are inserted above it, the table sorted and a row above deleted', async () => {
    const doc = docWith('action-plan', [
      { unit: 'vc-tensta', measure: 'Boule', perspective: 'befolkning' },
      { unit: 'vc-tensta', measure: 'Promenadgrupp', perspective: 'befolkning' },
    ]);
    const side = await openSide(doc, 'action-plan', { rowLocks: tenstaOnly });
    opened.push(side);
    const sheet = side.binding.sheetName;
    side.host.user.type(sheet, cellAt('action-plan', 'measure', 2), 'Stavgång vid Järvafältet');
    await side.settle();
    expect(await noteLeadsTo(side)).toBe('Stavgång vid Järvafältet');

    side.host.user.insertRows(sheet, '2:2');
    await side.settle();
    expect(await noteLeadsTo(side)).toBe('Stavgång vid Järvafältet');
    side.host.user.sortTable(side.binding.tableName, 'Åtgärd');
    await side.settle();
    expect(await noteLeadsTo(side)).toBe('Stavgång vid Järvafältet');
    // A colleague deletes a row above it: nothing is read here, the note still leads to it.
    deleteRows(doc, [rowsOf(doc).find((r) => r.values.measure === 'Promenadgrupp')!.id]);
    await side.settle();
    expect(await noteLeadsTo(side)).toBe('Stavgång vid Järvafältet');
    // An edit of another row does not take the note away.
    side.host.user.type(sheet, cellAt('action-plan', 'measure', 0), 'Boule på torget');
    await side.settle();
    expect(await noteLeadsTo(side)).toBe('Stavgång vid Järvafältet');
    expect(rowsOf(doc).map((r) => r.values.measure)).toEqual(['Boule på torget']);
    // Its unit filled in, it is sent under the id its note named, and the note goes.
    const heldId = side.binding.problems.find((p) => p.code === 'row-held')!.rowId;
    const at = side.host.selection()!.row + 1;
    side.host.user.type(sheet, `${cellAt('action-plan', 'unit', 0).replace(/\d+$/, '')}${at}`, 'vc-tensta');
    await side.settle();
    expect(rowsOf(doc).map((r) => [r.id === heldId, r.values.measure])).toEqual([[false, 'Boule på torget'], [true, 'Stavgång vid Järvafältet']]);
    expect(side.binding.problems.filter((p) => p.code === 'row-held')).toEqual([]);
  });

  it.each([
    ['once', 1],
    ['twice in one paste', 2],
  ])('copied with its id cell below the table %s, gives each copy an id of its own: a note each, leading to its row, all sent', async (_how, copies) => {
    const doc = docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Boule', perspective: 'befolkning' }]);
    const side = await openSide(doc, 'action-plan', { rowLocks: tenstaOnly });
    opened.push(side);
    const sheet = side.binding.sheetName;
    side.host.user.type(sheet, cellAt('action-plan', 'measure', 1), 'Stavgång vid Järvafältet');
    await side.settle();
    const width = side.host.readTable(side.binding.tableName).headers.length;
    const end = String.fromCharCode(64 + width);
    const copied = side.host.read(sheet, `A3:${end}3`);
    expect(copied[0]?.[0]).toEqual(expect.any(String));
    side.host.user.paste(sheet, 'A4', Array.from({ length: copies }, () => copied[0]!));
    await side.settle();
    const ids = side.host.readTable(side.binding.tableName).rows.map((r) => r[0]);
    expect(ids).toHaveLength(2 + copies);
    expect(new Set(ids).size).toBe(2 + copies);
    const held = side.binding.problems.filter((p) => p.code === 'row-held');
    expect(held.map((p) => p.rowId).sort()).toEqual(ids.slice(1).sort());
    for (const p of held) {
      expect(await side.binding.selectCell(p.rowId ?? '', p.column)).toBe(true);
      expect(side.host.read(sheet, `A${side.host.selection()!.row + 1}`)[0]?.[0]).toBe(p.rowId);
    }
    side.host.user.paste(sheet, cellAt('action-plan', 'unit', 1), Array.from({ length: 1 + copies }, () => ['vc-tensta']));
    await side.settle();
    expect(rowsOf(doc).map((r) => r.id)).toEqual(ids);
    expect(side.binding.problems.filter((p) => p.code === 'row-held')).toEqual([]);
  });
});
