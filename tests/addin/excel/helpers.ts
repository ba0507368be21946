/**
 * Test rig for the binding: emulated workbooks bound to docs, and an in-process relay that
 * plays the sync server (updates forwarded between docs, switchable offline).
 */
import { afterEach, expect } from 'vitest';
import * as Y from 'yjs';
import { bindTable } from '../../../addin/excel/bind-table.js';
import type { BindOptions, TableBinding } from '../../../addin/excel/sheet/types.js';
import { createDoc, insertRows, rowsOf } from '../../../shared/doc/index.js';
import type { DocKind, RowValues } from '../../../shared/schema/types.js';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';

/** Origin of updates the relay applies. */
export const RELAY = Symbol('relay');

/** One person's Excel with its doc and binding. */
export interface Side {
  host: ExcelHost;
  doc: Y.Doc;
  binding: TableBinding;
  /** Syncs so far in this workbook. */
  syncs(): number;
  /** Waits for Excel events and every pending write of the binding. */
  settle(): Promise<void>;
}

/** Defaults for tests: no timers that would add syncs between assertions. */
export const quiet: Partial<BindOptions> = { validateDelayMs: 5, snapshotDelayMs: 0 };

/** A doc of `kind` holding `rows`. */
export function docWith(kind: DocKind, rows: RowValues[] = []): Y.Doc {
  const doc = createDoc(kind, { title: 'Test', ownerUnit: 'vc-test', schemaVersion: 2 });
  if (rows.length > 0) insertRows(doc, rows);
  return doc;
}

/** Binds `doc` into a fresh (or given) emulated workbook. */
export async function openSide(doc: Y.Doc, kind: DocKind, options: Partial<BindOptions> = {}, host = createWorkbook()): Promise<Side> {
  const binding = await bindTable((batch) => host.run(batch), doc, kind, { docId: 'plan-test', lang: 'sv', ...quiet, ...options });
  return {
    host,
    doc,
    binding,
    syncs: () => host.syncCount,
    async settle() {
      await host.settle();
      await binding.flush();
      await host.settle();
    },
  };
}

/** A fake server between docs: forwards updates while online, catches up on reconnect. */
export function relay(...docs: Y.Doc[]): { offline(doc: Y.Doc): void; online(doc: Y.Doc): void; stop(): void } {
  const down = new Set<Y.Doc>();
  const handlers = docs.map((from) => {
    const h = (update: Uint8Array, origin: unknown): void => {
      if (origin === RELAY || down.has(from)) return;
      for (const to of docs) if (to !== from && !down.has(to)) Y.applyUpdate(to, update, RELAY);
    };
    from.on('update', h);
    return [from, h] as const;
  });
  return {
    offline(doc) {
      down.add(doc);
    },
    online(doc) {
      down.delete(doc);
      for (const other of docs) {
        if (other === doc || down.has(other)) continue;
        Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)), RELAY);
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), RELAY);
      }
    },
    stop() {
      for (const [doc, h] of handlers) doc.off('update', h);
    },
  };
}

/**
 * Two workbooks bound to two docs that start from the same activity-plan rows, joined by the
 * relay. The sides go into `sides` so that the test's cleanup disposes them.
 */
export async function openPair(rows: RowValues[], sides: Side[]): Promise<{ a: Side; b: Side; net: ReturnType<typeof relay> }> {
  const docA = docWith('activity-plan', rows);
  const docB = new Y.Doc();
  Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA), RELAY);
  const net = relay(docA, docB);
  const a = await openSide(docA, 'activity-plan');
  sides.push(a);
  const b = await openSide(docB, 'activity-plan');
  sides.push(b);
  return { a, b, net };
}

/** The doc's rows as `{ id, values }` without positions, in order. */
export function plain(doc: Y.Doc): { id: string; values: RowValues }[] {
  return rowsOf(doc).map((r) => ({ id: r.id, values: r.values }));
}

/** The table body rows of a side, sorted by id (Excel order may differ per workbook). */
export function tableById(side: Side): unknown[][] {
  return [...side.host.readTable(side.binding.tableName).rows].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
}

/** Both docs hold the same rows, and both workbooks show them (in whatever order each has). */
export function expectSame(a: Side, b: Side): void {
  expect(plain(a.doc)).toEqual(plain(b.doc));
  expect(tableById(a)).toEqual(tableById(b));
}

/**
 * A pane closed over a bound table while the workbook changed: `doc` bound in a fresh workbook
 * with `options`, the binding disposed, then `change` made to the table (found by the name it was
 * bound under) in one request of its own, synced. Returns that side and the table's bound name.
 */
export async function closedAndChanged(
  doc: Y.Doc,
  kind: DocKind,
  options: Partial<BindOptions>,
  change: (table: Excel.Table, context: Excel.RequestContext) => void,
): Promise<{ first: Side; name: string }> {
  const first = await openSide(doc, kind, options);
  const name = first.binding.tableName;
  await first.binding.dispose();
  await first.host.run(async (context) => {
    change(context.workbook.tables.getItem(name), context);
    await context.sync();
  });
  return { first, name };
}

/**
 * A list for the sides a test file opens: after each test, each side's binding is disposed in
 * order (awaited one by one) and the list emptied. Call it at the top of the file.
 */
export function disposedAfterEach(): Side[] {
  const opened: Side[] = [];
  afterEach(async () => {
    for (const side of opened.splice(0)) await side.binding.dispose();
  });
  return opened;
}

/**
 * The A1 address of column `key`'s cell in body row `index` (0 = the first, on sheet row 2) of
 * a `kind` table laid out on sheet `plan-test` in Swedish; for the first 26 columns (A–Z).
 */
export function cellAt(kind: DocKind, key: string, index: number): string {
  const col = layoutFor(kind, 'plan-test', 'sv').columnIndex.get(key) as number;
  return `${String.fromCharCode(65 + col)}${index + 2}`;
}

/**
 * Protects (`on`) or unprotects a sheet of the side's workbook as the person would (Review → Protect
 * Sheet), in one request of its own.
 */
export function protectSheet(side: Side, sheetName: string, on: boolean): Promise<void> {
  return side.host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    if (on) sheet.protection.protect();
    else sheet.protection.unprotect();
    await context.sync();
  });
}
