/**
 * Adopting a table someone already keeps ("Gör till delat dokument"), as pure data: which row is
 * the header (a group row of merged cells above it is read with it), which of the person's
 * columns map to which of the kind's columns, and what each body row becomes: its values through
 * the one shared normaliser (with the dates of the plan's title: `planDates`), its problems, or why it cannot be taken.
 * Nothing here touches Excel; `adopt.ts` writes the result.
 */
import { carriedRight, proposeMapping } from '../../../shared/normalize/header-map.js';
import { normalizeCell, type NormalizeContext } from '../../../shared/normalize/normalize-cell.js';
import { TOTAL_WORD } from '../../../shared/normalize/total-row.js';
import { cellColumn } from '../../../shared/schema/index.js';
import type { DocKind, Localized, RowValues } from '../../../shared/schema/types.js';
import { findPersonnummerInValue, type PersonnummerMatch } from '../../../shared/validate/personnummer.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { validateRow } from '../../../shared/validate/validate-row.js';

/** The person's range as read: rows of cell values, the first row being the first used one. */
export type Grid = readonly (readonly unknown[])[];

/** The header of an adopted range and the proposed mapping. */
export interface SourceHeader {
  /** Index in the grid of the header row (rows above it are titles or group labels). */
  headerRow: number;
  headers: string[];
  /** Group label over each column (a merged cell above the header, repeated rightwards), or ''. */
  groups: string[];
  /** Cell key per source column, null for the person's own columns. */
  mapping: (string | null)[];
}

/** One body row that becomes a document row. */
export interface TakenRow {
  /** Index in the grid. */
  source: number;
  values: RowValues;
  /** Cells that could not be taken (kept as typed in the sheet) and validation's findings. */
  problems: Problem[];
  /** The row's cells in the person's own columns, in source order. */
  extra: unknown[];
}

/**
 * What {@link planAdoption} needs besides the grid: the new document's id (for problems) and how a
 * date written without its year is read, as the title gives it (`planDates`: `year` for a plan of
 * one calendar year, `period` for another; neither: assumed from `now` and said).
 */
export type AdoptionOptions = { docId: string } & Pick<NormalizeContext, 'year' | 'period' | 'now'>;

/** The preview of an adoption. */
export interface AdoptionPlan {
  kind: DocKind;
  header: SourceHeader;
  rows: TakenRow[];
  /** Rows that cannot be taken, with the reason; they stay on the copy of the original sheet. */
  left: { source: number; reason: Localized; text: string }[];
  /** Blank rows skipped. */
  blank: number;
  /** Source columns kept as the person's own (at the right of the table), in source order. */
  extraColumns: number[];
}

const HEADER_SEARCH = 5;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const blank = (row: readonly unknown[]): boolean => row.every((v) => text(v) === '' && typeof v !== 'boolean');

/**
 * Finds the header among the first rows: the row whose cells name the most of the kind's columns
 * (the first on a tie), read together with a group row right above it.
 */
export function readHeader(kind: DocKind, grid: Grid): SourceHeader {
  const width = Math.max(0, ...grid.map((r) => r.length));
  let best: SourceHeader | null = null;
  let bestCount = -1;
  for (let r = 0; r < Math.min(HEADER_SEARCH, grid.length); r++) {
    const headers = Array.from({ length: width }, (_, c) => text(grid[r]?.[c]));
    const groups = r > 0 ? carriedRight(Array.from({ length: width }, (_, c) => text(grid[r - 1]?.[c]))) : headers.map(() => '');
    const mapping = proposeMapping(kind, headers, groups);
    const count = mapping.filter((k) => k !== null).length;
    if (count > bestCount) {
      best = { headerRow: r, headers, groups, mapping };
      bestCount = count;
    }
  }
  return best ?? { headerRow: 0, headers: [], groups: [], mapping: [] };
}


/**
 * What the rows under `header` become with `mapping` (the proposal, or the person's correction):
 * values normalised with the plan's dates (`opts`), problems per row, rows left out with the reason.
 */
