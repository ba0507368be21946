import type { Lang } from '../i18n/t.js';
import type { Direction } from './compute.js';
import { indicatorNumbers } from './round.js';
import { cutText } from '../validate/cut-text.js';

/** One point of a trend chart. */
export interface TrendPoint {
  period: string;
  value: number | null;
}

/** What a trend chart shows. */
export interface TrendChartInput {
  title: string;
  points: readonly TrendPoint[];
  target: number | null;
  direction: Direction | null;
  width?: number;
  height?: number;
  /** Text for "target", in the reader's language. */
  targetLabel?: string;
  /** Text shown when there are no values. */
  emptyLabel?: string;
  /**
   * The indicator's unit of measure (e.g. "procent", "antal"), written at the y-axis; it also
   * sets how many decimals every number in the chart has ({@link indicatorNumbers}).
   */
  axisUnit?: string | null;
  /** The reader's language, for the numbers' decimal sign and grouping (Swedish by default). */
  lang?: Lang;
  /** Start the y-axis at zero (counts and percentages). */
  zeroBased?: boolean;
  /** A line under the title, e.g. what was pooled or the target per unit. */
  note?: string | null;
  /** A period code in words for the x-axis (e.g. "kv 4 2025"); the code itself by default. */
  periodText?: (period: string) => string;
}

/** Cut `text` to about `max` characters with an ellipsis (never inside a number so that it makes a personnummer); the full text stays in the chart's name. */
function fit(text: string, max: number): string {
  return text.length <= max ? text : `${cutText(text, Math.max(1, max - 1)).trimEnd()}…`;
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);

/**
 * A small, self-contained SVG line chart of an indicator over periods against its target: used in
 * the pane beside each indicator and served as `chart.svg` for reports. Missing values break the
 * line instead of dropping to 0. Every number in it (axis, target, each point's tooltip) is written
 * as the indicator's list and tables write it ({@link indicatorNumbers}): the points as values, the
 * target and the axis' ends as targets.
 */
export function trendChartSvg(input: TrendChartInput): string {
  const numbers = indicatorNumbers(input.axisUnit, input.lang ?? 'sv');
  const width = input.width ?? 320;
  const height = input.height ?? 120;
  // The title (and note) have a band of their own above the plot, so no label runs into them.
  const band = input.note ? 40 : 28;
  const pad = { left: 36, right: 10, top: band, bottom: 22 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const present = input.points.filter((p): p is { period: string; value: number } => p.value !== null);
  const chars = Math.floor((width - 8) / 6);
  const periodText = input.periodText ?? ((p: string) => p);
  const title =
    `<text x="4" y="13" font-size="11" font-weight="600">${escapeXml(fit(input.title, chars))}</text>` +
    (input.note ? `<text x="4" y="26" font-size="9" fill="#666">${escapeXml(fit(input.note, Math.floor(chars * 1.2)))}</text>` : '');
  const open = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI, sans-serif" role="img" aria-label="${escapeXml(input.title)}"><title>${escapeXml(input.title)}</title>`;
  if (present.length === 0) {
    return `${open}${title}<text x="${pad.left}" y="${pad.top + plotH / 2}" font-size="11" fill="#666">${escapeXml(input.emptyLabel ?? 'Inga värden')}</text></svg>`;
  }
  const values = present.map((p) => p.value);
  if (input.target !== null) values.push(input.target);
  let lo = input.zeroBased ? Math.min(0, ...values) : Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const n = input.points.length;
  const x = (i: number) => pad.left + (n === 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number) => pad.top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const parts: string[] = [open, title];
  parts.push(`<line x1="${pad.left}" y1="${pad.top + plotH}" x2="${pad.left + plotW}" y2="${pad.top + plotH}" stroke="#bbb"/>`);
  parts.push(`<text x="${pad.left - 4}" y="${y(hi) + 4}" font-size="9" text-anchor="end" fill="#666">${numbers.target(hi)}</text>`);
  parts.push(`<text x="${pad.left - 4}" y="${y(lo) + 4}" font-size="9" text-anchor="end" fill="#666">${numbers.target(lo)}</text>`);
  if (input.axisUnit) {
    parts.push(`<text x="${pad.left + 2}" y="${pad.top - 3}" font-size="9" fill="#666" class="axis-unit">${escapeXml(input.axisUnit)}</text>`);
  }
  if (input.target !== null) {
    const ty = y(input.target);
    // Above the line, unless that would touch the band above the plot: then below it.
    const labelY = ty - 3 - 9 < pad.top ? ty + 11 : ty - 3;
    parts.push(`<line x1="${pad.left}" y1="${ty.toFixed(1)}" x2="${pad.left + plotW}" y2="${ty.toFixed(1)}" stroke="#107c10" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${pad.left + plotW}" y="${labelY.toFixed(1)}" font-size="9" text-anchor="end" fill="#107c10" class="target-label">${escapeXml(input.targetLabel ?? 'Mål')} ${numbers.target(input.target)}</text>`);
  }
  // One path segment per run of present values, so a gap shows as a gap.
  let d = '';
  let penDown = false;
  input.points.forEach((p, i) => {
    if (p.value === null) {
      penDown = false;
      return;
    }
    d += `${penDown ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p.value).toFixed(1)} `;
    penDown = true;
  });
  parts.push(`<path d="${d.trim()}" fill="none" stroke="#0f6cbd" stroke-width="2"/>`);
  input.points.forEach((p, i) => {
    if (p.value !== null) parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="2.5" fill="#0f6cbd"><title>${escapeXml(`${periodText(p.period)}: ${numbers.value(p.value)}`)}</title></circle>`);
  });
  const first = input.points[0];
  const last = input.points[n - 1];
  if (first) parts.push(`<text x="${x(0)}" y="${height - 6}" font-size="9" fill="#666" text-anchor="${n === 1 ? 'middle' : 'start'}">${escapeXml(periodText(first.period))}</text>`);
  if (last && n > 1) parts.push(`<text x="${x(n - 1)}" y="${height - 6}" font-size="9" text-anchor="end" fill="#666">${escapeXml(periodText(last.period))}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
