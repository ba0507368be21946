/**
 * The årshjul: a year at a glance as Swedish public-sector planning draws it, here as twelve
 * months. Each month lists the plan's activities that run in it (by type and clinic, with the
 * document and row to open) and the rounds due in it. The pane shows it as a clickable month
 * calendar; the styrgrupp report draws the same data with {@link yearCalendarSvg}.
 */
import { ACTIVITY_TYPES } from '../catalog/activity-types.js';
import type { RowValues } from '../schema/types.js';
import type { RoundDef } from './model.js';

/** One activity in a month. */
export interface CalendarActivity {
  doc: string;
  rowId: string;
  unit: string;
  title: string;
  type: string;
  /** ISO dates; `end` equals `start` for a one-day activity. */
  start: string;
  end: string;
}

/** One month of the year. */
export interface CalendarMonth {
  /** 1 … 12. */
  month: number;
  activities: CalendarActivity[];
  /** Rounds whose due date falls in the month. */
  due: { round: string; title: string; dueDate: string }[];
}

/** An activity-plan document as the calendar reads it. */
export interface CalendarDoc {
  doc: string;
  kind: string;
  ownerUnit: string;
  rows: readonly { id: string; values: Readonly<RowValues> }[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

/**
 * The twelve months of `year`: an activity appears in every month from its start to its end
 * (a one-day activity in one month); rows without a start date are left out.
 */
export function yearCalendar(year: number, docs: readonly CalendarDoc[], rounds: readonly RoundDef[]): CalendarMonth[] {
  const months: CalendarMonth[] = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, activities: [], due: [] }));
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  for (const doc of docs) {
    if (doc.kind !== 'activity-plan') continue;
    for (const row of doc.rows) {
      const start = str(row.values.startDate);
      if (!start) continue;
      const end = str(row.values.endDate) ?? start;
      if (end < first || start > last || end < start) continue;
      const from = start < first ? 1 : Number(start.slice(5, 7));
      const to = end > last ? 12 : Number(end.slice(5, 7));
      const entry: CalendarActivity = {
        doc: doc.doc,
        rowId: row.id,
        unit: doc.ownerUnit,
        title: typeof row.values.title === 'string' ? row.values.title : '',
        type: typeof row.values.type === 'string' ? row.values.type : '',
        start,
        end,
      };
      for (let m = from; m <= to; m++) months[m - 1]?.activities.push(entry);
    }
  }
  for (const r of rounds) {
    if (Number(r.dueDate.slice(0, 4)) !== year) continue;
    months[Number(r.dueDate.slice(5, 7)) - 1]?.due.push({ round: r.id, title: r.title, dueDate: r.dueDate });
  }
  for (const m of months) m.activities.sort((a, b) => a.start.localeCompare(b.start) || a.title.localeCompare(b.title));
  return months;
}

/** Month names, Swedish and English. */
export const MONTH_NAMES = {
  sv: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
} as const;

/** A colour per activity type, stable across pane and report. */
export function typeColour(type: string): string {
  const palette = ['#0f6cbd', '#107c10', '#c239b3', '#ca5010', '#038387', '#8764b8', '#986f0b', '#4f6bed', '#e3008c', '#00b7c3'];
  const i = ACTIVITY_TYPES.findIndex((t) => t.value === type);
  return palette[(i < 0 ? palette.length - 1 : i) % palette.length] as string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);

/**
 * The year wheel as SVG: twelve month segments around the year, each with one dot per
 * activity-type running that month (coloured by type, sized by how many) and a marker for each
 * round due that month. Self-contained, for the printed report.
 */
export function yearCalendarSvg(months: readonly CalendarMonth[], opts: { year: number; lang: 'sv' | 'en'; size?: number; dueLabel: string }): string {
  const size = opts.size ?? 360;
  const c = size / 2;
  const rOuter = c - 8;
  const rInner = c * 0.38;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" font-family="Segoe UI, sans-serif" role="img" aria-label="${esc(`Årshjul ${opts.year}`)}">`,
  ];
  const point = (r: number, angle: number) => [c + r * Math.sin(angle), c - r * Math.cos(angle)] as const;
  months.forEach((m, i) => {
    const a0 = (i / 12) * 2 * Math.PI;
    const a1 = ((i + 1) / 12) * 2 * Math.PI;
    const [x0, y0] = point(rOuter, a0);
    const [x1, y1] = point(rOuter, a1);
    const [x2, y2] = point(rInner, a1);
    const [x3, y3] = point(rInner, a0);
    const fill = i % 2 === 0 ? '#f3f6fb' : '#e8eef7';
    parts.push(`<path d="M${x0.toFixed(1)},${y0.toFixed(1)} A${rOuter},${rOuter} 0 0 1 ${x1.toFixed(1)},${y1.toFixed(1)} L${x2.toFixed(1)},${y2.toFixed(1)} A${rInner},${rInner} 0 0 0 ${x3.toFixed(1)},${y3.toFixed(1)} Z" fill="${fill}" stroke="#fff"/>`);
    const mid = (a0 + a1) / 2;
    const [lx, ly] = point(rOuter - 14, mid);
    parts.push(`<text x="${lx.toFixed(1)}" y="${(ly + 4).toFixed(1)}" font-size="11" text-anchor="middle" fill="#333">${MONTH_NAMES[opts.lang][i]}</text>`);
    const byType = new Map<string, number>();
    for (const act of m.activities) byType.set(act.type, (byType.get(act.type) ?? 0) + 1);
    [...byType].forEach(([type, count], k) => {
      const r = rOuter - 32 - k * 12;
      if (r < rInner + 6) return;
      const [dx, dy] = point(r, mid);
      parts.push(`<circle cx="${dx.toFixed(1)}" cy="${dy.toFixed(1)}" r="${Math.min(5, 2 + Math.sqrt(count)).toFixed(1)}" fill="${typeColour(type)}"><title>${esc(`${type}: ${count}`)}</title></circle>`);
    });
    for (const d of m.due) {
      const [tx, ty] = point(rInner - 10, mid);
      parts.push(`<text x="${tx.toFixed(1)}" y="${(ty + 4).toFixed(1)}" font-size="12" text-anchor="middle" fill="#c50f1f">◆<title>${esc(`${opts.dueLabel} ${d.title} ${d.dueDate}`)}</title></text>`);
    }
  });
  parts.push(`<text x="${c}" y="${c + 6}" font-size="18" font-weight="600" text-anchor="middle" fill="#333">${opts.year}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
