import { describe, expect, it } from 'vitest';
import { INDICATOR_AREAS, SFH_INDICATORS, sfhIndicator, statedMinChange } from '../../../shared/catalog/indicators.js';
import { catalogRows } from '../../../server/demo/indicator-rows.js';

describe('Strategi för hälsa indicators', () => {
  it('has exactly 22 indicators in three areas: 9, 4 and 9', () => {
    expect(SFH_INDICATORS).toHaveLength(22);
    expect(INDICATOR_AREAS.map((a) => a.label.sv)).toEqual(['God och jämlik hälsa', 'Hållbart och uthålligt', 'God kvalitet']);
    const count = (area: string) => SFH_INDICATORS.filter((i) => i.area === area).length;
    expect([count('god-och-jamlik-halsa'), count('hallbart-och-uthalligt'), count('god-kvalitet')]).toEqual([9, 4, 9]);
  });

  it('marks every id as a local id sfh-01 … sfh-22', () => {
    SFH_INDICATORS.forEach((ind, i) => {
      expect(ind.localId).toBe(true);
      expect(ind.id).toBe(`sfh-${String(i + 1).padStart(2, '0')}`);
    });
  });

  it('keeps the Swedish names exactly as written in seed 002', () => {
    expect(sfhIndicator('sfh-01')?.name.sv).toBe('Färre små barn ska utsättas för tobaksrök i hemmet');
    expect(sfhIndicator('sfh-10')?.name.sv).toBe('Medellivslängden ska öka över tid, skillnader mellan olika grupper ska minska');
    expect(sfhIndicator('sfh-22')?.name.sv).toBe(
      'Fler patienter ska uppleva bättre kvalitet vad avser emotionellt stöd; att personalen/behandlaren var aktiv och lyhörd, tillgänglig och stödjande',
    );
  });

  it('reads the direction from the wording: Fler/öka higher, Färre/Minska lower', () => {
    for (const ind of SFH_INDICATORS) {
      const first = ind.name.sv.split(' ')[0];
      if (first === 'Fler') expect(ind.direction).toBe('higher');
      else if (first === 'Färre' || first === 'Minska') expect(ind.direction).toBe('lower');
      else expect([ind.id, ind.direction]).toEqual(['sfh-10', 'higher']);
    }
    expect(SFH_INDICATORS.filter((i) => i.direction === 'lower')).toHaveLength(6);
  });

  it('returns undefined for an unknown id', () => {
    expect(sfhIndicator('sfh-23')).toBeUndefined();
  });

  it('reads the least change a goal states: sfh-06 asks for at least 7 percentage points (seed 002)', () => {
    expect(sfhIndicator('sfh-06')?.minChangePp).toBe(7);
    expect(statedMinChange('öka med minst 2,5 procentenheter')).toBe(2.5);
    expect(SFH_INDICATORS.filter((i) => i.minChangePp !== undefined).map((i) => i.id)).toEqual(['sfh-06']);
  });

  it("gives every demo target at least the goal's stated change over its baseline", () => {
    const rows = catalogRows();
    for (const ind of SFH_INDICATORS) {
      if (ind.minChangePp === undefined) continue;
      const row = rows.find((r) => r.id === ind.id);
      const gain = ind.direction === 'higher' ? Number(row?.target) - Number(row?.baseline) : Number(row?.baseline) - Number(row?.target);
      expect(gain).toBeGreaterThanOrEqual(ind.minChangePp - 1e-9);
    }
  });
});
