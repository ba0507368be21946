import { ACTIVITY_TYPES } from '../../../shared/catalog/activity-types.js';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { FILL } from '../../../addin/excel/sheet/excel-io.js';
import { docWith, openPair, openSide, plain, RELAY, tableById, type Side } from './helpers.js';

const SHEET = 'plan-test';
const sides: Side[] = [];
const open = async (...args: Parameters<typeof openSide>): Promise<Side> => {
  const side = await openSide(...args);
  sides.push(side);
  return side;
};
afterEach(async () => {
  for (const side of sides.splice(0)) await side.binding.dispose();
});

function activity(i: number): Record<string, string | number | boolean> {
  return { title: `Aktivitet ${i}`, type: 'halsodag', startDate: '2026-03-01', participantsPlanned: i };
}

/** Two workbooks on two docs joined by the relay, both rendered from the same rows. */
const pair = (rows = [activity(1), activity(2), activity(3)]) => openPair(rows, sides);

async function until(condition: () => boolean, ms = 2_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function expectSame(a: Side, b: Side): void {
  expect(plain(a.doc)).toEqual(plain(b.doc));
  expect(tableById(a)).toEqual(tableById(b));
  expect(tableById(a).map((r) => r[0])).toEqual(plain(a.doc).map((r) => r.id).sort());
}

describe('bindTable: opening', () => {
  it('creates the sheet and table with Swedish headers, a hidden id column, formats and dropdowns in ≤ 3 syncs', async () => {
    const side = await open(docWith('activity-plan', [activity(1), { title: 'Utan typ' }]), 'activity-plan');
    await side.settle();
    // find + create, then the highlights of the row without a type.
    expect(side.syncs()).toBe(3);
    const table = side.host.readTable(side.binding.tableName);
    expect(table.headers.slice(0, 3)).toEqual(['samplan-id', 'Aktivitet', 'Typ']);
    expect(table.rows).toHaveLength(2);
    const row = table.rows[0] as unknown[];
    expect(row[0]).toBe(rowsOf(side.doc)[0]?.id);
    const props = await side.host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(SHEET);
      const id = sheet.getRange('A:A');
      id.load('columnHidden');
      const date = sheet.getRange('P2');
      date.load('numberFormat,text');
      const type = sheet.getRange('C2').dataValidation;
      type.load('rule');
      await context.sync();
      return { hidden: id.columnHidden, format: date.numberFormat[0]?.[0], text: date.text[0]?.[0], rule: type.rule };
    });
    expect(props.hidden).toBe(true);
    // A date column is text, holding the ISO date: what is typed there stays as typed (`numberFormatOf`).
    expect(props.format).toBe('@');
    expect(props.text).toBe('2026-03-01');
    // The list lives on a hidden, protected sheet, so labels with commas stay whole.
    const source = String(props.rule.list?.source ?? '');
    expect(source).toMatch(/^='Samplan listor [^']+'!\$[A-Z]+\$1:\$[A-Z]+\$\d+$/);
    const listSheet = side.host.snapshot().sheets.find((s) => source.includes(s.name));
    expect(listSheet?.protected).toBe(true);
    expect(side.host.model.sheet(listSheet?.name ?? '')?.visibility).toBe('Hidden');
    expect(listSheet?.values.flat()).toContain('Uppmärksamhetsvecka: alkohol, diabetes, astma/KOL, Inspirationsvecka med simhallen');
  });

  it('takes a dropdown value with commas as it is written, and stores its choice', async () => {
    const side = await open(docWith('activity-plan', [activity(1)]), 'activity-plan');
    const label = 'Uppmärksamhetsvecka: alkohol, diabetes, astma/KOL, Inspirationsvecka med simhallen';
    side.host.user.type(SHEET, 'C2', label);
    await side.settle();
    const stored = rowsOf(side.doc)[0]?.values.type;
    expect(ACTIVITY_TYPES.find((t) => t.value === stored)?.label.sv).toBe(label);
    expect(side.binding.problems.filter((p) => p.column === 'type')).toEqual([]);
    expect(side.host.read(SHEET, 'C2')[0]?.[0]).toBe(label);
    // The list is the range of whole labels, not a comma list: a part of one is not a choice. The
    // dropdown warns instead of refusing, so the part is kept in the cell and named in Problems.
    expect(side.host.model.sheet(SHEET)?.validationAt(1, 2)?.rule.list.source).not.toContain(',');
    side.host.user.type(SHEET, 'C2', 'Uppmärksamhetsvecka: alkohol');
    await side.settle();
    expect(side.host.read(SHEET, 'C2')[0]?.[0]).toBe('Uppmärksamhetsvecka: alkohol');
    expect(side.binding.problems.filter((p) => p.column === 'type')).toHaveLength(1);
  });

  // The timing target (≤ 1 s) is measured by bench/excel.ts; here only a loose guard, on the
  // process's CPU time (0.3-0.4 s at load 19, when the whole test took 4-5 s of wall time): the
  // wall clock of a busy machine also counts other processes' turns.
  it('renders a 10,000-row plan in ≤ 3 syncs', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => activity(i));
    const doc = docWith('activity-plan', rows);
    const started = process.cpuUsage();
    const side = await open(doc, 'activity-plan');
    const spent = process.cpuUsage(started);
    const ms = (spent.user + spent.system) / 1000;
    await side.settle();
    expect(side.syncs()).toBeLessThanOrEqual(3);
    expect(side.host.readTable(side.binding.tableName).rows).toHaveLength(10_000);
    expect(ms).toBeLessThan(2_500);
  });
});

