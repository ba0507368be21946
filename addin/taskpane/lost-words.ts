/**
 * The words Problems shows for cells of the person's that a colleague's change took away, or the
 * server refused and took back (`addin/sync/lost-writes.ts`): which row (its first text cell, as the sheet shows it) and
 * column, what the person wrote and what the cell holds now, in Swedish and English, with the
 * person's text to copy (`Problem.copyText`). The row of a lost cell that is still there is named
 * by its id, so clicking the problem selects the cell; a deleted row's problem names it in words.
 */
import { cellColumns, isDocKind } from '../../shared/schema/index.js';
import type { CellValue, Localized } from '../../shared/schema/types.js';
import type { Problem } from '../../shared/validate/problem.js';
import type { LostWrite } from '../sync/lost-writes.js';
import type { Lang } from './strings.js';
import { numberAsCell } from '../../shared/i18n/number-words.js';

/** Problem codes: a cell set at once by a colleague whose value was kept; cells of a row deleted before they were sent. */
export const OVERWRITTEN_CODE = 'overwritten-at-once';
export const ROW_DELETED_CODE = 'row-deleted-unsent';
/** Problem code: a cell the server refused and took back (a row an approved round locked while the person was offline, say). */
export const REFUSED_CELL_CODE = 'refused-taken-back';

/** At most this many such problems are kept per document (the newest). */
export const MAX_LOST_PROBLEMS = 50;

const NAME_CHARS = 60;

/**
 * A cell value as a person wrote it, quoted in a sentence of `lang` or copied back into a sheet of
 * `lang`: a number as such a cell shows it and reads it typed (`numberAsCell`: `12,5` in Swedish),
 * pasted into the sheet again as the same number. `String` wrote `12.5`, which Swedish Excel
 * reads as 12 May or as text.
 */
function said(value: CellValue, lang: Lang): string {
  if (value === null || value === '') return '';
  return typeof value === 'number' ? numberAsCell(value, lang) : String(value);
}

/** Whether the person wrote anything (a cell they emptied: nothing to quote or copy). */
const wrote = (value: CellValue): boolean => said(value, 'en') !== '';

/** The row's name: its first text cell that holds text, cut at {@link NAME_CHARS}; null when none does. */
function rowName(kind: string, row: Record<string, CellValue>): string | null {
  if (!isDocKind(kind)) return null;
  for (const c of cellColumns(kind)) {
    if (c.option || c.column.type !== 'text') continue;
    const value = row[c.key];
    const text = typeof value === 'string' ? value.trim() : '';
    if (text) return text.length > NAME_CHARS ? `${text.slice(0, NAME_CHARS - 1)}…` : text;
  }
  return null;
}

function header(kind: string, key: string): Localized {
  const column = isDocKind(kind) ? cellColumns(kind).find((c) => c.key === key) : undefined;
  return column ? column.header : { sv: key, en: key };
}

/** The lost cells' texts in the table's column order from its first column, tab-separated (a row to paste), other cells empty. */
function inColumnOrder(kind: string, cells: readonly LostWrite[], lang: Lang): string {
  if (!isDocKind(kind)) return cells.map((c) => said(c.mine, lang)).join('\t');
  const texts = cellColumns(kind).map((c) => said(cells.find((l) => l.column === c.key)?.mine ?? null, lang));
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  return texts.join('\t');
}

/** The problem of one cell the server refused and took back: its column and row, why, what the person wrote (to copy into a sheet of `lang`) and what the cell shows again. */
function refusedProblem(docId: string, l: LostWrite, col: Localized, row: Localized, lang: Lang): Problem {
  const why = l.why ?? { sv: 'Servern tog inte emot ändringen.', en: 'The server refused the change.' };
  const shows = wrote(l.kept)
    ? { sv: `Cellen visar ”${said(l.kept, 'sv')}” igen.`, en: `The cell shows “${said(l.kept, 'en')}” again.` }
    : { sv: 'Cellen är tom igen.', en: 'The cell is empty again.' };
  const message = wrote(l.mine)
    ? {
        sv: `Din ändring av ${col.sv} ${row.sv} sparades inte: ${why.sv} Det du skrev: ”${said(l.mine, 'sv')}”. ${shows.sv} Kopiera det du skrev och skriv in det igen när raden går att ändra.`,
        en: `Your change of ${col.en} ${row.en} was not saved: ${why.en} What you wrote: “${said(l.mine, 'en')}”. ${shows.en} Copy what you wrote and enter it again once the row can be changed.`,
      }
    : { sv: `Du tömde ${col.sv} ${row.sv}, men det sparades inte: ${why.sv} ${shows.sv}`, en: `You emptied ${col.en} ${row.en}, but it was not saved: ${why.en} ${shows.en}` };
  return { doc: docId, rowId: l.rowId, column: l.column, severity: 'warning', code: REFUSED_CELL_CODE, message, ...(wrote(l.mine) ? { copyText: said(l.mine, lang) } : {}) };
}

