/**
 * A large `.ods` is read off the main thread, as an XLSX workbook is: while it is read, the event
 * loop (every socket and REST request of the server) is never held for long. Read on the main
 * thread, a 20,001-row × 8 file held it 350–800 ms at a time (decoding `content.xml`, reading
 * each cell, the garbage collector).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readOdsSheet } from '../../../server/http/ods-read.js';
import { readXlsxSheet } from '../../../server/http/xlsx-read.js';
import { makeOds, sheet } from '../../support/ods.js';

const ROWS = 20_000;
const HEADER = ['Aktivitet', 'Typ', 'Målgrupp', 'Plats', 'Deltagare planerat', 'Deltagare utfall', 'Start', 'Kommentar'];

/** Row `i` of the table (1-based, after the header): texts and numbers as a plan holds them. */
function rowOf(i: number): (string | number)[] {
  return [`Stavgång ${i}`, 'Grupp', 'Äldre', `Tensta ${i % 40}`, 10 + (i % 7), 8 + (i % 5), 20 + (i % 9), `Anteckning om träff ${i}`];
}

function odsCell(v: string | number): string {
  return typeof v === 'number'
    ? `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`
    : `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`;
}

function largeOds(): Uint8Array {
  const rows = [HEADER, ...Array.from({ length: ROWS }, (_, i) => rowOf(i + 1))].map((r) => `<table:table-row>${r.map(odsCell).join('')}</table:table-row>`);
  return makeOds({ tables: sheet('Plan', rows) });
}

async function largeXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRow(HEADER);
  for (let i = 1; i <= ROWS; i++) ws.addRow(rowOf(i));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * The longest gap between two ticks of a 5 ms interval timer while `read` runs, and how long it
 * took: the reader runs in this process, so work on the main thread holds the timer up.
 */
async function loopHeldDuring(read: () => Promise<unknown>): Promise<{ heldMs: number; readMs: number; rows: number }> {
  let last = performance.now();
  let heldMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    heldMs = Math.max(heldMs, now - last);
    last = now;
  }, 5);
  const t0 = performance.now();
  const input = (await read()) as { table?: unknown[] };
  const readMs = performance.now() - t0;
  // The tick after the last stretch of work measures it.
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(ticker);
  return { heldMs: Math.round(heldMs), readMs: Math.round(readMs), rows: input.table?.length ?? 0 };
}

describe('reading a large .ods', () => {
  it('holds the event loop no longer than a short bound, as reading the same table as .xlsx does', async () => {
    const ods = largeOds();
    const xlsx = await largeXlsx();
    const runs = [];
    for (let run = 1; run <= 3; run++) {
      const odsRun = await loopHeldDuring(() => readOdsSheet(ods));
      const xlsxRun = await loopHeldDuring(() => readXlsxSheet(xlsx));
      runs.push({ run, ods: odsRun, xlsx: xlsxRun });
      expect(odsRun.rows).toBe(ROWS + 1);
      expect(xlsxRun.rows).toBe(ROWS + 1);
    }
    console.log('event loop held while reading a 20,001-row × 8 file (ms):', JSON.stringify(runs));
    // The best of three runs, so a machine busy with other work does not decide: on the main thread
    // the best was 307-340 ms here, in the worker 119-131 ms (the rest is taking the posted table in).
    expect(Math.min(...runs.map((r) => r.ods.heldMs))).toBeLessThan(220);
  }, 180_000);
});
