/**
 * Importing rows from CSV, XLSX or JSON into a document, shared by `POST .../import` and
 * `samplan import`. Each record is matched by its `id` column when the document has that row
 * (update), else appended (import). Every value goes through `normalizeCell`; a record that
 * carries a personnummer, a value that cannot be read, or a row of another unit is refused with
 * its reason, and nothing of it is written. With `dryRun` the summary is computed and nothing
 * is written at all. Writes take the sync path, so live clients see the rows arrive.
 */
import { roundMessage, roundWords } from '../../shared/i18n/round-messages.js';
import { LOCKED_REFUSAL_CODE } from '../../shared/protocol/locked-refusal.js';
import type { LockLookup } from '../sync/row-locks.js';
import { getRow, insertRows, metaOf, rowCount, rowsOf, ROW_ID_PATTERN, setCells, type Row } from '../../shared/doc/index.js';
import { normalizeCell, type NormalizeContext, type NormalizeHow } from '../../shared/normalize/normalize-cell.js';
import type { RefLookup } from '../../shared/normalize/ref-lookup.js';
import { resolveRef } from '../../shared/normalize/resolve-ref.js';
import { Limits } from '../../shared/protocol/limits.js';
import { cellColumn, isDocKind } from '../../shared/schema/index.js';
import type { CellValue, DocKind, Localized, RefSource, RowValues } from '../../shared/schema/types.js';
import { findPersonnummer, findPersonnummerInValue } from '../../shared/validate/personnummer.js';
import { redactPersonnummer } from '../../shared/validate/redact-personnummer.js';
import { UNIQUE_KEYS, uniqueKeyOf } from '../../shared/validate/validate-doc.js';
import { canWriteRow } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { DocRecord, DocRef, Storage } from '../storage/storage.js';
import type { DocAccess } from './doc-access.js';
import { requireDoc } from './documents.js';
import { IDENTITY_MASK, unknownKindError } from './errors.js';
import type { ImportInput } from './import-read.js';
import { importRefLookups } from './import-refs.js';
import { slicer } from './slices.js';
import { findHeaderRow, groupLabels } from './import-header.js';
import { ID_HEADER, mapHeaders } from './table.js';
import { planYear } from '../../shared/normalize/plan-year.js';
import { isRowOwned } from '../../shared/protocol/row-owned-kinds.js';

export { parseJsonRows, readImportBody, readImportFile, type ImportInput } from './import-read.js';

/** A record that was not written, and why. */
export interface ImportRefusal {
  /** 1-based record number in the file, counted from the row under the header (`headerRow`). */
  record: number;
  rowId: string | null;
  code: string;
  /** Why, in English (the same as `message.en`; kept for callers that read it). */
  reason: string;
  /** Why, in Swedish and English, as {@link ImportUnresolved.message}. */
  message: Localized;
}

/** A reference cell whose text names nothing in its list: kept as typed, so nothing is lost. */
export interface ImportUnresolved {
  /** 1-based record number in the file, counted from the row under the header (`headerRow`). */
  record: number;
  /** The column's key. */
  column: string;
  /** The text as typed (and stored). */
  value: string;
  /** Up to three names of the list closest to it, best first. */
  suggestions: string[];
  /** The problem in words, with the suggestions ("Enhet: "Tensta vc" finns inte i listan. Menade du …?"). */
  message: Localized;
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
  /**
   * The row taken as the header (1-based, as the sheet numbers it; for CSV the record of the file),
   * for a CSV or XLSX file: not always 1 when a title stands above it (`import-header.ts`).
   */
  headerRow?: number;
  /** How the file was read: `csv` (with its text encoding), `xlsx` or `json`. */
  format: ImportInput['format'];
  encoding?: string;
  /**
   * What the normaliser did, per column key: how many values it read from another written form
   * (`date-from-text`, `code-padded`, `percent-dropped`, …; see `NormalizeHow`).
   */
  normalized: Record<string, Partial<Record<NormalizeHow, number>>>;
  /**
   * Reference cells (a unit, an indicator, a partner …) whose text is neither an id nor a name of
   * the workspace's list (names are read as ids, any case and spacing: `ref-from-name` above).
   */
  unresolved: ImportUnresolved[];
  /**
   * XLSX only, when there are any: cells holding a formula whose value the file does not carry
   * (files written by a program, not saved by Excel). They were read as empty; `cells` names up
   * to {@link MAX_NAMED_CELLS} of them as the sheet does (`C2`), `count` all of them.
   */
  formulasWithoutValue?: { count: number; cells: string[]; message: Localized };
}

/** How many cells of a formula without value the summary names. */
const MAX_NAMED_CELLS = 20;

