/**
 * The årshjul's geometry, shared by the printed report ({@link yearCalendarSvg}, an SVG string)
 * and the pane (`addin/taskpane/samplan-year-wheel.ts`, which draws the same shapes with Lit and
 * makes them clickable), so both show one picture. Twelve month segments clockwise from the top
 * (January at twelve o'clock); in each, one dot per activity type running that month (coloured by
 * type, sized by how many) and a diamond near the hub for every round due that month. Units: SVG
 * user units of a `size` × `size` view box (default 360). The diamond is an SVG path, not the text
 * glyph "◆", which many fonts (Chromium's on a bare Linux, among them) do not have.
 */
import { MONTH_NAMES, typeColour, type CalendarMonth } from './year-calendar.js';

/** A dot: the activities of one type in one month. */
export interface WheelDot {
  x: number;
  y: number;
  r: number;
  type: string;
  colour: string;
  count: number;
}

/** One month's segment and what is drawn in it. */
export interface WheelSegment {
  /** 1 … 12. */
  month: number;
  /** The ring segment's SVG path (`d`). */
  path: string;
  fill: string;
  label: { x: number; y: number; text: string };
  dots: WheelDot[];
  /** Rounds due this month; (`x`, `y`) is the centre of the diamond drawn by {@link dueMarkPath}. */
  due: { x: number; y: number; round: string; title: string; dueDate: string }[];
}

/** The whole wheel. */
export interface WheelLayout {
  size: number;
  centre: number;
  segments: WheelSegment[];
}

const f = (n: number) => n.toFixed(1);

/** The colour of a due date's mark. */
export const DUE_COLOUR = '#c50f1f';

/**
 * The SVG path (`d`) of a due date's diamond centred on (`x`, `y`), `r` user units from centre to
 * each corner.
 */
export function dueMarkPath(x: number, y: number, r = 6): string {
  return `M${f(x)},${f(y - r)} L${f(x + r)},${f(y)} L${f(x)},${f(y + r)} L${f(x - r)},${f(y)} Z`;
}

/**
 * A due date's diamond as a small inline SVG string (`size` px square), for legends and lists
 * outside the wheel.
 */
export function dueMarkSvg(size = 10): string {
  return `<svg class="due-mark" xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 12 12" aria-hidden="true"><path d="${dueMarkPath(6, 6, 6)}" fill="${DUE_COLOUR}"/></svg>`;
}

/** Lay out `months` (twelve, as {@link yearCalendar} gives them) on a wheel of `size` units. */
export function wheelLayout(months: readonly CalendarMonth[], opts: { lang: 'sv' | 'en'; size?: number }): WheelLayout {
  const size = opts.size ?? 360;
  const c = size / 2;
  const rOuter = c - 8;
  const rInner = c * 0.38;
  const point = (r: number, angle: number) => [c + r * Math.sin(angle), c - r * Math.cos(angle)] as const;
  const segments = months.map((m, i): WheelSegment => {
    const a0 = (i / 12) * 2 * Math.PI;
    const a1 = ((i + 1) / 12) * 2 * Math.PI;
    const [x0, y0] = point(rOuter, a0);
    const [x1, y1] = point(rOuter, a1);
    const [x2, y2] = point(rInner, a1);
    const [x3, y3] = point(rInner, a0);
    const mid = (a0 + a1) / 2;
    const [lx, ly] = point(rOuter - 14, mid);
    const byType = new Map<string, number>();
    for (const act of m.activities) byType.set(act.type, (byType.get(act.type) ?? 0) + 1);
    const dots: WheelDot[] = [];
    [...byType].forEach(([type, count], k) => {
      const r = rOuter - 32 - k * 12;
      if (r < rInner + 6) return;
      const [dx, dy] = point(r, mid);
      dots.push({ x: dx, y: dy, r: Math.min(5, 2 + Math.sqrt(count)), type, colour: typeColour(type), count });
    });
    const [tx, ty] = point(rInner - 10, mid);
    return {
      month: m.month,
      path: `M${f(x0)},${f(y0)} A${rOuter},${rOuter} 0 0 1 ${f(x1)},${f(y1)} L${f(x2)},${f(y2)} A${rInner},${rInner} 0 0 0 ${f(x3)},${f(y3)} Z`,
      fill: i % 2 === 0 ? '#f3f6fb' : '#e8eef7',
      label: { x: lx, y: ly + 4, text: MONTH_NAMES[opts.lang][i] ?? String(m.month) },
      dots,
      due: m.due.map((d) => ({ x: tx, y: ty, ...d })),
    };
  });
  return { size, centre: c, segments };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] as string);

/** The year wheel as a self-contained SVG string, for the printed report. */
export function yearCalendarSvg(months: readonly CalendarMonth[], opts: { year: number; lang: 'sv' | 'en'; size?: number; dueLabel: string }): string {
  const { size, centre, segments } = wheelLayout(months, opts);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" font-family="Segoe UI, sans-serif" role="img" aria-label="${esc(`Årshjul ${opts.year}`)}">`,
  ];
  for (const s of segments) {
    parts.push(`<path d="${s.path}" fill="${s.fill}" stroke="#fff"/>`);
    parts.push(`<text x="${f(s.label.x)}" y="${f(s.label.y)}" font-size="11" text-anchor="middle" fill="#333">${esc(s.label.text)}</text>`);
    for (const d of s.dots) parts.push(`<circle cx="${f(d.x)}" cy="${f(d.y)}" r="${f(d.r)}" fill="${d.colour}"><title>${esc(`${d.type}: ${d.count}`)}</title></circle>`);
    for (const d of s.due) parts.push(`<path class="due-mark" d="${dueMarkPath(d.x, d.y)}" fill="${DUE_COLOUR}"><title>${esc(`${opts.dueLabel} ${d.title} ${d.dueDate}`)}</title></path>`);
  }
  parts.push(`<text x="${centre}" y="${centre + 6}" font-size="18" font-weight="600" text-anchor="middle" fill="#333">${opts.year}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