describe('bindTable: local → doc', () => {
  it('writes a typed cell to the doc in one read sync, without touching other cells', async () => {
    const side = await open(docWith('activity-plan', [activity(1)]), 'activity-plan');
    const id = rowsOf(side.doc)[0]?.id as string;
    const before = side.syncs();
    side.host.user.type(SHEET, 'B2', 'Hälsodag i Fittja');
    await side.settle();
    expect(getRow(side.doc, id)?.values).toEqual({ ...activity(1), title: 'Hälsodag i Fittja' });
    expect(side.syncs() - before).toBe(1);
  });

  it('gives a row typed below the table an id, written back into the hidden column', async () => {
    const side = await open(docWith('activity-plan', [activity(1)]), 'activity-plan');
    side.host.user.type(SHEET, 'B3', 'Ny aktivitet');
    await side.settle();
    const rows = rowsOf(side.doc);
    expect(rows.map((r) => r.values.title)).toEqual(['Aktivitet 1', 'Ny aktivitet']);
    expect(side.host.read(SHEET, 'A3')[0]?.[0]).toBe(rows[1]?.id);
  });

  it('applies a 500-row paste as one doc transaction in ≤ 2 syncs per side', async () => {
    const { a, b } = await pair([activity(0)]);
    let transactions = 0;
    a.doc.on('afterTransaction', (tr: Y.Transaction) => void (tr.origin !== RELAY && tr.changed.size > 0 && transactions++));
    const before = { a: a.syncs(), b: b.syncs() };
    const block = Array.from({ length: 500 }, (_, i) => [`Klistrad ${i}`, 'Hälsodagar/öppet hus med hälsoinformation och provtagning']);
    a.host.user.paste(SHEET, 'B3', block);
    await a.settle();
    await b.settle();
    expect(transactions).toBe(1);
    expect(rowsOf(a.doc)).toHaveLength(501);
    expect(a.syncs() - before.a).toBeLessThanOrEqual(2);
    expect(b.syncs() - before.b).toBeLessThanOrEqual(2);
    expectSame(a, b);
  });

  // A coordinator's first paste into a new plan: the table's one blank row, 50 rows of a list.
  // The emulator grew the table only for a paste that started below it, so 49 rows stayed beside
  // the table, never shared and never named.
  it('shares every row of a block pasted into a new plan’s blank row, as the table grows to hold it', async () => {
    const side = await open(docWith('activity-plan', []), 'activity-plan');
    await side.settle();
    const block = Array.from({ length: 50 }, (_, i) => [`Promenad ${i + 1} – Åkervägen`, 'Promenadgrupp/Gågrupp']);
    side.host.user.paste(SHEET, 'B2', block);
    await side.settle();
    expect(rowsOf(side.doc).map((r) => r.values.title)).toEqual(block.map(([title]) => title));
    expect(side.host.readTable(side.binding.tableName).rows).toHaveLength(50);
  });

  it('keeps a value that does not normalise as text in the cell and reports it', async () => {
    const side = await open(docWith('activity-plan', [activity(1)]), 'activity-plan');
    const id = rowsOf(side.doc)[0]?.id as string;
    side.host.user.type(SHEET, 'S2', 'många');
    await side.settle();
    expect(getRow(side.doc, id)?.values.participantsPlanned).toBe(1);
    expect(side.host.read(SHEET, 'S2')[0]?.[0]).toBe('många');
    expect(side.binding.problems.some((p) => p.rowId === id && p.column === 'participantsPlanned' && p.severity === 'error')).toBe(true);
  });

  it('refuses a personnummer before it reaches the doc, keeps the text and marks the cell', async () => {
    const side = await open(docWith('activity-plan', [activity(1)]), 'activity-plan');
    const id = rowsOf(side.doc)[0]?.id as string;
    side.host.user.type(SHEET, 'V2', 'Ring 19811218-9876');
    await side.settle();
    expect(getRow(side.doc, id)?.values.comment).toBeUndefined();
    expect(side.host.read(SHEET, 'V2')[0]?.[0]).toBe('Ring 19811218-9876');
    expect(side.binding.problems.find((p) => p.column === 'comment')?.code).toBe('personnummer');
    const fill = await side.host.run(async (context) => {
      const f = context.workbook.worksheets.getItem(SHEET).getRange('V2').format.fill;
      f.load('color');
      await context.sync();
      return f.color;
    });
    expect(fill.toUpperCase()).toBe(FILL.error);
  });

  it('refuses a personnummer typed as a decimal number (850101,1236 in a number column) before it reaches the doc', async () => {
    const side = await open(docWith('indicator-values', [{ indicator: 'x', unit: 'vc-a', period: '2025', kon: 'T', value: 1 }]), 'indicator-values');
    const id = rowsOf(side.doc)[0]?.id as string;
    const headers = side.host.readTable(side.binding.tableName).headers;
    const column = String.fromCharCode(65 + headers.indexOf('Värde'));
    side.host.user.type(side.binding.sheetName, `${column}2`, 850101.1236);
    await side.settle();
    expect(getRow(side.doc, id)?.values.value).toBe(1);
    expect(side.binding.problems.find((p) => p.column === 'value')?.code).toBe('personnummer');
    side.host.user.type(side.binding.sheetName, `${column}2`, 12.5);
    await side.settle();
    expect(getRow(side.doc, id)?.values.value).toBe(12.5);
  });

  it('deletes rows removed from the table in the doc and in the other workbook', async () => {
    const { a, b } = await pair();
    const gone = rowsOf(a.doc)[1]?.id;
    a.host.user.deleteTableRows(a.binding.tableName, 1, 1);
    await a.settle();
    await b.settle();
    expect(rowsOf(a.doc).map((r) => r.id)).not.toContain(gone);
    expect(rowsOf(a.doc)).toHaveLength(2);
    expectSame(a, b);
  });

  it('sorting and filtering the table change nothing in the doc or the other workbook', async () => {
    const { a, b } = await pair([activity(3), activity(1), activity(2)]);
    const docBefore = Y.encodeStateVector(a.doc);
    const bBefore = b.syncs();
    a.host.user.sortTable(a.binding.tableName, 'Aktivitet');
    a.host.user.filterTable(a.binding.tableName, 'Aktivitet', ['Aktivitet 1']);
    await a.settle();
    await b.settle();
    expect(Y.encodeStateVector(a.doc)).toEqual(docBefore);
    expect(a.host.readTable(a.binding.tableName).rows.map((r) => r[1])).toEqual(['Aktivitet 1', 'Aktivitet 2', 'Aktivitet 3']);
    expect(b.host.readTable(b.binding.tableName).rows.map((r) => r[1])).toEqual(['Aktivitet 3', 'Aktivitet 1', 'Aktivitet 2']);
    expect(b.syncs()).toBe(bBefore);
    // Ids moved with their rows: an edit after the sort lands on the right row.
    a.host.user.type(SHEET, 'B2', 'Aktivitet ett');
    await a.settle();
    await b.settle();
    expect(rowsOf(b.doc).map((r) => r.values.title)).toEqual(['Aktivitet 3', 'Aktivitet ett', 'Aktivitet 2']);
    expectSame(a, b);
  });
});

