/**
 * What a whole-table read of the binding costs after a sort or a row delete, on the emulator: a
 * plan of 500 and of 2,000 rows bound, then sorted by its title (or one row deleted), and what
 * the binding did until it settled: Excel requests (syncs), cells the add-in wrote, Yjs updates
 * the doc emitted, and milliseconds (wall clock and the process's CPU). Three runs of each, every run printed.
 * `npx tsx bench/excel-sort.ts` (or `npm run bench -- excel-sort`).
 */
import type * as Y from 'yjs';
import { bindTable } from '../addin/excel/bind-table.js';
import { createDoc, insertRows } from '../shared/doc/index.js';
import type { RowValues } from '../shared/schema/types.js';
import { createWorkbook, type ExcelHost } from '../addin/excel-emulator/index.js';

const KIND = 'activity-plan';
const SHEET = 'plan-sort';
const RUNS = 3;

function planRow(i: number): RowValues {
  return {
    title: `Promenadgrupp ${String(i).padStart(5, '0')}`,
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
  const doc = createDoc(KIND, { title: 'Bench 2026', ownerUnit: 'vc-bench', schemaVersion: 2 });
  insertRows(doc, Array.from({ length: rows }, (_, i) => planRow(i)));
  return doc;
}

type Change = 'sort' | 'delete';

/** One run: binds a fresh plan of `rows`, makes the change, and measures until the binding settled. */
async function measure(rows: number, change: Change): Promise<{ syncs: number; cells: number; updates: number; ms: number; cpuMs: number }> {
  const host: ExcelHost = createWorkbook();
  const doc = planDoc(rows);
  const binding = await bindTable((batch) => host.run(batch), doc, KIND, { docId: 'plan-sort', sheetName: SHEET, lang: 'sv', snapshotDelayMs: 0, validateDelayMs: 5 });
  const settle = async (): Promise<void> => {
    await host.settle();
    await binding.flush();
    await host.settle();
  };
  await settle();
  let cells = 0;
  const stop = host.onValuesWritten((w) => {
    if (w.origin.triggerSource === 'ThisLocalAddin') cells += w.rect.rows * w.rect.cols;
  });
  let updates = 0;
  const count = (): void => void updates++;
  doc.on('update', count);
  const syncs = host.syncCount;
  const started = performance.now();
  const cpu = process.cpuUsage();
  if (change === 'sort') host.user.sortTable(binding.tableName, 'Aktivitet', false);
  else host.user.deleteTableRows(binding.tableName, Math.floor(rows / 2), 1);
  await settle();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  stop();
  doc.off('update', count);
  const result = { syncs: host.syncCount - syncs, cells, updates, ms, cpuMs: (used.user + used.system) / 1000 };
  await binding.dispose();
  return result;
}

// Warm-up: compile the code paths once, as a pane that has been open a while has.
await measure(200, 'sort');

const table: { case: string; run: number; syncs: number; cells: number; updates: number; ms: string; 'cpu ms': string }[] = [];
for (const [rows, change] of [[500, 'sort'], [2_000, 'sort'], [2_000, 'delete']] as const) {
  for (let run = 1; run <= RUNS; run++) {
    const r = await measure(rows, change);
    table.push({ case: `${change} ${rows} rows`, run, syncs: r.syncs, cells: r.cells, updates: r.updates, ms: r.ms.toFixed(0), 'cpu ms': r.cpuMs.toFixed(0) });
  }
}
console.table(table);
