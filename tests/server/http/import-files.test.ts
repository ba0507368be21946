/**
 * Imports of files as Excel and LibreOffice write them, and of files that must not hurt the
 * server: encodings, Excel's `sep=` line, XLSX cells by type, formula neutralisation, zip bombs,
 * corrupt and truncated workbooks, and the event loop (and `/healthz`) staying free during a large import.
 * Every fixture is generated here, with made-up content.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { mainThreadCpuMs } from '../../support/thread-cpu.js';
import { makeZip } from '../../support/zip.js';
import { SPLIT_FLAGGED } from '../../support/personnummer-spellings-more.js';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

const importUrl = (doc: string, query = '') => `/v1/workspaces/${WS}/documents/${doc}/import${query}`;
const post = (body: Uint8Array | string, type: string): RequestInit => ({ method: 'POST', headers: { 'content-type': type }, body: body as BodyInit });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * What the event loop went through while `work` ran, with `/healthz` asked all along.
 * `loopMaxMs` is the longest gap between two ticks of a 5 ms interval timer: the server runs in
 * this process, so an import that does not yield holds the timer up for as long as it computes.
 * Timing /healthz round trips cannot show that: the test asks the next one after a
 * `setImmediate`, and a stretch of work that starts between two requests delays neither (with the
 * import's yielding turned off, /healthz took 25-76 ms while the loop was held for 2.4 s).
 * `workMs` is the time from the request to its answer. A non-yielding import holds the loop for
 * most of `workMs`; a yielding one for its 8 ms slices and whatever a loaded machine adds.
 * `busyMaxMs` and `workCpuMs` are the same two in the main thread's CPU time (`thread-cpu.ts`;
 * the clock's figures where that is not known), which the waits of a loaded machine, when the
 * thread has no core, do not swell.
 */
async function healthzDuring(
  f: Fixture,
  start: () => Promise<Response>,
): Promise<{ res: Response; figures: { healthz: number; loopMaxMs: number; workMs: number; busyMaxMs: number; workCpuMs: number } }> {
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  let loopMaxMs = 0;
  let busyMaxMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    const cpu = mainThreadCpuMs();
    loopMaxMs = Math.max(loopMaxMs, now - last);
    busyMaxMs = Math.max(busyMaxMs, cpu !== null && lastCpu !== null ? cpu - lastCpu : now - last);
    last = now;
    lastCpu = cpu;
  }, 5);
  const t0 = performance.now();
  const cpu0 = mainThreadCpuMs();
  let done = false;
  const tracked = start().finally(() => (done = true));
  let healthz = 0;
  while (!done) {
    const health = await f.req('/healthz');
    expect(health.status).toBe(200);
    healthz++;
    await new Promise((r) => setImmediate(r));
  }
  const res = await tracked;
  const workMs = performance.now() - t0;
  const cpu1 = mainThreadCpuMs();
  const workCpuMs = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : workMs;
  // The tick after the last stretch of work measures it.
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(ticker);
  expect(healthz).toBeGreaterThan(0);
  const round = Math.round;
  return { res, figures: { healthz, loopMaxMs: round(loopMaxMs), workMs: round(workMs), busyMaxMs: round(busyMaxMs), workCpuMs: round(workCpuMs) } };
}

