/**
 * What a pulled round table looks like on its sheet, as pure data: "Fullständighet" (a round's
 * completeness, one row per reporting unit) and "Länssammanställning" (the county roll-up of the
 * round's indicators, one row per indicator and clinic plus one for the whole county). Names, not
 * codes: units by name, indicators by the catalog's name, the period in words
 * (`shared/i18n/period-label.ts`), statuses in the follow-up words (ej påbörjad, pågår,
 * inskickad, godkänd, återsänd) and the target status in words. A missing figure is an empty
 * cell, never 0. An interim round (a delavstämning) says so in its title line and above either table,
 * a closed round above its completeness table, and so does a unit whose
 * document the server could not read (its figures leave that document out). Values are rounded as the indicator table rounds them (`shared/indicators/round.ts`).
 */
import { periodWords } from '../../shared/i18n/period-label.js';
import { REPORT_WORDS } from '../../shared/i18n/report-words.js';
import { ROUND_STATUS_WORDS } from '../../shared/i18n/round-messages.js';
import type { TargetStatus } from '../../shared/indicators/compute.js';
import { roundTo, valueDecimals } from '../../shared/indicators/round.js';
import type { RoundStatus } from '../../shared/rounds/model.js';
import type { UnitReading } from '../../shared/rounds/unreadable.js';
import type { PulledShape } from './pulled-writer.js';
import { formatTime, TARGET_STATUS_WORDS, type Cell, type Lang } from './pulled-layout.js';
import type { ShownRow } from './table-diff.js';

/** Which round table. */
export type RoundTableKind = 'completeness' | 'rollup';

/** One unit of a round's completeness, as `GET …/rounds/:round/completeness` gives it. */
export interface CompletenessUnit {
  unit: string;
  status: RoundStatus;
  overdue: boolean;
  reason: string | null;
  expected: number;
  present: number;
  values: { expected: number; present: number; missingIndicators: string[] };
  activities: { expected: number; present: number };
  problems: number;
  /** Warnings left in the unit's rows (absent from a server before they were counted). */
  warnings?: number | undefined;
  lastChange: { at: string; by: string } | null;
  /** When a row the unit reports last changed (absent from a server before it was given). */
  lastEdit?: { at: string } | null | undefined;
  /** `olasbar` when a document of the unit could not be read on the server (absent from an older server). */
  reading?: UnitReading | undefined;
}

/** One indicator row of the roll-up (`unit` null: the whole county), as `GET …/rollup` gives it. */
export interface RollupIndicatorRow {
  indicator: string;
  unit: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  /** Counts: the sum from January through the period's end that the status compares; else the value. */
  compared?: number | null | undefined;
  /** The target the status compares with: for a count its pro-rata share over the year to date. */
  targetCompared?: number | null | undefined;
  status: TargetStatus | null;
  unitsReached?: { reached: number; withValue: number } | undefined;
}

/** The round as the answers give it. */
export interface RoundRef {
  id: string;
  title: string;
  period: string;
  /** An interim round (a delavstämning, due inside its period): its figures are of part of the period. Absent: no. */
  interim?: boolean | undefined;
}

/** Indicator id → name and unit of measure, from the catalog (`names` in the answers). */
export type IndicatorNames = Readonly<Record<string, { name: string; unitOfMeasure: string | null }>>;

/** What one pull shows: the round, its rows, and the names to show instead of codes. */
export type RoundTableData = (
  | { kind: 'completeness'; round: RoundRef; units: readonly CompletenessUnit[]; names: IndicatorNames; closed?: { by: string; at: string; reason?: string | null | undefined } | null | undefined }
  | { kind: 'rollup'; round: RoundRef; indicators: readonly RollupIndicatorRow[]; names: IndicatorNames }
) & {
  /** Unit code → name as the server gave them with the answer; absent from an older server. */
  unitNames?: Readonly<Record<string, string>> | undefined;
};

/** One column: header in both languages, Excel number format, width in px. */
interface Column {
  header: Record<Lang, string>;
  format: string;
  px: number;
}

const TEXT = '@';
const col = (sv: string, en: string, format: string, px: number): Column => ({ header: { sv, en }, format, px });

