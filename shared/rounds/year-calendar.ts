/**
 * The årshjul: a year at a glance as Swedish public-sector planning draws it, here as twelve
 * months. Each month lists the plan's activities that run in it (by type and clinic, with the
 * document and row to open) and the rounds due in it. The pane shows it as a clickable month
 * calendar; the styrgrupp report draws the same data as a wheel (`year-wheel.ts`).
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