interface Summary {
  imported: number;
  updated: number;
  ignored: number;
  refused: { record: number; code: string }[];
  unknownColumns: string[];
  encoding?: string;
  format: string;
  normalized: Record<string, Record<string, number>>;
}

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Blad1');
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('importing files as spreadsheet programs write them', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const rows = async (doc = 'plan-a') => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc })).map((r) => r.values);
  const send = async (doc: string, body: Uint8Array | string, type = 'text/csv', query = '') => {
    const res = await f.req(importUrl(doc, query), f.tokens.coordinator, post(body, type));
    return { status: res.status, body: (await res.json()) as Summary & { error?: { code: string; message: string } } };
  };

  it('reads Windows-1252 CSV with a sep= line, as Swedish Excel saves it', async () => {
    const text = 'sep=;\r\nAktivitet;Typ;Startdatum\r\nHälsoföreläsning Åsa;halsodag;12/3\r\n';
    const { status, body } = await send('plan-a', new Uint8Array(iconv.encode(text, 'win1252')));
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 1, unknownColumns: [], encoding: 'windows-1252', format: 'csv' });
    expect((await rows()).at(-1)).toMatchObject({ title: 'Hälsoföreläsning Åsa', type: 'halsodag', startDate: '2026-03-12' });
    expect(body.normalized.startDate).toEqual({ 'date-from-text': 1 });
  });

  it("reads Mac Roman CSV (Excel for Mac's plain CSV) with its Swedish letters, and refuses a personnummer with its en dash", async () => {
    const text = 'Aktivitet;Kommentar\rPromenad på torget;Åsa och Örjan\rHälsodag;Pnr 850101\u20131236\r';
    const { status, body } = await send('plan-a', new Uint8Array(iconv.encode(text, 'macintosh')));
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 1, encoding: 'macintosh', unknownColumns: [] });
    expect(body.refused).toEqual([expect.objectContaining({ record: 2, code: 'personnummer' })]);
    expect((await rows()).at(-1)).toMatchObject({ title: 'Promenad på torget', comment: 'Åsa och Örjan' });
    expect(JSON.stringify(await rows())).not.toContain('850101');
  });

  it('reads a large Mac Roman file, decoded in slices, as the small one', async () => {
    const line = 'Promenad på torget;Åsa och Örjan\r';
    const text = `Aktivitet;Kommentar\r${line.repeat(9000)}`;
    const bytes = new Uint8Array(iconv.encode(text, 'macintosh'));
    expect(bytes.byteLength).toBeGreaterThan(256 * 1024);
    const { status, body } = await send('plan-a', bytes, 'text/csv', '?dryRun=true');
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 9000, encoding: 'macintosh' });
  });

  it('reads a Windows-1252 file with a euro sign and an ellipsis but no Swedish letter as Windows-1252', async () => {
    const text = 'Aktivitet;Kommentar\r\nPromenad;Kostnad 20 \u20ac \u2026\r\n';
    const { body } = await send('plan-a', new Uint8Array(iconv.encode(text, 'win1252')));
    expect(body).toMatchObject({ imported: 1, encoding: 'windows-1252' });
    expect((await rows()).at(-1)).toMatchObject({ title: 'Promenad', comment: 'Kostnad 20 \u20ac \u2026' });
  });

  it.each([
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
  ] as const)('reads %s tab-separated text with its byte-order mark ("Unicode text")', async (encoding, bom) => {
    const text = 'Aktivitet\tTyp\tDeltagare planerat\r\nPromenad i Årsta\tPromenadgrupp/Gågrupp\t1\u00a0200\r\n';
    const bytes = new Uint8Array([...bom, ...iconv.encode(text, encoding)]);
    const { body } = await send('plan-a', bytes, 'text/plain');
    expect(body).toMatchObject({ imported: 1, encoding, unknownColumns: [] });
    expect((await rows()).at(-1)).toMatchObject({ title: 'Promenad i Årsta', type: 'promenadgrupp', participantsPlanned: 1200 });
  });

  it('refuses a personnummer whose dash is a Windows-1252 byte in a file marked as UTF-8 (read as �), and imports the rest', async () => {
    const head = new TextEncoder().encode('\uFEFFAktivitet;Kommentar\nÖppet hus;Pnr 850101');
    const tail = new TextEncoder().encode('1236\nPromenad;ingen\n');
    const { status, body } = await send('plan-a', new Uint8Array([...head, 0x96, ...tail]));
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 1, encoding: 'utf-8' });
    expect(body.refused).toEqual([expect.objectContaining({ record: 1, code: 'personnummer' })]);
    expect(JSON.stringify(await rows())).not.toContain('850101');
  });

  it('reads UTF-8 with and without a BOM alike', async () => {
    const text = 'Aktivitet,Typ\nÖppet hus,halsodag\n';
    await send('plan-a', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]));
    await send('plan-a', text);
    expect((await rows()).slice(-2).map((r) => r.title)).toEqual(['Öppet hus', 'Öppet hus']);
  });

  it('reads XLSX cells by type: serial dates, numbers, shared strings, formula results', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Blad1');
    sheet.addRow(['Aktivitet', 'Typ', 'Startdatum', 'Slutdatum', 'Deltagare planerat']);
    sheet.addRow(['Gympa för alla', 'Rörelsegrupp med hälsoinformation', 45366, new Date(Date.UTC(2024, 5, 1)), { formula: '10*4', result: 40 }]);
    sheet.getCell('C2').numFmt = 'yyyy-mm-dd';
    const { status, body } = await send('plan-a', new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), XLSX);
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 1, refused: [], format: 'xlsx' });
    expect((await rows()).at(-1)).toMatchObject({ title: 'Gympa för alla', startDate: '2024-03-15', endDate: '2024-06-01', participantsPlanned: 40 });
  });

  it('refuses in XLSX cells a personnummer with its serial split by a dot or colon or its date part cut', async () => {
    const { status, body } = await send('plan-a', await workbook([['Aktivitet', 'Typ', 'Kommentar'], ...SPLIT_FLAGGED.map(([text]) => ['Samtal', 'halsosamtal', `Ring ${text}`])]), XLSX);
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 0, format: 'xlsx' });
    expect(body.refused.map((r) => r.code)).toEqual(SPLIT_FLAGGED.map(() => 'personnummer'));
    const stored = JSON.stringify(await rows());
    for (const [, match] of SPLIT_FLAGGED) expect(stored).not.toContain(match);
  });

  it('pads a kommun code that Excel turned into a number, in CSV and XLSX alike', async () => {
    await send('partners', 'Namn;Typ;Kommun\nFöreningen Ett;Förening;180\n');
    await send('partners', await workbook([['Namn', 'Typ', 'Kommun'], ['Föreningen Två', 'Förening', 180]]), XLSX);
    const kommuner = (await rows('partners')).slice(-2).map((r) => r.kommun);
    expect(kommuner).toEqual(['0180', '0180']);
  });

  it('strips the formula neutraliser an export added, and keeps other apostrophes', async () => {
    const csv = 'Aktivitet;Typ\n"\'=HYPERLINK(""http://example.org"";""klicka"")";halsodag\n\'-minus;halsodag\n\'Citat\';halsodag\n';
    await send('plan-a', csv);
    expect((await rows()).slice(-3).map((r) => r.title)).toEqual(['=HYPERLINK("http://example.org";"klicka")', '-minus', "'Citat'"]);
  });

  /**
   * CPU time (user + system of this process, its worker threads included; ms) of the least of
   * `trials` imports of `bytes`, each answered 413 `too-large`. CPU time, not wall time: a busy machine's
   * wall clock also counts other processes' turns.
   */
  const refusalCpuMs = async (bytes: Uint8Array, trials: number): Promise<number> => {
    const spent: number[] = [];
    for (let i = 0; i < trials; i++) {
      const before = process.cpuUsage();
      const res = await f.req(importUrl('plan-a'), f.tokens.coordinator, post(bytes, XLSX));
      const used = process.cpuUsage(before);
      expect(res.status).toBe(413);
      expect(englishOf(await errorOf(res))).toMatch(/unpacks to more than 64 MiB/);
      spent.push((used.user + used.system) / 1000);
    }
    return Math.min(...spent);
  };

  /**
   * A workbook whose one sheet is a ZIP bomb: 169 MiB of zeros in 169 KB, its unpacked size as
   * claimed in the directory (`claimedSize` to lie). The bomb is the sheet the workbook names: the
   * reader unpacks only the parts it reads, so a bomb in a part it never reads costs nothing.
   */
  const bombWorkbook = (claimedSize?: number) =>
    makeZip([
      { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') },
      { name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Plan" r:id="s1"/></sheets></workbook>') },
      { name: 'xl/_rels/workbook.xml.rels', data: new TextEncoder().encode('<Relationships><Relationship Id="s1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
      { name: 'xl/worksheets/sheet1.xml', data: { zeros: 169 * 1024 * 1024 }, ...(claimedSize === undefined ? {} : { claimedSize }) },
    ]);

  // Both bombs are refused with the same words; only the honest one's directory tells before any
  // inflating. Refused from the directory, it costs a small part of what the lying one costs, whose
  // refusal needs a worker to inflate 64 MiB first (a ratio measured in the same test: a busy
  // machine slows both). Without the directory's check the two cost the same.
  it('refuses a zip bomb with 413 from its directory, before inflating it', async () => {
    const honest = bombWorkbook();
    const liar = bombWorkbook(1000);
    // The least of three for the cheap one, which a collection or a compile could otherwise inflate.
    const inflated = await refusalCpuMs(liar, 1);
    const fromDirectory = await refusalCpuMs(honest, 3);
    expect(fromDirectory, `${fromDirectory.toFixed(1)} ms of CPU from the directory, ${inflated.toFixed(1)} ms inflating`).toBeLessThan(inflated / 4);
  });

  it('refuses a zip bomb whose directory lies about its size with 413, without blocking the server', async () => {
    const res = await f.req(importUrl('plan-a'), f.tokens.coordinator, post(bombWorkbook(1000), XLSX));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('too-large');
  });

  it('answers corrupt, truncated and wrongly-typed files with 400 and a sentence', async () => {
    const good = await workbook([['Aktivitet', 'Typ'], ['A', 'halsodag']]);
    const cases: [Uint8Array, string][] = [
      [good.slice(0, Math.floor(good.length / 2)), XLSX],
      [new Uint8Array([0x50, 0x4b, 3, 4, ...new Array(200).fill(7)]), XLSX],
      [makeZip([{ name: 'hello.txt', data: new TextEncoder().encode('not a workbook') }]), XLSX],
      [new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0, 0, 0, 1, 2, 3]), 'text/csv'],
      [new TextEncoder().encode('{"rows": 5}'), 'application/json'],
    ];
    for (const [bytes, type] of cases) {
      const res = await f.req(importUrl('plan-a'), f.tokens.coordinator, post(bytes, type));
      expect(res.status, type).toBe(400);
      expect((await errorOf(res)).message).toMatch(/\.$/);
    }
    expect(await rows()).toHaveLength(2);
  });

  it('refuses a 100,000-row file with 413 (more than a document holds), yielding to the event loop meanwhile', async () => {
    const lines = ['Aktivitet;Typ;Startdatum;Deltagare planerat'];
    for (let i = 0; i < 100_000; i++) lines.push(`Promenad ${i};Promenadgrupp;12/3/2026;${i % 50}`);
    const csv = lines.join('\r\n');
    const { res, figures } = await healthzDuring(f, () => f.req(importUrl('plan-a'), f.tokens.coordinator, post(csv, 'text/csv')));
    expect(res.status).toBe(413);
    expect(englishOf(await errorOf(res))).toMatch(/at most 50,000/);
    console.log('event loop during a 100,000-row CSV import (ms):', figures);
    // Refused after 50,001 records are read: without yielding that reading held the loop for
    // all of it (603-843 ms of 602-826 ms at load 14); with it, 168-453 ms of 644-1,724. In CPU
    // time, which a loaded machine's waits do not swell.
    expect(figures.busyMaxMs).toBeLessThan(figures.workCpuMs * 0.75);
  }, 120_000);

  it('yields to the event loop while it checks a 50,000-row dry run, with the verdicts of the real import', async () => {
    const lines = ['Aktivitet;Typ;Startdatum;Deltagare planerat;Kommentar'];
    for (let i = 0; i < 50_000; i++) lines.push(`Promenad ${i};Promenadgrupp;${(i % 28) + 1}/3;${i % 50};Ring 070-123 45 67`);
    const csv = lines.join('\n');
    const { res, figures } = await healthzDuring(f, () => f.req(importUrl('plan-a', '?dryRun=true'), f.tokens.coordinator, post(csv, 'text/csv')));
    const body = (await res.json()) as Summary;
    expect(body.imported).toBe(49_998);
    expect(body.refused).toEqual([expect.objectContaining({ record: 49_999, code: 'too-many-rows' }), expect.objectContaining({ record: 50_000 })]);
    console.log('event loop during a 50,000-row CSV dry run (ms):', figures);
    // Without yielding the loop was held 2,944-3,725 ms of 3,740-4,216 (load 14); with it,
    // 167-410 ms of 2,784-4,150 by the clock. In CPU time, which a loaded machine's waits do not
    // swell: a stall of the whole process for seconds counted as the loop held.
    expect(figures.busyMaxMs).toBeLessThan(figures.workCpuMs / 2);
  }, 120_000);
});
