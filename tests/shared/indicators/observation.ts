import type { Observation } from '../../../shared/indicators/compute.js';

/** An observation of indicator `i1` for unit `u1`, 2024, T, with nothing reported unless given. */
export const obs = (p: Partial<Observation>): Observation => ({
  indicator: 'i1',
  unit: 'u1',
  period: '2024',
  kon: 'T',
  value: null,
  numerator: null,
  denominator: null,
  ...p,
});