/** The problem of a row the person added that the server refused and took back (`rowGone`): why, and what they wrote, to paste on a new row. */
function refusedRowProblem(docId: string, name: string | null, why: Localized | undefined, list: Localized, copyText: string): Problem {
  const reason = why ?? { sv: 'Servern tog inte emot ändringen.', en: 'The server refused the change.' };
  const row = { sv: name ? `Raden ”${name}” som du lade till` : 'En rad som du lade till', en: name ? `The row “${name}” you added` : 'A row you added' };
  return {
    doc: docId,
    rowId: null,
    column: null,
    severity: 'warning',
    code: REFUSED_CELL_CODE,
    message: {
      sv: `${row.sv} sparades inte: ${reason.sv} Det du skrev: ${list.sv}. Kopiera det (i tabellens kolumnordning, att klistra in från första kolumnen på en ny rad) om det ska in när det går.`,
      en: `${row.en} was not saved: ${reason.en} What you wrote: ${list.en}. Copy it (in the table's column order, to paste from the first column of a new row) to enter it once it can be.`,
    },
    copyText,
  };
}

/** `text` with its first letter small, to follow a colon, unless it starts a word in capitals ("SKR"). */
function afterColon(text: string): string {
  const [first = '', second = ''] = text;
  return second !== '' && second === second.toUpperCase() ? text : first.toLowerCase() + text.slice(1);
}

/**
 * The problem of a row the server put back (`rowBack`): one the person deleted came back, or one
 * they moved stands where it stood; named by its id, so clicking it selects the row, and by its
 * first text cell (else "a row") in words, with why.
 */
function rowBackProblem(docId: string, kind: string, l: LostWrite): Problem {
  const why = l.why ?? { sv: 'Servern tog inte emot ändringen.', en: 'The server refused the change.' };
  const name = rowName(kind, l.row);
  const message =
    l.rowBack === 'deleted'
      ? {
          sv: `${name ? `Raden ”${name}”` : 'En rad'} som du tog bort kom tillbaka: ${afterColon(why.sv)} Ta bort den igen när raden går att ändra, om den ska bort.`,
          en: `${name ? `The row “${name}”` : 'A row'} you deleted came back: ${afterColon(why.en)} Delete it again once the row can be changed, if it should go.`,
        }
      : {
          sv: `${name ? `Raden ”${name}”` : 'En rad'} flyttades tillbaka dit den stod: ${afterColon(why.sv)}`,
          en: `${name ? `The row “${name}”` : 'A row'} was moved back where it stood: ${afterColon(why.en)}`,
        };
  return { doc: docId, rowId: l.rowId, column: null, severity: 'warning', code: REFUSED_CELL_CODE, message };
}

/**
 * Problems for the lost cells of one remote change to document `docId` of `kind`, its text to
 * copy written for a sheet of `lang` (the pane's, as the binding writes and reads cells): one per
 * overwritten or refused cell, one per deleted row or refused added row (naming each of its lost cells),
 * one per row the server put back (deleted or moved by the person and refused).
 *
 * @example
 * lostProblems('d1', 'activity-plan', lost, 'sv')[0].message.sv
 * // → 'Du och en kollega ändrade Plats på raden ”Hälsodag” samtidigt, och kollegans värde ”Folkets hus” behölls. Det du skrev: ”Biblioteket”. …'
 */
