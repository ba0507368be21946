/**
 * The person's formulas against the shared plan's values. A formula in one of Samplan's columns
 * is never sent (`formula-cells.ts`): the read that finds it notes it in Problems (`formula-not-sent`
 * on its cell), and that note is how the rest of the binding knows the cell holds one. A colleague's
 * value arriving for such a cell (a single formula, a calculated column Excel filled, a row once
 * held) would be written over it, and the formula, the person's work, would be gone. It is kept
 * instead: the value stays in the shared plan and the note on the cell says, naming the column,
 * that the cell shows the person's formula and not the shared value (never the value itself: a
 * value in the plan is no less private for having got there). Once the person removes the formula
 * (the cell read empty where the note was), the shared value is written there: emptying it is no
 * edit of the plan's value. The same holds for a formula removed while the pane was closed: the
 * snapshot kept in the workbook names the cells that showed a formula over a value in the plan
 * ({@link formulasOverValues}), and reopening reads such a cell found empty as a formula removed
 * ({@link formulaRemoved}), never as the value erased.
 */
import { storedUnquoted } from '../../../shared/i18n/stored-words.js';
import { localized, reasonName } from '../../../shared/i18n/t.js';
import type { CellColumn, Localized } from '../../../shared/schema/types.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { cellKey } from './cell-values.js';
import type { CellKind } from './percent-cells.js';
import { cellHash, type Snapshot } from './snapshot.js';

/** The note of a formula cell, as a read finds it (`apply.ts`). */
export const FORMULA_NOT_SENT = 'formula-not-sent';
/** The note of a formula cell for which a colleague's value arrived and is kept in the plan only. */
export const FORMULA_OVER_SHARED = 'formula-over-shared';

/** Whether the cell (`rowId`, column `key`) held a formula when its row was last read: its note is in `problems`. */
export function holdsFormula(problems: ReadonlyMap<string, Problem>, rowId: string, key: string): boolean {
  const code = problems.get(cellKey(rowId, key))?.code;
  return code === FORMULA_NOT_SENT || code === FORMULA_OVER_SHARED;
}

/** The note of the cell (`rowId`, column `key` headed `header`) that shows the person's formula over the shared value. */
export function overSharedProblem(docId: string, rowId: string, key: string, header: Localized): Problem {
  return { doc: docId, rowId, column: key, severity: 'warning', code: FORMULA_OVER_SHARED, message: localized(FORMULA_OVER_SHARED, { column: header }) };
}

/**
 * Put back, in `problems` after a read of some rows, the {@link FORMULA_OVER_SHARED} notes `before`
 * held for cells the read found a formula in again: the read notes every formula cell
 * `formula-not-sent` anew, so an edit anywhere in the row dropped the word that a colleague's value
 * stands in the plan behind the formula, and quoted that value instead ("Sparat: …"). A cell read
 * empty, its formula removed, has no such note and shows the shared value.
 */
export function keepOverShared(problems: Map<string, Problem>, before: ReadonlyMap<string, Problem>): void {
  for (const [key, note] of before) if (note.code === FORMULA_OVER_SHARED && problems.get(key)?.code === FORMULA_NOT_SENT) problems.set(key, note);
}

/**
 * The note of a formula cell (`rowId`, null while a read has not given it one; column `key`
 * headed `header`): nothing of it is sent, and whether the plan holds a value for the cell
 * (`stored`), never which: the cell shows the formula's result, and the value behind it may be
 * one the person never typed (a colleague's), which no note of theirs quotes. Made by a read
 * (`apply.ts`) and for the formula Excel gave a calculated column in a row the binding appended
 * (`writeBatch`'s `addedFormulas`).
 */
export function formulaNote(docId: string, rowId: string | null, key: string, header: Localized, stored: boolean): Problem {
  const message = localized(FORMULA_NOT_SENT, { column: header });
  const words = storedUnquoted(stored);
  return { doc: docId, rowId, column: key, severity: 'warning', code: FORMULA_NOT_SENT, message: { sv: `${message.sv} ${words.sv}`, en: `${message.en} ${words.en}` } };
}

/** A row as read, as far as {@link clearedFormulas} looks at it: its cells, id first, and the cells marked a formula now. */
interface RowRead {
  raw: readonly unknown[];
  formats?: ReadonlyMap<number, CellKind>;
}

