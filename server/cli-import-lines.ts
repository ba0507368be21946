/**
 * What `samplan import` prints for a person (`cli-import.ts`), in the language `--lang` names
 * (Swedish unless `en`), as `export` names its columns and `report` writes its report: on standard
 * output the counts, and the rows taken, new and changed apart, by their place in the file and
 * their name, the first {@link LISTED_ROWS} of each and the rest counted (the whole answer, every
 * row and id, is what `--json` prints instead); on standard error each refusal, value held back,
 * warning and note as a sentence. The command's own failures (`samplan: …`) stay English, as every
 * command's do.
 */
import type { ImportLaterEdit, ImportSummary, ImportTaken } from './http/import-rows.js';

/** How many rows of each list (added, changed) are printed; the rest are counted. */
export const LISTED_ROWS = 20;

type Lang = 'sv' | 'en';

/** `1 row`, `3 rows`; `1 rad`, `3 rader`. */
function rows(n: number, lang: Lang): string {
  if (lang === 'sv') return `${n} ${n === 1 ? 'rad' : 'rader'}`;
  return `${n} ${n === 1 ? 'row' : 'rows'}`;
}

/** "Row 5: Hälsodag i Tensta" / "Rad 5: …" ("Record 4" / "Post 4" for JSON, which has no rows). */
function takenLine(t: ImportTaken, lang: Lang): string {
  const place = t.row !== undefined ? `${lang === 'sv' ? 'Rad' : 'Row'} ${t.row}` : `${lang === 'sv' ? 'Post' : 'Record'} ${t.record}`;
  return t.name ? `${place}: ${t.name[lang]}` : place;
}

/** The list `title` of `items`, each on an indented line, the first {@link LISTED_ROWS} and the rest counted; none when empty. */
function listed(title: string, items: readonly ImportTaken[], lang: Lang): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, LISTED_ROWS).map((t) => `  ${takenLine(t, lang)}`);
  const more = items.length - LISTED_ROWS;
  const rest = lang === 'sv' ? `  … och ${more} till (--json listar alla rader).` : `  … and ${more} more (--json lists every row).`;
  return [`${title}:`, ...shown, ...(more > 0 ? [rest] : [])];
}

/** The file's values held back: changed in Samplan by someone else since the export, and in the file to another value (`both`). */
export function heldBack(summary: Pick<ImportSummary, 'version'>): ImportLaterEdit[] {
  return (summary.version?.laterEdits ?? []).filter((e) => e.kind === 'both');
}

/** The file's rows not added again: deleted in Samplan by someone since the export (`deleted`); the person decides whether they come back. */
export function notAddedAgain(summary: Pick<ImportSummary, 'version'>): ImportLaterEdit[] {
  return (summary.version?.laterEdits ?? []).filter((e) => e.kind === 'deleted');
}

/**
 * The lines of `summary` for a person in `lang`: whether anything was stored, the counts ("Lade
 * till 3 rader och ändrade 1; 2 oförändrade, 1 avvisad, 1 tom rad eller summarad utelämnad."),
 * the file's values held back, and the rows taken.
 *
 * @example
 * summaryLines({ dryRun: true, imported: 1, updated: 0, unchanged: 0, ignored: 0, refused: [], taken: [...] , ... }, 'en')
 * // ['Dry run: nothing was stored.', 'Would add 1 row and change 0; 0 unchanged, 0 refused.', 'Would add:', '  Row 2: Stavgång']
 */
export function summaryLines(summary: ImportSummary, lang: Lang = 'sv'): string[] {
  const dry = summary.dryRun;
  // Records left as they are in Samplan for later edits (kept, held back, deleted since) are in
  // `ignored` too, but are neither empty nor total rows: their notes say what became of them.
  const taken = new Set(summary.taken.map((t) => t.record));
  const later = new Set((summary.version?.laterEdits ?? []).map((e) => e.record).filter((r) => !taken.has(r)));
  const skipped = summary.ignored - summary.unchanged - later.size;
  const held = heldBack(summary).length;
  const gone = notAddedAgain(summary).length;
  const goneSv = gone > 0 ? `, ${rows(gone, lang)} i filen ${dry ? 'skulle inte läggas' : 'lades inte'} till igen` : '';
  const goneEn = gone > 0 ? `, ${rows(gone, lang)} of the file ${dry ? 'would not be' : 'not'} added again` : '';
  const counts =
    lang === 'sv'
      ? `${dry ? 'Skulle lägga till' : 'Lade till'} ${rows(summary.imported, lang)} och ${dry ? 'ändra' : 'ändrade'} ${summary.updated}; ${summary.unchanged} oförändrade, ${summary.refused.length} ${summary.refused.length === 1 ? 'avvisad' : 'avvisade'}${held > 0 ? `, ${held} ${held === 1 ? 'värde' : 'värden'} i filen ${dry ? 'skulle hållas' : 'hölls'} tillbaka` : ''}${goneSv}${skipped > 0 ? `, ${skipped} ${skipped === 1 ? 'tom rad eller summarad utelämnad' : 'tomma rader eller summarader utelämnade'}` : ''}.`
      : `${dry ? 'Would add' : 'Added'} ${rows(summary.imported, lang)} and ${dry ? 'change' : 'changed'} ${summary.updated}; ${summary.unchanged} unchanged, ${summary.refused.length} refused${held > 0 ? `, ${held} ${held === 1 ? 'value' : 'values'} of the file held back` : ''}${goneEn}${skipped > 0 ? `, ${skipped} empty or total ${skipped === 1 ? 'row' : 'rows'} left out` : ''}.`;
  const words = lang === 'sv' ? { dry: 'Provkörning: inget sparades.', add: dry ? 'Skulle läggas till' : 'Lades till', change: dry ? 'Skulle ändras' : 'Ändrades' } : { dry: 'Dry run: nothing was stored.', add: dry ? 'Would add' : 'Added', change: dry ? 'Would change' : 'Changed' };
  return [
    ...(dry ? [words.dry] : []),
    counts,
    ...listed(words.add, summary.taken.filter((t) => t.change === 'added'), lang),
    ...listed(words.change, summary.taken.filter((t) => t.change === 'changed'), lang),
  ];
}

