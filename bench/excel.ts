/**
 * The Excel binding on the emulator: a 10,000-row plan rendered into a new workbook, a remote
 * one-cell edit, a 500-row paste both ways, the binding's memory per 10,000 rows, and the
 * large tables of `support/excel-large.ts` (50,000 rows, 2,000-character texts, Excel on the
 * web's 5 MB limit). `npx tsx bench/excel.ts` (or `npm run bench -- excel`); prints two tables.
 */
import * as Y from 'yjs';
import { bindTable } from '../addin/excel/bind-table.js';
import { createTable } from '../addin/excel/sheet/excel-io.js';
import { dropdownLists } from '../addin/excel/sheet/list-sheet.js';
import { toExcel } from '../addin/excel/sheet/cell-values.js';
import { layoutFor } from '../addin/excel/sheet/layout.js';
import type { TableBinding } from '../addin/excel/sheet/types.js';
import { createDoc, insertRows, rowsOf, setCell } from '../shared/doc/index.js';
import type { RowValues } from '../shared/schema/types.js';
import { createWorkbook, type ExcelHost } from '../addin/excel-emulator/index.js';
import { LIMITS, runLargeCases } from './support/excel-large.js';

const KIND = 'activity-plan';
const SHEET = 'plan-bench';
const gc = (globalThis as { gc?: () => void }).gc;

function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

function planRow(i: number): RowValues {
  return {
    title: `Promenadgrupp ${i}`,
    type: 'halsodag',
    'goals.motivation': i % 2 === 0,
    'habits.fysisk-aktivitet': true,
    targetGroup: 'Vuxna i Fittja',
    startDate: '2026-03-01',
    endDate: '2026-06-30',
    responsible: 'Distriktssköterska',
    participantsPlanned: 20 + (i % 30),
    comment: i % 10 === 0 ? 'Tillsammans med kommunen' : null,
  };
}

function planDoc(rows: number): Y.Doc {
  const doc = createDoc(KIND, { title: 'Bench', ownerUnit: 'vc-bench', schemaVersion: 2 });
  insertRows(doc, Array.from({ length: rows }, (_, i) => planRow(i)));
  return doc;
}

async function bind(host: ExcelHost, doc: Y.Doc): Promise<TableBinding> {
  return bindTable((batch) => host.run(batch), doc, KIND, { docId: 'plan-bench', sheetName: SHEET, lang: 'sv', snapshotDelayMs: 0, validateDelayMs: 5 });
}

async function settle(host: ExcelHost, binding: TableBinding): Promise<void> {
  await host.settle();
  await binding.flush();
  await host.settle();
}

/** Two docs kept in step like the server would (updates forwarded synchronously). */
function link(a: Y.Doc, b: Y.Doc): void {
  const relay = Symbol('relay');
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== relay && Y.applyUpdate(b, u, relay));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== relay && Y.applyUpdate(a, u, relay));
}

const results: { case: string; syncs: string; ms: string; target: string }[] = [];
const record = (name: string, syncs: string, ms: number, target: string): void => {
  results.push({ case: name, syncs, ms: ms.toFixed(0), target });
};

// Warm-up: compile the code paths once, as a pane that has been open for a while has.
{
  const host = createWorkbook();
  await (await bind(host, planDoc(500))).dispose();
}

// 1. Initial render of 10,000 rows into a new workbook. The doc's row index is built first
// (the pane lists the rows before binding), so the figure is the binding's and the workbook's.
{
  const doc = planDoc(10_000);
  rowsOf(doc);
  const host = createWorkbook();
  const started = performance.now();
  const binding = await bind(host, doc);
  record('render 10,000 rows (new table)', String(host.syncCount), performance.now() - started, '≤ 3 syncs, ≤ 1 s');
  await binding.dispose();
}

