/**
 * The follow-up round a bench defines for one quarter, as `POST /v1/workspaces/:ws/rounds` takes
 * it: due on the 15th of the month after the quarter, the day a real quarterly round is due. The
 * month after is counted by the period's calendar (`dayAfterPeriod`), so the fourth quarter is due
 * in January of the next year: computed as month `q * 3 + 1` of the same year, kv 4 was due
 * `2027-13-15`, which the API refuses, and the bench went on measuring three rounds instead of four.
 */
import { dayAfterPeriod, parsePeriod } from '../../shared/catalog/period.js';

/** A quarter round's body: id `2027-kv-4`, title `2027 kv 4`, period `2027Q4`, due `2028-01-15`, activities only. */
export function quarterRound(year: number, q: 1 | 2 | 3 | 4): { id: string; title: string; period: string; dueDate: string; indicators: string[]; activities: true } {
  const period = `${year}Q${q}`;
  const after = dayAfterPeriod(parsePeriod(period) ?? { kind: 'quarter', year, index: q });
  return { id: `${year}-kv-${q}`, title: `${year} kv ${q}`, period, dueDate: `${after.slice(0, 8)}15`, indicators: [], activities: true };
}