/**
 * The sentences of `summary` for standard error in `lang`, `doc` the document imported into: each
 * refused record, each value kept as typed, each figure computed, the file's values held back
 * (`both`, under a line saying they were not written and what to do), the file's rows deleted in
 * Samplan since (`deleted`, likewise under a line), the cells kept as later changed,
 * the warnings, and the notes on the file.
 */
export function noteLines(summary: ImportSummary, doc: string, lang: Lang = 'sv'): string[] {
  const dry = summary.dryRun;
  const sv = lang === 'sv';
  const out: string[] = [];
  for (const r of summary.refused) {
    const what = sv ? (dry ? 'skulle avvisas' : 'importerades inte') : dry ? 'would be refused' : 'was not imported';
    out.push(`${sv ? 'Post' : 'Record'} ${r.record} ${what}: ${r.message[lang]}`);
  }
  for (const u of summary.unresolved) {
    out.push(sv ? `Post ${u.record} ${dry ? 'skulle behålla' : 'behöll'} "${u.value}" som det skrevs: ${u.message.sv}` : `Record ${u.record} ${dry ? 'would keep' : 'kept'} "${u.value}" as typed: ${u.message.en}`);
  }
  for (const d of summary.valueDifferences ?? []) out.push(d.message[lang]);
  // The file's values held back are said first, plainly: the person decides which value holds.
  const held = heldBack(summary);
  if (held.length > 0) {
    const n = held.length;
    out.push(
      sv
        ? `${n === 1 ? '1 värde i filen' : `${n} värden i filen`} ${dry ? 'skulle inte skrivas' : 'skrevs inte'}: någon annan ändrade cellen i Samplan efter att filen togs ut. Värdet i Samplan behålls; skriv in filens värde i bladet om det är det som ska gälla:`
        : `${n === 1 ? '1 value of the file' : `${n} values of the file`} ${dry ? 'would not be' : 'was not'} written: someone else changed the cell in Samplan after the file was exported. The value in Samplan is kept; type the file's value in the sheet if that is the one that should hold:`,
    );
    for (const e of held) out.push(`  ${e.message[lang]}`);
  }
  // The file's rows deleted in Samplan since: not added again, said as plainly, for the same decision.
  const gone = notAddedAgain(summary);
  if (gone.length > 0) {
    const n = gone.length;
    out.push(
      sv
        ? `${n === 1 ? '1 rad i filen' : `${n} rader i filen`} ${dry ? 'skulle inte läggas' : 'lades inte'} till igen: raden togs bort i Samplan efter att filen togs ut. Ta bort radens id i filen och importera den igen om raden ska läggas till som en ny rad:`
        : `${n === 1 ? '1 row of the file' : `${n} rows of the file`} ${dry ? 'would not be' : 'was not'} added again: the row was deleted in Samplan after the file was exported. Remove the row's id in the file and import it again if the row is to be added as a new row:`,
    );
    for (const e of gone) out.push(`  ${e.message[lang]}`);
  }
  // Cells changed since the file was exported: kept as they are, never written over.
  for (const e of summary.version?.laterEdits ?? []) if (e.kind === 'kept') out.push(e.message[lang]);
  if (summary.version?.lost) out.push(summary.version.lost[lang]);
  for (const w of summary.warnings ?? []) out.push(w.message[lang]);
  // What the import did not read, in words: the JSON holds it, a person reads these lines.
  const unknown = summary.unknownColumns;
  if (unknown.length > 0) {
    const names = unknown.map((h) => `"${h}"`).join(', ');
    out.push(
      sv
        ? `${unknown.length === 1 ? 'Kolumnen' : `${unknown.length} kolumner,`} ${names}${unknown.length === 1 ? '' : ','} finns inte i ${doc} och ${dry ? 'skulle inte läsas' : 'lästes inte'}.`
        : `${unknown.length === 1 ? 'Column' : `${unknown.length} columns`} ${names} ${unknown.length === 1 ? 'matches' : 'match'} no column of ${doc} and ${dry ? 'would not be' : 'was not'} read.`,
    );
  }
  for (const note of [summary.formulasWithoutValue, summary.sheet, summary.totalRows, summary.hiddenRows, summary.hiddenColumns, summary.mergedCells, summary.noRows]) if (note) out.push(note.message[lang]);
  return out;
}