const COMPLETENESS: readonly Column[] = [
  col('Enhet', 'Unit', TEXT, 200),
  col('Period', 'Period', TEXT, 90),
  col('Status', 'Status', TEXT, 90),
  col('Försenad', 'Overdue', TEXT, 64),
  col('Förväntade', 'Expected', '0', 72),
  col('Inrapporterade', 'Reported', '0', 90),
  col('Andel inrapporterad (%)', 'Share reported (%)', '0', 90),
  col('Indikatorvärden saknas', 'Indicator values missing', TEXT, 240),
  col('Aktiviteter förväntade', 'Activities expected', '0', 90),
  col('Aktiviteter inrapporterade', 'Activities reported', '0', 90),
  col('Problem kvar', 'Problems left', '0', 72),
  col('Varningar kvar', 'Warnings left', '0', 72),
  col('Motivering', 'Reason', TEXT, 220),
  col('Senast ändrad', 'Last changed', TEXT, 110),
];

const ROLLUP: readonly Column[] = [
  col('Indikator', 'Indicator', TEXT, 260),
  col('Enhet', 'Unit', TEXT, 200),
  col('Period', 'Period', TEXT, 90),
  col('Värde', 'Value', 'General', 64),
  col('Täljare', 'Numerator', '#,##0', 70),
  col('Nämnare', 'Denominator', '#,##0', 70),
  col('Måttenhet', 'Unit of measure', TEXT, 90),
  col('Mål', 'Target', 'General', 56),
  col('Hittills i år', 'Year to date', 'General', 80),
  col('Mål hittills i år', 'Target year to date', 'General', 90),
  col('Mot målet', 'Against target', TEXT, 90),
  col('Enheter som nått målet', 'Units at target', TEXT, 110),
];

const columnsOf = (kind: RoundTableKind): readonly Column[] => (kind === 'completeness' ? COMPLETENESS : ROLLUP);

/** The columns of a table as the writer needs them. */
export function roundTableShape(kind: RoundTableKind): PulledShape {
  const cols = columnsOf(kind);
  return { width: cols.length, numberFormats: cols.map((c) => c.format), columnWidths: cols.map((c) => c.px) };
}

/** The header row's texts. */
export function roundTableHeader(kind: RoundTableKind, lang: Lang): Cell[] {
  return columnsOf(kind).map((c) => c.header[lang]);
}

/** The sheet and Excel table names of a pull: one sheet per table and round ("Fullständighet 2025 kv 2"). */
export function roundTableTarget(kind: RoundTableKind, round: RoundRef, lang: Lang): { sheetName: string; tableName: string } {
  const what = kind === 'completeness' ? (lang === 'sv' ? 'Fullständighet' : 'Completeness') : lang === 'sv' ? 'Länssammanställning' : 'County roll-up';
  // Excel: sheet names ≤ 31 characters without : \ / ? * [ ]; table names letters, digits and _.
  const words = `${what} ${periodWords(round.period, lang)}`;
  // A long name keeps the period whole, as its code ("Länssammanställning 2025S1").
  const sheetName = (words.length <= 31 ? words : `${what} ${round.period}`).replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim();
  return { sheetName, tableName: roundTableName(kind, round.id) };
}

/** The Excel table name of `kind` of round `roundId` (`SamplanFullstandighet_2025_kv2`): letters, digits and _ only. */
export function roundTableName(kind: RoundTableKind, roundId: string): string {
  return `Samplan${kind === 'completeness' ? 'Fullstandighet' : 'Lanssammanstallning'}_${roundId.replace(/[^A-Za-z0-9]/g, '_')}`.slice(0, 250);
}

const figure = (n: number | null | undefined, decimals: number): Cell => (n === null || n === undefined || !Number.isFinite(n) ? '' : roundTo(n, decimals));

const COUNTY: Record<Lang, string> = { sv: 'Hela länet', en: 'Whole county' };

