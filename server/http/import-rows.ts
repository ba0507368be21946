/**
 * Importing rows from CSV, XLSX or JSON into a document, shared by `POST .../import` and
 * `samplan import`. Each record is matched by its `id` column when the document has that row
 * (update), else appended (import). Every value goes through `normalizeCell`; a record that
 * carries a personnummer, a value that cannot be read, or a row of another unit is refused with
 * its reason, and nothing of it is written. With `dryRun` the summary is computed and nothing
 * is written at all. Writes take the sync path, so live clients see the rows arrive.
 */
import { extname } from 'node:path';
import { z } from 'zod';
import { getRow, insertRows, setCells } from '../../shared/doc/index.js';
import { normalizeCell } from '../../shared/normalize/normalize-cell.js';
import { cellColumn, isDocKind } from '../../shared/schema/index.js';
import type { CellValue, DocKind, RowValues } from '../../shared/schema/types.js';
import { findPersonnummer } from '../../shared/validate/personnummer.js';
import { canWriteRow } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { DocRecord, DocRef, Storage } from '../storage/storage.js';
import { parseCsv } from './csv.js';
import type { DocAccess } from './doc-access.js';
import { requireDoc } from './documents.js';
import { AppError, badRequest } from './errors.js';
import { ID_HEADER, mapHeaders } from './table.js';
import { xlsxToTable } from './xlsx.js';

/** What an import reads: a text table (header first) or JSON row objects. */
export type ImportInput = { table: string[][] } | { objects: Record<string, unknown>[] };

/** A record that was not written, and why. */
export interface ImportRefusal {
  /** 1-based record number in the file, header not counted. */
  record: number;
  rowId: string | null;
  code: string;
  reason: string;
}

/** The answer of an import. */
export interface ImportSummary {
  dryRun: boolean;
  imported: number;
  updated: number;
  ignored: number;
  refused: ImportRefusal[];
  /** Headers or keys that match no column; their values were not read. */
  unknownColumns: string[];
  /** Ids of the rows written (or that would be), new ones included. */
  rowIds: string[];
}

const ROW_ID = /^[A-Za-z0-9_-]{1,64}$/;
const jsonRowsSchema = z.union([
  z.array(z.record(z.string(), z.unknown())),
  z.object({ rows: z.array(z.record(z.string(), z.unknown())) }).transform((o) => o.rows),
]);

/** Parse a JSON import body: an array of row objects, or `{ rows: [...] }`. */
export function parseJsonRows(text: string): ImportInput {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw badRequest('invalid-json', 'The file is not valid JSON.');
  }
  const parsed = jsonRowsSchema.safeParse(data);
  if (!parsed.success) throw badRequest('invalid-json-rows', 'The JSON must be a list of rows, or an object with a "rows" list.');
  return { objects: parsed.data };
}

/** Read an import file by its name: `.json`, `.xlsx`, anything else as CSV. */
export async function readImportFile(name: string, bytes: Uint8Array): Promise<ImportInput> {
  const ext = extname(name).toLowerCase();
  if (ext === '.xlsx') return { table: await xlsxToTable(bytes) };
  const text = new TextDecoder('utf-8').decode(bytes);
  if (ext === '.json') return parseJsonRows(text);
  return { table: parseCsv(text) };
}

interface RawRecord {
  id: string | null;
  cells: Map<string, unknown>;
}

function recordsOf(kind: DocKind, input: ImportInput): { records: RawRecord[]; unknown: string[] } {
  const unknown = new Set<string>();
  if ('table' in input) {
    const [header = [], ...body] = input.table;
    const keys = mapHeaders(kind, header);
    keys.forEach((k, i) => k === null && header[i]?.trim() && unknown.add(header[i] as string));
    const records = body.map((fields) => {
      const cells = new Map<string, unknown>();
      let id: string | null = null;
      keys.forEach((key, i) => {
        const value = fields[i] ?? '';
        if (key === ID_HEADER) id = value.trim() || null;
        else if (key) cells.set(key, value);
      });
      return { id, cells };
    });
    return { records, unknown: [...unknown] };
  }
  const records = input.objects.map((obj) => {
    const names = Object.keys(obj);
    const keys = mapHeaders(kind, names);
    const cells = new Map<string, unknown>();
    let id: string | null = null;
    keys.forEach((key, i) => {
      const name = names[i] as string;
      if (key === ID_HEADER) id = typeof obj[name] === 'string' && obj[name] !== '' ? (obj[name] as string) : null;
      else if (key) cells.set(key, obj[name]);
      else unknown.add(name);
    });
    return { id, cells };
  });
  return { records, unknown: [...unknown] };
}

type Planned = { rowId: string; isNew: boolean; values: RowValues };

