/**
 * Checking one imported record (`import-rows.ts`): each value normalised as the pane does
 * (`normalizeCell`, references by id or name), scanned for a personnummer as the sync check scans
 * updates, and refused in words when it cannot be stored; and (`splitRefusal`, asked by
 * `import-rows.ts` once the stored row it updates is known) a number split over two or three cells.
 */
import type { RefLookup } from '../../shared/normalize/ref-lookup.js';
import { normalizeCell, type NormalizeContext, type NormalizeHow, type NormalizeInfo } from '../../shared/normalize/normalize-cell.js';
import { resolveRef } from '../../shared/normalize/resolve-ref.js';
import { identityRefusal, type IdentityFound } from '../../shared/i18n/personnummer-words.js';
import { Limits } from '../../shared/protocol/limits.js';
import { cellColumn } from '../../shared/schema/index.js';
import type { IndicatorDefinition } from '../../shared/indicators/definitions.js';
import type { CellValue, DocKind, Localized, RefSource, RowValues } from '../../shared/schema/types.js';
import { findPersonnummer, findPersonnummerInValue } from '../../shared/validate/personnummer.js';
import { splitHeaders, splitInWrites } from '../../shared/validate/split-personnummer.js';
import { takeComputedValue } from './import-computed.js';
import { isEmpty, type RawRecord } from './import-records.js';
import type { ImportUnresolved } from './import-summary.js';
import { slicer } from '../sync/slices.js';
import { numberText } from '../../shared/i18n/number-words.js';

type Unresolved = Omit<ImportUnresolved, 'record'>;
/**
 * A record checked: its values to store and what was normalised, or why it is refused. A refusal
 * for another reason than a personnummer carries the values its other cells normalised to
 * (`values`), so the caller can still judge them for a personnummer split over cells
 * ({@link splitRefusal}), which wins over the other reason.
 */
export type Checked = { values: RowValues; how: [string, NormalizeHow][]; notes: [string, NormalizeInfo][]; unresolved: Unresolved[] } | { code: string; reason: Localized; values?: RowValues };
export type Lookups = Partial<Record<RefSource, RefLookup>>;

/** Where in a record: the id column, or a column by its header in each language. */
const ID_COLUMN: Localized = { sv: 'Kolumnen id', en: 'The id column' };
const column = (header: Localized): Localized => ({ sv: `Kolumnen "${header.sv}"`, en: `The column "${header.en}"` });
/** A column named so that a person finds it when it is hidden in the workbook. */
const hiddenColumn = (header: Localized): Localized => ({ sv: `Kolumnen "${header.sv}", som är dold i arbetsboken,`, en: `The column "${header.en}", which is hidden in the workbook,` });

/** The refusal of a record whose value at `where` holds `found`: the wording every refusal uses. */
const PNR_REASON = (where: Localized, found: IdentityFound): Localized => identityRefusal(where, found);

const NONE_HIDDEN: ReadonlySet<string> = new Set();

/** True for a row id the document holds (a live row): a record naming it updates that row. */
export type HeldId = (id: string) => boolean;

const NOT_HELD: HeldId = () => false;

/**
 * Check and normalise one record: its stored values and what was normalised, or why it is
 * refused. An id the guard reads a number in is refused, but one of a row the document holds
 * (`held`): that id is the row's key, stored already (made before the guard read it so), and a
 * file exported and imported again updates the row. Every cell is read, also after one that is refused, so a personnummer in any of them
 * is the refusal (`personnummer`, whatever else the record holds: the CLI exits 2 for it); else the
 * first cell's other fault (a value that cannot be read, a list, a text too long), with the values
 * of the cells that could be read. `hidden`: the keys of columns hidden in the workbook, named as
 * hidden in a refusal.
 */
export function checkRecord(kind: DocKind, rec: RawRecord, ctx: NormalizeContext, lists: Lookups, hidden: ReadonlySet<string> = NONE_HIDDEN, held: HeldId = NOT_HELD): Checked {
  const inId = rec.id ? findPersonnummer(rec.id) : null;
  if (inId && !held(rec.id as string)) return { code: 'personnummer', reason: PNR_REASON(ID_COLUMN, inId) };
  const values: RowValues = {};
  const how: [string, NormalizeHow][] = [];
  const notes: [string, NormalizeInfo][] = [];
  const unresolved: Unresolved[] = [];
  let fault: { code: string; reason: Localized } | null = null;
  for (const [key, raw] of rec.cells) {
    const col = cellColumn(kind, key);
    if (!col) continue;
    if (raw !== null && typeof raw === 'object' && !(raw instanceof Date)) {
      fault ??= {
        code: 'not-primitive',
        reason: { sv: `${column(col.header).sv} innehåller en lista eller ett objekt; bara enstaka värden kan importeras.`, en: `${column(col.header).en} holds a list or object; only single values can be imported.` },
      };
      continue;
    }
    const where = hidden.has(key) ? hiddenColumn(col.header) : column(col.header);
    // A value would carry a personnummer into the document (as `checkUpdate` scans it).
    const inRaw = findPersonnummerInValue(raw);
    if (inRaw) return { code: 'personnummer', reason: PNR_REASON(where, inRaw) };
    const lookup = col.column.ref ? lists[col.column.ref] : undefined;
    let result = resolveRef(col, raw, lookup, ctx);
    if (!result.ok && result.code === 'unknown-ref' && lookup) {
      // A name the list does not hold is kept as typed and reported, as the pane keeps it.
      const typed = String(raw).trim();
      unresolved.push({ column: key, value: typed, suggestions: lookup.closest(typed), message: result.message });
      result = normalizeCell(col, raw, ctx);
    }
    if (!result.ok) {
      fault ??= { code: result.code, reason: result.message };
      continue;
    }
    const inValue = findPersonnummerInValue(result.value);
    if (inValue) return { code: 'personnummer', reason: PNR_REASON(where, inValue) };
    if (typeof result.value === 'string' && result.value.length > Limits.maxStringLength) {
      fault ??= {
        code: 'too-long',
        reason: { sv: `${column(col.header).sv} innehåller fler än ${numberText(Limits.maxStringLength, 'sv')} tecken.`, en: `${column(col.header).en} holds more than ${numberText(Limits.maxStringLength, 'en')} characters.` },
      };
      continue;
    }
    values[key] = result.value;
    if (result.how) how.push([key, result.how]);
    for (const note of result.notes ?? []) notes.push([key, note]);
  }
  return fault ? { ...fault, values } : { values, how, notes, unresolved };
}

