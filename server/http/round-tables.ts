/**
 * The round tables as CSV for Power Query and pulled workbooks: completeness per unit, and the
 * roll-up's activities, FaR and indicator-status tables. Swedish headers, and words under them as
 * the indicator table's CSV writes them (`indicator-table-format.ts`): the round status, the
 * status against target (`Uppnått`) and the activity type (`Promenadgrupp/Gågrupp`) by name.
 * Codes stay only in the key columns that hold them there too: `Indikator` (the indicator's id)
 * and `Enhet` (the unit's code); JSON keeps every code. The last column, `Enhetsnamn`, gives the
 * unit's name from the workspace's unit records (empty for a code the workspace has no unit for;
 * `Hela länet` for the county's row, as in `Enhet`), so a Power Query user needs no join on
 * `/units`; it is added last so that every earlier column keeps its place for a consumer that
 * reads columns by position. The completeness table's `Varningar kvar` (warnings left: a value
 * outside its catalog range, …; `Problem kvar` counts errors) came later and stands just before it,
 * and `Läsning` (`läsbar`, or `kan inte läsas` for a unit owning a document whose stored history is
 * damaged: its figures leave that document out) after it, so the earlier columns keep their places
 * and the name stays last. `sep=semicolon` writes `;` and decimal
 * commas for Swedish Excel. Missing figures are empty cells, never 0. A unit a roll-up left out
 * (a document of it cannot be read) has no row; the file's name and the answer's headers say so.
 */
import type { Context } from 'hono';
import { ROUND_STATUS_WORDS } from '../../shared/i18n/round-messages.js';
import { ACTIVITY_TYPES } from '../../shared/catalog/activity-types.js';
import { TARGET_STATUS_WORDS } from '../../shared/indicators/target-status-words.js';
import type { RoundCompleteness } from '../../shared/rounds/completeness.js';
import type { UnitRecord } from '../storage/storage-records.js';
import type { PeriodRollup } from '../../shared/rounds/rollup.js';
import { UNIT_READING_WORDS } from '../../shared/i18n/unreadable-words.js';
import { toCsv, type CsvSeparator } from './csv.js';
import type { UnreadableDoc } from '../../shared/rounds/unreadable.js';
import { partialFileName } from './unreadable-sheet.js';

/** Which table. */
export type RoundTable = 'completeness' | 'activities' | 'far' | 'indicators';

function figure(n: number | null, sep: CsvSeparator): string {
  if (n === null) return '';
  const text = String(Math.round(n * 10) / 10);
  return sep === ';' ? text.replace('.', ',') : text;
}

/** An activity type's Swedish name (`ACTIVITY_TYPES`, seed 000's Table 1); a type not in the catalog as written. */
function typeName(type: string): string {
  return ACTIVITY_TYPES.find((t) => t.value === type)?.label.sv ?? type;
}

/** The workspace's unit names by code, as a CSV's `Enhetsnamn` and a JSON answer's `unitNames` give them. */
export function unitNamesOf(units: readonly Pick<UnitRecord, 'code' | 'name'>[]): Map<string, string> {
  return new Map(units.map((u) => [u.code, u.name]));
}

const COUNTY = 'Hela länet';