// 2. Remote one-cell edit, and 3. 500-row paste both ways, between two bound workbooks.
{
  const docA = planDoc(500);
  const docB = new Y.Doc();
  Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
  link(docA, docB);
  const hostA = createWorkbook();
  const hostB = createWorkbook();
  const a = await bind(hostA, docA);
  const b = await bind(hostB, docB);
  const id = rowsOf(docA)[7]?.id as string;

  let before = hostA.syncCount;
  let started = performance.now();
  setCell(docB, id, 'title', 'Ändrad på distans');
  await settle(hostA, a);
  record('remote one-cell edit (receiving side)', String(hostA.syncCount - before), performance.now() - started, 'exactly 1 sync');

  const block = (tag: string): string[][] => Array.from({ length: 500 }, (_, i) => [`${tag} ${i}`, 'Hälsodagar/öppet hus med hälsoinformation och provtagning']);
  for (const [from, to, hostFrom, hostTo, tag] of [
    [a, b, hostA, hostB, 'A→B'],
    [b, a, hostB, hostA, 'B→A'],
  ] as const) {
    const beforeFrom = hostFrom.syncCount;
    const beforeTo = hostTo.syncCount;
    const rows = (await hostFrom.run(async () => undefined), hostFrom.readTable(from.tableName).rows.length);
    started = performance.now();
    hostFrom.user.paste(SHEET, `B${rows + 2}`, block(`Klistrad ${tag}`));
    await settle(hostFrom, from);
    await settle(hostTo, to);
    record(`500-row paste ${tag}`, `${hostFrom.syncCount - beforeFrom} / ${hostTo.syncCount - beforeTo}`, performance.now() - started, '≤ 2 syncs per side');
  }
  const same = JSON.stringify(rowsOf(docA).map((r) => r.values)) === JSON.stringify(rowsOf(docB).map((r) => r.values));
  if (!same) throw new Error('docs diverged');
  await a.dispose();
  await b.dispose();
  void before;
  before = 0;
}

// 4. Memory: binding state per 10,000 rows, beside the doc and the emulated workbook.
let memory: { doc: number; workbook: number; binding: number } | undefined;
{
  const h0 = heap();
  const doc = planDoc(10_000);
  const h1 = heap();
  const host = createWorkbook();
  const binding = await bind(host, doc);
  await binding.saveSnapshot();
  const h2 = heap();
  // The same table written without a binding: what the emulated workbook itself holds.
  const layout = layoutFor(KIND, 'plan-bench-2', 'sv', 'plan-bench-2');
  const rows = rowsOf(doc).map((r) => [r.id, ...layout.columns.map((c) => toExcel(c, r.values[c.key], 'sv'))]);
  const hostOnly = createWorkbook();
  const h3 = heap();
  await createTable((batch) => hostOnly.run(batch), layout, { sheetExists: false, rows, lists: dropdownLists(layout, () => undefined), readOnly: false, settings: [] }, { syncs: 0 });
  rows.length = 0;
  const h4 = heap();
  memory = { doc: h1 - h0, workbook: h4 - h3, binding: h2 - h1 - (h4 - h3) };
  await binding.dispose();
  void hostOnly;
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
console.log('| case | syncs (sender / receiver) | ms | target |');
console.log('|---|---|---|---|');
for (const r of results) console.log(`| ${r.case} | ${r.syncs} | ${r.ms} | ${r.target} |`);
if (memory) {
  console.log(`| memory per 10,000 rows: binding state | – | ${mb(memory.binding)} | (Y.Doc ${mb(memory.doc)}, emulated workbook ${mb(memory.workbook)}) |`);
}
const large = await runLargeCases();
const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(2)} MB`;
console.log(`\n| large table (web profile) | syncs | ms | largest request / response (limit ${mib(LIMITS.excelBytes)}) | refused | largest doc update (frame limit ${mib(LIMITS.frameBytes)}) / updates | target |`);
console.log('|---|---|---|---|---|---|---|');
for (const r of large) {
  console.log(`| ${r.case} | ${r.syncs} | ${r.ms.toFixed(0)} | ${mib(r.request)} / ${mib(r.response)} | ${r.refused} | ${mib(r.update)} / ${r.updates} | ${r.target} |`);
}
if (!gc) console.log('\n(run with --expose-gc for steadier memory figures: npm run bench -- excel)');
process.exit(0);
