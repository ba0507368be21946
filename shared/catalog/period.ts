/**
 * Reporting periods as stored in cells: `yyyy` (year), `yyyySn` (half-year), `yyyyQn`
 * (quarter) and `yyyyMM` (month), e.g. `2024`, `2024S1`, `2024Q2`, `202406`.
 */

/** The granularity of a period. */
export type PeriodKind = 'year' | 'half' | 'quarter' | 'month';

/** A parsed period. `index` is 1-based (half 1–2, quarter 1–4, month 1–12); 1 for a year. */
export interface Period {
  kind: PeriodKind;
  year: number;
  index: number;
}

const PATTERN = /^(\d{4})(?:([QS])(\d)|(\d{2}))?$/;
const MONTHS: Record<PeriodKind, number> = { year: 12, half: 6, quarter: 3, month: 1 };
const COUNT: Record<PeriodKind, number> = { year: 1, half: 2, quarter: 4, month: 12 };

/**
 * Parses a period written exactly as stored (upper-case `Q`/`S`, no spaces), or returns null.
 * @example parsePeriod('2024Q2') // { kind: 'quarter', year: 2024, index: 2 }
 */
export function parsePeriod(text: string): Period | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900) return null;
  let kind: PeriodKind = 'year';
  let index = 1;
  if (m[2] !== undefined) {
    kind = m[2] === 'Q' ? 'quarter' : 'half';
    index = Number(m[3]);
  } else if (m[4] !== undefined) {
    kind = 'month';
    index = Number(m[4]);
  }
  return index >= 1 && index <= COUNT[kind] ? { kind, year, index } : null;
}

/** True for a well-formed period string. */
export function isPeriod(text: string): boolean {
  return parsePeriod(text) !== null;
}

/** Writes a period in its stored form. */
export function formatPeriod(p: Period): string {
  const y = String(p.year).padStart(4, '0');
  switch (p.kind) {
    case 'year':
      return y;
    case 'half':
      return `${y}S${p.index}`;
    case 'quarter':
      return `${y}Q${p.index}`;
    case 'month':
      return `${y}${String(p.index).padStart(2, '0')}`;
  }
}

/** The period's first day as an ISO date, e.g. `2025-10-01` for `2025Q4`. */
export function periodFirstDay(p: Period): string {
  return firstDayOfMonth(startMonth(p));
}

/**
 * The period's last day as an ISO date: `2025-12-31` for `2025Q4`, `2024-02-29` for `202402`,
 * `2025-06-30` for `2025S1`. Counted in months from year 0, so the last quarter's end never
 * becomes a month 13.
 */
export function periodLastDay(p: Period): string {
  const last = startMonth(p) + MONTHS[p.kind] - 1;
  const year = Math.floor(last / 12);
  const month = (last % 12) + 1;
  // Day 0 of the month after is the last day of this one (UTC: no time zone moves the day).
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The first day after the period as an ISO date: `2026-01-01` for `2025Q4`, `2025-04-01` for
 * `2025Q1`; the year turns after the last month, never a month 13.
 */
export function dayAfterPeriod(p: Period): string {
  return firstDayOfMonth(startMonth(p) + MONTHS[p.kind]);
}

/** The first day of month `m` counted from year 0 (`startMonth`), as an ISO date. */
function firstDayOfMonth(m: number): string {
  return `${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}-01`;
}

/** The first month of a period, counted from year 0 (for ordering and containment). */
function startMonth(p: Period): number {
  return p.year * 12 + (p.index - 1) * MONTHS[p.kind];
}

/**
 * Orders periods by start; at the same start the longer period comes first, so a year sorts
 * before its first half, quarter and month. Returns a negative, zero or positive number.
 */
export function comparePeriods(a: Period, b: Period): number {
  return startMonth(a) - startMonth(b) || MONTHS[b.kind] - MONTHS[a.kind];
}

/** True when `inner` lies within `outer` (a period contains itself). */
export function periodContains(outer: Period, inner: Period): boolean {
  const o = startMonth(outer);
  const i = startMonth(inner);
  return i >= o && i + MONTHS[inner.kind] <= o + MONTHS[outer.kind];
}

/**
 * The period one level up: month → quarter (or → half-year with `via: 'half'`), quarter →
 * year, half-year → year, year → null.
 */
export function periodParent(p: Period, via: 'quarter' | 'half' = 'quarter'): Period | null {
  switch (p.kind) {
    case 'year':
      return null;
    case 'half':
    case 'quarter':
      return { kind: 'year', year: p.year, index: 1 };
    case 'month':
      return via === 'half'
        ? { kind: 'half', year: p.year, index: Math.ceil(p.index / 6) }
        : { kind: 'quarter', year: p.year, index: Math.ceil(p.index / 3) };
  }
}
