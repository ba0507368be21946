/**
 * A sort, a row deleted or a paste over rows makes the binding read the whole table again. The rows
 * that show exactly what the document holds are not read (normalised, guarded, compared cell by
 * cell): only those that differ cost, and the order and ids come out as before.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { applyLocalRows, type ApplyOptions } from '../../../addin/excel/local/apply.js';
import type { ExcelRow } from '../../../addin/excel/local/read-row.js';
import { toExcel } from '../../../addin/excel/sheet/cell-values.js';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
import { newRowId, rowsOf } from '../../../shared/doc/index.js';
import { docWith } from './helpers.js';

const layout = layoutFor('activity-plan', 'plan-test', 'sv');
const TITLE = layout.columnIndex.get('title') as number;

/** The doc's rows as its table shows them, id first, in the doc's order. */
function shown(doc: Y.Doc): (string | number | boolean)[][] {
  return rowsOf(doc).map((r) => [r.id, ...layout.columns.map((c) => toExcel(c, r.values[c.key], 'sv'))]);
}

function plan(rows: number): Y.Doc {
  return docWith(
    'activity-plan',
    Array.from({ length: rows }, (_, i) => ({ title: `Aktivitet ${i}`, type: 'halsodag', startDate: '2026-03-01', comment: `Kommentar ${i}`, participantsPlanned: i })),
  );
}

/** Applies `table` (sorted rows as read) to `doc`, counting the texts the guard was asked about and the doc's updates. */
function apply(doc: Y.Doc, table: (string | number | boolean)[][], opts: Partial<ApplyOptions> = {}) {
  const guarded: string[] = [];
  let updates = 0;
  const count = (): void => void updates++;
  doc.on('update', count);
  const rows: ExcelRow[] = table.map((raw, index) => ({ index, raw }));
  const applied = applyLocalRows(doc, layout, rows, {
    origin: 'test',
    docId: 'plan-test',
    tableIds: table.map((raw) => (typeof raw[0] === 'string' && raw[0] !== '' ? raw[0] : null)),
    newId: newRowId,
    guard: (text) => void guarded.push(text),
    quiet: () => true,
    ...opts,
  });
  doc.off('update', count);
  return { applied, guarded, updates };
}

describe('applyLocalRows after a sort', () => {
  it('reads only the row that differs from the doc: the others are not guarded, and one update writes the change', () => {
    const doc = plan(300);
    const table = shown(doc).reverse();
    const changed = table[10] as (string | number | boolean)[];
    changed[TITLE] = 'Ändrad efter sortering';
    const { applied, guarded, updates } = apply(doc, table);
    expect(guarded).toContain('Ändrad efter sortering');
    expect(guarded).not.toContain('Kommentar 0');
    // The one row's texts (title, comment …), not 300 rows' of them.
    expect(guarded.length).toBeLessThan(10);
    expect(applied.written).toEqual([changed[0]]);
    expect(applied.rewrites.size).toBe(0);
    expect(updates).toBe(1);
    expect(rowsOf(doc).find((r) => r.id === changed[0])?.values.title).toBe('Ändrad efter sortering');
  });

  it('sends nothing for a sort that changed nothing', () => {
    const doc = plan(300);
    const before = shown(doc);
    const { applied, guarded, updates } = apply(doc, [...before].reverse());
    expect(guarded).toEqual([]);
    expect(applied.written).toEqual([]);
    expect(updates).toBe(0);
    expect(shown(doc)).toEqual(before);
  });

  it('inserts a new row after the row above it in the sorted table, though that row was not read', () => {
    const doc = plan(50);
    const table = shown(doc).reverse();
    const above = table[19]?.[0];
    const fresh = new Array<string | number | boolean>(layout.width).fill('');
    fresh[TITLE] = 'Ny rad';
    table.splice(20, 0, fresh);
    const { applied } = apply(doc, table);
    const id = applied.assigned.get(20);
    const order = rowsOf(doc).map((r) => r.id);
    expect(order.indexOf(id as string)).toBe(order.indexOf(above as string) + 1);
    expect(order).toHaveLength(51);
  });

  it('reads a row the binding keeps a note about, though it shows the doc', () => {
    const doc = plan(20);
    const table = shown(doc).reverse();
    const noted = table[3]?.[0] as string;
    const { guarded } = apply(doc, table, { quiet: (id) => id !== noted });
    expect(guarded).toContain(`Kommentar ${16}`);
    expect(guarded.filter((t) => t.startsWith('Kommentar'))).toEqual(['Kommentar 16']);
  });

  it('reads a row whose id cell holds spaces around the id, as the cell shows other than the doc', () => {
    const doc = plan(20);
    const table = shown(doc);
    const row = table[5] as (string | number | boolean)[];
    row[0] = ` ${String(row[0])} `;
    const { guarded, updates } = apply(doc, table);
    expect(guarded.filter((t) => t.startsWith('Kommentar'))).toEqual(['Kommentar 5']);
    expect(updates).toBe(0);
  });
});
