/**
 * Completeness of a round, DHIS2-style: per reporting unit, the values present against those
 * expected, the problems left in the rows the round covers, the status and whether it is overdue.
 *
 * - Indicator values: one value per unit × indicator the unit's level reports in the round
 *   (`levels.ts`: the level's own list, else the round's) for the round's own period, kön T.
 *   Present when the row has a value, or both numerator and denominator.
 * - Activities: every activity-plan row of the unit that the round covers (see `coverage.ts`).
 *   Present when its outcome is reported: `genomford` with participants reached, or `installd`.
 * - Per level: the same figures summed over the units of each level (region, clinics).
 * - Status: what the transitions stored; otherwise `pagar` when anything is present, else
 *   `ej-paborjad`. Overdue: after the due date and neither submitted nor approved.
 * - Reading: `olasbar` for a unit owning a document that could not be read (`unreadable.ts`): its
 *   figures are those of the documents that could, and the document is named with the server's words.
 */
import type { RowValues } from '../schema/types.js';
import { coveringUnit, prepareRound } from './coverage.js';
import { indicatorsForLevel, roundIndicators } from './levels.js';
import type { RoundDef, RoundStatus, UnitRound } from './model.js';
import type { UnitReading, UnreadableDoc } from './unreadable.js';

/** A document as completeness reads it. */
export interface RoundDocInput {
  doc: string;
  kind: string;
  ownerUnit: string;
  title: string;
  rows: readonly { id: string; values: Readonly<RowValues> }[];
  /** Error-level problems per row id (from validation); absent rows have none. */
  errorsByRow?: ReadonlyMap<string, number>;
  /** Warning-level problems per row id (a value outside its catalog range, …); absent rows have none. */
  warningsByRow?: ReadonlyMap<string, number>;
  /** ISO time of each row's last kept change (`server/http/row-change-times.ts`); absent when not read. */
  changedAtByRow?: ReadonlyMap<string, string>;
}

/** Rows of one document that a unit still has to fill. */
export interface MissingRows {
  doc: string;
  kind: string;
  title: string;
  rowIds: string[];
}

/** One unit's completeness in a round. */
export interface UnitCompleteness {
  unit: string;
  /** The unit's level (1 = the top unit, 2 = the clinics…); null when the levels were not given. */
  level: number | null;
  status: RoundStatus;
  overdue: boolean;
  /** The coordinator's reason when returned or reopened. */
  reason: string | null;
  expected: number;
  present: number;
  values: { expected: number; present: number; missingIndicators: string[] };
  activities: { expected: number; present: number };
  /** Error-level problems left in the rows the round covers. */
  problems: number;
  /** Warning-level problems left in those rows (a value outside its catalog range, …): kept, but worth a look. */
  warnings: number;
  /** Where those problems are: per document with any, its title and count, in the order read. */
  problemDocs: { doc: string; title: string; errors: number }[];
  /** Rows to fill, per document (click → the document and these rows). */
  missing: MissingRows[];
  /** When the last transition happened, and who did it. */
  lastChange: { at: string; by: string } | null;
  /** `olasbar` when a document the unit owns could not be read (its stored history is damaged); its figures leave that document out. */
  reading: UnitReading;
  /** The documents of the unit that could not be read, with the server's words naming each and the damaged place. */
  unreadable: Pick<UnreadableDoc, 'doc' | 'title' | 'message'>[];
  /**
   * When a row the unit reports in the round (those counted in `expected` and `problems`) last
   * changed (ISO time), when the documents' change times were read; a value changed after a
   * submission is later than `lastChange`. Null when none is known.
   */
  lastEdit: { at: string } | null;
}

