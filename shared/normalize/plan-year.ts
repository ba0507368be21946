/**
 * The year a date written without one (`12/3`) belongs to: the plan's year. A plan names its
 * year in its title ("Aktivitetsplan Fittja 2026"); without one it is the current year (UTC).
 * Used by every path that normalises a document's values (sheet binding, imports), so `12/3`
 * means the same date wherever it is typed.
 */

/** The first year 2000–2099 in `title`, else the year of `now` (UTC). */
export function planYear(title: string | null | undefined, now: Date = new Date()): number {
  const m = /\b(20\d\d)\b/.exec(title ?? '');
  return m ? Number(m[1]) : now.getUTCFullYear();
}
