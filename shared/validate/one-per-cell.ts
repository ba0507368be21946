/**
 * One problem per cell. A cell can be judged by several checks at once: the sheet binding
 * reports that "2026 kv 1" is no period (the typed text stays in the cell, the doc keeps no
 * value) while the doc's validation reports the same cell as empty and required. A person needs
 * the one that says what is wrong with what they typed, so only the most specific is kept.
 */
import type { Problem, Severity } from './problem.js';

const SEVERITY: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/**
 * How much a problem says about its cell: `required` only says "empty" (it is what an unreadable
 * value looks like from the doc's side), every other check names the value it read.
 */
function specificity(problem: Problem): number {
  return problem.code === 'required' ? 0 : 1;
}

function outranks(a: Problem, b: Problem): boolean {
  const severity = SEVERITY[a.severity] - SEVERITY[b.severity];
  if (severity !== 0) return severity > 0;
  return specificity(a) > specificity(b);
}

/**
 * Keeps, for every cell (`doc`, `rowId`, `column` all set), the single most serious and most
 * specific problem; on a tie the first one given. Notes are the exception: when a cell's most
 * serious problem is information, each note of another code stays beside it (`12 mars 14:00`
 * without a year is both "year assumed" and "time of day dropped"; neither says the other).
 * Row- and document-level problems (no row or no column) and problems carrying the person's text
 * to copy all stay. Order is kept: each kept problem stays where its cell first appeared.
 *
 * @example
 * onePerCell([required('period'), notPeriod('period', '2026 kv 1')]) // → [notPeriod…]
 */
export function onePerCell(problems: readonly Problem[]): Problem[] {
  const kept: (Problem | Problem[])[] = [];
  const slot = new Map<string, number>();
  for (const problem of problems) {
    // A problem carrying text the person wrote (`copyText`) is never hidden behind another.
    if (problem.rowId === null || problem.column === null || problem.copyText !== undefined) {
      kept.push(problem);
      continue;
    }
    const key = `${problem.doc}\u0000${problem.rowId}\u0000${problem.column}`;
    const at = slot.get(key);
    const cell = at === undefined ? undefined : (kept[at] as Problem[]);
    if (at === undefined || !cell) {
      slot.set(key, kept.length);
      kept.push([problem]);
    } else if (outranks(problem, cell[0] as Problem)) {
      kept[at] = [problem];
    } else if (isAnotherNote(problem, cell)) {
      cell.push(problem);
    }
  }
  return kept.flat();
}

/** Whether `problem` is a note (information) of a code the cell's kept notes do not already have. */
function isAnotherNote(problem: Problem, cell: readonly Problem[]): boolean {
  const head = cell[0] as Problem;
  return problem.severity === 'info' && head.severity === 'info' && !outranks(head, problem) && !cell.some((p) => p.code === problem.code);
}
