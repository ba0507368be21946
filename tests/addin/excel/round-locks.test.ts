import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import type { RoundDef } from '../../../shared/rounds/model.js';
import type { DocKind, RowValues } from '../../../shared/schema/types.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { combineRowLocks, LOCKED_ROW_FILL, rowLocks } from '../../../addin/excel/sheet/row-locks.js';
import { roundRowLocks } from '../../../addin/taskpane/round-row-locks.js';
import type { RoundsLive, RoundsSnapshot, RoundStatusInfo } from '../../../addin/taskpane/rounds-live.js';
import { docWith, openSide, type Side } from './helpers.js';

const open: Side[] = [];
afterEach(async () => {
  for (const side of open.splice(0)) await side.binding.dispose();
});

const KV2: RoundDef = { id: '2025-kv-2', title: '2025 kv 2', period: '2025Q2', dueDate: '2025-07-15', indicators: ['vc-far-forskrivna'], activities: true, units: [] };

/** Rounds as the stream would give them, changed by the test as a coordinator would. */
function liveRounds(status: RoundStatusInfo['status'] | null, unit = 'vc-test') {
  const listeners = new Set<(s: RoundsSnapshot) => void>();
  const snapshot = (s: RoundStatusInfo['status'] | null): RoundsSnapshot => ({ rounds: [KV2], statuses: s ? [{ round: KV2.id, unit, status: s, reason: null }] : [] });
  let current = snapshot(status);
  const live: RoundsLive & { set(s: RoundStatusInfo['status'] | null): void } = {
    get current() {
      return current;
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    set(s) {
      current = snapshot(s);
      for (const l of listeners) l(current);
    },
  };
  return live;
}

async function bound(kind: DocKind, rows: RowValues[], live: ReturnType<typeof liveRounds>) {
  const doc = docWith(kind, rows);
  const problems: Problem[][] = [];
  const side = await openSide(doc, kind, { rowLocks: roundRowLocks(live, { kind, ownerUnit: 'vc-test' }), onProblems: (p) => problems.push([...p]) });
  open.push(side);
  await side.settle();
  const headers = side.host.readTable(side.binding.tableName).headers;
  const col = (header: string): string => String.fromCharCode(65 + headers.indexOf(header));
  /** The fills of the visible cells of body row `i` (0-based). */
  const fills = (i: number): (string | undefined)[] => {
    const cells = side.host.view(side.binding.sheetName)?.cells[i + 1] ?? [];
    return cells.slice(1, headers.length).map((c) => c.fill);
  };
  const notes = (): Problem[] => (problems.at(-1) ?? []).filter((p) => p.code === 'rows-locked');
  return { doc, side, sheet: side.binding.sheetName, col, fills, notes, problems };
}

const plan: RowValues[] = [
  { title: 'Promenadgrupp vår', type: 'promenadgrupp', startDate: '2025-04-01', endDate: '2025-06-10', participantsPlanned: 12 },
  { title: 'Hälsodag höst', type: 'halsodag', startDate: '2025-09-01', endDate: '2025-09-01', participantsPlanned: 40 },
];

describe('bindTable: rows of an approved round', () => {
  it('marks the rows the round covers with the locked fill and one note naming the round, and no other row', async () => {
    const { fills, notes } = await bound('activity-plan', plan, liveRounds('godkand'));
    expect(fills(0).every((f) => f === LOCKED_ROW_FILL)).toBe(true);
    expect(fills(1).some((f) => f === LOCKED_ROW_FILL)).toBe(false);
    expect(notes().map((p) => [p.severity, p.message.sv])).toEqual([
      ['info', 'Låst (2025 kv 2, godkänd): 1 rad. Ändringar i dem tas tillbaka tills omgången öppnas igen.'],
    ]);
  });

  it('puts an edit of a locked row back and names the round in Problems; the open row takes edits', async () => {
    const { doc, side, sheet, col, problems } = await bound('activity-plan', plan, liveRounds('godkand'));
    side.host.user.type(sheet, `${col('Deltagare nådda')}2`, 30);
    side.host.user.type(sheet, `${col('Deltagare nådda')}3`, 35);
    await side.settle();
    expect(side.host.read(sheet, `${col('Deltagare nådda')}2`)[0]?.[0]).toBe('');
    expect(rowsOf(doc).map((r) => r.values.participantsReached ?? null)).toEqual([null, 35]);
    const putBack = (problems.at(-1) ?? []).filter((p) => p.code === 'row-locked');
    expect(putBack.map((p) => p.column)).toEqual(['participantsReached']);
    expect(putBack[0]?.message.sv).toBe('Ändringen togs tillbaka: raden ingår i den godkända omgången 2025 kv 2 och är låst tills en administratör öppnar enhetens rapport för ändring.');
  });

  it('opens the rows again when the round is returned, without rebinding, and locks them when it is approved', async () => {
    const live = liveRounds('godkand');
    const { doc, side, sheet, col, fills, notes } = await bound('activity-plan', plan, live);
    live.set('atersand');
    await side.settle();
    expect(fills(0).some((f) => f === LOCKED_ROW_FILL)).toBe(false);
    expect(notes()).toEqual([]);
    side.host.user.type(sheet, `${col('Deltagare nådda')}2`, 11);
    await side.settle();
    expect(rowsOf(doc)[0]?.values.participantsReached).toBe(11);
    live.set('godkand');
    await side.settle();
    expect(fills(0).every((f) => f === LOCKED_ROW_FILL)).toBe(true);
    side.host.user.type(sheet, `${col('Deltagare nådda')}2`, 99);
    await side.settle();
    expect(rowsOf(doc)[0]?.values.participantsReached).toBe(11);
  });

  it('puts back an edit typed just before the approval arrives, and says why', async () => {
    const live = liveRounds('inskickad');
    const { doc, side, sheet, col, problems } = await bound('activity-plan', plan, live);
    side.host.user.type(sheet, `${col('Deltagare nådda')}2`, 30);
    live.set('godkand');
    await side.settle();
    const reached = rowsOf(doc)[0]?.values.participantsReached ?? null;
    const shown = side.host.read(sheet, `${col('Deltagare nådda')}2`)[0]?.[0];
    const putBack = (problems.at(-1) ?? []).filter((p) => p.code === 'row-locked');
    expect(reached).toBeNull();
    expect(shown).toBe('');
    expect(putBack.map((p) => p.column)).toEqual(['participantsReached']);
    expect(putBack[0]?.message.sv).toContain('2025 kv 2');
  });

  it('locks indicator values of the round’s indicators, unit and period only', async () => {
    const value = (indicator: string, unit: string, period: string): RowValues => ({ indicator, unit, period, kon: 'T', value: 5, status: 'preliminar' });
    const rows = [value('vc-far-forskrivna', 'vc-tensta', '2025Q2'), value('vc-far-forskrivna', 'vc-tensta', '2025Q3'), value('vc-far-forskrivna', 'vc-husby', '2025Q2'), value('vc-halsosamtal', 'vc-tensta', '2025Q2')];
    const { fills, notes } = await bound('indicator-values', rows, liveRounds('godkand', 'vc-tensta'));
    expect([0, 1, 2, 3].map((i) => fills(i).every((f) => f === LOCKED_ROW_FILL))).toEqual([true, false, false, false]);
    expect(notes()).toHaveLength(1);
  });

  it('keeps the other-unit rule beside the round rule: each row says its own reason', async () => {
    const others = rowLocks((_id, v) => (v.title === 'Hälsodag höst' ? { sv: 'raden tillhör Husby.', en: 'the row belongs to Husby.' } : undefined));
    const live = liveRounds('godkand');
    const doc = docWith('activity-plan', plan);
    const problems: Problem[][] = [];
    const locks = combineRowLocks(others, roundRowLocks(live, { kind: 'activity-plan', ownerUnit: 'vc-test' }));
    const side = await openSide(doc, 'activity-plan', { rowLocks: locks, onProblems: (p) => problems.push([...p]) });
    open.push(side);
    const headers = side.host.readTable(side.binding.tableName).headers;
    const col = String.fromCharCode(65 + headers.indexOf('Deltagare nådda'));
    side.host.user.type(side.binding.sheetName, `${col}2`, 1);
    side.host.user.type(side.binding.sheetName, `${col}3`, 2);
    await side.settle();
    const reasons = (problems.at(-1) ?? []).filter((p) => p.code === 'row-locked').map((p) => p.message.sv);
    expect(reasons).toHaveLength(2);
    expect(reasons.some((r) => r.includes('2025 kv 2'))).toBe(true);
    expect(reasons.some((r) => r.includes('raden tillhör Husby'))).toBe(true);
    expect(rowsOf(doc).map((r) => r.values.participantsReached ?? null)).toEqual([null, null]);
  });
});

describe('bindTable: the grey of many locked rows', () => {
  /** `n` activities of kv 2, all covered by the round. */
  const many = (n: number): RowValues[] =>
    Array.from({ length: n }, (_, i) => ({ title: `Promenad ${i + 1}`, type: 'promenadgrupp', startDate: '2025-04-01', endDate: '2025-06-10', participantsPlanned: 10 + i }));

  /** Syncs and commands sent while `status` locks (or opens) the rows of a bound plan of `n` rows. */
  async function cost(n: number, from: RoundStatusInfo['status'] | null, to: RoundStatusInfo['status']) {
    const live = liveRounds(from);
    const { side, fills } = await bound('activity-plan', many(n), live);
    const before = { syncs: side.host.syncCount, commands: side.host.commandCount };
    live.set(to);
    await side.settle();
    return { syncs: side.host.syncCount - before.syncs, commands: side.host.commandCount - before.commands, fills };
  }

  it('greys 100 rows approved at once in one sync with a few commands, the same as 10 rows', async () => {
    const hundred = await cost(100, 'inskickad', 'godkand');
    const ten = await cost(10, 'inskickad', 'godkand');
    expect([0, 50, 99].map((i) => hundred.fills(i).every((f) => f === LOCKED_ROW_FILL))).toEqual([true, true, true]);
    expect(hundred.syncs).toBe(1);
    expect(hundred.commands).toBeLessThanOrEqual(8);
    expect(hundred.commands).toBe(ten.commands);
  });

  it('clears the grey of 100 rows returned in one sync with a few commands', async () => {
    const returned = await cost(100, 'godkand', 'atersand');
    expect([0, 99].map((i) => returned.fills(i).some((f) => f === LOCKED_ROW_FILL))).toEqual([false, false]);
    expect(returned.syncs).toBe(1);
    expect(returned.commands).toBeLessThanOrEqual(8);
  });

  it('greys 100 rows already approved when the plan is opened with as many commands as an unlocked plan, give or take a few', async () => {
    const count = async (status: RoundStatusInfo['status']) => {
      const { side } = await bound('activity-plan', many(100), liveRounds(status));
      return { syncs: side.host.syncCount, commands: side.host.commandCount };
    };
    const locked = await count('godkand');
    const unlocked = await count('inskickad');
    expect(locked.commands - unlocked.commands).toBeLessThanOrEqual(4);
    expect(locked.syncs - unlocked.syncs).toBeLessThanOrEqual(1);
  });
});

describe('bindTable: rows of a closed round', () => {
  /** Rounds as the stream gives them, with KV2 closed or not (no unit ever submitted). */
  function closable() {
    const listeners = new Set<(s: RoundsSnapshot) => void>();
    let current: RoundsSnapshot = { rounds: [KV2], statuses: [], closed: [] };
    return {
      get current() {
        return current;
      },
      subscribe(l: (s: RoundsSnapshot) => void) {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      close(closed: boolean) {
        current = { rounds: [KV2], statuses: [], closed: closed ? [{ round: KV2.id, by: 'coord', at: '2025-07-20T08:00:00Z', reason: null }] : [] };
        for (const l of listeners) l(current);
      },
    };
  }

  it("locks the covered rows of a unit that never submitted, in the closed round's words, and opens them when the round is reopened", async () => {
    const live = closable();
    const { doc, side, sheet, col, notes, problems } = await bound('activity-plan', plan, live as unknown as ReturnType<typeof liveRounds>);
    expect(notes()).toEqual([]);
    live.close(true);
    await side.settle();
    await expect.poll(async () => (await side.settle(), notes().map((p) => p.message.sv)), { timeout: 10_000 }).toEqual([
      'Låst (2025 kv 2, stängd): 1 rad. Ändringar i dem tas tillbaka tills omgången öppnas igen.',
    ]);
    side.host.user.type(sheet, `${col('Deltagare nådda')}2`, 30);
    await side.settle();
    expect(rowsOf(doc).map((r) => r.values.participantsReached ?? null)).toEqual([null, null]);
    expect((problems.at(-1) ?? []).find((p) => p.code === 'row-locked')?.message.sv).toBe(
      'Ändringen togs tillbaka: raden ingår i den stängda omgången 2025 kv 2 och är låst tills omgången öppnas igen.',
    );
    live.close(false);
    await side.settle();
    side.host.user.type(sheet, `${col('Deltagare nådda')}2`, 31);
    await side.settle();
    expect(rowsOf(doc).map((r) => r.values.participantsReached ?? null)).toEqual([31, null]);
  });
});

describe('bindTable: an open row moved into an approved round', () => {
  const MOVED = 'Ändringen togs tillbaka: raden skulle då ingå i den godkända omgången 2025 kv 2, som är låst tills en administratör öppnar enhetens rapport för ändring.';
  const q3 = (): RowValues[] => [{ indicator: 'vc-far-forskrivna', unit: 'vc-tensta', period: '2025Q3', kon: 'T', value: 5, status: 'preliminar' }];
  /** Every update the doc emits from now on: what the pane would send. */
  const updatesOf = (doc: ReturnType<typeof docWith>): Uint8Array[] => {
    const sent: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => sent.push(u));
    return sent;
  };
  const movedProblems = (problems: Problem[][]) => (problems.at(-1) ?? []).filter((p) => p.code === 'row-locked').map((p) => [p.column, p.message.sv]);

  it.each([
    ['the approved quarter', '2025Q2'],
    ['a month of the approved quarter', '202505'],
  ])('typed live (the period as %s): put back, said on the cell, nothing sent', async (_what, typed) => {
    const { doc, side, sheet, col, problems } = await bound('indicator-values', q3(), liveRounds('godkand', 'vc-tensta'));
    const cell = `${col('Period')}2`;
    const shown = side.host.readText(sheet, cell);
    const sent = updatesOf(doc);
    side.host.user.type(sheet, cell, typed);
    await side.settle();
    expect(sent).toEqual([]);
    expect(rowsOf(doc)[0]?.values.period).toBe('2025Q3');
    expect(side.host.readText(sheet, cell)).toEqual(shown);
    expect(movedProblems(problems)).toEqual([['period', MOVED]]);
  });

  it('typed live as an activity’s end date in the approved quarter: put back, nothing sent; another date is taken', async () => {
    const { doc, side, sheet, col, problems } = await bound('activity-plan', plan, liveRounds('godkand'));
    const end = `${col('Slutdatum')}3`;
    const sent = updatesOf(doc);
    side.host.user.type(sheet, end, '2025-06-20');
    await side.settle();
    expect(sent).toEqual([]);
    expect(rowsOf(doc)[1]?.values.endDate).toBe('2025-09-01');
    expect(movedProblems(problems)).toEqual([['endDate', MOVED]]);
    side.host.user.type(sheet, end, '2025-09-20');
    await side.settle();
    expect(rowsOf(doc)[1]?.values.endDate).toBe('2025-09-20');
  });

  it('typed while the pane was closed: put back on opening, said on the cell, nothing sent', async () => {
    const live = liveRounds('godkand', 'vc-tensta');
    const doc = docWith('indicator-values', q3());
    const locks = roundRowLocks(live, { kind: 'indicator-values', ownerUnit: 'vc-test' });
    const first = await openSide(doc, 'indicator-values', { rowLocks: locks });
    await first.settle();
    await first.binding.saveSnapshot();
    await first.binding.dispose();
    const sheet = first.binding.sheetName;
    const headers = first.host.readTable(first.binding.tableName).headers;
    const cell = `${String.fromCharCode(65 + headers.indexOf('Period'))}2`;
    const shown = first.host.readText(sheet, cell);
    first.host.user.type(sheet, cell, '2025Q2');
    await first.host.settle();
    const sent = updatesOf(doc);
    const side = await openSide(doc, 'indicator-values', { rowLocks: locks }, first.host);
    open.push(side);
    await side.settle();
    expect(sent).toEqual([]);
    expect(rowsOf(doc)[0]?.values.period).toBe('2025Q3');
    expect(side.host.readText(sheet, cell)).toEqual(shown);
    const said = side.binding.problems.filter((p) => p.code === 'row-locked');
    expect(said.map((p) => [p.column, p.message.sv.startsWith(MOVED)])).toEqual([['period', true]]);
  });
});

describe('bindTable: undo of an edit of a row locked since', () => {
  /** Approves the round, then undoes: refused, nothing sent. Returns what Problems says of it. */
  async function undoAfterApproval(live: ReturnType<typeof liveRounds>, doc: ReturnType<typeof docWith>, side: Side): Promise<string[]> {
    live.set('godkand');
    await side.settle();
    const sent: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => sent.push(u));
    expect(side.binding.undo()).toBe(false);
    await side.settle();
    expect(sent).toEqual([]);
    return side.binding.problems.filter((p) => p.code === 'undo-refused').map((p) => p.message.sv);
  }

  it('is not made, nothing is sent and Problems says why; once the round is returned it is', async () => {
    const live = liveRounds('inskickad');
    const { doc, side, sheet, col } = await bound('activity-plan', plan, live);
    side.host.user.type(sheet, `${col('Deltagare nådda')}2`, 30);
    await side.settle();
    const said = await undoAfterApproval(live, doc, side);
    expect(rowsOf(doc)[0]?.values.participantsReached).toBe(30);
    expect(said).toEqual(['Ångra gjordes inte: raden ingår i den godkända omgången 2025 kv 2 och är låst tills en administratör öppnar enhetens rapport för ändring.']);
    live.set('atersand');
    await side.settle();
    expect(side.binding.undo()).toBe(true);
    await side.settle();
    expect(rowsOf(doc)[0]?.values.participantsReached ?? null).toBeNull();
  });

  it('is not made when it would move an open row back into a round approved since, in the words of the move; nothing is sent', async () => {
    const live = liveRounds('inskickad', 'vc-tensta');
    const q2: RowValues[] = [{ indicator: 'vc-far-forskrivna', unit: 'vc-tensta', period: '2025Q2', kon: 'T', value: 5, status: 'preliminar' }];
    const { doc, side, sheet, col } = await bound('indicator-values', q2, live);
    side.host.user.type(sheet, `${col('Period')}2`, '2025Q3');
    await side.settle();
    expect(rowsOf(doc)[0]?.values.period).toBe('2025Q3');
    const said = await undoAfterApproval(live, doc, side);
    expect(rowsOf(doc)[0]?.values.period).toBe('2025Q3');
    expect(said).toEqual(['Ångra gjordes inte: raden skulle då ingå i den godkända omgången 2025 kv 2, som är låst tills en administratör öppnar enhetens rapport för ändring.']);
    live.set('atersand');
    await side.settle();
    expect(side.binding.undo()).toBe(true);
    await side.settle();
    expect(rowsOf(doc)[0]?.values.period).toBe('2025Q2');
  });

  it('is not made when it would bring back a deleted row into a round approved since; Problems names that row, which is not in the sheet', async () => {
    const live = liveRounds('inskickad');
    const { doc, side } = await bound('activity-plan', plan, live);
    side.host.user.deleteTableRows(side.binding.tableName, 0, 1);
    await side.settle();
    expect(rowsOf(doc).map((r) => r.values.title)).toEqual(['Hälsodag höst']);
    const said = await undoAfterApproval(live, doc, side);
    expect(said).toEqual([
      'Ångra gjordes inte: den borttagna raden ”Promenadgrupp vår” skulle komma tillbaka, men raden ingår i den godkända omgången 2025 kv 2 och är låst tills en administratör öppnar enhetens rapport för ändring.',
    ]);
    // The note leads to no cell: its row is not in the sheet.
    expect(side.binding.problems.filter((p) => p.code === 'undo-refused').map((p) => [p.rowId, p.column])).toEqual([[null, null]]);
  });
});
