/**
 * Gathers what completeness and the roll-up read from a workspace: the rows of every
 * `indicator-values` and `activity-plan` document with their error and warning counts per row
 * (validated with the catalog's ranges: a value outside its range is a warning), the indicator
 * definitions and the units. The counts are cached per live document and ranges and dropped on
 * its next update, so a refresh of the completeness view does not validate again when nothing
 * changed.
 *
 * Archived documents are read-only history (README, "Documents with a life"): nobody can fill in
 * or correct them, so their rows do not make a clinic "reported" in an open round, their problems
 * are not "left to fix", and a period roll-up leaves them out. A unit already approved in the
 * round read keeps them: its figures were approved with those rows (locked since), and archiving
 * last year's plan after the approval must not change an approved report. See {@link loadRoundData}.
 *
 * A document whose stored history does not decode, or is refused for its key (`unreadableOf`), is,
 * when the caller asks (`keepUnreadable`), left out and named in `unreadable`
 * (`shared/rounds/unreadable.ts`), so one clinic's damaged plan does not fail the whole round's
 * tables; otherwise its error is thrown as before.
 */
import type * as Y from 'yjs';
import { rowsOf } from '../../shared/doc/index.js';
import { definitionsFromRows, type IndicatorDefinition } from '../../shared/indicators/definitions.js';
import type { RoundDocInput } from '../../shared/rounds/completeness.js';
import type { UnreadableDoc } from '../../shared/rounds/unreadable.js';
import type { OwnedDoc } from '../../shared/rounds/levels.js';
import type { RowValues } from '../../shared/schema/types.js';
import type { IndicatorBounds } from '../../shared/validate/cross-refs.js';
import { validateDoc } from '../../shared/validate/validate-doc.js';
import type { DocRecord, Storage, UnitRecord } from '../storage/storage.js';
import type { RoundsState } from '../rounds/rounds-store.js';
import { unreadableOf } from './unreadable-of.js';
import type { DocAccess } from './doc-access.js';
import { advanceRowTimes, pendingRowUpdates } from './row-change-times.js';

/** A workspace's documents as rounds read them. */
export interface RoundData {
  docs: RoundDocInput[];
  definitions: Map<string, IndicatorDefinition>;
  units: UnitRecord[];
  /** Every document's owner and archiving, archived ones too, and the units a live values document's rows report for: what tells an ended unit (`endedUnits`, `shared/rounds/levels.ts`). */
  owned: OwnedDoc[];
  /** The documents left out because their stored history does not decode; empty unless `keepUnreadable` was asked. */
  unreadable: UnreadableDoc[];
}

/** Error- and warning-level problems per row id of one document. */
interface RowCounts {
  errors: Map<string, number>;
  warnings: Map<string, number>;
}

const countCache = new WeakMap<Y.Doc, { key: string; counts: RowCounts }>();

/**
 * The problems per row of `doc`, validated with the catalog's ranges (`bounds`, so a value
 * outside its range counts as a warning, as `GET …/problems` and the sheet say). Cached per live
 * document and ranges (`boundsKey`); dropped on the document's next update.
 */
function countsOf(doc: Y.Doc, docId: string, bounds: ReadonlyMap<string, IndicatorBounds>, boundsKey: string): RowCounts {
  const hit = countCache.get(doc);
  if (hit && hit.key === boundsKey) return hit.counts;
  const counts: RowCounts = { errors: new Map(), warnings: new Map() };
  for (const p of validateDoc(doc, docId, { indicatorBounds: bounds })) {
    if (!p.rowId || (p.severity !== 'error' && p.severity !== 'warning')) continue;
    const into = p.severity === 'error' ? counts.errors : counts.warnings;
    into.set(p.rowId, (into.get(p.rowId) ?? 0) + 1);
  }
  if (!hit) doc.once('update', () => countCache.delete(doc));
  countCache.set(doc, { key: boundsKey, counts });
  return counts;
}

/** The catalog's declared ranges by indicator id (the first catalog row of an id, as the definitions take it), and a key naming them. */
function boundsOf(definitions: ReadonlyMap<string, IndicatorDefinition>): { bounds: Map<string, IndicatorBounds>; key: string } {
  const bounds = new Map<string, IndicatorBounds>();
  for (const d of definitions.values()) if (d.min !== null || d.max !== null || d.unitOfMeasure !== null) bounds.set(d.id, { name: d.name, min: d.min, max: d.max, unit: d.unitOfMeasure });
  return { bounds, key: JSON.stringify([...bounds]) };
}