/** The summary's note on formula cells without a saved value, or nothing when there are none. */
function formulaNote(input: ImportInput): Pick<ImportSummary, 'formulasWithoutValue'> {
  const all = 'table' in input ? (input.formulasWithoutValue ?? []) : [];
  if (all.length === 0) return {};
  const cells = all.slice(0, MAX_NAMED_CELLS);
  const listed = cells.join(', ') + (all.length > cells.length ? ' …' : '');
  const message = {
    sv: `${all.length === 1 ? 'Cellen' : `${all.length} celler`} ${listed} har en formel men inget sparat värde och lästes som ${all.length === 1 ? 'tom' : 'tomma'}. Öppna filen i Excel, spara den (Excel räknar då ut värdena) och importera den igen.`,
    en: `${all.length === 1 ? 'Cell' : `${all.length} cells`} ${listed} ${all.length === 1 ? 'holds' : 'hold'} a formula but no saved value and ${all.length === 1 ? 'was' : 'were'} read as empty. Open the file in Excel, save it (Excel then computes the values) and import it again.`,
  };
  return { formulasWithoutValue: { count: all.length, cells, message } };
}


interface RawRecord {
  id: string | null;
  cells: Map<string, unknown>;
}

/** A header or id cell as text: numbers as written, anything else empty. */
function textOf(cell: unknown): string {
  if (typeof cell === 'string') return cell.trim();
  return typeof cell === 'number' && Number.isFinite(cell) ? String(cell) : '';
}

function tableRecords(kind: DocKind, table: readonly (readonly unknown[])[], unknown: Set<string>, at: number): RawRecord[] {
  const header = table[at] ?? [];
  const body = table.slice(at + 1);
  const names = header.map(textOf);
  // A group row of merged cells above ("Mål" over "Motivationshöjning") is read with the header.
  const keys = mapHeaders(kind, names, groupLabels(table, at));
  keys.forEach((k, i) => k === null && names[i] && unknown.add(names[i] as string));
  return body.map((fields) => {
    const cells = new Map<string, unknown>();
    let id: string | null = null;
    keys.forEach((key, i) => {
      const value = fields[i] ?? null;
      if (key === ID_HEADER) id = textOf(value) || null;
      else if (key) cells.set(key, value);
    });
    return { id, cells };
  });
}

function recordsOf(kind: DocKind, input: ImportInput): { records: RawRecord[]; unknown: string[]; headerRow?: number } {
  const unknown = new Set<string>();
  if ('table' in input) {
    const at = findHeaderRow(kind, input.table);
    const records = tableRecords(kind, input.table, unknown, at);
    return { records, unknown: [...unknown], headerRow: input.rowNumbers?.[at] ?? at + 1 };
  }
  const records = input.objects.map((obj) => {
    const names = Object.keys(obj);
    const keys = mapHeaders(kind, names);
    const cells = new Map<string, unknown>();
    let id: string | null = null;
    keys.forEach((key, i) => {
      const name = names[i] as string;
      if (key === ID_HEADER) id = textOf(obj[name]) || null;
      else if (key) cells.set(key, obj[name]);
      else unknown.add(name);
    });
    return { id, cells };
  });
  return { records, unknown: [...unknown] };
}

type Planned = { rowId: string; isNew: boolean; values: RowValues };
type Unresolved = Omit<ImportUnresolved, 'record'>;
type Checked = { values: RowValues; how: [string, NormalizeHow][]; unresolved: Unresolved[] } | { code: string; reason: Localized };
type Lookups = Partial<Record<RefSource, RefLookup>>;

/** Where in a record: the id column, or a column by its header in each language. */
const ID_COLUMN: Localized = { sv: 'Kolumnen id', en: 'The id column' };
const column = (header: Localized): Localized => ({ sv: `Kolumnen "${header.sv}"`, en: `The column "${header.en}"` });

const PNR_REASON = (where: Localized): Localized => ({
  sv: `${where.sv} innehåller ett personnummer; patienters identitet får inte sparas i Samplan.`,
  en: `${where.en} contains a personnummer (Swedish personal identity number); patient identities may not be stored.`,
});

/** True when a value would carry a personnummer into the document (as `checkUpdate` scans it). */
function carriesPersonnummer(value: unknown): boolean {
  return findPersonnummerInValue(value) !== null;
}

