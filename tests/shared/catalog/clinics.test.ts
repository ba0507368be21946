import { describe, expect, it } from 'vitest';
import { KIM_CLINICS, STOCKHOLM_CLINICS, clinicByUnit } from '../../../shared/catalog/clinics.js';
import { isKommunCode, kommunName, lanOf } from '../../../shared/catalog/kommuner.js';

describe('clinics', () => {
  it('lists exactly the 15 clinics of seed 001', () => {
    expect(STOCKHOLM_CLINICS).toHaveLength(15);
    expect(STOCKHOLM_CLINICS[0]?.name).toBe('Fittja Vårdcentral');
    expect(STOCKHOLM_CLINICS[14]?.name).toBe('Alby vårdcentral');
  });

  it('lists the six KIM clinics of seed 000', () => {
    expect(KIM_CLINICS.map((c) => c.name)).toEqual(['Wasa', 'Vårby', 'Tensta', 'Husby Akalla', 'Jordbro', 'Rinkeby']);
  });

  it('gives every clinic a unique local unit code', () => {
    const all = [...STOCKHOLM_CLINICS, ...KIM_CLINICS];
    expect(new Set(all.map((c) => c.unit)).size).toBe(21);
    for (const c of all) {
      expect(c.localId).toBe(true);
      expect(c.unit).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('places every clinic in a known kommun of Stockholms län', () => {
    for (const c of [...STOCKHOLM_CLINICS, ...KIM_CLINICS]) {
      expect(isKommunCode(c.kommun)).toBe(true);
      expect(lanOf(c.kommun)).toBe('01');
      expect(kommunName(c.kommun)).toBeDefined();
    }
  });

  it('finds a clinic by unit code', () => {
    expect(clinicByUnit('vc-fittja')?.kommun).toBe('0127');
    expect(clinicByUnit('kim-jordbro')?.kommun).toBe('0136');
    expect(clinicByUnit('vc-nowhere')).toBeUndefined();
  });
});