/** Which archived rows a read keeps: those of the units approved (`godkand`) in the round read. */
export interface ArchivedScope {
  /** Unit codes; an archived document's row counts when its unit is one of them. Empty or absent: none. */
  approvedUnits?: ReadonlySet<string>;
  /** Also read each row's last kept change time (`RoundDocInput.changedAtByRow`, `row-change-times.ts`), for completeness. */
  changeTimes?: boolean;
  /** Leave a document whose stored history is damaged out and name it in `RoundData.unreadable`, instead of throwing. */
  keepUnreadable?: boolean;
}

/** The units approved (status `godkand`) in round `round` of `state`, whose archived rows still count. */
export function approvedUnitsOf(state: RoundsState, round: string): Set<string> {
  const out = new Set<string>();
  for (const u of state.units.values()) if (u.round === round && u.status === 'godkand') out.add(u.unit);
  return out;
}

/** The unit a row of `rec` reports for: an indicator value's `unit` column, else the document's owner. */
function rowUnit(rec: DocRecord, values: Readonly<RowValues>): unknown {
  return rec.kind === 'indicator-values' ? values.unit : rec.ownerUnit;
}

/**
 * Read the documents completeness and the roll-up need, through the live rooms. Rows of an
 * archived `indicator-values` or `activity-plan` document are left out unless their unit is in
 * `scope.approvedUnits` (see the module comment); an archived catalog still names its indicators,
 * since definitions are no report.
 */
export async function loadRoundData(storage: Storage, docs: DocAccess, workspace: string, scope: ArchivedScope = {}): Promise<RoundData> {
  const [records, units] = await Promise.all([storage.listDocs(workspace), storage.listUnits(workspace)]);
  const catalogRows: RowValues[] = [];
  const out: RoundDocInput[] = [];
  const unreadable: UnreadableDoc[] = [];
  /** `read()`'s answer, or null for a damaged document the caller asked to leave out (named in `unreadable`). */
  const readable = async <T>(rec: DocRecord, read: () => Promise<T>): Promise<T | null> => {
    try {
      return await read();
    } catch (err) {
      const left = scope.keepUnreadable ? unreadableOf(err, rec) : null;
      if (!left) throw err;
      unreadable.push(left);
      return null;
    }
  };
  // The units a live document's rows report for: a clinic reporting in a shared values document has not ended (`endedUnits`).
  const reportsFor = new Map<string, string[]>();
  // Catalogs first: their ranges judge the values documents' rows, whatever order the documents come in.
  for (const rec of records) {
    if (rec.kind === 'indicator-catalog') catalogRows.push(...((await readable(rec, () => docs.read({ workspace, doc: rec.doc }, (doc) => rowsOf(doc).map((r) => r.values)))) ?? []));
  }
  const definitions = definitionsFromRows(catalogRows);
  const { bounds, key: boundsKey } = boundsOf(definitions);
  for (const rec of records) {
    const ref = { workspace, doc: rec.doc };
    if (rec.kind === 'indicator-values' || rec.kind === 'activity-plan') {
      const approved = scope.approvedUnits;
      if (rec.archivedAt && !approved?.size) continue;
      const pending = scope.changeTimes ? await pendingRowUpdates(storage, ref, rec.createdAt) : null;
      const input = await readable(rec, () => docs.read(ref, (doc) => {
        const counts = countsOf(doc, rec.doc, bounds, boundsKey);
        return {
          doc: rec.doc,
          kind: rec.kind,
          ownerUnit: rec.ownerUnit,
          title: rec.title,
          rows: rec.archivedAt ? rowsOf(doc).filter((r) => approved?.has(rowUnit(rec, r.values) as string)) : rowsOf(doc),
          errorsByRow: counts.errors,
          warningsByRow: counts.warnings,
          ...(pending ? { changedAtByRow: advanceRowTimes(storage, doc, pending) } : {}),
        };
      }));
      if (!input) continue;
      if (!rec.archivedAt || input.rows.length > 0) out.push(input);
      if (!rec.archivedAt && rec.kind === 'indicator-values') reportsFor.set(rec.doc, [...new Set(input.rows.map((r) => r.values.unit).filter((u): u is string => typeof u === 'string'))]);
    }
  }
  const owned = records.map((r) => ({ ownerUnit: r.ownerUnit, archivedAt: r.archivedAt ?? null, reportsFor: reportsFor.get(r.doc) ?? [] }));
  return { docs: out, definitions, units, owned, unreadable };
}