/** A round's completeness. */
export interface RoundCompleteness {
  round: RoundDef;
  today: string;
  units: UnitCompleteness[];
  /** Per indicator: values present / expected over all units. */
  byIndicator: { indicator: string; expected: number; present: number }[];
  /** Per unit level (when the levels were given; one entry of level null otherwise): units and values present / expected. */
  byLevel: { level: number | null; units: number; expected: number; present: number; indicators: string[] }[];
  totals: { expected: number; present: number; problems: number; warnings: number; submitted: number; approved: number; overdue: number };
  /** Every document the round's tables could not read, a unit's or not (a catalog, a region's shared values). */
  unreadable: UnreadableDoc[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Does an indicator-value row carry a value? */
export function hasValue(values: Readonly<RowValues>): boolean {
  return num(values.value) !== null || (num(values.numerator) !== null && num(values.denominator) !== null);
}

/** Is an activity's outcome reported? */
export function hasOutcome(values: Readonly<RowValues>): boolean {
  if (values.status === 'installd') return true;
  return values.status === 'genomford' && num(values.participantsReached) !== null;
}

interface Tally {
  values: Map<string, boolean>;
  valueRows: Map<string, MissingRows>;
  actExpected: number;
  actPresent: number;
  problems: number;
  warnings: number;
  problemDocs: Map<string, { doc: string; title: string; errors: number }>;
  missing: Map<string, MissingRows>;
  editedAt: string | null;
}

function tallyFor(tallies: Map<string, Tally>, unit: string): Tally | undefined {
  return tallies.get(unit);
}

function addMissing(t: Tally, doc: RoundDocInput, rowId: string): void {
  let m = t.missing.get(doc.doc);
  if (!m) t.missing.set(doc.doc, (m = { doc: doc.doc, kind: doc.kind, title: doc.title, rowIds: [] }));
  m.rowIds.push(rowId);
}

/**
 * The completeness of `round` for `units` from the live documents.
 * @param today ISO date the overdue check uses
 * @param stored the stored statuses of the round's units (by unit)
 * @param closed the whole round is closed: no unit is overdue then (nothing more can be submitted;
 *   a unit that never submitted keeps its status, e.g. `pagar`)
 */
export function roundCompleteness(input: {
  round: RoundDef;
  units: readonly string[];
  docs: readonly RoundDocInput[];
  stored: ReadonlyMap<string, UnitRound>;
  today: string;
  /** Unit code → level (`levels.ts`), for rounds whose levels report different indicators. */
  levels?: ReadonlyMap<string, number>;
  closed?: boolean;
  /** Documents that could not be read (`unreadable.ts`); their owners are marked `olasbar`. */
  unreadable?: readonly UnreadableDoc[];
}): RoundCompleteness {
  const { round, today } = input;
  const levelOf = (u: string): number | null => input.levels?.get(u) ?? null;
  const prepared = prepareRound(round, input.levels);
  const tallies = new Map<string, Tally>();
  for (const u of input.units) {
    tallies.set(u, { values: new Map(indicatorsForLevel(round, levelOf(u)).map((i) => [i, false])), valueRows: new Map(), actExpected: 0, actPresent: 0, problems: 0, warnings: 0, problemDocs: new Map(), missing: new Map(), editedAt: null });
  }
  for (const doc of prepared ? input.docs : []) {
    for (const row of doc.rows) {
      const unit = coveringUnit(prepared!, doc, row.values);
      const t = unit === null ? undefined : tallyFor(tallies, unit);
      if (!t) continue;
      const errors = doc.errorsByRow?.get(row.id) ?? 0;
      t.warnings += doc.warningsByRow?.get(row.id) ?? 0;
      if (errors > 0) {
        t.problems += errors;
        const d = t.problemDocs.get(doc.doc);
        if (d) d.errors += errors;
        else t.problemDocs.set(doc.doc, { doc: doc.doc, title: doc.title, errors });
      }
      const at = doc.changedAtByRow?.get(row.id);
      if (at !== undefined && (t.editedAt === null || Date.parse(at) > Date.parse(t.editedAt))) t.editedAt = at;
      if (doc.kind === 'indicator-values') {
        if (row.values.period !== round.period || (row.values.kon ?? 'T') !== 'T') continue;
        const ind = row.values.indicator as string;
        if (hasValue(row.values)) t.values.set(ind, true);
        else addMissing(t, doc, row.id);
      } else {
        t.actExpected++;
        if (hasOutcome(row.values)) t.actPresent++;
        else addMissing(t, doc, row.id);
      }
    }
  }
  const unreadable = [...(input.unreadable ?? [])];
  const units = input.units.map((unit) => ({
    ...unitResult(unit, levelOf(unit), tallies.get(unit) as Tally, input.stored.get(unit) ?? null, round, input.closed === true ? null : today),
    ...readingOf(unit, unreadable),
  }));
  const byIndicator = roundIndicators(round).map((indicator) => ({
    indicator,
    expected: input.units.filter((u) => tallies.get(u)?.values.has(indicator)).length,
    present: input.units.filter((u) => tallies.get(u)?.values.get(indicator) === true).length,
  }));
  const levels = new Map<number | null, RoundCompleteness['byLevel'][number]>();
  for (const u of units) {
    let l = levels.get(u.level);
    if (!l) levels.set(u.level, (l = { level: u.level, units: 0, expected: 0, present: 0, indicators: indicatorsForLevel(round, u.level) }));
    l.units++;
    l.expected += u.expected;
    l.present += u.present;
  }
  const byLevel = [...levels.values()].sort((a, b) => (a.level ?? 0) - (b.level ?? 0));
  const totals = {
    expected: units.reduce((s, u) => s + u.expected, 0),
    present: units.reduce((s, u) => s + u.present, 0),
    problems: units.reduce((s, u) => s + u.problems, 0),
    warnings: units.reduce((s, u) => s + u.warnings, 0),
    submitted: units.filter((u) => u.status === 'inskickad').length,
    approved: units.filter((u) => u.status === 'godkand').length,
    overdue: units.filter((u) => u.overdue).length,
  };
  return { round, today, units, byIndicator, byLevel, totals, unreadable };
}

/** `unit`'s reading and its documents of `unreadable`. */
function readingOf(unit: string, unreadable: readonly UnreadableDoc[]): Pick<UnitCompleteness, 'reading' | 'unreadable'> {
  const own = unreadable.filter((d) => d.ownerUnit === unit).map(({ doc, title, message }) => ({ doc, title, message }));
  return { reading: own.length > 0 ? 'olasbar' : 'lasbar', unreadable: own };
}

/** `today` null: the round is closed, so no unit is overdue. */
function unitResult(unit: string, level: number | null, t: Tally, stored: UnitRound | null, round: RoundDef, today: string | null): Omit<UnitCompleteness, 'reading' | 'unreadable'> {
  const valuesPresent = [...t.values.values()].filter(Boolean).length;
  const present = valuesPresent + t.actPresent;
  const status: RoundStatus = stored?.status ?? (present > 0 ? 'pagar' : 'ej-paborjad');
  const last = stored?.history.at(-1);
  return {
    unit,
    level,
    status,
    overdue: today !== null && today > round.dueDate && status !== 'inskickad' && status !== 'godkand',
    reason: stored?.reason ?? null,
    expected: t.values.size + t.actExpected,
    present,
    values: { expected: t.values.size, present: valuesPresent, missingIndicators: [...t.values].filter(([, ok]) => !ok).map(([i]) => i) },
    activities: { expected: t.actExpected, present: t.actPresent },
    problems: t.problems,
    warnings: t.warnings,
    problemDocs: [...t.problemDocs.values()],
    missing: [...t.missing.values()],
    lastChange: last ? { at: last.at, by: last.by } : null,
    lastEdit: t.editedAt === null ? null : { at: t.editedAt },
  };
}
