/**
 * One normaliser for every way a value arrives: the same table of inputs goes through
 * `normalizeCell` (what the sheet binding calls for a typed or pasted value), a CSV import, an
 * XLSX import and a JSON import, and every path must give the same stored value or the same
 * problem code. Dates without a year take the plan's year (2025, from the document's title).
 */
import ExcelJS from 'exceljs';
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDoc, getRow } from '../../../shared/doc/index.js';
import { normalizeCell } from '../../../shared/normalize/normalize-cell.js';
import { cellColumn, kindDef } from '../../../shared/schema/index.js';
import type { CellValue, DocKind } from '../../../shared/schema/types.js';
import { toCsv } from '../../../server/http/csv.js';
import { storageDocAccess } from '../../../server/http/doc-access.js';
import { importIntoDocument, readImportFile } from '../../../server/http/import-rows.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';

type Expect = { value: CellValue } | { code: string };
type Case = [kind: DocKind, key: string, raw: string | number, expected: Expect];

const v = (value: CellValue): Expect => ({ value });
const no = (code: string): Expect => ({ code });

// prettier-ignore
const CASES: Case[] = [
  // Dates: ISO, unpadded, slashes, day-first, month names, compact, with a time, impossible ones.
  ['activity-plan', 'startDate', '2025-03-12', v('2025-03-12')],
  ['activity-plan', 'startDate', '2025-3-12', v('2025-03-12')],
  ['activity-plan', 'startDate', '2025/03/12', v('2025-03-12')],
  ['activity-plan', 'startDate', '20250312', v('2025-03-12')],
  ['activity-plan', 'startDate', '12/3', v('2025-03-12')],
  ['activity-plan', 'startDate', '12/3/2025', v('2025-03-12')],
  ['activity-plan', 'startDate', '12/3 2026', v('2026-03-12')],
  ['activity-plan', 'startDate', '12.3.2025', v('2025-03-12')],
  ['activity-plan', 'startDate', '12.3.25', v('2025-03-12')],
  ['activity-plan', 'startDate', '12.3', v('2025-03-12')],
  ['activity-plan', 'startDate', '12 mars 2025', v('2025-03-12')],
  ['activity-plan', 'startDate', '12 mars', v('2025-03-12')],
  ['activity-plan', 'startDate', '12 mar', v('2025-03-12')],
  ['activity-plan', 'startDate', '12 mar. 2025', v('2025-03-12')],
  ['activity-plan', 'startDate', '1 December 2025', v('2025-12-01')],
  ['activity-plan', 'startDate', '3 okt 2025', v('2025-10-03')],
  ['activity-plan', 'startDate', '29/2 2024', v('2024-02-29')],
  ['activity-plan', 'startDate', '2025-03-12 10:00', v('2025-03-12')],
  ['activity-plan', 'startDate', '2025-03-12T10:00:00Z', v('2025-03-12')],
  ['activity-plan', 'startDate', '12/3 kl. 14.30', v('2025-03-12')],
  ['activity-plan', 'startDate', '31/2', no('not-date')],
  ['activity-plan', 'startDate', '2025-02-30', no('not-date')],
  ['activity-plan', 'startDate', '3/15/2025', no('not-date')],
  ['activity-plan', 'startDate', '12 marsch 2025', no('not-date')],
  ['activity-plan', 'startDate', 'igår', no('not-date')],
  ['activity-plan', 'startDate', '2025-13-01', no('not-date')],
  ['activity-plan', 'startDate', '29/2 2025', no('not-date')],
  // Integers and numbers: decimal comma, (no-break) space thousands, percent, minus signs.
  ['activity-plan', 'participantsPlanned', '40', v(40)],
  ['activity-plan', 'participantsPlanned', 40, v(40)],
  ['activity-plan', 'participantsPlanned', '1 200', v(1200)],
  ['activity-plan', 'participantsPlanned', '1\u00a0200', v(1200)],
  ['activity-plan', 'participantsPlanned', '1\u202f200', v(1200)],
  ['activity-plan', 'participantsPlanned', '12,5', no('not-integer')],
  ['activity-plan', 'participantsPlanned', 'tolv', no('not-number')],
  ['activity-plan', 'participantsPlanned', '12 st', no('not-number')],
  ['indicator-values', 'value', '12,5', v(12.5)],
  ['indicator-values', 'value', '12.5', v(12.5)],
  ['indicator-values', 'value', 12.5, v(12.5)],
  ['indicator-values', 'value', '1 234,5', v(1234.5)],
  ['indicator-values', 'value', '1\u00a0234,5', v(1234.5)],
  ['indicator-values', 'value', '23,8 %', v(23.8)],
  ['indicator-values', 'value', '23,8%', v(23.8)],
  ['indicator-values', 'value', '\u22125', v(-5)],
  ['indicator-values', 'value', '-5', v(-5)],
  ['indicator-values', 'value', ',5', v(0.5)],
  ['indicator-values', 'value', '0', v(0)],
  ['indicator-values', 'value', '1.234,5', no('not-number')],
  ['indicator-values', 'value', '1,234.5', no('not-number')],
  ['indicator-values', 'value', '12 34', no('not-number')],
  ['indicator-values', 'value', '12 procent', no('not-number')],
  ['indicator-values', 'value', 'n/a', no('not-number')],
  // Periods in every written form.
  ['indicator-values', 'period', '2025', v('2025')],
  ['indicator-values', 'period', 2025, v('2025')],
  ['indicator-values', 'period', 202406, v('202406')],
  ['indicator-values', 'period', '2025Q4', v('2025Q4')],
  ['indicator-values', 'period', '2025q4', v('2025Q4')],
  ['indicator-values', 'period', '2025 Q4', v('2025Q4')],
  ['indicator-values', 'period', '2025-Q4', v('2025Q4')],
  ['indicator-values', 'period', 'Q4 2025', v('2025Q4')],
  ['indicator-values', 'period', '2025 kv 4', v('2025Q4')],
  ['indicator-values', 'period', '2025 kv4', v('2025Q4')],
  ['indicator-values', 'period', 'kv 4 2025', v('2025Q4')],
  ['indicator-values', 'period', '4:e kvartalet 2025', v('2025Q4')],
  ['indicator-values', 'period', '2025S1', v('2025S1')],
  ['indicator-values', 'period', '2025 H1', v('2025S1')],
  ['indicator-values', 'period', 'H2 2025', v('2025S2')],
  ['indicator-values', 'period', '2025 halvår 1', v('2025S1')],
  ['indicator-values', 'period', '2025-12', v('202512')],
  ['indicator-values', 'period', '2025-1', v('202501')],
  ['indicator-values', 'period', '12/2025', v('202512')],
  ['indicator-values', 'period', 'dec 2025', v('202512')],
  ['indicator-values', 'period', 'december 2025', v('202512')],
  ['indicator-values', 'period', '2025Q5', no('not-period')],
  ['indicator-values', 'period', '202513', no('not-period')],
  ['indicator-values', 'period', 'Q4', no('not-period')],
  ['indicator-values', 'period', '2025-12-01', no('not-period')],
  ['indicator-values', 'period', 'hösten', no('not-period')],
  // Kommun codes: padded by column type, names read, checked against the kommun list.
  ['partners', 'kommun', '0180', v('0180')],
  ['partners', 'kommun', '180', v('0180')],
  ['partners', 'kommun', 180, v('0180')],
  ['partners', 'kommun', 127, v('0127')],
  ['partners', 'kommun', '680', v('0680')],
  ['partners', 'kommun', 'Botkyrka', v('0127')],
  ['partners', 'kommun', 'botkyrka kommun', v('0127')],
  ['partners', 'kommun', '0127 Botkyrka', v('0127')],
  ['partners', 'kommun', '1280', v('1280')],
  ['partners', 'kommun', '9999', no('not-kommun')],
  ['partners', 'kommun', '12', no('not-kommun')],
  ['partners', 'kommun', '01800', no('not-kommun')],
  ['partners', 'kommun', 'Atlantis', no('not-kommun')],
  // Unit codes of the workspace stay text; enums by value or label; x-columns; text trimmed.
  ['indicator-values', 'unit', 'vc-fittja', v('vc-fittja')],
  ['indicator-values', 'unit', 127, v('0127')],
  ['indicator-values', 'kon', 'K', v('K')],
  ['indicator-values', 'kon', 'kvinnor', v('K')],
  ['indicator-values', 'kon', 'Women', v('K')],
  ['indicator-values', 'kon', 'X', no('enum')],
  ['activity-plan', 'type', 'Promenadgrupp/Gågrupp', v('promenadgrupp')],
  ['activity-plan', 'type', 'halsodag', v('halsodag')],
  ['activity-plan', 'type', 'Fotboll', no('enum')],
  ['activity-plan', 'goals.motivation', 'x', v(true)],
  ['activity-plan', 'goals.motivation', 'Ja', v(true)],
  ['activity-plan', 'goals.motivation', 'nej', v(false)],
  ['activity-plan', 'goals.motivation', 'kanske', no('not-boolean')],
  ['activity-plan', 'title', '  Hälsoföreläsning Åsa  ', v('Hälsoföreläsning Åsa')],
  ['activity-plan', 'title', 2025, v('2025')],
];

