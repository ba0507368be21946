import type { Direction } from './compute.js';

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
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2)).replace('.', ',');

/**
 * A small, self-contained SVG line chart of an indicator over periods against its target: used in
 * the pane beside each indicator and served as `chart.svg` for reports. Missing values break the
 * line instead of dropping to 0.
 */
export function trendChartSvg(input: TrendChartInput): string {
  const width = input.width ?? 320;
  const height = input.height ?? 120;
  const pad = { left: 36, right: 10, top: 22, bottom: 22 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const present = input.points.filter((p): p is { period: string; value: number } => p.value !== null);
  const title = `<text x="${pad.left}" y="14" font-size="11" font-weight="600">${escapeXml(input.title)}</text>`;
  const open = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI, sans-serif" role="img" aria-label="${escapeXml(input.title)}">`;
  if (present.length === 0) {
    return `${open}${title}<text x="${pad.left}" y="${pad.top + plotH / 2}" font-size="11" fill="#666">${escapeXml(input.emptyLabel ?? 'Inga värden')}</text></svg>`;
  }
  const values = present.map((p) => p.value);
  if (input.target !== null) values.push(input.target);
  let lo = Math.min(...values);
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
  parts.push(`<text x="${pad.left - 4}" y="${y(hi) + 4}" font-size="9" text-anchor="end" fill="#666">${fmt(hi)}</text>`);
  parts.push(`<text x="${pad.left - 4}" y="${y(lo) + 4}" font-size="9" text-anchor="end" fill="#666">${fmt(lo)}</text>`);
  if (input.target !== null) {
    const ty = y(input.target).toFixed(1);
    parts.push(`<line x1="${pad.left}" y1="${ty}" x2="${pad.left + plotW}" y2="${ty}" stroke="#107c10" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${pad.left + plotW}" y="${Number(ty) - 3}" font-size="9" text-anchor="end" fill="#107c10">${escapeXml(input.targetLabel ?? 'Mål')} ${fmt(input.target)}</text>`);
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
    if (p.value !== null) parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="2.5" fill="#0f6cbd"><title>${escapeXml(`${p.period}: ${fmt(p.value)}`)}</title></circle>`);
  });
  const first = input.points[0];
  const last = input.points[n - 1];
  if (first) parts.push(`<text x="${x(0)}" y="${height - 6}" font-size="9" fill="#666">${escapeXml(first.period)}</text>`);
  if (last && n > 1) parts.push(`<text x="${x(n - 1)}" y="${height - 6}" font-size="9" text-anchor="end" fill="#666">${escapeXml(last.period)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
