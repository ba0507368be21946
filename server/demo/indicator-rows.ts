/**
 * The demo's indicator catalog (the 22 goals with indicators of SKR's "Strategi för hälsa",
 * seed 002) and SAMPLE values for it. The values are invented, deterministic and labelled as
 * sample data in every row; numerators and denominators are consistent (value = numerator /
 * denominator × factor, and the T row's counts are the sums of the K and M rows).
 */
import { SFH_INDICATORS, type SfhIndicator } from '../../shared/catalog/indicators.js';
import { CLINIC_INDICATORS } from '../../shared/indicators/clinic-indicators.js';
import type { RowValues } from '../../shared/schema/types.js';

/** The text every sample row carries, so nobody mistakes it for real statistics. */
export const SAMPLE_NOTE = 'Exempeldata för demo – inte verkliga värden.';

/** Indicators measured in years or as a rate rather than a share. */
const SPECIAL: Record<string, { unit: string; factor: number | null; min: number; max: number; base: number; numerator?: string; denominator?: string }> = {
  'sfh-09': {
    unit: 'Per 1 000 invånare 80 år och äldre',
    factor: 1000,
    min: 0,
    max: 200,
    base: 48,
    numerator: 'Antal fallskador bland invånare 80 år och äldre',
    denominator: 'Antal invånare 80 år och äldre',
  },
  'sfh-10': { unit: 'År', factor: null, min: 60, max: 95, base: 81.6 },
};

/** A small deterministic generator (mulberry32), so the demo is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Baseline share in percent for an indicator; spread so that the table does not look flat. */
function baseShare(ind: SfhIndicator, index: number): number {
  const r = random(1000 + index)();
  return ind.direction === 'lower' ? round1(6 + r * 20) : round1(55 + r * 30);
}

/** The 22 catalog rows, then the clinic-level indicators (hälsosamtal, FaR) with sample targets. */
export function catalogRows(): RowValues[] {
  const clinic = CLINIC_INDICATORS.map(({ row }) => ({
    ...row,
    target: row.id === 'vc-far-uppfoljda-6man' ? 60 : row.id === 'vc-halsosamtal' ? 120 : 40,
    baseline: row.id === 'vc-far-uppfoljda-6man' ? 40 : null,
    comment: `Lokalt id, inte en officiell kod. Målvärdet är ${SAMPLE_NOTE.toLowerCase()}`,
  }));
  return [...sfhCatalogRows(), ...clinic];
}

function sfhCatalogRows(): RowValues[] {
  return SFH_INDICATORS.map((ind, i) => {
    const special = SPECIAL[ind.id];
    const base = special?.base ?? baseShare(ind, i);
    const step = ind.direction === 'lower' ? -1 : 1;
    return {
      id: ind.id,
      name: ind.name.sv,
      area: ind.area,
      unitOfMeasure: special?.unit ?? 'Andel (%)',
      numerator: special?.factor === null ? null : (special?.numerator ?? `Antal som uppfyller: ${ind.name.sv.toLowerCase()}`),
      denominator: special?.factor === null ? null : (special?.denominator ?? 'Antal i målgruppen'),
      factor: special ? special.factor : 100,
      direction: ind.direction,
      baseline: base,
      // A goal that states its least change (sfh-06: "minst 7 procentenheter") gets at least that.
      target: round1(base + step * (special?.unit === 'År' ? 1 : Math.max(5, ind.minChangePp ?? 0))),
      min: special?.min ?? 0,
      max: special?.max ?? 100,
      source: 'Exempeldata (ej officiell källa)',
      comment: `Lokalt id, inte en officiell SKR- eller Kolada-kod. ${SAMPLE_NOTE}`,
    };
  });
}

/** Options of {@link valueRows}. */
export interface ValueOptions {
  /** The unit the region-wide values belong to. */
  regionUnit: string;
  /** Clinic units that get clinic-level values for a few indicators. */
  clinicUnits: readonly string[];
  periods: readonly string[];
}

