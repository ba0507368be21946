/**
 * The normaliser table (tests/support/normalize-cases.ts) typed into the sheet: each case is
 * pasted as a row of a bound table in the emulator (which turns `"42"` and ISO dates into numbers
 * and serials as Excel does), and the doc must hold the value, or Problems the code, that
 * `normalizeCell` and the CSV, XLSX and JSON imports give. The documents are titled with the
 * plan's year, so `12/3` is 12 March of it.
 */
import { describe, expect, it } from 'vitest';
import { createDoc, insertRows, rowsOf } from '../../../shared/doc/index.js';
import { cellColumn, kindDef } from '../../../shared/schema/index.js';
import type { DocKind } from '../../../shared/schema/types.js';
import { isXColumn } from '../../../addin/excel/sheet/cell-values.js';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
import { CASES, YEAR, type Case, type Expect } from '../../support/normalize-cases.js';
import { disposedAfterEach, openSide } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();

/** Pastes each case as one row (only its column filled) and reads back what the binding made of it. */
async function throughSheet(kind: DocKind, cases: readonly Case[]): Promise<Expect[]> {
  const doc = createDoc(kind, { title: `Plan ${YEAR}`, ownerUnit: 'vc-test', schemaVersion: kindDef(kind).schemaVersion });
  // One empty row per case, so every case is typed into a row the table formats (text columns `@`).
  insertRows(doc, cases.map(() => ({})));
  const side = await openSide(doc, kind);
  opened.push(side);
  const layout = layoutFor(kind, 'plan-test', 'sv');
  const block = cases.map(([, key, raw]) => {
    const row: (string | number)[] = new Array<string | number>(layout.width - 1).fill('');
    row[(layout.columnIndex.get(key) as number) - 1] = raw;
    return row;
  });
  side.host.user.paste(SHEET, 'B2', block);
  await side.settle();
  const rows = rowsOf(doc);
  expect(rows).toHaveLength(cases.length);
  return cases.map(([, key], i) => {
    const row = rows[i]!;
    const value = row.values[key];
    if (value !== undefined && value !== null) return { value };
    const problem = side.binding.problems.find((p) => p.rowId === row.id && p.column === key && p.severity === 'error' && p.code !== 'required');
    if (problem) return { code: problem.code };
    // An x-column (a choice marked with x, a yes/no) stores "not marked" as no value at all.
    return { value: isXColumn(cellColumn(kind, key)!) ? false : null };
  });
}

describe('the normaliser table through the sheet binding', () => {
  const kinds = [...new Set(CASES.map((c) => c[0]))];
  it.each(kinds)('%s: every typed input gives what normalizeCell and the imports give', async (kind) => {
    const cases = CASES.filter((c) => c[0] === kind);
    const got = await throughSheet(kind, cases);
    cases.forEach(([, key, raw, expected], i) => expect(got[i], `${kind}/${key} ${JSON.stringify(raw)}`).toEqual(expected));
  });
});
