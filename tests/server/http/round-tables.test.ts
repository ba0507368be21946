/**
 * The roll-up's CSV tables write what a person reads in words, as the indicator table's CSV does:
 * the status against target and the activity type by name; the key columns keep their codes.
 */
import { describe, expect, it } from 'vitest';
import type { PeriodRollup } from '../../../shared/rounds/rollup.js';
import { roundTableRows } from '../../../server/http/round-tables.js';

const ROLLUP: PeriodRollup = {
  period: '2026Q2',
  activities: [{ unit: 'vc-a', type: 'promenadgrupp', planned: 3, held: 2, cancelled: 0, participantsPlanned: 40, participantsReached: 31.5 }],
  activityTotals: { planned: 3, held: 2, cancelled: 0, participantsPlanned: 40, participantsReached: 31.5 },
  far: [],
  indicators: [
    { indicator: 'vc-far-forskrivna', unit: 'vc-a', value: 12, numerator: null, denominator: null, target: 40, compared: 20, targetCompared: 20, status: 'uppnatt' },
    { indicator: 'vc-far-forskrivna', unit: null, value: 16, numerator: null, denominator: null, target: 40, compared: 24, targetCompared: 20, status: 'pa-vag' },
    { indicator: 'vc-far-forskrivna', unit: 'vc-b', value: null, numerator: null, denominator: null, target: 40, compared: null, targetCompared: 10, status: null },
  ],
};

describe('round tables as CSV', () => {
  it('writes the status against target in words under the Swedish header, never its code', () => {
    const rows = roundTableRows('indicators', null, ROLLUP, ';');
    const status = rows[0]?.indexOf('Status') ?? -1;
    expect(rows.slice(1).map((r) => [r[0], r[1], r[status]])).toEqual([
      ['vc-far-forskrivna', 'vc-a', 'Uppnått'],
      ['vc-far-forskrivna', 'Hela länet', 'På väg'],
      ['vc-far-forskrivna', 'vc-b', ''],
    ]);
  });

  it('writes the activity type by its name, the unit by its code', () => {
    const rows = roundTableRows('activities', null, ROLLUP, ';');
    expect(rows[0]?.slice(0, 2)).toEqual(['Enhet', 'Aktivitetstyp']);
    expect(rows[1]).toEqual(['vc-a', 'Promenadgrupp/Gågrupp', '3', '2', '0', '40', '31,5']);
  });
});
