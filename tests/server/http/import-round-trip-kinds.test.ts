/**
 * Every column of every document kind, exported and imported again unchanged, is silent: nothing
 * imported, changed, refused, noted or warned of, in each file a coordinator may bring back (CSV
 * with `;` or `,`, UTF-8 or Windows-1252 as Excel saves it, XLSX, in Swedish and English). A
 * file with one cell changed a row changes that cell and says nothing of the cells it left alone
 * (a choice exported as its Swedish label is no `choice-from-label` note when it was not changed).
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { cellColumns } from '../../../shared/schema/index.js';
import type { CellColumn, CellValue, DocKind, RowValues } from '../../../shared/schema/types.js';
import { makeFixture, PARTNER_ID, putRegionDoc, WS, type Fixture } from './support.js';
import { XLSX } from './import-post.js';

const PERIODS = ['2025', '2025Q1', '202503', '2025S1'];

/** A stored value of `c` for row `i`: every choice, a date, a period of each form, a text with a line break. */
function valueOf(kind: DocKind, c: CellColumn, i: number): CellValue {
  const col = c.column;
  if (c.option || col.type === 'boolean') return i % 2 === 0;
  switch (col.type) {
    case 'enum':
      return (col.options ?? [])[i % (col.options ?? []).length]?.value ?? null;
    case 'date':
      return `2026-0${(i % 9) + 1}-1${i % 10}`;
    case 'period':
      return PERIODS[i % PERIODS.length] as string;
    case 'integer':
      return typeof col.min === 'number' ? col.min + (i % 2) : 12 + i;
    case 'number':
      return kind === 'indicator-values' && c.key === 'value' ? 23.5 : typeof col.min === 'number' ? col.min + 1.25 : 3.25 + i;
    case 'unit':
      return col.catalog === 'kommun' ? '0180' : 'vc-a';
    case 'partner-ref':
      return PARTNER_ID;
    case 'indicator-ref':
      return 'far';
    case 'email':
      return `namn${i}@example.se`;
    case 'phone':
      return '+46 70 123 45 67';
    case 'longtext':
      return `Första raden ${i}\nandra raden, "citat"; semikolon`;
    default:
      return c.key === 'id' && kind === 'indicator-catalog' ? (i === 0 ? 'far' : `ind${i}`) : `Åsa ${c.key} ${i}`;
  }
}

function rowsFor(kind: DocKind, n: number): RowValues[] {
  return Array.from({ length: n }, (_, i) => Object.fromEntries(cellColumns(kind).map((c) => [c.key, valueOf(kind, c, i)])));
}

const DOCS: [DocKind, string][] = [
  ['activity-plan', 'rt-activity'],
  ['action-plan', 'rt-action'],
  ['indicator-catalog', 'rt-catalog'],
  ['indicator-values', 'rt-values'],
  ['partners', 'partners'],
];

