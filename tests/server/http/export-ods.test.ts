/**
 * `GET …/rows?format=ods` (and `samplan export --out plan.ods`) writes an OpenDocument
 * spreadsheet that reads back as the document it came from: imported again, every row is
 * unchanged — Swedish text, spaces a reader folds, line breaks and tabs, a formula-looking text,
 * dates, whole and decimal numbers, negative ones, empty cells, choices by their labels, ticked
 * goals, a partner by name — and LibreOffice Calc opens it and saves it (as `.ods` and `.xlsx`)
 * as files that import as unchanged too.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowValues } from '../../../shared/schema/types.js';
import { kindDef } from '../../../shared/schema/index.js';
import { readImportFile } from '../../../server/http/import-rows.js';
import { zipEntries } from '../../../server/http/zip-directory.js';
import { hasOffice, officeConvert } from '../../support/office-convert.js';
import { makeFixture, PARTNER_ID, putDoc, WS, type Fixture } from './support.js';

/** The Swedish label of a choice of column `key` of `kind`. */
const optionLabel = (kind: 'activity-plan', key: string, value: string) => kindDef(kind).columns.find((c) => c.key === key)?.options?.find((o) => o.value === value)?.label.sv;

const ODS = 'application/vnd.oasis.opendocument.spreadsheet';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const PLAN: RowValues[] = [
  {
    title: 'Hälsodag för äldre – Åsa & Örjan <3',
    type: 'halsodag',
    'goals.motivation': true,
    'habits.fysisk-aktivitet': true,
    venue: 'skola',
    partner: PARTNER_ID,
    startDate: '2026-03-12',
    endDate: '2026-03-13',
    participantsPlanned: 1200,
    status: 'planerad',
    comment: '  indraget  två  mellanslag \nrad två\tefter tab ',
  },
  { title: '=1+1', type: 'halsosamtal', startDate: '2026-01-01', comment: "'-tal" },
  { title: 'Bara titel' },
];

const VALUES: RowValues[] = [
  { indicator: 'sfh-01', unit: 'vc-a', period: '2026Q1', kon: 'K', value: 12.5, numerator: 25, denominator: 200, status: 'preliminar', source: 'Journal' },
  { indicator: 'sfh-01', unit: 'vc-a', period: '2026Q2', kon: 'T', value: -3.25, source: 'Egen räkning, ändrad' },
  { indicator: 'sfh-02', unit: 'vc-b', period: '2025', kon: 'M', value: 0.000123 },
];

