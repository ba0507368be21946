/**
 * The large-table rows of `bench/excel`: 50,000 rows into a new table, and 50,000 rows with
 * 2,000-character comments under Excel on the web's 5 MB limit — render, sort then type,
 * delete rows, paste 5,000 and 50,000 rows, reopen after edits made with the pane closed. Each
 * case checks that sheet and doc hold the same rows and reports its syncs, its time, its
 * largest request and response against Excel's limit, and its largest doc update against the
 * frame limit.
 */
import type * as Y from 'yjs';
import { bindTable } from '../../addin/excel/bind-table.js';
import { toExcel } from '../../addin/excel/sheet/cell-values.js';
import { layoutFor } from '../../addin/excel/sheet/layout.js';
import type { TableBinding } from '../../addin/excel/sheet/types.js';
import { createDoc, insertRows, rowsOf } from '../../shared/doc/index.js';
import { Limits } from '../../shared/protocol/limits.js';
import type { RowValues } from '../../shared/schema/types.js';
import { createWorkbook, type ExcelHost } from '../../addin/excel-emulator/index.js';

const KIND = 'activity-plan';
const SHEET = 'plan-large';
const layout = layoutFor(KIND, 'plan-large', 'sv', SHEET);
const letter = (key: string): string => String.fromCharCode(65 + (layout.columnIndex.get(key) as number));

/** One measured case. */
export interface LargeResult {
  case: string;
  syncs: number;
  ms: number;
  /** Largest request and response of the case, in bytes, and how many Excel refused. */
  request: number;
  response: number;
  refused: number;
  /** Largest doc update of the case, in bytes, and how many updates. */
  update: number;
  updates: number;
  target: string;
}

const comment = (i: number): string => `${`Kommentar ${i} `.padEnd(1_999, 'lorem ipsum dolor sit amet ')}.`;
const longRow = (i: number): RowValues => ({ title: `Aktivitet ${String(i).padStart(5, '0')}`, type: 'halsodag', responsible: 'Distriktssköterska', comment: comment(i) });
const pasted = (n: number, tag: string): string[][] => Array.from({ length: n }, (_, i) => [`${tag} ${i}`, ...new Array<string>(19).fill(''), comment(-i)]);

function docOf(rows: RowValues[]): Y.Doc {
  const doc = createDoc(KIND, { title: 'Bench', ownerUnit: 'vc-bench', schemaVersion: 2 });
  if (rows.length > 0) insertRows(doc, rows);
  rowsOf(doc);
  return doc;
}

async function bind(host: ExcelHost, doc: Y.Doc): Promise<TableBinding> {
  return bindTable((batch) => host.run(batch), doc, KIND, { docId: 'plan-large', sheetName: SHEET, lang: 'sv', snapshotDelayMs: 0, validateDelayMs: 5 });
}

async function settle(host: ExcelHost, binding: TableBinding): Promise<void> {
  await host.settle();
  await binding.flush();
  await host.settle();
}

/** Throws unless the sheet shows exactly the doc's rows (by id) and nothing failed. */
function check(name: string, host: ExcelHost, binding: TableBinding, doc: Y.Doc): void {
  const byId = (a: unknown[], b: unknown[]): number => (String(a[0]) < String(b[0]) ? -1 : 1);
  const sheet = host.readTable(binding.tableName).rows.map((r) => r.slice(0, layout.width)).sort(byId);
  const docRows = rowsOf(doc).map((r) => [r.id, ...layout.columns.map((c) => toExcel(c, r.values[c.key], 'sv'))]).sort(byId);
  if (binding.status.lastError) throw new Error(`${name}: ${binding.status.lastError.code}`);
  if (sheet.length !== docRows.length) throw new Error(`${name}: sheet ${sheet.length} rows, doc ${docRows.length}`);
  if (JSON.stringify(sheet) !== JSON.stringify(docRows)) throw new Error(`${name}: sheet and doc differ`);
}

/** Measures `act` on `host`/`doc`: syncs, time, sizes from the host's and the doc's records. */
async function measure(name: string, target: string, host: ExcelHost, doc: Y.Doc, act: () => Promise<void>): Promise<LargeResult> {
  const updates: number[] = [];
  const onUpdate = (u: Uint8Array): void => void updates.push(u.length);
  doc.on('update', onUpdate);
  const syncs = host.syncCount;
  const from = host.syncSizes.length;
  const started = performance.now();
  await act();
  const ms = performance.now() - started;
  doc.off('update', onUpdate);
  const sizes = host.syncSizes.slice(from);
  return {
    case: name,
    syncs: host.syncCount - syncs,
    ms,
    request: Math.max(0, ...sizes.map((s) => s.request)),
    response: Math.max(0, ...sizes.map((s) => s.response)),
    refused: sizes.filter((s) => s.failed).length,
    update: Math.max(0, ...updates),
    updates: updates.length,
    target,
  };
}

