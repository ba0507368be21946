import { describe, expect, it } from 'vitest';
import { KOMMUNER, LAN, isKommunCode, kommunName, kommunerIn, lanOf } from '../../../shared/catalog/kommuner.js';

describe('kommun codes', () => {
  it('accepts four digits starting with a län code', () => {
    expect(isKommunCode('0180')).toBe(true);
    expect(isKommunCode('0684')).toBe(true);
    expect(isKommunCode('2584')).toBe(true);
  });

  it('refuses other shapes and unknown län', () => {
    for (const bad of ['180', '01800', '01a0', ' 0180', '0280', '1100', '9999', '']) {
      expect(isKommunCode(bad)).toBe(false);
    }
  });

  it('reads the län from the first two digits', () => {
    expect(lanOf('0127')).toBe('01');
    expect(lanOf('0680')).toBe('06');
    expect(lanOf('0280')).toBeUndefined();
  });

  it('knows the 21 län, the 26 kommuner of Stockholms län and the 13 of Jönköpings län', () => {
    expect(Object.keys(LAN)).toHaveLength(21);
    expect(kommunerIn('01')).toHaveLength(26);
    expect(kommunerIn('06')).toHaveLength(13);
    expect(kommunName('0181')).toBe('Södertälje');
    for (const code of Object.keys(KOMMUNER)) expect(isKommunCode(code)).toBe(true);
  });
});
