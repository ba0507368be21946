/**
 * The styrgrupp report of a round as one self-contained, printable HTML page (A4, no scripts,
 * inline SVG): reporting status per unit, plan vs done, FaR, indicators against target with
 * trend charts, the county's maturity placement on the scale of seed 002, what is left to fix
 * and the årshjul. Swedish by default, English on request. The server serves it and prints it
 * to PDF with the browser's print engine. A document whose stored history is damaged does not stop
 * the report: it is named at the top with the server's words, its unit's status says it cannot be
 * read, and the roll-up's sentence of the units it left out is given (`unreadable.ts`).
 */
import { roundIndicators } from './levels.js';
import { swedishDate, swedishTime } from '../i18n/swedish-time.js';
import { ACTIVITY_TYPES } from '../catalog/activity-types.js';
import { MATURITY_LEVELS } from '../catalog/maturity.js';
import { trendChartSvg, type TrendPoint } from '../indicators/chart-svg.js';
import { indicatorNumbers } from '../indicators/round.js';
import type { IndicatorDefinition } from '../indicators/definitions.js';
import { digits, numberText } from '../i18n/number-words.js';
import { periodWords } from '../i18n/period-label.js';
import { REPORT_WORDS, type ReportWord } from '../i18n/report-words.js';
import { ROUND_STATUS_WORDS } from '../i18n/round-messages.js';
import { UNIT_READING_WORDS } from '../i18n/unreadable-words.js';
import type { Localized } from '../schema/types.js';
import type { RoundCompleteness } from './completeness.js';
import type { Placement } from './model.js';
import type { RoundRollup } from './rollup.js';
import type { UnreadableDoc } from './unreadable.js';
import { typeColour as typeColourOf, type CalendarMonth } from './year-calendar.js';
import { dueMarkSvg, yearCalendarSvg } from './year-wheel.js';

/** One indicator's trend chart: the scope's values by period, up to the round's period. */
export interface ReportTrend {
  points: TrendPoint[];
  /** The target line that applies to what is drawn, or null (a count summed over units). */
  target: number | null;
  /** The line under the chart's title: what was pooled, the target per unit or per period. */
  note: string | null;
}

