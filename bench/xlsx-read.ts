/**
 * Reading a large `.xlsx` import (`server/http/xlsx-read.ts`): a workbook of the most rows a
 * document holds (50,000 × 8 plan cells, written by exceljs) is read `--runs` times (5 by
 * default), each run in a fresh process so that its peak is its own (its first read: from source,
 * the reader's bundle is made then). Each run prints: the read's time; its progress lines, the time
 * to the first, the longest stretch between two as a share of the read, the time after the last
 * (the table taken in); the process's peak RSS (`maxRSS`, every thread); the RSS two seconds after
 * the read, its worker idle; a small read after it and its time; the RSS after that. Run: `npm run bench -- xlsx-read [--runs 5]
 * [--rows 50000]`. The workbook is synthetic (no person's data) and written to the temporary
 * folder for the runs, then removed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { endWarmReadWorkers } from '../server/http/read-worker.js';
import { readXlsxSheet } from '../server/http/xlsx-read.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** A plan table of `rows` rows under a header, as `tests/support/large-sheet.ts` writes one. */
async function workbook(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRow(['Aktivitet', 'Typ', 'Målgrupp', 'Plats', 'Deltagare planerat', 'Deltagare utfall', 'Start', 'Kommentar']);
  for (let i = 1; i <= rows; i++) ws.addRow([`Stavgång ${i}`, 'Grupp', 'Äldre', `Tensta ${i % 40}`, 10 + (i % 7), 8 + (i % 5), new Date(Date.UTC(2026, i % 12, 1 + (i % 28))), `Anteckning om träff ${i}`]);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** One run, in this process: the figures of reading `file`. */
async function run(file: string): Promise<Record<string, number>> {
  const bytes = new Uint8Array(readFileSync(file));
  const small = await workbook(20);
  const rssBefore = process.memoryUsage().rss;
  const told: number[] = [];
  const t0 = performance.now();
  const sheet = await readXlsxSheet(bytes, { onProgress: () => told.push(performance.now()) });
  const readMs = performance.now() - t0;
  const end = performance.now();
  // Between the first progress line and the last, the longest stretch without one.
  const gaps = told.slice(1).map((t, i) => t - (told[i] as number));
  const peak = process.resourceUsage().maxRSS * 1024;
  await new Promise((r) => setTimeout(r, 2_000));
  const rssIdle = process.memoryUsage().rss;
  const t1 = performance.now();
  await readXlsxSheet(small);
  const nextMs = performance.now() - t1;
  await new Promise((r) => setTimeout(r, 2_000));
  const rssAfterSmall = process.memoryUsage().rss;
  await endWarmReadWorkers();
  return {
    rows: sheet.table.length,
    readMs: Math.round(readMs),
    progressLines: told.length,
    firstProgressMs: Math.round((told[0] ?? end) - t0),
    longestGapPct: Math.round((100 * Math.max(0, ...gaps)) / readMs),
    afterLastProgressMs: Math.round(end - (told.at(-1) ?? t0)),
    rssBeforeMb: mb(rssBefore),
    peakRssMb: mb(peak),
    rssIdle2sMb: mb(rssIdle),
    nextSmallReadMs: Math.round(nextMs),
    rssAfterSmall2sMb: mb(rssAfterSmall),
  };
}

const child = process.argv.indexOf('--child');
if (child >= 0) {
  console.log(JSON.stringify(await run(process.argv[child + 1] as string)));
} else {
  const runs = arg('runs', 5);
  const rows = arg('rows', 50_000);
  const dir = mkdtempSync(join(tmpdir(), 'samplan-xlsx-bench-'));
  try {
    const file = join(dir, 'plan.xlsx');
    const bytes = await workbook(rows);
    writeFileSync(file, bytes);
    console.log(`xlsx read: ${rows + 1} rows × 8, ${(bytes.length / 1024 / 1024).toFixed(1)} MiB, ${runs} runs, each in a fresh process`);
    for (let i = 1; i <= runs; i++) {
      const out = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`run ${i} failed: ${out.stderr}`);
      console.log(`run ${i}: ${out.stdout.trim()}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