export function planAdoption(kind: DocKind, grid: Grid, header: SourceHeader, opts: AdoptionOptions): AdoptionPlan {
  const plan: AdoptionPlan = { kind, header, rows: [], left: [], blank: 0, extraColumns: extraColumnsOf(grid, header) };
  for (let r = header.headerRow + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    if (blank(row)) {
      plan.blank++;
      continue;
    }
    const first = row.map(text).find((t) => t !== '') ?? '';
    if (TOTAL_WORD.test(first)) {
      plan.left.push({ source: r, reason: { sv: 'En summerad rad, inte en aktivitet.', en: 'A total row, not an entry.' }, text: rowText(row) });
      continue;
    }
    const taken = takeRow(kind, row, header.mapping, opts, r);
    if (Object.keys(taken.values).length === 0 && taken.problems.length === 0) {
      plan.left.push({ source: r, reason: { sv: 'Inget i Samplans kolumner; raden finns kvar i kopian av originalet.', en: 'Nothing in Samplan’s columns; the row stays in the copy of the original.' }, text: rowText(row) });
      continue;
    }
    taken.extra = plan.extraColumns.map((c) => row[c] ?? '');
    plan.rows.push(taken);
  }
  return plan;
}

/** Unmapped source columns with a header or any value: the person's own, kept at the right. */
function extraColumnsOf(grid: Grid, header: SourceHeader): number[] {
  return header.mapping.flatMap((key, c) => {
    if (key !== null) return [];
    const used = header.headers[c] !== '' || grid.slice(header.headerRow + 1).some((row) => text(row[c]) !== '');
    return used ? [c] : [];
  });
}

/** The problem of a cell holding a personnummer or samordningsnummer, which is not taken. */
const NUMBER_NOT_TAKEN: Localized = { sv: 'Personnummer sparas inte i Samplan; cellen tas inte med.', en: 'Personal identity numbers are not stored in Samplan; the cell is not taken.' };
/** The same for a reservnummer, named as one: someone holding a reserve number need not read "personnummer" as theirs. */
const RESERVE_NOT_TAKEN: Localized = {
  sv: 'Cellen innehåller ett reservnummer. Personnummer och reservnummer sparas inte i Samplan; cellen tas inte med.',
  en: 'The cell contains a reserve identity number (reservnummer). Identity numbers are not stored in Samplan; the cell is not taken.',
};

/** One row's values through the shared normaliser; a refused cell (or a personnummer) is a problem, not a value. */
function takeRow(kind: DocKind, row: readonly unknown[], mapping: readonly (string | null)[], opts: AdoptionOptions, source: number): TakenRow {
  const values: RowValues = {};
  const problems: Problem[] = [];
  const rowId = `rad-${source + 1}`;
  mapping.forEach((key, c) => {
    const col = key === null ? undefined : cellColumn(kind, key);
    if (!col) return;
    const raw = row[c];
    const refuse = (found: PersonnummerMatch): void => {
      problems.push({ doc: opts.docId, rowId, column: col.key, severity: 'error', code: 'personnummer', message: found.kind === 'reservnummer' ? RESERVE_NOT_TAKEN : NUMBER_NOT_TAKEN });
    };
    // The cell as typed and as it would be stored: Excel keeps 8501011236 typed without a dash as
    // a number, which a text column takes as the text "8501011236" (the binding guards the same way).
    const found = findPersonnummerInValue(raw);
    if (found) return refuse(found);
    const n = normalizeCell(col, raw, opts);
    const stored = n.ok ? findPersonnummerInValue(n.value) : null;
    if (stored) return refuse(stored);
    if (!n.ok) problems.push({ doc: opts.docId, rowId, column: col.key, severity: 'error', code: n.code, message: n.message });
    else if (n.value !== null && n.value !== false) values[col.key] = n.value;
    if (n.ok) for (const note of n.notes ?? []) problems.push({ doc: opts.docId, rowId, column: col.key, severity: 'info', code: note.code, message: note.message });
  });
  if (Object.keys(values).length > 0) problems.push(...validateRow(kind, opts.docId, rowId, values));
  return { source, values, problems, extra: [] };
}

function rowText(row: readonly unknown[]): string {
  return row.map(text).filter((t) => t !== '').join(' · ');
}
