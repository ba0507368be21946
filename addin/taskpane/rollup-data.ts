/**
 * The Länssammanställning view's data: the county roll-up of a round
 * (`GET …/rounds/:round/rollup`) or of any period (`GET …/rollup?period=`), read leniently (extra
 * fields pass) but checked, so a malformed answer is an error in words rather than wrong figures;
 * and the choices of the period picker, in words (`shared/i18n/period-label.ts`).
 */
import { z } from 'zod';
import { formatPeriod, parsePeriod, type Period } from '../../shared/catalog/period.js';
import { periodLabel } from '../../shared/i18n/period-label.js';
import type { Lang } from './strings.js';

const figure = z.number().nullable();

/** The roll-up as the view reads it. */
export const rollupViewSchema = z.looseObject({
  period: z.string(),
  /** The round of a round's roll-up; `activities: false` when it does not follow up activities. */
  round: z.looseObject({ id: z.string(), title: z.string(), activities: z.boolean().optional() }).optional(),
  names: z.record(z.string(), z.looseObject({ name: z.string(), unitOfMeasure: z.string().nullable() })).default({}),
  /** Unit code → name as the server gave them; absent from a server older than `unitNames`. */
  unitNames: z.record(z.string(), z.string()).optional(),
  activities: z.array(z.looseObject({ unit: z.string(), type: z.string(), planned: z.number(), held: z.number(), cancelled: z.number(), participantsPlanned: figure, participantsReached: figure })),
  far: z.array(z.looseObject({ unit: z.string().nullable(), prescribed: figure, followedUp: figure, followUpBase: figure, followUpShare: figure })),
  indicators: z.array(
    z.looseObject({
      indicator: z.string(),
      unit: z.string().nullable(),
      value: figure,
      target: figure,
      compared: figure.optional(),
      targetCompared: figure.optional(),
      status: z.enum(['uppnatt', 'pa-vag', 'ej-pa-vag']).nullable(),
      unitsReached: z.object({ reached: z.number(), withValue: z.number() }).optional(),
    }),
  ),
});
/** See {@link rollupViewSchema}. */
export type RollupView = z.infer<typeof rollupViewSchema>;

/** What the picker chose: a round by id, or a period by its code (`2025`, `2025S1`, `2025Q2`, `202503`). */
export type RollupChoice = { round: string } | { period: string };

/** One option of the picker: its value (`round:<id>` / `period:<code>`) and its words. */
export interface PickerOption {
  value: string;
  label: string;
}

/** The picker's value of a choice. */
export function choiceValue(c: RollupChoice): string {
  return 'round' in c ? `round:${c.round}` : `period:${c.period}`;
}

/** The choice of a picker value, or null for anything else. */
export function choiceOf(value: string): RollupChoice | null {
  if (value.startsWith('round:')) return { round: value.slice(6) };
  if (value.startsWith('period:') && parsePeriod(value.slice(7))) return { period: value.slice(7) };
  return null;
}

/**
 * The periods to offer for `years` (newest first): per year the year, its half-years, its
 * quarters and its months, each in words ("2025", "2025 halvår 1", "2025 kv 2", "mars 2025").
 */
export function periodOptions(years: readonly number[], lang: Lang): { year: number; options: PickerOption[] }[] {
  return [...new Set(years)]
    .sort((a, b) => b - a)
    .map((year) => {
      const periods: Period[] = [
        { kind: 'year', year, index: 1 },
        ...[1, 2].map((index) => ({ kind: 'half' as const, year, index })),
        ...[1, 2, 3, 4].map((index) => ({ kind: 'quarter' as const, year, index })),
        ...Array.from({ length: 12 }, (_, i) => ({ kind: 'month' as const, year, index: i + 1 })),
      ];
      return { year, options: periods.map((p) => ({ value: `period:${formatPeriod(p)}`, label: periodLabel(p, lang) })) };
    });
}