/** The rows of one table, header first; `names` maps unit codes to names ({@link unitNamesOf}). */
export function roundTableRows(table: RoundTable, completeness: RoundCompleteness | null, rollup: PeriodRollup | null, sep: CsvSeparator, names: ReadonlyMap<string, string>): string[][] {
  const f = (n: number | null) => figure(n, sep);
  const name = (code: string | null) => (code === null ? COUNTY : (names.get(code) ?? ''));
  if (table === 'completeness' && completeness) {
    return [
      ['Enhet', 'Status', 'Försenad', 'Förväntade', 'Inrapporterade', 'Indikatorvärden förväntade', 'Indikatorvärden inrapporterade', 'Aktiviteter förväntade', 'Aktiviteter inrapporterade', 'Problem kvar', 'Motivering', 'Varningar kvar', 'Läsning', 'Enhetsnamn'],
      ...completeness.units.map((u) => [
        u.unit,
        ROUND_STATUS_WORDS[u.status].sv,
        u.overdue ? 'ja' : 'nej',
        f(u.expected),
        f(u.present),
        f(u.values.expected),
        f(u.values.present),
        f(u.activities.expected),
        f(u.activities.present),
        f(u.problems),
        u.reason ?? '',
        f(u.warnings),
        UNIT_READING_WORDS[u.reading].sv,
        name(u.unit),
      ]),
    ];
  }
  if (!rollup) return [];
  if (table === 'far') {
    return [
      ['Enhet', 'FaR förskrivna', 'FaR uppföljda efter ca 6 mån', 'FaR att följa upp', 'Andel uppföljda (%)', 'Enhetsnamn'],
      ...rollup.far.map((r) => [r.unit ?? COUNTY, f(r.prescribed), f(r.followedUp), f(r.followUpBase), f(r.followUpShare), name(r.unit)]),
    ];
  }
  if (table === 'indicators') {
    return [
      ['Indikator', 'Enhet', 'Värde', 'Täljare', 'Nämnare', 'Mål', 'Status', 'Jämfört värde (antal: hittills i år)', 'Jämfört mål (antal: i proportion hittills i år)', 'Enhetsnamn'],
      ...rollup.indicators.map((r) => [r.indicator, r.unit ?? COUNTY, f(r.value), f(r.numerator), f(r.denominator), f(r.target), r.status ? TARGET_STATUS_WORDS[r.status].sv : '', f(r.compared), f(r.targetCompared), name(r.unit)]),
    ];
  }
  return [
    ['Enhet', 'Aktivitetstyp', 'Planerade', 'Genomförda', 'Inställda', 'Deltagare planerat', 'Deltagare nådda', 'Enhetsnamn'],
    ...rollup.activities.map((a) => [a.unit, typeName(a.type), f(a.planned), f(a.held), f(a.cancelled), f(a.participantsPlanned), f(a.participantsReached), name(a.unit)]),
  ];
}

/** The file name of each table's CSV, after the workspace and the round or period. */
const TABLE_FILE: Record<RoundTable, string> = { completeness: 'fullstandighet', activities: 'aktiviteter', far: 'far', indicators: 'indikatorer' };

/** What the file's name adds for an interim round's table, in the ASCII of a `Content-Disposition` name. */
const INTERIM_FILE = '-delavstamning';

/**
 * Answer with one round table as CSV (`sep=semicolon` for Swedish Excel); `units` are the
 * workspace's unit records. The file is named `<base>-<table>.csv` (`base`: the workspace and the
 * round or period), ending `-delavstamning` for an interim round's table (`file.interim`: its
 * figures are of part of the period, as the report and the pulled table say above theirs) and
 * `-ofullstandig` when a document of `unreadable` was left out: the CSV itself holds only the
 * table, for the reasons `unreadable-sheet.ts` gives, so the name (which the browser saves and
 * Excel shows in its title bar) and the header `X-Samplan-Interim: true` (for scripts) say it.
 */
export function roundTablesCsv(
  c: Context,
  table: RoundTable,
  completeness: RoundCompleteness | null,
  rollup: PeriodRollup | null,
  sepParam: string | undefined,
  units: readonly UnitRecord[],
  file: { base: string; unreadable: readonly UnreadableDoc[]; interim?: boolean | undefined },
): Response {
  const sep: CsvSeparator = sepParam === 'semicolon' ? ';' : ',';
  const interim = file.interim === true;
  c.header('Content-Type', 'text/csv; charset=utf-8');
  if (interim) c.header('X-Samplan-Interim', 'true');
  const base = `${file.base}-${TABLE_FILE[table]}${interim ? INTERIM_FILE : ''}`.replace(/[^\w.-]/g, '_');
  c.header('Content-Disposition', `attachment; filename="${partialFileName(base, 'csv', file.unreadable, 'sv')}"`);
  return c.body(toCsv(roundTableRows(table, completeness, rollup, sep, unitNamesOf(units)), sep));
}