describe('the ODS export', () => {
  let f: Fixture;
  let dir: string;
  const files: Record<string, Uint8Array> = {};

  const exported = async (doc: string, lang = 'sv') => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/${doc}/rows?format=ods&lang=${lang}`, f.tokens.viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(ODS);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${doc}.ods"`);
    return new Uint8Array(await res.arrayBuffer());
  };
  const dryImport = async (doc: string, bytes: Uint8Array, type: string) => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/${doc}/import?dryRun=true`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': type }, body: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
    expect(res.status).toBe(200);
    return (await res.json()) as { format: string; imported: number; updated: number; unchanged: number; refused: unknown[]; version?: { seq: number }; warnings?: unknown[] };
  };

  beforeAll(async () => {
    f = await makeFixture();
    const at = f.now.value.toISOString();
    await putDoc(f.storage, 'plan-ods', 'activity-plan', 'vc-a', PLAN, at);
    await putDoc(f.storage, 'varden', 'indicator-values', 'region', VALUES, at);
    dir = mkdtempSync(join(tmpdir(), 'samplan-ods-'));
    for (const doc of ['plan-ods', 'varden']) files[doc] = await exported(doc);
  });
  afterAll(async () => {
    await f.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a package whose first part is its mimetype, stored uncompressed', () => {
    const bytes = Buffer.from(files['plan-ods'] as Uint8Array);
    const [first] = zipEntries(bytes);
    expect(first).toMatchObject({ name: 'mimetype', method: 0 });
    expect(bytes.subarray(38, 38 + ODS.length).toString('latin1')).toBe(ODS);
    expect(zipEntries(bytes).map((e) => e.name)).toEqual(expect.arrayContaining(['content.xml', 'meta.xml', 'META-INF/manifest.xml']));
  });

  it('reads back cell for cell: text as written, dates as dates, numbers as numbers, choices by their labels', async () => {
    const input = await readImportFile('plan-ods.ods', files['plan-ods'] as Uint8Array);
    if (!('table' in input)) throw new Error('no table');
    expect(input.format).toBe('ods');
    const [header, first, second, third] = input.table;
    const cell = (row: typeof first, name: string) => row?.[(header ?? []).indexOf(name)];
    expect(cell(first, 'Aktivitet')).toBe('Hälsodag för äldre – Åsa & Örjan <3');
    expect(cell(first, 'Typ')).toBe(optionLabel('activity-plan', 'type', 'halsodag'));
    expect(cell(first, 'Startdatum')).toEqual(new Date('2026-03-12T00:00:00Z'));
    expect(cell(first, 'Deltagare planerat')).toBe(1200);
    expect(cell(first, 'Kommentar')).toBe(PLAN[0]?.comment);
    expect(cell(first, 'Samverkanspart')).toBe('Röda Korset');
    expect(cell(second, 'Aktivitet')).toBe('=1+1');
    expect(cell(second, 'Kommentar')).toBe("'-tal");
    expect(cell(third, 'Slutdatum')).toBeNull();
    const values = await readImportFile('varden.ods', files.varden as Uint8Array);
    if (!('table' in values)) throw new Error('no table');
    expect(values.table.slice(1).map((r) => r[(values.table[0] ?? []).indexOf('Värde')])).toEqual([12.5, -3.25, 0.000123]);
    expect(values.version).toMatchObject({ workspace: WS, doc: 'varden' });
  });

  it('imports again as the document it came from: every row unchanged', async () => {
    for (const [doc, rows] of [['plan-ods', PLAN], ['varden', VALUES]] as const) {
      const summary = await dryImport(doc, files[doc] as Uint8Array, ODS);
      expect(summary).toMatchObject({ format: 'ods', imported: 0, updated: 0, unchanged: rows.length, refused: [] });
    }
    // In English headers and labels too.
    expect(await dryImport('plan-ods', await exported('plan-ods', 'en'), ODS)).toMatchObject({ imported: 0, updated: 0, unchanged: PLAN.length });
  });

  // Calc drops a tab in a cell when it opens a file (one it saved itself too): its plan has none.
  it.runIf(hasOffice())('opens in LibreOffice Calc, which saves it as .ods and as .xlsx that import as unchanged', async () => {
    const at = f.now.value.toISOString();
    await putDoc(f.storage, 'plan-lo', 'activity-plan', 'vc-a', PLAN.map((r) => (typeof r.comment === 'string' ? { ...r, comment: r.comment.replace(/\t/g, ' ') } : r)), at);
    const docs = [['plan-lo', PLAN.length], ['varden', VALUES.length]] as const;
    for (const [doc] of docs) writeFileSync(join(dir, `${doc}.ods`), doc === 'varden' ? (files.varden as Uint8Array) : await exported(doc));
    for (const [ext, type] of [['ods', ODS], ['xlsx', XLSX]] as const) {
      officeConvert(docs.map(([d]) => join(dir, `${d}.ods`)), ext, join(dir, ext));
      for (const [doc, count] of docs) {
        const saved = new Uint8Array(readFileSync(join(dir, ext, `${doc}.${ext}`)));
        expect(await dryImport(doc, saved, type), `${doc}.${ext}`).toMatchObject({ imported: 0, updated: 0, unchanged: count, refused: [] });
      }
    }
  }, 180_000);
});
