/**
 * One unit of a round's completeness as `GET …/completeness` gives it, for the pulled table's
 * layout tests: one value expected and present, no activities, no problems, no change; `extra`
 * sets what a test is about.
 */
import type { CompletenessUnit } from '../../../addin/indicators/round-table-layout.js';

/** A unit `unit` in progress (`pagar`) with `extra` over the defaults above. */
export function completenessUnit(unit: string, extra: Partial<CompletenessUnit> = {}): CompletenessUnit {
  return {
    unit,
    status: 'pagar',
    overdue: false,
    reason: null,
    expected: 1,
    present: 1,
    values: { expected: 1, present: 1, missingIndicators: [] },
    activities: { expected: 0, present: 0 },
    problems: 0,
    lastChange: null,
    ...extra,
  };
}
