/**
 * The round tables as CSV for Power Query and pulled workbooks: completeness per unit, and the
 * roll-up's activities, FaR and indicator-status tables. Swedish headers, and words under them as
 * the indicator table's CSV writes them (`indicator-table-format.ts`): the round status, the
 * status against target (`Uppnått`) and the activity type (`Promenadgrupp/Gågrupp`) by name.
 * Codes stay only in the key columns that hold them there too: `Indikator` (the indicator's id)
 * and `Enhet` (the unit's code); JSON keeps every code. `sep=semicolon` writes `;` and decimal
 * commas for Swedish Excel. Missing figures are empty cells, never 0.
 */
import type { Context } from 'hono';
import { ROUND_STATUS_WORDS } from '../../shared/i18n/round-messages.js';
import { ACTIVITY_TYPES } from '../../shared/catalog/activity-types.js';
import { TARGET_STATUS_WORDS } from '../../shared/indicators/target-status-words.js';
import type { RoundCompleteness } from '../../shared/rounds/completeness.js';
import type { PeriodRollup } from '../../shared/rounds/rollup.js';
import { toCsv, type CsvSeparator } from './csv.js';

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

/** The rows of one table, header first. */
export function roundTableRows(table: RoundTable, completeness: RoundCompleteness | null, rollup: PeriodRollup | null, sep: CsvSeparator): string[][] {
  const f = (n: number | null) => figure(n, sep);
  if (table === 'completeness' && completeness) {
    return [
      ['Enhet', 'Status', 'Försenad', 'Förväntade', 'Inrapporterade', 'Indikatorvärden förväntade', 'Indikatorvärden inrapporterade', 'Aktiviteter förväntade', 'Aktiviteter inrapporterade', 'Problem kvar', 'Motivering'],
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
      ]),
    ];
  }
  if (!rollup) return [];
  if (table === 'far') {
    return [
      ['Enhet', 'FaR förskrivna', 'FaR uppföljda efter ca 6 mån', 'FaR att följa upp', 'Andel uppföljda (%)'],
      ...rollup.far.map((r) => [r.unit ?? 'Hela länet', f(r.prescribed), f(r.followedUp), f(r.followUpBase), f(r.followUpShare)]),
    ];
  }
  if (table === 'indicators') {
    return [
      ['Indikator', 'Enhet', 'Värde', 'Täljare', 'Nämnare', 'Mål', 'Status', 'Jämfört värde (antal: hittills i år)', 'Jämfört mål (antal: i proportion hittills i år)'],
      ...rollup.indicators.map((r) => [r.indicator, r.unit ?? 'Hela länet', f(r.value), f(r.numerator), f(r.denominator), f(r.target), r.status ? TARGET_STATUS_WORDS[r.status].sv : '', f(r.compared), f(r.targetCompared)]),
    ];
  }
  return [
    ['Enhet', 'Aktivitetstyp', 'Planerade', 'Genomförda', 'Inställda', 'Deltagare planerat', 'Deltagare nådda'],
    ...rollup.activities.map((a) => [a.unit, typeName(a.type), f(a.planned), f(a.held), f(a.cancelled), f(a.participantsPlanned), f(a.participantsReached)]),
  ];
}

/** Answer with one round table as CSV (`sep=semicolon` for Swedish Excel). */
export function roundTablesCsv(c: Context, table: RoundTable, completeness: RoundCompleteness | null, rollup: PeriodRollup | null, sepParam: string | undefined): Response {
  const sep: CsvSeparator = sepParam === 'semicolon' ? ';' : ',';
  c.header('Content-Type', 'text/csv; charset=utf-8');
  return c.body(toCsv(roundTableRows(table, completeness, rollup, sep), sep));
}