/**
 * The cells of `rows` (column keys by sheet column, 1…) that held a formula, by `problems`, and read
 * empty now, as `[rowId, key]`: the person removed the formula, and the cell is to show the shared
 * value, not to empty it. `idOf` reads a row's id cell.
 */
export function clearedFormulas(problems: ReadonlyMap<string, Problem>, keys: readonly string[], rows: readonly RowRead[], idOf: (raw: unknown) => string | null): [string, string][] {
  const out: [string, string][] = [];
  for (const row of rows) {
    const id = idOf(row.raw[0]);
    if (!id) continue;
    keys.forEach((key, i) => {
      const cell = row.raw[i + 1];
      const empty = cell === '' || cell === null || cell === undefined;
      if (empty && row.formats?.get(i + 1) !== 'formula' && holdsFormula(problems, id, key)) out.push([id, key]);
    });
  }
  return out;
}

/**
 * The cells of `rows` (a snapshot's: row id → cell hashes in `columns` order) that hold a formula
 * by `problems` over a value in the plan (its hash not the empty one), as row id → column keys:
 * kept with the snapshot (`snapshot.ts`), for {@link formulaRemoved} on reopening. A formula over
 * an empty cell of the plan needs no word: read empty it equals what the plan holds.
 */
export function formulasOverValues(problems: ReadonlyMap<string, Problem>, columns: readonly CellColumn[], rows: ReadonlyMap<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of problems.values()) {
    if ((p.code !== FORMULA_NOT_SENT && p.code !== FORMULA_OVER_SHARED) || !p.rowId || !p.column) continue;
    const i = columns.findIndex((c) => c.key === p.column);
    const column = columns[i];
    const hash = rows.get(p.rowId)?.slice(2 * i, 2 * i + 2);
    if (!column || !hash || hash === cellHash(column, null)) continue;
    const keys = out.get(p.rowId) ?? new Set<string>();
    keys.add(column.key);
    out.set(p.rowId, keys);
  }
  return out;
}

/**
 * Whether the cell (`rowId`, column `key`), read on reopening as `cell` with the mark `kind`, is a
 * formula the person removed while the pane was closed: `base` (the snapshot kept in the workbook)
 * names it as showing a formula over a value in the plan, and it reads empty, no formula now. It
 * is to show the shared value, as when the formula is removed live ({@link clearedFormulas}).
 */
export function formulaRemoved(base: Snapshot | undefined, rowId: string, key: string, cell: unknown, kind: CellKind | undefined): boolean {
  const empty = cell === '' || cell === null || cell === undefined;
  return empty && kind !== 'formula' && base?.formulas?.get(rowId)?.has(key) === true;
}

/**
 * `problems` (the plan's own, from validating the doc) with those on a cell that shows the person's
 * formula over a colleague's value ({@link FORMULA_OVER_SHARED} in `local`, the binding's notes)
 * said without the value: the plan's words quote it (`above-max`: "12 000 är större än …"), and
 * the person never typed it and does not see it in the cell. The problem stays, on its cell,
 * with its code and severity, said with its column's header (from `columns`) and the short name
 * of what is wrong.
 */
export function unquotedUnderFormulas(problems: readonly Problem[], local: ReadonlyMap<string, Problem>, columns: readonly CellColumn[]): Problem[] {
  return problems.map((p) => {
    if (!p.rowId || !p.column || local.get(cellKey(p.rowId, p.column))?.code !== FORMULA_OVER_SHARED) return p;
    const header = columns.find((c) => c.key === p.column)?.header ?? { sv: p.column, en: p.column };
    const name = (lang: 'sv' | 'en'): string => (reasonName(p.code, lang) === p.code ? UNNAMED[lang] : reasonName(p.code, lang));
    return {
      ...p,
      message: {
        sv: `${header.sv}: värdet i den delade planen bakom din formel har ett problem (${name('sv')}). Cellen visar din formel, så värdet skrivs inte ut här; den som skrev det kan rätta det.`,
        en: `${header.en}: the value in the shared plan behind your formula has a problem (${name('en')}). The cell shows your formula, so the value is not repeated here; whoever wrote it can correct it.`,
      },
    };
  });
}

/** What a problem without a short name of its own is called in {@link unquotedUnderFormulas}. */
const UNNAMED = { sv: 'värdet följer inte kolumnens regler', en: "the value does not follow the column's rules" };