const YEAR = 2025;

function column(kind: DocKind, key: string) {
  const c = cellColumn(kind, key);
  if (!c) throw new Error(`no column ${kind}/${key}`);
  return c;
}

function sheetOutcome(kind: DocKind, key: string, raw: unknown): Expect {
  const r = normalizeCell(column(kind, key), raw, { year: YEAR });
  return r.ok ? { value: r.value } : { code: r.code };
}

/** Each case of `kind` as one record of a one-column-per-key table, header first. */
function tableOf(kind: DocKind, cases: Case[]): { header: string[]; rows: (string | number | null)[][] } {
  const keys = [...new Set(cases.map((c) => c[1]))];
  const header = keys.map((k) => column(kind, k).header.sv);
  const rows = cases.map(([, key, raw]) => keys.map((k) => (k === key ? raw : null)));
  return { header, rows };
}

async function fileOf(format: 'csv' | 'xlsx' | 'json', kind: DocKind, cases: Case[]): Promise<Uint8Array> {
  const { header, rows } = tableOf(kind, cases);
  if (format === 'json') {
    return new TextEncoder().encode(JSON.stringify(rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]).filter(([, x]) => x !== null)))));
  }
  if (format === 'csv') return new TextEncoder().encode(toCsv([header, ...rows.map((r) => r.map((x) => (x === null ? '' : String(x))))], ';'));
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Blad1');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Import `cases` of one kind from a file of `format` into a fresh document; the outcome per case. */
async function importOutcomes(format: 'csv' | 'xlsx' | 'json', kind: DocKind, cases: Case[]): Promise<Expect[]> {
  const storage = createMemoryStorage();
  const ref = { workspace: 'ws', doc: 'd' };
  const title = `Plan ${YEAR}`;
  const ydoc = createDoc(kind, { title, ownerUnit: 'region', schemaVersion: kindDef(kind).schemaVersion });
  await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(ydoc), memberId: null }]);
  await storage.putDocRecord({ ...ref, kind, title, ownerUnit: 'region', createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' });
  const docs = storageDocAccess(storage);
  const input = await readImportFile(`rader.${format}`, await fileOf(format, kind, cases));
  const dry = await importIntoDocument(storage, docs, ref, input, { dryRun: true, principal: null });
  const real = await importIntoDocument(storage, docs, ref, input, { dryRun: false, principal: null });
  // The dry run gives the same verdict for every record as the import itself.
  expect(dry.refused).toEqual(real.refused);
  expect([dry.imported, dry.updated, dry.ignored]).toEqual([real.imported, real.updated, real.ignored]);
  const refused = new Map(real.refused.map((r) => [r.record, r.code]));
  const rowIds = [...real.rowIds];
  return docs.read(ref, (doc) =>
    cases.map(([, key], i) => {
      const code = refused.get(i + 1);
      if (code) return { code };
      const row = getRow(doc, rowIds.shift() as string);
      return { value: row?.values[key] ?? null };
    }),
  );
}

describe('the normaliser table', () => {
  it('has at least 80 inputs', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(80);
  });

  it.each(CASES.map((c, i) => [i, ...c] as const))('case %i: %s %s %j', (_i, kind, key, raw, expected) => {
    expect(sheetOutcome(kind, key, raw)).toEqual(expected);
  });

  const kinds = [...new Set(CASES.map((c) => c[0]))];
  for (const format of ['csv', 'xlsx', 'json'] as const) {
    describe(`through a ${format.toUpperCase()} import`, () => {
      const outcomes = new Map<DocKind, Expect[]>();
      beforeAll(async () => {
        for (const kind of kinds) outcomes.set(kind, await importOutcomes(format, kind, CASES.filter((c) => c[0] === kind)));
      });
      it('gives what the sheet normaliser gives, case by case', () => {
        for (const kind of kinds) {
          const cases = CASES.filter((c) => c[0] === kind);
          const got = outcomes.get(kind) ?? [];
          cases.forEach(([, key, raw, expected], i) => expect(got[i], `${kind}/${key} ${JSON.stringify(raw)}`).toEqual(expected));
        }
      });
    });
  }
});