/** Check and normalise one record; a string is the reason it is refused. */
function checkRecord(kind: DocKind, rec: RawRecord): { values: RowValues } | { code: string; reason: string } {
  if (rec.id && findPersonnummer(rec.id)) return { code: 'personnummer', reason: 'The id column contains a personnummer; patient identities may not be stored.' };
  const values: RowValues = {};
  for (const [key, raw] of rec.cells) {
    const col = cellColumn(kind, key);
    if (!col) continue;
    if (raw !== null && typeof raw === 'object') {
      return { code: 'not-primitive', reason: `The column "${col.header.en}" holds a list or object; only single values can be imported.` };
    }
    if (typeof raw === 'string' && findPersonnummer(raw)) {
      return { code: 'personnummer', reason: `The column "${col.header.en}" contains a personnummer (Swedish personal identity number); patient identities may not be stored.` };
    }
    const result = normalizeCell(col, raw);
    if (!result.ok) return { code: result.code, reason: result.message.en };
    values[key] = result.value;
  }
  return { values };
}

/** A cell never written reads as empty: null, or an unticked `x` column. */
function sameCell(stored: CellValue | undefined, incoming: CellValue): boolean {
  if (stored === undefined) return incoming === null || incoming === false;
  return Object.is(stored, incoming);
}

function isEmpty(rec: RawRecord): boolean {
  for (const v of rec.cells.values()) if (v !== null && v !== undefined && String(v).trim() !== '') return false;
  return true;
}

/**
 * Import rows into one document.
 *
 * @example
 * const summary = await importIntoDocument(storage, docs, ref, { table: parseCsv(text) }, { dryRun: true, principal });
 */
export async function importIntoDocument(
  storage: Storage,
  docs: DocAccess,
  ref: DocRef,
  input: ImportInput,
  opts: { dryRun: boolean; principal: Principal | null },
): Promise<ImportSummary> {
  const record: DocRecord = await requireDoc(storage, ref);
  if (!isDocKind(record.kind)) throw new AppError(409, 'unknown-kind', `The document "${ref.doc}" has a kind this server does not know.`);
  const kind = record.kind;
  const { records, unknown } = recordsOf(kind, input);
  const summary: ImportSummary = { dryRun: opts.dryRun, imported: 0, updated: 0, ignored: 0, refused: [], unknownColumns: unknown, rowIds: [] };
  const mayWrite = (unit: CellValue | undefined): boolean =>
    opts.principal === null || canWriteRow(opts.principal, record, typeof unit === 'string' ? unit : null);

  const planned = await docs.read(ref, (doc) => {
    const plan: Planned[] = [];
    const seen = new Set<string>();
    records.forEach((rec, i) => {
      const refuse = (code: string, reason: string) => summary.refused.push({ record: i + 1, rowId: rec.id, code, reason });
      if (isEmpty(rec)) return void summary.ignored++;
      if (rec.id && seen.has(rec.id)) return refuse('duplicate-id', `The id "${rec.id}" appears more than once in the file.`);
      if (rec.id) seen.add(rec.id);
      const checked = checkRecord(kind, rec);
      if ('code' in checked) return refuse(checked.code, checked.reason);
      const existing = rec.id ? getRow(doc, rec.id) : undefined;
      if (existing) {
        const changed: RowValues = {};
        for (const [k, v] of Object.entries(checked.values)) if (!sameCell(existing.values[k], v)) changed[k] = v;
        if (Object.keys(changed).length === 0) return void summary.ignored++;
        if (!mayWrite(existing.values.unit) || ('unit' in changed && !mayWrite(changed.unit))) {
          return refuse('forbidden-row', 'The row belongs to another unit; you may only change rows of your own units.');
        }
        plan.push({ rowId: existing.id, isNew: false, values: changed });
      } else {
        if (kind === 'action-plan' && !mayWrite(checked.values.unit)) {
          return refuse('forbidden-row', 'A new row must belong to one of your own units (the Unit column).');
        }
        const keepId = rec.id !== null && ROW_ID.test(rec.id) && !existing;
        plan.push({ rowId: keepId ? (rec.id as string) : '', isNew: true, values: checked.values });
      }
    });
    return plan;
  });

  summary.imported = planned.filter((p) => p.isNew).length;
  summary.updated = planned.length - summary.imported;
  if (opts.dryRun || planned.length === 0) {
    summary.rowIds = planned.filter((p) => p.rowId).map((p) => p.rowId);
    return summary;
  }
  await docs.write(ref, opts.principal, (doc) => {
    const fresh = planned.filter((p) => p.isNew);
    const ids = insertRows(doc, fresh.map((p) => p.values), { ids: fresh.map((p) => p.rowId || undefined) as string[] });
    fresh.forEach((p, i) => (p.rowId = ids[i] ?? p.rowId));
    for (const p of planned) if (!p.isNew) setCells(doc, p.rowId, p.values);
  });
  summary.rowIds = planned.map((p) => p.rowId);
  return summary;
}