/**
 * The refusal of a record whose values, as they will leave the row, hold a personnummer split over
 * two to four neighbouring cells in the kind's column order (`811218` | `9876`, `1981` | `1218` |
 * `9876`), or null. `values`: what
 * the record writes (for a row it updates, the cells it changes); `stored`: the row it updates, or
 * undefined for a new one. Judged with the function the sync door uses (`splitInWrites`, as
 * `checkUpdate` calls it), so a record the door would refuse, and with it the whole import's
 * update, is refused alone, the columns named and no digit of them echoed.
 *
 * @example
 * splitRefusal('partners', { contact: '811218', email: '9876' }, undefined)?.code; // 'personnummer'
 */
export function splitRefusal(kind: DocKind, values: RowValues, stored: RowValues | undefined): { code: 'personnummer'; reason: Localized } | null {
  const cells = Object.entries(values).map(([column, value]) => ({ rowId: 'record', column, value }));
  const split = splitInWrites(kind, cells, (_row, key) => stored?.[key], () => false);
  if (split === null) return null;
  const { first, second, third, fourth } = splitHeaders(kind, split);
  const where: Localized =
    third === undefined
      ? { sv: `Kolumnerna "${first.sv}" och "${second.sv}" tillsammans`, en: `The pair of columns "${first.en}" and "${second.en}"` }
      : fourth === undefined
        ? { sv: `Kolumnerna "${first.sv}", "${second.sv}" och "${third.sv}" tillsammans`, en: `The run of columns "${first.en}", "${second.en}" and "${third.en}"` }
        : {
            sv: `Kolumnerna "${first.sv}", "${second.sv}", "${third.sv}" och "${fourth.sv}" tillsammans`,
            en: `The run of columns "${first.en}", "${second.en}", "${third.en}" and "${fourth.en}"`,
          };
  return { code: 'personnummer', reason: PNR_REASON(where, split.found) };
}

/** A cell never written reads as empty: null, or an unticked `x` column. */
function sameCell(stored: CellValue | undefined, incoming: CellValue): boolean {
  if (stored === undefined) return incoming === null || incoming === false;
  return Object.is(stored, incoming);
}

/** The cells of `values` that change the stored row `stored` (a cell never written reads as empty). */
export function changedCells(values: RowValues, stored: RowValues): RowValues {
  const changed: RowValues = {};
  for (const [k, v] of Object.entries(values)) if (!sameCell(stored[k], v)) changed[k] = v;
  return changed;
}

/**
 * The split-personnummer refusal ({@link splitRefusal}) of a record as the import would write it:
 * `values` (not changed) without a Värde computed from täljare and nämnare (`definitions`, for
 * `indicator-values`; see `takeComputedValue`), judged as the cells it changes of the row it updates
 * (`stored`), or as a new row. Asked before every other refusal of the record, so a personnummer
 * is the one it is refused for.
 */
export function recordSplitRefusal(
  kind: DocKind,
  values: RowValues,
  stored: RowValues | undefined,
  definitions: ReadonlyMap<string, Pick<IndicatorDefinition, 'factor'>> | null,
): ReturnType<typeof splitRefusal> {
  const written = { ...values };
  if (definitions) takeComputedValue(written, definitions, stored);
  return splitRefusal(kind, stored ? changedCells(written, stored) : written, stored);
}

/** Normalise every record, a slice at a time so a large file does not hold up the server. */
export async function checkAll(kind: DocKind, records: readonly RawRecord[], ctx: NormalizeContext, lists: Lookups, hidden?: ReadonlySet<string>, held?: HeldId): Promise<(Checked | 'empty')[]> {
  const out: (Checked | 'empty')[] = [];
  const pause = slicer();
  for (const rec of records) {
    out.push(isEmpty(rec) ? 'empty' : checkRecord(kind, rec, ctx, lists, hidden, held));
    const turn = pause();
    if (turn) await turn;
  }
  return out;
}