describe('export → import of every column of every kind', () => {
  let f: Fixture;
  const docRows = async (doc: string) => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc })).map((r) => ({ id: r.id, ...r.values }));
  beforeAll(async () => {
    f = await makeFixture();
    for (const [kind, doc] of DOCS) {
      if (doc === 'partners') continue;
      await putRegionDoc(f, doc, kind, rowsFor(kind, 6));
    }
    const res = await f.req(`/v1/workspaces/${WS}/documents/partners/import`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rowsFor('partners', 6).map((r, i) => ({ ...r, name: `Partner ${i}` }))),
    });
    expect((await res.json()).refused).toEqual([]);
  });
  afterAll(() => f.close());

  const files = [
    ['csv', 'semicolon', 'sv', 'utf-8'],
    ['csv', 'semicolon', 'sv', 'win1252'],
    ['csv', 'comma', 'en', 'utf-8'],
    ['csv', 'comma', 'en', 'win1252'],
    ['xlsx', 'comma', 'sv', 'utf-8'],
    ['xlsx', 'comma', 'en', 'utf-8'],
  ] as const;

  async function exported(doc: string, [format, sep, lang, encoding]: (typeof files)[number]): Promise<Uint8Array> {
    const res = await f.req(`/v1/workspaces/${WS}/documents/${doc}/rows?format=${format}&sep=${sep}&lang=${lang}`, f.tokens.viewer);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (encoding === 'utf-8') return bytes;
    // As Excel saves a CSV ("CSV (semikolonavgränsad)"): Windows-1252, no byte order mark.
    return iconv.encode(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''), 'win1252');
  }

  async function importBack(doc: string, format: string, body: Uint8Array): Promise<Record<string, unknown>> {
    const res = await f.req(`/v1/workspaces/${WS}/documents/${doc}/import`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': format === 'xlsx' ? XLSX : 'text/csv' },
      body: body as BodyInit,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  const cases = DOCS.flatMap(([kind, doc]) => files.map((file) => [kind, doc, file.join(' ')] as const));

  it.each(cases)('%s (%s) as %s imports back silently', async (_kind, doc, name) => {
    const file = files.find((x) => x.join(' ') === name) as (typeof files)[number];
    const before = await docRows(doc);
    const summary = await importBack(doc, file[0], await exported(doc, file));
    expect(summary).toMatchObject({ imported: 0, updated: 0, refused: [], unresolved: [], unknownColumns: [] });
    expect(summary.normalizedNotes).toBeUndefined();
    expect(summary.warnings).toBeUndefined();
    expect(await docRows(doc)).toEqual(before);
  });

  /** The key of the kind's first plain text column (a catalog's id aside), which the edit below changes. */
  const textKey = (kind: DocKind) => cellColumns(kind).find((c) => c.column.type === 'text' && c.key !== 'id' && c.key !== 'name')?.key as string;

  /** `bytes` with every cell `Åsa <key> <i>` written `… ändrad`, as a person edits the file. */
  async function edited(format: string, encoding: string, bytes: Uint8Array, key: string): Promise<Uint8Array> {
    const pattern = new RegExp(`(Åsa ${key} \\d)`, 'g');
    if (format === 'csv') {
      const text = encoding === 'utf-8' ? new TextDecoder().decode(bytes) : iconv.decode(Buffer.from(bytes), 'win1252');
      const changed = text.replace(pattern, '$1 ändrad');
      return encoding === 'utf-8' ? new TextEncoder().encode(changed) : iconv.encode(changed, 'win1252');
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    wb.worksheets[0]?.eachRow((row) => row.eachCell((cell) => {
      if (typeof cell.value === 'string' && pattern.test(cell.value)) cell.value = cell.value.replace(pattern, '$1 ändrad');
      pattern.lastIndex = 0;
    }));
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }

  // The files Swedish Excel saves, a CSV (`;`, Windows-1252) and a workbook.
  const editCases = cases.filter(([, , name]) => name === 'csv semicolon sv win1252' || name === 'xlsx comma sv utf-8');

  it.each(editCases)('%s (%s) as %s with a text changed in each row: that change, and no word of the cells left as they were', async (kind, doc, name) => {
    const file = files.find((x) => x.join(' ') === name) as (typeof files)[number];
    const key = textKey(kind);
    const before = await docRows(doc);
    const mine = (r: (typeof before)[number]) => String(r[key as keyof typeof r]).startsWith('Åsa ');
    const summary = await importBack(doc, file[0], await edited(file[0], file[3], await exported(doc, file), key));
    expect(summary).toMatchObject({ imported: 0, updated: before.filter(mine).length, refused: [], unresolved: [], unknownColumns: [] });
    expect(summary.normalizedNotes).toBeUndefined();
    expect(summary.warnings).toBeUndefined();
    const after = await docRows(doc);
    expect(after).toEqual(before.map((r) => (mine(r) ? { ...r, [key]: `${String(r[key as keyof typeof r])} ändrad` } : r)));
    // Back as it was, for the next file.
    const undo = await f.req(`/v1/workspaces/${WS}/documents/${doc}/import`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(before) });
    expect(await undo.json()).toMatchObject({ updated: before.filter(mine).length, refused: [] });
  });
});
