/**
 * The roll-up's CSV tables write what a person reads in words, as the indicator table's CSV does:
 * the status against target and the activity type by name; the key columns keep their codes and
 * the unit's name comes last (`Enhetsnamn`), so every earlier column keeps its place.
 */
import { describe, expect, it } from 'vitest';
import type { PeriodRollup } from '../../../shared/rounds/rollup.js';
import type { RoundCompleteness } from '../../../shared/rounds/completeness.js';
import { parseCsv } from '../../../server/http/csv-read.js';
import { toCsv } from '../../../server/http/csv.js';
import { roundTableRows, unitNamesOf } from '../../../server/http/round-tables.js';

const ROLLUP: PeriodRollup = {
  period: '2026Q2',
  activities: [{ unit: 'vc-a', type: 'promenadgrupp', planned: 3, held: 2, cancelled: 0, participantsPlanned: 40, participantsReached: 31.5 }],
  activityTotals: { planned: 3, held: 2, cancelled: 0, participantsPlanned: 40, participantsReached: 31.5 },
  far: [
    { unit: 'vc-a', prescribed: 5, followedUp: 2, followUpBase: 4, followUpShare: 50 },
    { unit: null, prescribed: 5, followedUp: 2, followUpBase: 4, followUpShare: 50 },
  ],
  indicators: [
    { indicator: 'vc-far-forskrivna', unit: 'vc-a', value: 12, numerator: null, denominator: null, target: 40, compared: 20, targetCompared: 20, status: 'uppnatt' },
    { indicator: 'vc-far-forskrivna', unit: null, value: 16, numerator: null, denominator: null, target: 40, compared: 24, targetCompared: 20, status: 'pa-vag' },
    { indicator: 'vc-far-forskrivna', unit: 'vc-b', value: null, numerator: null, denominator: null, target: 40, compared: null, targetCompared: 10, status: null },
  ],
};

const NAMES = unitNamesOf([{ code: 'vc-a', name: 'Alby vårdcentral' }, { code: 'vc-b', name: 'Botkyrka vårdcentral' }]);

describe('round tables as CSV', () => {
  it('writes the status against target in words under the Swedish header, never its code', () => {
    const rows = roundTableRows('indicators', null, ROLLUP, ';', NAMES);
    const status = rows[0]?.indexOf('Status') ?? -1;
    expect(rows.slice(1).map((r) => [r[0], r[1], r[status]])).toEqual([
      ['vc-far-forskrivna', 'vc-a', 'Uppnått'],
      ['vc-far-forskrivna', 'Hela länet', 'På väg'],
      ['vc-far-forskrivna', 'vc-b', ''],
    ]);
  });

  it('writes the activity type by its name, the unit by its code', () => {
    const rows = roundTableRows('activities', null, ROLLUP, ';', NAMES);
    expect(rows[0]?.slice(0, 2)).toEqual(['Enhet', 'Aktivitetstyp']);
    expect(rows[1]).toEqual(['vc-a', 'Promenadgrupp/Gågrupp', '3', '2', '0', '40', '31,5', 'Alby vårdcentral']);
  });
});

const COMPLETENESS = {
  units: [
    { unit: 'vc-a', level: 2, status: 'inskickad', overdue: false, reason: null, expected: 2, present: 2, values: { expected: 1, present: 1, missingIndicators: [] }, activities: { expected: 1, present: 1 }, problems: 0, warnings: 2, missing: [], lastChange: null, reading: 'lasbar' },
    { unit: 'vc-okand', level: 2, status: 'ej-paborjad', overdue: true, reason: null, expected: 2, present: 0, values: { expected: 1, present: 0, missingIndicators: [] }, activities: { expected: 1, present: 0 }, problems: 0, warnings: 0, missing: [], lastChange: null, reading: 'olasbar' },
  ],
} as unknown as RoundCompleteness;

describe('every round table names the unit beside its code', () => {
  it('writes Enhetsnamn as the last column of each table, from the unit records, the other columns in place (completeness: Varningar kvar and Läsning just before it)', () => {
    const before = {
      completeness: ['Enhet', 'Status', 'Försenad', 'Förväntade', 'Inrapporterade', 'Indikatorvärden förväntade', 'Indikatorvärden inrapporterade', 'Aktiviteter förväntade', 'Aktiviteter inrapporterade', 'Problem kvar', 'Motivering'],
      activities: ['Enhet', 'Aktivitetstyp', 'Planerade', 'Genomförda', 'Inställda', 'Deltagare planerat', 'Deltagare nådda'],
      far: ['Enhet', 'FaR förskrivna', 'FaR uppföljda efter ca 6 mån', 'FaR att följa upp', 'Andel uppföljda (%)'],
      indicators: ['Indikator', 'Enhet', 'Värde', 'Täljare', 'Nämnare', 'Mål', 'Status', 'Jämfört värde (antal: hittills i år)', 'Jämfört mål (antal: i proportion hittills i år)'],
    };
    const named = (table: keyof typeof before) => {
      const rows = roundTableRows(table, COMPLETENESS, ROLLUP, ';', NAMES);
      expect(rows[0], table).toEqual([...before[table], ...(table === 'completeness' ? ['Varningar kvar', 'Läsning'] : []), 'Enhetsnamn']);
      const at = rows[0]?.indexOf('Enhet') ?? -1;
      return rows.slice(1).map((r) => [r[at], r.at(-1)]);
    };
    expect(named('completeness')).toEqual([['vc-a', 'Alby vårdcentral'], ['vc-okand', '']]);
    const completeness = roundTableRows('completeness', COMPLETENESS, null, ';', NAMES).slice(1);
    expect(completeness.map((r) => r.at(-3))).toEqual(['2', '0']);
    // A unit owning a document whose stored history is damaged is marked in words, not left out.
    expect(completeness.map((r) => r.at(-2))).toEqual(['läsbar', 'kan inte läsas']);
    expect(named('activities')).toEqual([['vc-a', 'Alby vårdcentral']]);
    expect(named('far')).toEqual([['vc-a', 'Alby vårdcentral'], ['Hela länet', 'Hela länet']]);
    expect(named('indicators')).toEqual([['vc-a', 'Alby vårdcentral'], ['Hela länet', 'Hela länet'], ['vc-b', 'Botkyrka vårdcentral']]);
  });

  it('writes a name with a semicolon, a quote and a leading = quoted and neutralised, and reads it back', () => {
    const names = unitNamesOf([{ code: 'vc-a', name: '=HYPERLINK("x";"Alby; Norra")' }]);
    const csv = toCsv(roundTableRows('activities', null, ROLLUP, ';', names), ';');
    expect(csv.split('\r\n')[1]).toBe(`vc-a;Promenadgrupp/Gågrupp;3;2;0;40;31,5;"'=HYPERLINK(""x"";""Alby; Norra"")"`);
    expect(parseCsv(csv, ';')[1]?.[7]).toBe('=HYPERLINK("x";"Alby; Norra")');
  });
});
