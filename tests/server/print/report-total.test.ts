/**
 * The styrgrupp report's Totalt row sums the whole plan table: printed once, after its last row.
 * It was the table's footer (`<tfoot>`), which the print engine repeats at the foot of every page
 * the table crosses, so a plan of three pages showed three "Totalt" rows, the first two summing
 * rows still to come. Printed here by the report's own engine (Chromium, `htmlToPdf`) and read
 * back page by page with poppler's `pdftotext` (poppler-utils, which CI installs: `.ci/run`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_WORKSPACE, seedDemo } from '../../../server/demo/seed.js';
import { storageDocAccess } from '../../../server/http/doc-access.js';
import { approvedUnitsOf, loadRoundData } from '../../../server/http/round-data.js';
import { silentLogger } from '../../../server/logger.js';
import { htmlToPdf } from '../../../server/print/pdf.js';
import { buildReportInput } from '../../../server/rounds/report-input.js';
import { RoundsService } from '../../../server/rounds/rounds-service.js';
import { RoundsStore } from '../../../server/rounds/rounds-store.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { reportHtml } from '../../../shared/rounds/report-html.js';

const ROUND = '2025-kv-2';
const dir = mkdtempSync(join(tmpdir(), 'samplan-report-total-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text of each page of `pdf` (poppler's `pdftotext -layout`, pages split at its form feeds). */
function pagesOf(pdf: Uint8Array): string[] {
  const file = join(dir, 'report.pdf');
  writeFileSync(file, pdf);
  const res = spawnSync('pdftotext', ['-layout', file, `${file}.txt`], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`pdftotext (Debian poppler-utils) could not read the PDF: ${String(res.stderr ?? res.error)}`);
  return readFileSync(`${file}.txt`, 'utf8').split('\f').filter((page) => page.trim() !== '');
}

describe('the styrgrupp report printed', () => {
  it('prints the plan table\'s Totalt row once, after its last row, when the table runs over several pages', async () => {
    const now = new Date('2026-01-15T10:00:00Z');
    const storage = createMemoryStorage();
    await seedDemo(storage, { clock: () => now, logger: silentLogger() });
    const rounds = new RoundsService(new RoundsStore(storage), storage, () => now);
    const approvedUnits = approvedUnitsOf(await rounds.store.state(DEMO_WORKSPACE), ROUND);
    const data = await loadRoundData(storage, storageDocAccess(storage), DEMO_WORKSPACE, { approvedUnits, keepUnreadable: true });
    const input = await buildReportInput({ rounds, workspace: DEMO_WORKSPACE, roundId: ROUND, scope: null, lang: 'sv', data, now });
    const rows = input.rollup.activities;
    expect(rows.length).toBeGreaterThan(0);
    // A county of many clinics: the plan table's rows, 60 of them, run over three pages or more.
    const activities = Array.from({ length: 60 }, (_, i) => ({ ...rows[i % rows.length]!, planned: 1 }));
    const html = reportHtml({ ...input, rollup: { ...input.rollup, activities } });
    const pages = pagesOf(await htmlToPdf(html));
    const totals = pages.flatMap((page, i) => page.split('\n').filter((line) => /^\s*Totalt\s+60\b/.test(line)).map(() => i));
    const planPages = pages.flatMap((page, i) => (page.split('\n').some((line) => /\s1\s+\d+\s+\d+\s/.test(line)) ? [i] : []));
    expect(planPages.length).toBeGreaterThanOrEqual(3);
    expect(totals).toEqual([planPages.at(-1)]);
  }, 90_000);
});
