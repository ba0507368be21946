/**
 * Which sheet of an imported workbook is the table. Workbooks e-mailed between clinics often open
 * on another sheet than the plan: instructions, a cover page, a chart, a summary. Of the visible
 * sheets (`xlsx-read.ts` reads them all, in tab order), the one whose header names the most
 * columns of the document's kind (`headerFit`, as a single sheet's header is found) is read, the
 * first on a tie; when none has such a header, the first, whose refusal (`no-header-row`) names
 * what is missing, as before. The summary names the sheet read when there were several, and the
 * other sheets whose header names two or more of the document's columns, which were not read.
 */
import type { DocKind, Localized } from '../../shared/schema/types.js';
import { redactPersonnummer } from '../../shared/validate/redact-personnummer.js';
import { IDENTITY_MASK } from './errors.js';
import { headerFit } from './import-header.js';
import type { ImportInput } from './import-read.js';

/** The summary's note on the sheet read: its name, the other sheets holding a table, in words. */
export interface ImportSheetNote {
  name: string;
  /** Other visible sheets whose header names the document's columns too; they were not read. */
  alsoTables: string[];
  message: Localized;
}

const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

/**
 * The input with the chosen sheet as its table, and the note on it (none for a CSV, JSON or a
 * workbook with one visible sheet). Sheet names are given back with a personnummer masked.
 */
export function chooseSheet(kind: DocKind, input: ImportInput): { input: ImportInput; sheet?: ImportSheetNote } {
  if (!('table' in input) || !input.otherSheets || input.otherSheets.length === 0) return { input };
  const { otherSheets, sheet, ...firstInput } = input;
  const sheets = [{ name: sheet ?? '', table: input.table, rowNumbers: input.rowNumbers ?? [], formulasWithoutValue: input.formulasWithoutValue ?? [], hiddenRows: input.hiddenRows ?? [] }, ...otherSheets];
  const fits = sheets.map((s) => headerFit(kind, s.table)?.known ?? 0);
  let at = 0;
  fits.forEach((known, i) => {
    if (known > (fits[at] ?? 0)) at = i;
  });
  const chosen = sheets[at] ?? sheets[0];
  if (!chosen) return { input };
  const shown = (name: string) => redactPersonnummer(name, IDENTITY_MASK);
  const name = shown(chosen.name);
  // A table names two columns at least; a notes sheet headed "Anteckningar" (a comment's synonym) is none.
  const alsoTables = sheets.filter((s, i) => i !== at && (fits[i] ?? 0) >= 2).map((s) => shown(s.name));
  const others = alsoTables.length === 0 ? { sv: '', en: '' } : {
    sv: ` ${alsoTables.length === 1 ? 'Fliken' : 'Flikarna'} ${quoted(alsoTables)} har också dokumentets kolumnnamn men lästes inte; importera ${alsoTables.length === 1 ? 'den' : 'dem'} som ${alsoTables.length === 1 ? 'en egen fil' : 'egna filer'}.`,
    en: ` The ${alsoTables.length === 1 ? 'sheet' : 'sheets'} ${quoted(alsoTables)} also ${alsoTables.length === 1 ? 'holds' : 'hold'} the document's column names but ${alsoTables.length === 1 ? 'was' : 'were'} not read; import ${alsoTables.length === 1 ? 'it as a file of its own' : 'them as files of their own'}.`,
  };
  const message = {
    sv: `Arbetsboken har ${sheets.length} synliga flikar; fliken "${name}" lästes, den som har flest av dokumentets kolumnnamn.${others.sv}`,
    en: `The workbook has ${sheets.length} visible sheets; the sheet "${name}" was read, the one with the most of the document's column names.${others.en}`,
  };
  const input2: ImportInput = { ...firstInput, table: chosen.table, rowNumbers: chosen.rowNumbers, formulasWithoutValue: chosen.formulasWithoutValue, hiddenRows: chosen.hiddenRows, sheet: chosen.name };
  return { input: input2, sheet: { name, alsoTables, message } };
}