/** Check and normalise one record: its stored values and what was normalised, or why it is refused. */
function checkRecord(kind: DocKind, rec: RawRecord, ctx: NormalizeContext, lists: Lookups): Checked {
  if (rec.id && findPersonnummer(rec.id)) return { code: 'personnummer', reason: PNR_REASON(ID_COLUMN) };
  const values: RowValues = {};
  const how: [string, NormalizeHow][] = [];
  const unresolved: Unresolved[] = [];
  for (const [key, raw] of rec.cells) {
    const col = cellColumn(kind, key);
    if (!col) continue;
    if (raw !== null && typeof raw === 'object' && !(raw instanceof Date)) {
      return {
        code: 'not-primitive',
        reason: { sv: `${column(col.header).sv} innehåller en lista eller ett objekt; bara enstaka värden kan importeras.`, en: `${column(col.header).en} holds a list or object; only single values can be imported.` },
      };
    }
    if (carriesPersonnummer(raw)) return { code: 'personnummer', reason: PNR_REASON(column(col.header)) };
    const lookup = col.column.ref ? lists[col.column.ref] : undefined;
    let result = resolveRef(col, raw, lookup, ctx);
    if (!result.ok && result.code === 'unknown-ref' && lookup) {
      // A name the list does not hold is kept as typed and reported, as the pane keeps it.
      const typed = String(raw).trim();
      unresolved.push({ column: key, value: typed, suggestions: lookup.closest(typed), message: result.message });
      result = normalizeCell(col, raw, ctx);
    }
    if (!result.ok) return { code: result.code, reason: result.message };
    if (carriesPersonnummer(result.value)) return { code: 'personnummer', reason: PNR_REASON(column(col.header)) };
    if (typeof result.value === 'string' && result.value.length > Limits.maxStringLength) {
      return {
        code: 'too-long',
        reason: { sv: `${column(col.header).sv} innehåller fler än ${Limits.maxStringLength} tecken.`, en: `${column(col.header).en} holds more than ${Limits.maxStringLength} characters.` },
      };
    }
    values[key] = result.value;
    if (result.how) how.push([key, result.how]);
  }
  return { values, how, unresolved };
}

/** A cell never written reads as empty: null, or an unticked `x` column. */
function sameCell(stored: CellValue | undefined, incoming: CellValue): boolean {
  if (stored === undefined) return incoming === null || incoming === false;
  return Object.is(stored, incoming);
}

function isEmpty(rec: RawRecord): boolean {
  for (const v of rec.cells.values()) {
    // A list or object (JSON) is not empty, and is refused in words by checkRecord; turned into
    // text it would first be walked whole, past the stack for a deeply nested one.
    if (v !== null && typeof v === 'object') return false;
    if (v !== null && v !== undefined && String(v).trim() !== '') return false;
  }
  return true;
}

/** Normalise every record, a slice at a time so a large file does not hold up the server. */
async function checkAll(kind: DocKind, records: readonly RawRecord[], ctx: NormalizeContext, lists: Lookups): Promise<(Checked | 'empty')[]> {
  const out: (Checked | 'empty')[] = [];
  const pause = slicer();
  for (const rec of records) {
    out.push(isEmpty(rec) ? 'empty' : checkRecord(kind, rec, ctx, lists));
    const turn = pause();
    if (turn) await turn;
  }
  return out;
}

/** The rows of a document by their natural key (indicator + unit + period + kön, a partner's name …). */
function rowsByKey(doc: Parameters<typeof rowsOf>[0], keys: readonly string[]): Map<string, Row> {
  const map = new Map<string, Row>();
  for (const row of rowsOf(doc)) {
    const key = uniqueKeyOf(row.values, keys);
    if (key !== null && !map.has(key)) map.set(key, row);
  }
  return map;
}

function countHow(summary: ImportSummary, how: readonly [string, NormalizeHow][]): void {
  for (const [key, h] of how) {
    const col = (summary.normalized[key] ??= {});
    col[h] = (col[h] ?? 0) + 1;
  }
}

/**
 * Import rows into one document. A record updates the row with its `id`, or else the row with
 * its natural key (`UNIQUE_KEYS`: a partner's name, an indicator value's indicator + unit +
 * period + kön), so export → edit → import updates instead of appending; other records are
 * appended. The dry run and the real import take the same path up to the
 * write, so they give the same verdict for every record: each is normalised (`normalizeCell`),
 * scanned for a personnummer the way the sync check scans updates, checked for the writer's
 * unit, and counted against the document's row limit.
 *
 * @example
 * const summary = await importIntoDocument(storage, docs, ref, await readImportFile('rader.csv', bytes), { dryRun: true, principal });
 */
