/**
 * Which sheet of an imported workbook is the table. Workbooks e-mailed between clinics often open
 * on another sheet than the plan: instructions, a cover page, a chart, a summary. Of the visible
 * sheets (`xlsx-read.ts` reads them all, in tab order), the one whose header names the most
 * columns of the document's kind (`headerFit`, as a single sheet's header is found) is read; on a
 * tie the tab that was open when the workbook was saved (its `activeTab`: what the person last
 * looked at, a `2026` sheet beside last year's `2025`) when it is one of the best, else the first;
 * when none has such a header, the first, whose refusal (`no-header-row`) names what is missing,
 * as before. The summary names the sheet read when there were several and why, the other sheets
 * whose header names two or more of the document's columns, which were not read, and the sheets
 * left unread because they are past the size limits.
 */
import type { DocKind, Localized } from '../../shared/schema/types.js';
import { redactPersonnummer } from '../../shared/validate/redact-personnummer.js';
import { IDENTITY_MASK } from './errors.js';
import { headerFit } from './import-header.js';
import type { ImportInput } from './import-read.js';
import { numberText } from '../../shared/i18n/number-words.js';

/** The summary's note on the sheet read: its name, the other sheets holding a table, in words. */
export interface ImportSheetNote {
  name: string;
  /** Other visible sheets whose header names the document's columns too; they were not read. */
  alsoTables: string[];
  /** Later visible sheets left unread because they are past the size limits. */
  tooLarge?: string[];
  message: Localized;
}

const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

/** The words on the sheets left unread for their size, or empty words. */
function tooLargeWords(names: readonly string[]): Localized {
  if (names.length === 0) return { sv: '', en: '' };
  const one = names.length === 1;
  return {
    sv: ` ${one ? 'Fliken' : 'Flikarna'} ${quoted(names)} lästes inte: ${one ? 'den har' : 'de har'} fler rader eller celler än en import läser; importera ${one ? 'den' : 'dem'} som ${one ? 'en egen, mindre fil' : 'egna, mindre filer'}.`,
    en: ` The ${one ? 'sheet' : 'sheets'} ${quoted(names)} ${one ? 'was' : 'were'} not read: ${one ? 'it has' : 'they have'} more rows or cells than an import reads; import ${one ? 'it as a smaller file of its own' : 'them as smaller files of their own'}.`,
  };
}

/**
 * The input with the chosen sheet as its table, and the note on it (none for a CSV, JSON or a
 * workbook with one visible sheet). Sheet names are given back with a personnummer masked.
 */
export function chooseSheet(kind: DocKind, input: ImportInput): { input: ImportInput; sheet?: ImportSheetNote } {
  if (!('table' in input)) return { input };
  const shown = (name: string) => redactPersonnummer(name, IDENTITY_MASK);
  const tooLarge = (input.skippedSheets ?? []).map((s) => shown(s.name));
  if (!input.otherSheets || input.otherSheets.length === 0) {
    if (tooLarge.length === 0) return { input };
    const name = shown(input.sheet ?? '');
    const skipped = tooLargeWords(tooLarge);
    const message = { sv: `Fliken "${name}" lästes.${skipped.sv}`, en: `The sheet "${name}" was read.${skipped.en}` };
    return { input, sheet: { name, alsoTables: [], tooLarge, message } };
  }
  const { otherSheets, sheet, skippedSheets: _skipped, ...firstInput } = input;
  const first = { name: sheet ?? '', table: input.table, rowNumbers: input.rowNumbers ?? [], formulasWithoutValue: input.formulasWithoutValue ?? [], hiddenRows: input.hiddenRows ?? [], hiddenColumns: input.hiddenColumns ?? [], mergedRanges: [...(input.mergedRanges ?? [])], active: input.active === true };
  const sheets = [first, ...otherSheets];
  const fits = sheets.map((s) => headerFit(kind, s.table)?.known ?? 0);
  const best = Math.max(...fits);
  const tied = sheets.filter((_, i) => fits[i] === best).length;
  const activeAt = sheets.findIndex((s, i) => s.active && fits[i] === best && best > 0);
  const at = activeAt >= 0 ? activeAt : Math.max(0, fits.indexOf(best));
  const chosen = sheets[at] ?? first;
  const name = shown(chosen.name);
  // A table names two columns at least; a notes sheet headed "Anteckningar" (a comment's synonym) is none.
  const alsoTables = sheets.filter((s, i) => i !== at && (fits[i] ?? 0) >= 2).map((s) => shown(s.name));
  const others = alsoTables.length === 0 ? { sv: '', en: '' } : {
    sv: ` ${alsoTables.length === 1 ? 'Fliken' : 'Flikarna'} ${quoted(alsoTables)} har också dokumentets kolumnnamn men lästes inte; importera ${alsoTables.length === 1 ? 'den' : 'dem'} som ${alsoTables.length === 1 ? 'en egen fil' : 'egna filer'}.`,
    en: ` The ${alsoTables.length === 1 ? 'sheet' : 'sheets'} ${quoted(alsoTables)} also ${alsoTables.length === 1 ? 'holds' : 'hold'} the document's column names but ${alsoTables.length === 1 ? 'was' : 'were'} not read; import ${alsoTables.length === 1 ? 'it as a file of its own' : 'them as files of their own'}.`,
  };
  const why = tied > 1 && activeAt >= 0
    ? { sv: `den som var öppen när arbetsboken sparades (${numberText(tied, 'sv')} flikar har lika många av dokumentets kolumnnamn)`, en: `the one open when the workbook was saved (${numberText(tied, 'en')} sheets have as many of the document's column names)` }
    : tied > 1 && best > 0
      ? { sv: `den första av ${numberText(tied, 'sv')} flikar med lika många av dokumentets kolumnnamn`, en: `the first of ${numberText(tied, 'en')} sheets with as many of the document's column names` }
      : { sv: 'den som har flest av dokumentets kolumnnamn', en: "the one with the most of the document's column names" };
  const skipped = tooLargeWords(tooLarge);
  const message = {
    sv: `Arbetsboken har ${numberText(sheets.length + tooLarge.length, 'sv')} synliga flikar; fliken "${name}" lästes, ${why.sv}.${others.sv}${skipped.sv}`,
    en: `The workbook has ${numberText(sheets.length + tooLarge.length, 'en')} visible sheets; the sheet "${name}" was read, ${why.en}.${others.en}${skipped.en}`,
  };
  const input2: ImportInput = { ...firstInput, table: chosen.table, rowNumbers: chosen.rowNumbers, formulasWithoutValue: chosen.formulasWithoutValue, hiddenRows: chosen.hiddenRows, hiddenColumns: chosen.hiddenColumns, mergedRanges: chosen.mergedRanges, active: chosen.active, sheet: chosen.name };
  return { input: input2, sheet: { name, alsoTables, ...(tooLarge.length > 0 ? { tooLarge } : {}), message } };
}