describe('bindTable: doc → local', () => {
  it('writes a remote one-cell edit in exactly one sync, and it does not echo back', async () => {
    const { a, b } = await pair();
    const id = rowsOf(a.doc)[0]?.id as string;
    let localWrites = 0;
    a.doc.on('afterTransaction', (tr: Y.Transaction) => void (tr.origin !== RELAY && tr.changed.size > 0 && localWrites++));
    const before = a.syncs();
    setCell(b.doc, id, 'title', 'Ändrad av B');
    await a.settle();
    expect(a.syncs() - before).toBe(1);
    expect(localWrites).toBe(0);
    expect(a.host.read(SHEET, 'B2')[0]?.[0]).toBe('Ändrad av B');
    expect(a.binding.status.pendingExcelWrites).toBe(0);
  });

  it('merges two people editing different cells of the same row at once', async () => {
    const { a, b } = await pair();
    a.host.user.type(SHEET, 'B3', 'Titel från A');
    b.host.user.type(SHEET, 'R3', 'Sjuksköterska B');
    await Promise.all([a.settle(), b.settle()]);
    await Promise.all([a.settle(), b.settle()]);
    const row = rowsOf(a.doc)[1]?.values;
    expect(row?.title).toBe('Titel från A');
    expect(row?.responsible).toBe('Sjuksköterska B');
    expectSame(a, b);
  });

  it('keeps a remote write while Excel is in cell-edit mode and writes it when editing ends', async () => {
    const { a, b } = await pair();
    const id = rowsOf(a.doc)[2]?.id as string;
    a.host.user.enterEditMode(SHEET, 'H2');
    setCell(b.doc, id, 'title', 'Under redigering');
    await until(() => a.binding.status.waitingForEditMode);
    expect(a.host.read(SHEET, 'B4')[0]?.[0]).toBe('Aktivitet 3');
    a.host.user.exitEditMode();
    await a.settle();
    expect(a.host.read(SHEET, 'B4')[0]?.[0]).toBe('Under redigering');
    expect(a.binding.status.waitingForEditMode).toBe(false);
  });

  it('reads a local change again when Excel is already editing the next cell', async () => {
    const side = await open(docWith('activity-plan', [activity(1)]), 'activity-plan');
    const id = rowsOf(side.doc)[0]?.id as string;
    side.host.user.type(SHEET, 'B2', 'Skrivet före redigering');
    side.host.user.enterEditMode(SHEET, 'R2');
    await until(() => side.binding.status.waitingForEditMode);
    expect(getRow(side.doc, id)?.values.title).toBe('Aktivitet 1');
    side.host.user.exitEditMode('Ansvarig');
    await side.settle();
    expect(getRow(side.doc, id)?.values).toMatchObject({ title: 'Skrivet före redigering', responsible: 'Ansvarig' });
  });

  it('appends remote rows and deletes remote deletions by id, wherever the rows sit locally', async () => {
    const { a, b } = await pair();
    a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false);
    await a.settle();
    const [first] = rowsOf(b.doc);
    b.host.user.deleteTableRows(b.binding.tableName, 0, 1);
    b.host.user.type(SHEET, 'B4', 'Ny från B');
    await b.settle();
    await a.settle();
    expect(rowsOf(a.doc).map((r) => r.id)).not.toContain(first?.id);
    expect(a.host.readTable(a.binding.tableName).rows.map((r) => r[1])).toEqual(['Aktivitet 3', 'Aktivitet 2', 'Ny från B']);
    expectSame(a, b);
  });

  it('highlights problems and clears only its own fill when they are fixed', async () => {
    const side = await open(docWith('activity-plan', [activity(1)]), 'activity-plan');
    const id = rowsOf(side.doc)[0]?.id as string;
    const fillOf = (address: string) =>
      side.host.run(async (context) => {
        const f = context.workbook.worksheets.getItem(SHEET).getRange(address).format.fill;
        f.load('color');
        await context.sync();
        return f.color.toUpperCase();
      });
    setCell(side.doc, id, 'title', '');
    await side.settle();
    expect(side.binding.problems.some((p) => p.column === 'title' && p.code === 'required')).toBe(true);
    expect(await fillOf('B2')).toBe(FILL.error);
    setCell(side.doc, id, 'title', 'Åter');
    await side.settle();
    expect(side.binding.problems.some((p) => p.column === 'title')).toBe(false);
    expect(await fillOf('B2')).not.toBe(FILL.error);
  });

  it('selects the cell of a problem', async () => {
    const side = await open(docWith('activity-plan', [activity(1), activity(2)]), 'activity-plan');
    const id = rowsOf(side.doc)[1]?.id as string;
    expect(await side.binding.selectCell(id, 'startDate')).toBe(true);
    const address = await side.host.run(async (context) => {
      const r = context.workbook.getSelectedRange();
      r.load('address');
      await context.sync();
      return r.address;
    });
    expect(address).toBe(`'${SHEET}'!P3`);
    expect(await side.binding.selectCell('nope', 'title')).toBe(false);
  });
});