export async function importIntoDocument(
  storage: Storage,
  docs: DocAccess,
  ref: DocRef,
  input: ImportInput,
  opts: { dryRun: boolean; principal: Principal | null; now?: Date; locks?: LockLookup | undefined },
): Promise<ImportSummary> {
  const record: DocRecord = await requireDoc(storage, ref);
  if (!isDocKind(record.kind)) throw unknownKindError(ref.doc);
  const kind = record.kind;
  const { records, unknown, headerRow } = recordsOf(kind, input);
  const summary: ImportSummary = {
    dryRun: opts.dryRun,
    imported: 0,
    updated: 0,
    ignored: 0,
    refused: [],
    // Named back as written, except an identity number typed as a header (as error answers do).
    unknownColumns: unknown.map((header) => redactPersonnummer(header, IDENTITY_MASK)),
    rowIds: [],
    format: input.format,
    ...(headerRow !== undefined ? { headerRow } : {}),
    ...('encoding' in input && input.encoding ? { encoding: input.encoding } : {}),
    normalized: {},
    unresolved: [],
    ...formulaNote(input),
  };
  const mayWrite = (unit: CellValue | undefined): boolean =>
    opts.principal === null || canWriteRow(opts.principal, record, typeof unit === 'string' ? unit : null);
  const title = await docs.read(ref, (doc) => metaOf(doc)?.title);
  await opts.locks?.prepare(ref.workspace);
  const lockRule = opts.locks?.rulesFor(record) ?? null;
  const lockOf = (values: RowValues): Localized | null => {
    const lock = lockRule?.(values);
    return lock ? roundMessage('round-locked', { round: roundWords(lock) }) : null;
  };
  const lists = await importRefLookups(storage, docs, ref.workspace, kind);
  const checks = await checkAll(kind, records, { year: planYear(title ?? record.title, opts.now ?? new Date()) }, lists);

  const naturalKeys = UNIQUE_KEYS[kind];
  const planned = await docs.read(ref, (doc) => {
    const plan: Planned[] = [];
    const seen = new Set<string>();
    const seenKeys = new Set<string>();
    const byKey = naturalKeys ? rowsByKey(doc, naturalKeys) : null;
    let room = Limits.maxRows - rowCount(doc);
    records.forEach((rec, i) => {
      // An id that holds an identity number is refused as such (checkRecord) and never echoed back.
      const shownId = rec.id !== null && findPersonnummer(rec.id) ? null : rec.id;
      const refuse = (code: string, message: Localized) => summary.refused.push({ record: i + 1, rowId: shownId, code, reason: message.en, message });
      const checked = checks[i];
      if (checked === 'empty' || checked === undefined) return void summary.ignored++;
      if (rec.id && shownId !== null && seen.has(rec.id)) return refuse('duplicate-id', { sv: `Id "${rec.id}" finns mer än en gång i filen.`, en: `The id "${rec.id}" appears more than once in the file.` });
      if (rec.id) seen.add(rec.id);
      if ('code' in checked) return refuse(checked.code, checked.reason);
      const key = naturalKeys ? uniqueKeyOf(checked.values, naturalKeys) : null;
      if (key !== null && seenKeys.has(key)) {
        const keys = naturalKeys?.join(', ') ?? '';
        return refuse('duplicate-key', { sv: `En annan post i filen har samma ${keys}.`, en: `Another record of the file has the same ${keys}.` });
      }
      if (key !== null) seenKeys.add(key);
      const existing = (rec.id ? getRow(doc, rec.id) : undefined) ?? (key !== null ? byKey?.get(key) : undefined);
      if (existing) {
        const changed: RowValues = {};
        for (const [k, v] of Object.entries(checked.values)) if (!sameCell(existing.values[k], v)) changed[k] = v;
        if (Object.keys(changed).length === 0) return void summary.ignored++;
        const locked = lockOf(existing.values) ?? lockOf({ ...existing.values, ...changed });
        if (locked) return refuse(LOCKED_REFUSAL_CODE, locked);
        if (!mayWrite(existing.values.unit) || ('unit' in changed && !mayWrite(changed.unit))) {
          return refuse('forbidden-row', {
            sv: 'Raden hör till en annan enhet; du får bara ändra rader för dina egna enheter.',
            en: 'The row belongs to another unit; you may only change rows of your own units.',
          });
        }
        countHow(summary, checked.how);
        for (const u of checked.unresolved) summary.unresolved.push({ record: i + 1, ...u });
        plan.push({ rowId: existing.id, isNew: false, values: changed });
      } else {
        if (isRowOwned(kind) && !mayWrite(checked.values.unit)) {
          return refuse('forbidden-row', {
            sv: 'En ny rad måste höra till en av dina egna enheter (kolumnen Enhet).',
            en: 'A new row must belong to one of your own units (the Unit column).',
          });
        }
        const locked = lockOf(checked.values);
        if (locked) return refuse(LOCKED_REFUSAL_CODE, locked);
        if (room <= 0) {
          return refuse('too-many-rows', { sv: `Dokumentet skulle få fler än ${Limits.maxRows.toLocaleString('sv-SE')} rader.`, en: `The document would hold more than ${Limits.maxRows.toLocaleString('en')} rows.` });
        }
        room--;
        countHow(summary, checked.how);
        for (const u of checked.unresolved) summary.unresolved.push({ record: i + 1, ...u });
        const keepId = rec.id !== null && ROW_ID_PATTERN.test(rec.id);
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
