/**
 * Which of a document kind's columns a spreadsheet header names: the column's key, its Swedish
 * or English header (any case, spacing and punctuation, also inside: `Start datum`, `START-DATUM`), or a common synonym people use in their
 * own plans ("Datum" for Startdatum, "Antal deltagare" for Deltagare planerat). Used to propose
 * the mapping when an existing table is adopted; the person corrects it in the pane.
 */
import { cellColumns } from '../schema/index.js';
import type { DocKind } from '../schema/types.js';

/** Headers people write for a column, by cell key (compared as `norm` leaves them). */
const SYNONYMS: Record<string, readonly string[]> = {
  title: ['aktivitet', 'aktivitetens namn', 'namn på aktivitet', 'benämning', 'rubrik', 'titel', 'activity name', 'title'],
  type: ['typ av aktivitet', 'aktivitetstyp', 'kategori', 'activity type'],
  startDate: ['datum', 'start', 'startdag', 'från', 'från datum', 'date', 'start'],
  endDate: ['slut', 'slutdag', 'till', 'till datum', 'end', 'end date'],
  venue: ['plats', 'lokal', 'var', 'location', 'place'],
  partner: ['samverkanspartner', 'samarbetspart', 'samarbetspartner', 'partner', 'med vem'],
  targetGroup: ['målgrupp', 'för vem', 'target group', 'audience'],
  responsible: ['ansvarig', 'ansvarig person', 'kontakt', 'owner', 'responsible'],
  participantsPlanned: ['antal deltagare', 'planerat antal', 'deltagare', 'antal planerat', 'planned participants', 'participants'],
  participantsReached: ['antal nådda', 'nådda', 'deltagare faktiskt', 'faktiskt antal', 'reached'],
  status: ['läge', 'state'],
  comment: ['kommentar', 'kommentarer', 'anteckning', 'anteckningar', 'övrigt', 'notes', 'note', 'remarks'],
  name: ['namn', 'organisation', 'aktör', 'partner', 'organization'],
  kommun: ['kommun', 'kommunkod', 'municipality', 'kommunnamn'],
  contact: ['kontaktperson', 'kontakt', 'contact'],
  email: ['e-post', 'epost', 'mejl', 'mail', 'e-mail', 'email'],
  phone: ['telefon', 'tel', 'telefonnummer', 'mobil', 'phone'],
};

/**
 * A header as compared: lower case, letters and digits only (NFKC, so a decomposed `ä` or
 * full-width letters read as typed), so spacing, hyphens, soft hyphens and punctuation anywhere do
 * not count: `  Start-datum: `, `Start datum` and `START­DATUM` → `startdatum`. No two columns
 * or synonyms of a kind differ only in those (tests/shared/normalize/header-map.test.ts checks it).
 */
function norm(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('sv').replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A trailing hint in brackets, as templates write them: `Startdatum (ÅÅÅÅ-MM-DD)`, `Deltagare (antal)`. */
const HINT = /\s*[([][^()[\]]*[)\]]\s*$/;

/** Header text → cell key of `kind`: its exact names (key, Swedish and English header), and its synonyms apart. */
function lookupsOf(kind: DocKind): { exact: Map<string, string>; synonyms: Map<string, string> } {
  const exact = new Map<string, string>();
  const synonyms = new Map<string, string>();
  const columns = cellColumns(kind);
  for (const col of columns) {
    for (const name of [col.key, col.header.sv, col.header.en]) exact.set(norm(name), col.key);
  }
  const keys = new Set(columns.map((c) => c.key));
  for (const [key, words] of Object.entries(SYNONYMS)) {
    if (!keys.has(key)) continue;
    for (const word of words) if (!exact.has(norm(word)) && !synonyms.has(norm(word))) synonyms.set(norm(word), key);
  }
  return { exact, synonyms };
}

/**
 * The proposed cell key for each header (null: none; the column stays the person's own). A group
 * label above (`groups[i]`, a merged cell repeated over its columns: "Mål" over "Motivationshöjning")
 * is tried with the header as `Mål: Motivationshöjning`, and a header with a hint in brackets after
 * it (`Startdatum (ÅÅÅÅ-MM-DD)`) also without the hint. A key is proposed for one column only:
 * a header naming it exactly wins over a synonym wherever it stands ("Startdatum" over an earlier
 * "Datum"), and over a header that names it only once its hint is taken off ("Status" over an
 * earlier "Status (intern)"); among equals, the first.
 *
 * @example proposeMapping('activity-plan', ['Datum', 'Aktivitet', 'Egen kolumn']) // ['startDate', 'title', null]
 */
export function proposeMapping(kind: DocKind, headers: readonly string[], groups: readonly string[] = []): (string | null)[] {
  const { exact, synonyms } = lookupsOf(kind);
  const taken = new Set<string>();
  const out: (string | null)[] = headers.map(() => null);
  const candidatesOf = (i: number, bare: boolean): string[] => {
    const group = groups[i]?.trim();
    const whole = headers[i] ?? '';
    const header = bare ? whole.replace(HINT, '') : whole;
    if (bare && header === whole) return [];
    return [group ? `${group}: ${header}` : null, header].filter((h): h is string => !!h && norm(h) !== '');
  };
  // Exact names first, then exact names once a hint is taken off, then synonyms the same way: a
  // header that is a column's name wins over one that only holds it before a hint ('Status' over
  // an earlier 'Status (intern)').
  for (const [lookup, bare] of [[exact, false], [exact, true], [synonyms, false], [synonyms, true]] as const) {
    headers.forEach((_, i) => {
      if (out[i] !== null) return;
      for (const candidate of candidatesOf(i, bare)) {
        const key = lookup.get(norm(candidate));
        if (key && !taken.has(key)) {
          taken.add(key);
          out[i] = key;
          return;
        }
      }
    });
  }
  return out;
}

/**
 * The group labels over a header row, from the row above it: a merged cell's label reads only in
 * its first cell (Excel, and a CSV saved from it, leave the others empty), so it is carried right
 * over the empty cells after it. `labels` are the row's cells as trimmed text ('' for empty).
 * @example carriedRight(['', 'Mål', '', '']) // ['', 'Mål', 'Mål', 'Mål']
 */
export function carriedRight(labels: readonly string[]): string[] {
  let last = '';
  return labels.map((l) => (last = l || last));
}
