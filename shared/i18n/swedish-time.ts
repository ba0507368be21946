/**
 * A stored instant as a Swedish reader reads it: the date and time in Europe/Stockholm, summer
 * time minded (`2026-07-20T08:30:00Z` → `2026-07-20 10:30`; `2026-12-31T23:30:00Z` →
 * `2027-01-01 00:30`). The styrgrupp report cut the UTC text instead, so its times were an hour or
 * two early, and a round closed on New Year's night read as closed the year before.
 */

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** `iso` (an ISO instant) as `YYYY-MM-DD HH:MM` in Swedish time; the text itself when it is no instant. */
export function swedishTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const parts = PARTS.formatToParts(new Date(t));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** `iso` as the day `YYYY-MM-DD` it falls on in Swedish time. */
export function swedishDate(iso: string): string {
  return swedishTime(iso).slice(0, 10);
}