export function lostProblems(docId: string, kind: string, lost: readonly LostWrite[], lang: Lang): Problem[] {
  // Each is a note the person closes (Stäng) when done with it, whether or not it offers text.
  return toldProblems(docId, kind, lost, lang).map((p) => ({ ...p, dismissable: true }));
}

function toldProblems(docId: string, kind: string, lost: readonly LostWrite[], lang: Lang): Problem[] {
  const problems: Problem[] = [];
  const deleted = new Map<string, LostWrite[]>();
  for (const l of lost) {
    if (l.kind === 'row-deleted' || l.rowGone === true) {
      // A cell the person emptied in a row that is gone: nothing of theirs to type again.
      if (wrote(l.mine)) deleted.set(l.rowId, [...(deleted.get(l.rowId) ?? []), l]);
      continue;
    }
    if (l.rowBack !== undefined) {
      problems.push(rowBackProblem(docId, kind, l));
      continue;
    }
    const name = rowName(kind, l.row);
    const col = header(kind, l.column);
    const row = { sv: name ? `på raden ”${name}”` : 'på en rad', en: name ? `of the row “${name}”` : 'of a row' };
    if (l.kind === 'refused') {
      problems.push(refusedProblem(docId, l, col, row, lang));
      continue;
    }
    const keptWords = wrote(l.kept)
      ? { sv: `kollegans värde ”${said(l.kept, 'sv')}” behölls`, en: `the colleague's value “${said(l.kept, 'en')}” was kept` } : { sv: 'kollegan tömde cellen', en: 'the colleague emptied the cell' };
    if (!wrote(l.mine)) {
      // The person emptied the cell while a colleague wrote in it: there is no text to copy.
      problems.push({
        doc: docId,
        rowId: l.rowId,
        column: l.column,
        severity: 'warning',
        code: OVERWRITTEN_CODE,
        message: {
          sv: `Du tömde ${col.sv} ${row.sv} samtidigt som en kollega ändrade den, och ${keptWords.sv}. Töm den igen om den ska vara tom.`,
          en: `You emptied ${col.en} ${row.en} while a colleague changed it, and ${keptWords.en}. Empty it again if it should be empty.`,
        },
      });
      continue;
    }
    problems.push({
      doc: docId,
      rowId: l.rowId,
      column: l.column,
      severity: 'warning',
      code: OVERWRITTEN_CODE,
      message: {
        sv: `Du och en kollega ändrade ${col.sv} ${row.sv} samtidigt, och ${keptWords.sv}. Det du skrev: ”${said(l.mine, 'sv')}”. Kopiera det och skriv in det igen om det ska gälla.`,
        en: `You and a colleague changed ${col.en} ${row.en} at the same time, and ${keptWords.en}. What you wrote: “${said(l.mine, 'en')}”. Copy it and enter it again if it should stand.`,
      },
      copyText: said(l.mine, lang),
    });
  }
  for (const [, cells] of deleted) {
    const first = cells[0];
    if (!first) continue;
    const name = rowName(kind, first.row);
    const row = { sv: name ? `Raden ”${name}”` : 'En rad', en: name ? `The row “${name}”` : 'A row' };
    const list = (words: Lang): string => cells.map((c) => `${header(kind, c.column)[words]}: ${words === 'sv' ? '”' : '“'}${said(c.mine, words)}”`).join('; ');
    if (first.kind === 'refused') {
      problems.push(refusedRowProblem(docId, name, first.why, { sv: list('sv'), en: list('en') }, inColumnOrder(kind, cells, lang)));
      continue;
    }
    problems.push({
      doc: docId,
      rowId: null,
      column: null,
      severity: 'warning',
      code: ROW_DELETED_CODE,
      message: {
        sv: `${row.sv} togs bort av en kollega innan dina ändringar i den hade nått servern, så de sparades inte. Det du skrev: ${list('sv')}. Lägg till raden igen och skriv in det om det behövs (Kopiera ger det i tabellens kolumnordning, att klistra in från första kolumnen på en ny rad).`,
        en: `${row.en} was deleted by a colleague before your changes to it had reached the server, so they were not saved. What you wrote: ${list('en')}. Add the row again and enter it if it is needed (Copy gives it in the table's column order, to paste from the first column of a new row).`,
      },
      copyText: inColumnOrder(kind, cells, lang),
    });
  }
  return problems;
}