/** Runs every large case in order and returns its figures. */
export async function runLargeCases(): Promise<LargeResult[]> {
  const out: LargeResult[] = [];
  const planRow = (i: number): RowValues => ({ title: `Promenadgrupp ${i}`, type: 'halsodag', 'goals.motivation': i % 2 === 0, targetGroup: 'Vuxna i Fittja', startDate: '2026-03-01', endDate: '2026-06-30', responsible: 'Distriktssköterska', participantsPlanned: 20 + (i % 30) });

  {
    const doc = docOf(Array.from({ length: 50_000 }, (_, i) => planRow(i)));
    const host = createWorkbook();
    let binding: TableBinding | undefined;
    out.push(await measure('render 50,000 rows into a new table', '≤ 6 syncs, ≤ 3 s', host, doc, async () => void (binding = await bind(host, doc))));
    if (binding) {
      await settle(host, binding);
      check('render 50,000', host, binding, doc);
      await binding.dispose();
    }
  }

  {
    const doc = docOf(Array.from({ length: 50_000 }, (_, i) => longRow(i)));
    const host = createWorkbook();
    let binding = undefined as unknown as TableBinding;
    out.push(await measure('render 50,000 rows × 2,000 chars', 'every request ≤ 5 MB', host, doc, async () => {
      binding = await bind(host, doc);
      await settle(host, binding);
    }));
    check('render long', host, binding, doc);
    out.push(await measure('sort 50,000 × 2,000, then type one cell', 'edit arrives', host, doc, async () => {
      host.user.sortTable(binding.tableName, 'Aktivitet', false);
      await settle(host, binding);
      host.user.type(SHEET, 'B2', 'Skrivet efter sortering');
      await settle(host, binding);
    }));
    if (!rowsOf(doc).some((r) => r.values.title === 'Skrivet efter sortering')) throw new Error('typed edit lost');
    check('sort, type', host, binding, doc);
    out.push(await measure('delete 10 table rows of 50,000 × 2,000', 'doc 49,990 rows', host, doc, async () => {
      host.user.deleteTableRows(binding.tableName, 100, 10);
      await settle(host, binding);
    }));
    check('delete', host, binding, doc);
    await binding.dispose();
    // Pane closed: an edit, a longer comment, ten rows deleted, 5,000 rows pasted.
    host.user.type(SHEET, 'B11', 'Ändrad utan panel');
    host.user.type(SHEET, `${letter('comment')}21`, comment(-1));
    host.user.deleteTableRows(binding.tableName, 200, 10);
    const rows = host.readTable(binding.tableName).rows.length;
    host.user.paste(SHEET, `B${rows + 2}`, pasted(5_000, 'Utan panel'));
    out.push(await measure('reopen 49,980 × 2,000 after edits with the pane closed', 'all edits arrive', host, doc, async () => {
      binding = await bind(host, doc);
      await settle(host, binding);
    }));
    check('reopen', host, binding, doc);
    if (rowsOf(doc).length !== 49_980 + 5_000) throw new Error(`reopen: doc has ${rowsOf(doc).length} rows`);
    await binding.dispose();
  }

  {
    const doc = docOf(Array.from({ length: 1_000 }, (_, i) => longRow(i)));
    const host = createWorkbook();
    const binding = await bind(host, doc);
    await settle(host, binding);
    out.push(await measure('paste 5,000 rows × 2,000 chars below 1,000', 'whole, updates < 8 MB', host, doc, async () => {
      host.user.paste(SHEET, 'B1002', pasted(5_000, 'Klistrad'));
      await settle(host, binding);
    }));
    check('paste 5,000', host, binding, doc);
    await binding.dispose();
  }

  {
    const doc = docOf([longRow(0)]);
    const host = createWorkbook();
    const binding = await bind(host, doc);
    await settle(host, binding);
    out.push(await measure('paste 50,000 rows × 2,000 chars below a 1-row table', 'whole, updates < 8 MB', host, doc, async () => {
      host.user.paste(SHEET, 'B3', pasted(50_000, 'Klistrad'));
      await settle(host, binding);
    }));
    check('paste 50,000', host, binding, doc);
    if (rowsOf(doc).length !== 50_001) throw new Error(`paste 50,000: doc has ${rowsOf(doc).length} rows`);
    await binding.dispose();
  }
  return out;
}

/** The limits the figures are printed against. */
export const LIMITS = { excelBytes: 5 * 1024 * 1024, frameBytes: Limits.maxFrameBytes };