/**
 * The table's rows, each with a stable key (the unit; the indicator and unit), in the order the
 * answer gives them. A unit is named by the answer's own `unitNames` (the names when it was
 * fetched, so a renamed unit shows its new name at the next fetch); for a code the answer does not
 * name (a server older than `unitNames`) by `fallbackNames` (the workspace's units as the pane
 * read them); otherwise by its code.
 */
export function roundTableRows(data: RoundTableData, lang: Lang, fallbackNames: ReadonlyMap<string, string>): ShownRow[] {
  const unitName = (code: string): string => (data.unitNames && Object.hasOwn(data.unitNames, code) ? data.unitNames[code]! : undefined) ?? fallbackNames.get(code) ?? code;
  const indicatorName = (id: string): string => data.names[id]?.name ?? id;
  const period = periodWords(data.round.period, lang);
  if (data.kind === 'completeness') {
    return data.units.map((u) => ({
      key: u.unit,
      cells: [
        unitName(u.unit),
        period,
        ROUND_STATUS_WORDS[u.status][lang],
        u.overdue ? (lang === 'sv' ? 'ja' : 'yes') : lang === 'sv' ? 'nej' : 'no',
        u.expected,
        u.present,
        u.expected > 0 ? figure((u.present / u.expected) * 100, 0) : '',
        u.values.missingIndicators.map(indicatorName).join('; '),
        u.activities.expected,
        u.activities.present,
        u.problems,
        u.warnings ?? '',
        u.reason ?? '',
        lastChanged(u, lang),
      ],
    }));
  }
  return data.indicators.map((r) => {
    const unitOfMeasure = data.names[r.indicator]?.unitOfMeasure ?? null;
    const decimals = valueDecimals(unitOfMeasure);
    const reached = r.unit === null && r.unitsReached ? (lang === 'sv' ? `${r.unitsReached.reached} av ${r.unitsReached.withValue}` : `${r.unitsReached.reached} of ${r.unitsReached.withValue}`) : '';
    return {
      key: `${r.indicator}\u0000${r.unit ?? ''}`,
      cells: [
        indicatorName(r.indicator),
        r.unit === null ? COUNTY[lang] : unitName(r.unit),
        period,
        figure(r.value, decimals),
        figure(r.numerator, 0),
        figure(r.denominator, 0),
        unitOfMeasure ?? '',
        figure(r.target, decimals),
        // A count is held against its target pro rata over the months reported this year (`shared/rounds/target-rule.ts`):
        // both figures shown when they differ from the value and the target; a share of a target to one decimal.
        r.compared !== undefined && r.compared !== r.value ? figure(r.compared, decimals) : '',
        r.targetCompared !== undefined && r.targetCompared !== r.target ? figure(r.targetCompared, Math.max(decimals, 1)) : '',
        r.status ? TARGET_STATUS_WORDS[r.status][lang] : '',
        reached,
      ],
    };
  });
}

/**
 * The three lines above the table: title, last updated, and what the table counts. `stopped` is the
 * reason the table no longer follows the round (in `lang`), when it does not: the title then says
 * it is not updated and the second line why, so the sheet does not claim to be live.
 */