/** Everything the report shows. */
export interface ReportInput {
  lang: 'sv' | 'en';
  /** The unit the report is for, or null for the county. */
  scope: string | null;
  unitNames: ReadonlyMap<string, string>;
  completeness: RoundCompleteness;
  rollup: RoundRollup;
  maturity: readonly Placement[];
  definitions: ReadonlyMap<string, IndicatorDefinition>;
  /** Per indicator of the round: its chart (`server/rounds/report-trends.ts`). */
  trends: ReadonlyMap<string, ReportTrend>;
  calendar: readonly CalendarMonth[];
  year: number;
  /** ISO time. */
  generatedAt: string;
  /** The round is closed: since when (ISO time) and why (null: no reason given); absent or null when open. */
  closed?: { at: string; reason: string | null } | null;
  /** The documents of the scope that could not be read (their stored history is damaged), each with the server's words; absent or empty when all was read. */
  unreadable?: readonly UnreadableDoc[];
  /** What the roll-up says of the units it left out for such a document (`leftOutWords`); absent or null when it left none out. */
  leftOut?: Localized | null;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/*
 * Every table fits A4 portrait (182 mm between the margins, ~688 CSS px): names and activity
 * types break between words and after a "/", other texts (a reason, a comment) anywhere, so no
 * text sets a column wider than its longest word; headers of figures break between words and at
 * their soft hyphens (`report-words.ts`), and figures never break. Checked in Chromium at print media by
 * `tests/e2e/report.test.ts`.
 */
const CSS = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #242424; font-size: 10.5pt; line-height: 1.4; margin: 0 auto; max-width: 190mm; padding: 12px; }
h1 { font-size: 20pt; margin: 0 0 2px; color: #0f548c; }
h2 { font-size: 13pt; margin: 18px 0 6px; border-bottom: 2px solid #0f6cbd; padding-bottom: 2px; break-after: avoid; }
.meta { color: #555; margin: 0 0 8px; }
.closed { color: #c50f1f; margin: 0 0 8px; overflow-wrap: anywhere; }
.interim { margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; break-inside: auto; }
th, td { border: 1px solid #d1d1d1; padding: 3px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f0f4fa; font-weight: 600; vertical-align: bottom; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: normal; }
td.n { white-space: nowrap; }
th:first-child, td:first-child, td.t { overflow-wrap: break-word; }
tr { break-inside: avoid; }
/* A total sums the whole table: once, after its last row. As a footer group the print engine
   repeats it at the foot of every page the table crosses, summing rows still to come. */
tfoot { display: table-row-group; }
tfoot td { font-weight: 600; background: #fafafa; }
.st { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 9pt; }
.st-ej-paborjad { background: #eee; } .st-pagar { background: #fff4ce; } .st-inskickad { background: #deecf9; }
.st-godkand { background: #dff6dd; } .st-atersand { background: #fde7e9; } .late, .unread { color: #c50f1f; font-weight: 600; }
.unreadable { border: 2px solid #c50f1f; padding: 4px 8px; margin: 0 0 8px; overflow-wrap: anywhere; }
.unreadable h2 { border: none; margin: 0 0 4px; color: #c50f1f; }
.charts { display: grid; grid-template-columns: repeat(2, 1fr); gap: 6px; }
.charts figure { margin: 0; border: 1px solid #e0e0e0; padding: 4px; break-inside: avoid; }
.charts svg { width: 100%; height: auto; }
.scale { list-style: none; padding: 0; margin: 4px 0; }
.scale li { border: 1px solid #d1d1d1; padding: 4px 8px; margin: 2px 0; }
.scale li.on { border: 2px solid #0f6cbd; background: #deecf9; font-weight: 600; }
.wheel { display: flex; gap: 12px; align-items: flex-start; break-inside: avoid; }
.legend { font-size: 9pt; } .legend span { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 4px; } .legend svg { margin-right: 4px; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;

/** Render the report. */
export function reportHtml(input: ReportInput): string {
  const w = (key: ReportWord) => REPORT_WORDS[key][input.lang];
  // Every figure in the one Swedish (or English) form, at most one decimal (a share's); a count has none.
  const num = (n: number | null) => (n === null ? `<span title="${w('missing')}">–</span>` : numberText(n, input.lang, { max: 1 }));
  // An indicator's figures as its chart and the pane write them (`indicatorNumbers`).
  const indNum = (id: string, n: number | null, as: 'value' | 'target') => (n === null ? num(null) : indicatorNumbers(input.definitions.get(id)?.unitOfMeasure, input.lang)[as](n));
  const name = (u: string | null) => esc(u === null ? w('county') : (input.unitNames.get(u) ?? u));
  const inScope = <T extends { unit: string | null }>(rows: readonly T[]) => rows.filter((r) => input.scope === null || r.unit === input.scope);
  const { round } = input.completeness;
  // "Hälsosamtal/hälsoinformation/…" may break after each slash in a narrow column.
  const typeName = (t: string) => esc(ACTIVITY_TYPES.find((x) => x.value === t)?.label[input.lang] ?? t).replace(/\//g, '/<wbr>');
  const indName = (id: string) => esc(input.definitions.get(id)?.name ?? id);
  const sections: string[] = [];

  const units = inScope(input.completeness.units);
  sections.push(`<h2>${w('statusSection')}</h2><table><thead><tr><th>${w('unit')}</th><th>${w('status')}</th><th class="n">${w('reported')}</th><th class="n">${w('problems')}</th></tr></thead><tbody>${units
    .map((u) => `<tr><td>${name(u.unit)}</td><td><span class="st st-${u.status}">${ROUND_STATUS_WORDS[u.status][input.lang]}</span>${u.overdue ? ` <span class="late">${w('overdue')}</span>` : ''}${u.reading === 'olasbar' ? ` <span class="unread">${UNIT_READING_WORDS.olasbar[input.lang]}</span>` : ''}${u.reason ? `<br><small>${esc(u.reason)}</small>` : ''}</td><td class="n">${num(u.present)} / ${num(u.expected)}</td><td class="n">${num(u.problems)}</td></tr>`)
    .join('')}</tbody></table>`);

  const acts = inScope(input.rollup.activities);
  const sum = (f: (a: (typeof acts)[number]) => number | null) => acts.reduce<number | null>((s, a) => (f(a) === null ? s : (s ?? 0) + (f(a) as number)), null);
  sections.push(
    `<h2>${w('planSection')}</h2>` +
      (acts.length === 0
        ? `<p>${w(round.activities === false ? 'activitiesNotAsked' : 'noActivities')}</p>`
        : `<table><thead><tr><th>${w('unit')}</th><th>${w('type')}</th><th class="n">${w('planned')}</th><th class="n">${w('held')}</th><th class="n">${w('cancelled')}</th><th class="n">${w('participantsPlanned')}</th><th class="n">${w('participantsReached')}</th></tr></thead><tbody>${acts
            .map((a) => `<tr><td>${name(a.unit)}</td><td class="t">${typeName(a.type)}</td><td class="n">${num(a.planned)}</td><td class="n">${num(a.held)}</td><td class="n">${num(a.cancelled)}</td><td class="n">${num(a.participantsPlanned)}</td><td class="n">${num(a.participantsReached)}</td></tr>`)
            .join('')}</tbody><tfoot><tr><td colspan="2">${w('total')}</td><td class="n">${num(sum((a) => a.planned))}</td><td class="n">${num(sum((a) => a.held))}</td><td class="n">${num(sum((a) => a.cancelled))}</td><td class="n">${num(sum((a) => a.participantsPlanned))}</td><td class="n">${num(sum((a) => a.participantsReached))}</td></tr></tfoot></table>`),
  );

  const far = input.scope === null ? input.rollup.far : input.rollup.far.filter((r) => r.unit === input.scope);
  sections.push(`<h2>${w('farSection')}</h2><table><thead><tr><th>${w('unit')}</th><th class="n">${w('farPrescribed')}</th><th class="n">${w('farFollowed')}</th><th class="n">${w('farBase')}</th><th class="n">${w('farShare')}</th></tr></thead><tbody>${far
    .map((r) => `<tr${r.unit === null ? ' style="font-weight:600"' : ''}><td>${name(r.unit)}</td><td class="n">${num(r.prescribed)}</td><td class="n">${num(r.followedUp)}</td><td class="n">${num(r.followUpBase)}</td><td class="n">${r.followUpShare === null ? num(null) : `${num(r.followUpShare)} %`}</td></tr>`)
    .join('')}</tbody></table>`);

  const scopeRow = (id: string) => input.rollup.indicators.find((r) => r.indicator === id && r.unit === input.scope);
  sections.push(
    `<h2>${w('indicatorSection')}</h2><table><thead><tr><th>${w('indicator')}</th><th class="n">${w('value')}</th><th class="n">${w('target')}</th><th>${w('status')}</th>${input.scope === null ? `<th class="n">${w('unitsReached')}</th>` : ''}</tr></thead><tbody>${roundIndicators(round)
      .map((id) => {
        const r = scopeRow(id);
        const st = r?.status ? REPORT_WORDS[r.status][input.lang] : '–';
        const reached = r?.unitsReached ? `<td class="n">${num(r.unitsReached.reached)} / ${num(r.unitsReached.withValue)}</td>` : '';
        return `<tr><td>${indName(id)}</td><td class="n">${indNum(id, r?.value ?? null, 'value')}</td><td class="n">${indNum(id, r?.target ?? null, 'target')}</td><td>${st}</td>${reached}</tr>`;
      })
      .join('')}</tbody></table><p class="legend">${w('targetRule')}</p><div class="charts">${roundIndicators(round)
      .map((id) => {
        const def = input.definitions.get(id);
        const trend = input.trends.get(id);
        // The pane's chart rules: y from zero for counts and shares, the unit on the axis, names.
        const svg = trendChartSvg({
          title: def?.name ?? id,
          points: trend?.points ?? [],
          target: trend?.target ?? null,
          direction: def?.direction ?? null,
          axisUnit: def?.unitOfMeasure ?? null,
          lang: input.lang,
          zeroBased: def !== undefined && def.measure !== 'level',
          note: trend?.note ?? null,
          width: 340,
          height: 140,
          targetLabel: w('target'),
          emptyLabel: w('missing'),
          periodText: (p) => periodWords(p, input.lang),
        });
        return `<figure>${svg}</figure>`;
      })
      .join('')}</div>`,
  );

  const current = input.maturity.at(-1);
  sections.push(
    `<h2>${w('maturitySection')}</h2><p><em>${w('maturityQuestion')}</em></p>` +
      (current
        ? `<ol class="scale">${MATURITY_LEVELS.map((m) => `<li class="${m.value === current.level ? 'on' : ''}">${esc(m.label[input.lang])}</li>`).join('')}</ol>${current.comment ? `<p>${esc(current.comment)}</p>` : ''}`
        : `<p>${w('maturityNone')}</p>`) +
      (input.maturity.length > 1 ? `<p><small>${w('maturityHistory')}: ${input.maturity.slice(0, -1).map((p) => `${p.level} (${swedishDate(p.at)})`).join(', ')}</small></p>` : ''),
  );

  const left = units.filter((u) => u.problems > 0 || u.present < u.expected);
  sections.push(
    `<h2>${w('problemsSection')}</h2>` +
      (left.length === 0
        ? `<p>${w('nothingLeft')}</p>`
        : `<ul>${left.map((u) => `<li>${name(u.unit)}: ${num(u.expected - u.present)} ${w('missingValues')}${u.values.missingIndicators.length ? ` (${u.values.missingIndicators.map(indName).join(', ')})` : ''}, ${num(u.missing.reduce((s, m) => s + m.rowIds.length, 0))} ${w('missingRows')}, ${num(u.problems)} ${w('problems').toLowerCase()}</li>`).join('')}</ul>`),
  );

  const closed = input.closed;
  const closedNote = closed
    ? `<p class="closed"><strong>${w('closedSince')} ${esc(swedishTime(closed.at))}</strong>; ${w('closedMeaning')}.${closed.reason ? ` ${w('closedReason')}: ${esc(closed.reason)}` : ''}</p>`
    : '';
  const types = [...new Set(input.calendar.flatMap((m) => m.activities.map((a) => a.type)))];
  sections.push(
    `<h2>${w('wheelSection')} ${digits(input.year)}</h2><div class="wheel">${yearCalendarSvg(input.calendar, { year: input.year, lang: input.lang, dueLabel: w('dueMarker') })}<div class="legend">${types
      .map((t) => `<div><span style="background:${typeColourOf(t)}"></span>${typeName(t)}</div>`)
      .join('')}<div>${dueMarkSvg()} ${w('due')}</div></div></div>`,
  );

  // Named before every table, so nobody reads figures made without a document as whole.
  const unreadable = input.unreadable ?? [];
  const unreadableNote =
    unreadable.length === 0 && !input.leftOut
      ? ''
      : `<section class="unreadable"><h2>${w('unreadableSection')}</h2><ul>${unreadable.map((d) => `<li>${esc(d.title)} (${esc(d.doc)}): ${esc(d.message[input.lang])}</li>`).join('')}</ul><p>${w('unreadableMeaning')}${input.leftOut ? ` ${esc(input.leftOut[input.lang])}` : ''}</p></section>`;
  return `<!doctype html><html lang="${input.lang}"><head><meta charset="utf-8"><title>${w('title')} – ${esc(round.title)}</title><style>${CSS}</style></head><body><h1>${w('title')}: ${esc(round.title)}</h1><p class="meta">${name(input.scope)} · ${w('period')} ${esc(periodWords(round.period, input.lang))} · ${w('due')} ${esc(round.dueDate)} · ${w('generated')} ${esc(swedishTime(input.generatedAt))}</p>${round.interim === true ? `<p class="interim"><strong>${w('interimNote')}</strong></p>` : ''}${closedNote}${unreadableNote}${sections.join('')}</body></html>`;
}

