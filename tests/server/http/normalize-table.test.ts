/**
 * One normaliser for every way a value arrives: the same table of inputs goes through
 * `normalizeCell` (what the sheet binding calls for a typed or pasted value), a CSV import, an
 * XLSX import and a JSON import, and every path must give the same stored value or the same
 * problem code. Dates without a year take the plan's year (2025, from the document's title).
 * The same table goes through the sheet binding in tests/addin/excel/normalize-table.test.ts.
 */
import ExcelJS from 'exceljs';
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDoc, getRow } from '../../../shared/doc/index.js';
import { normalizeCell } from '../../../shared/normalize/normalize-cell.js';
import { cellColumn, kindDef } from '../../../shared/schema/index.js';
import type { DocKind } from '../../../shared/schema/types.js';
import { toCsv } from '../../../server/http/csv.js';
import { storageDocAccess } from '../../../server/http/doc-access.js';
import { importIntoDocument, readImportFile } from '../../../server/http/import-rows.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { CASES, YEAR, type Case, type Expect } from '../../support/normalize-cases.js';


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
  await storage.putDocRecord({ ...ref, kind, title, ownerUnit: 'region', createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' });
  await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(ydoc), memberId: null }]);
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