/** Sample values: every indicator for the region per period and kön; some per clinic. */
export function valueRows(opts: ValueOptions): RowValues[] {
  const rows: RowValues[] = [];
  SFH_INDICATORS.forEach((ind, i) => {
    const rnd = random(7 + i);
    const special = SPECIAL[ind.id];
    const base = special?.base ?? baseShare(ind, i);
    opts.periods.forEach((period, p) => {
      const drift = (ind.direction === 'lower' ? -0.6 : 0.6) * p;
      const status = p === opts.periods.length - 1 ? 'preliminar' : 'definitiv';
      if (special?.factor === null) {
        // A value with no numerator or denominator (life expectancy): T, K and M as plain values.
        for (const [kon, shift] of [['T', 0], ['K', 1.9], ['M', -1.9]] as const) {
          rows.push(sampleRow(ind.id, opts.regionUnit, period, kon, round1(base + shift + 0.1 * p), null, null, status));
        }
        return;
      }
      const factor = special?.factor ?? 100;
      const denK = 4000 + Math.round(rnd() * 3000);
      const denM = 4000 + Math.round(rnd() * 3000);
      const rateK = Math.max(0.5, base + drift + (rnd() - 0.5) * 4) / factor;
      const rateM = Math.max(0.5, base + drift + (rnd() - 0.5) * 4) / factor;
      const numK = Math.round(denK * rateK);
      const numM = Math.round(denM * rateM);
      for (const [kon, num, den] of [
        ['T', numK + numM, denK + denM],
        ['K', numK, denK],
        ['M', numM, denM],
      ] as const) {
        rows.push(sampleRow(ind.id, opts.regionUnit, period, kon, round1((num / den) * factor), num, den, status));
      }
    });
  });
  // Clinic level for "god hälsa" (sfh-12) in the latest period, so unit filters have something to show.
  const latest = opts.periods[opts.periods.length - 1];
  if (latest) {
    const rnd = random(4242);
    for (const unit of opts.clinicUnits) {
      const den = 300 + Math.round(rnd() * 500);
      const num = Math.round(den * (0.5 + rnd() * 0.25));
      rows.push(sampleRow('sfh-12', unit, latest, 'T', round1((num / den) * 100), num, den, 'preliminar'));
    }
  }
  return rows;
}

function sampleRow(
  indicator: string,
  unit: string,
  period: string,
  kon: string,
  value: number,
  numerator: number | null,
  denominator: number | null,
  status: string,
): RowValues {
  return { indicator, unit, period, kon, value, numerator, denominator, status, source: 'Exempeldata', comment: SAMPLE_NOTE };
}

/**
 * Sample clinic-level values per quarter: hälsosamtal held and FaR prescribed (counts, T = K + M),
 * and the share of FaR followed up after about six months (of those prescribed two quarters
 * earlier, so the numerator never exceeds what could have been followed up).
 */
export function clinicValueRows(clinicUnits: readonly string[], quarters: readonly string[]): RowValues[] {
  const rows: RowValues[] = [];
  clinicUnits.forEach((unit, u) => {
    const rnd = random(9000 + u);
    const prescribed: number[] = [];
    quarters.forEach((period, q) => {
      const status = q === quarters.length - 1 ? 'preliminar' : 'definitiv';
      const talksK = 10 + Math.round(rnd() * 25 + q * 2);
      const talksM = 8 + Math.round(rnd() * 20 + q * 2);
      const farK = 3 + Math.round(rnd() * 8);
      const farM = 2 + Math.round(rnd() * 7);
      prescribed.push(farK + farM);
      for (const [kon, talks, far] of [
        ['T', talksK + talksM, farK + farM],
        ['K', talksK, farK],
        ['M', talksM, farM],
      ] as const) {
        rows.push(sampleRow('vc-halsosamtal', unit, period, kon, talks, null, null, status));
        rows.push(sampleRow('vc-far-forskrivna', unit, period, kon, far, null, null, status));
      }
      const earlier = prescribed[q - 2];
      if (earlier !== undefined && earlier > 0) {
        const followed = Math.min(earlier, Math.round(earlier * (0.35 + rnd() * 0.4)));
        rows.push(sampleRow('vc-far-uppfoljda-6man', unit, period, 'T', round1((followed / earlier) * 100), followed, earlier, status));
      }
    });
  });
  return rows;
}