describe('bindTable: viewers', () => {
  it('protects the sheet and never writes local edits to the doc', async () => {
    const doc = docWith('activity-plan', [activity(1)]);
    const side = await open(doc, 'activity-plan', { readOnly: true });
    expect(side.host.snapshot().sheets.find((s) => s.name === SHEET)?.protected).toBe(true);
    expect(() => side.host.user.type(SHEET, 'B2', 'x')).toThrow();
    const id = rowsOf(doc)[0]?.id as string;
    setCell(doc, id, 'title', 'Uppdaterad');
    await side.settle();
    expect(side.host.read(SHEET, 'B2')[0]?.[0]).toBe('Uppdaterad');
    expect(side.host.snapshot().sheets.find((s) => s.name === SHEET)?.protected).toBe(true);
  });

  it('opens a sheet made for other rights with the rights of now: writable after read-only, protected after writable', async () => {
    const doc = docWith('activity-plan', [activity(1)]);
    const viewer = await open(doc, 'activity-plan', { readOnly: true });
    await viewer.binding.dispose();
    // The same workbook, now for someone who may write (a unit given, an archive restored).
    const editor = await open(doc, 'activity-plan', {}, viewer.host);
    await editor.settle();
    expect(editor.host.snapshot().sheets.find((s) => s.name === SHEET)?.protected).toBe(false);
    editor.host.user.type(SHEET, 'B2', 'Skrivet nu');
    await editor.settle();
    expect(rowsOf(doc)[0]?.values.title).toBe('Skrivet nu');
    setCell(doc, rowsOf(doc)[0]!.id, 'participantsPlanned', 7);
    await editor.settle();
    expect(editor.binding.status.lastError ?? null).toBeNull();
    await editor.binding.dispose();
    const again = await open(doc, 'activity-plan', { readOnly: true }, viewer.host);
    await again.settle();
    expect(again.host.snapshot().sheets.find((s) => s.name === SHEET)?.protected).toBe(true);
    expect(() => again.host.user.type(SHEET, 'B2', 'x')).toThrow();
  });
});