export function roundTableMeta(data: RoundTableData, lang: Lang, at: Date, stopped: string | null = null): [string, string, string] {
  const round = roundWords(data.round, lang);
  // A manager may pull an interim round and the period's final round side by side: the one whose
  // figures are of part of the period says so above its table, as the styrgrupp report does.
  const interim = data.round.interim === true ? `${REPORT_WORDS.interimNote[lang]} ` : '';
  const what = data.kind === 'completeness' ? (lang === 'sv' ? 'fullständighet' : 'completeness') : lang === 'sv' ? 'länssammanställning' : 'county roll-up';
  const live = stopped === null ? (lang === 'sv' ? 'uppdateras medan Samplan-fönstret är öppet' : 'updates while the Samplan pane is open') : lang === 'sv' ? 'uppdateras inte längre' : 'no longer updated';
  const heading = lang === 'sv' ? `Samplan – ${what}, ${round} (skrivskyddad; ${live})` : `Samplan – ${what}, ${round} (read-only; ${live})`;
  const updated = `${lang === 'sv' ? 'Senast uppdaterad' : 'Last updated'}: ${formatTime(at)}${stopped === null ? '' : `. ${lang === 'sv' ? 'Uppdateras inte längre' : 'No longer updated'}: ${stopped}`}`;
  if (data.kind === 'completeness') {
    const n = data.units.length;
    const count = (s: RoundStatus) => data.units.filter((u) => u.status === s).length;
    const overdue = data.units.filter((u) => u.overdue).length;
    const note =
      lang === 'sv'
        ? `${n} enheter: ${count('inskickad')} inskickade, ${count('godkand')} godkända, ${count('atersand')} återsända, ${overdue} försenade.`
        : `${n} units: ${count('inskickad')} submitted, ${count('godkand')} approved, ${count('atersand')} returned, ${overdue} overdue.`;
    // On the line the live update compares, so closing or reopening the round is written at once.
    const closed = data.closed ? closedLine(data.closed, lang) : '';
    return [heading, updated, interim + closed + note + unreadableLine(data.units, data.unitNames ?? {}, lang)];
  }
  const note =
    lang === 'sv'
      ? 'Summor av täljare och nämnare, aldrig medelvärden av andelar; tom cell: inget värde.'
      : 'Sums of numerators and denominators, never means of shares; an empty cell: no value.';
  return [heading, updated, interim + note];
}

/**
 * A round as a pull names it, in its table's title line and in the chooser of rounds to pull: its
 * title (its id when it has none), then the period in words when the title is not just that, and
 * `delavstämning` / `interim` for an interim round ("Halvtid 2026 (2026, delavstämning)", "2026 kv 1"),
 * so that it is not taken for the period's final round beside it.
 */
export function roundWords(round: { id: string; title?: string | undefined; period: string; interim?: boolean | undefined }, lang: Lang): string {
  const title = round.title ?? round.id;
  const period = periodWords(round.period, lang);
  const parts = [...(title === period ? [] : [period]), ...(round.interim === true ? [REPORT_WORDS.interimLabel[lang]] : [])];
  return parts.length === 0 ? title : `${title} (${parts.join(', ')})`;
}

/**
 * "Senast ändrad": the later of the unit's last status change and the last change to its rows,
 * saying which ("2026-03-02 14:05 (värden)"), so values changed after a submission do not read as
 * no change; empty when neither is known.
 */
function lastChanged(u: CompletenessUnit, lang: Lang): Cell {
  const status = u.lastChange ? Date.parse(u.lastChange.at) : NaN;
  const edit = u.lastEdit ? Date.parse(u.lastEdit.at) : NaN;
  if (Number.isNaN(status) && Number.isNaN(edit)) return '';
  const values = !Number.isNaN(edit) && (Number.isNaN(status) || edit > status);
  const what = values ? (lang === 'sv' ? 'värden' : 'values') : 'status';
  return `${formatTime(new Date(values ? edit : status))} (${what})`;
}

/** " Kan inte läsas: Vårdcentral A (…)", for units owning a document the server could not read; empty when none. */
function unreadableLine(units: readonly CompletenessUnit[], names: Readonly<Record<string, string>>, lang: Lang): string {
  const list = units.filter((u) => u.reading === 'olasbar').map((u) => (Object.hasOwn(names, u.unit) ? names[u.unit] : undefined) ?? u.unit).join(', ');
  if (list === '') return '';
  if (lang === 'sv') return ` Kan inte läsas: ${list} (ett dokument med skadad sparad historik på servern; siffrorna är utan det).`;
  return ` Cannot be read: ${list} (a document whose stored history on the server is damaged; the figures leave it out).`;
}

/** "Omgången är stängd sedan … (motivering: …). ", the reason on one line, for the note above a closed round's completeness table. */
function closedLine(closed: { at: string; reason?: string | null | undefined }, lang: Lang): string {
  const since = formatTime(new Date(closed.at));
  const why = closed.reason ? closed.reason.replace(/\s+/g, ' ').trim() : '';
  if (lang === 'sv') return `Omgången är stängd sedan ${since}${why ? ` (motivering: ${why})` : ''}. `;
  return `The round is closed since ${since}${why ? ` (reason: ${why})` : ''}. `;
}
