import { describe, expect, it } from 'vitest';
import { KOMMUNER, LAN, isKommunCode, kommunCodeOf, kommunName, kommunerIn, lanOf } from '../../../shared/catalog/kommuner.js';

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

  it('reads a kommun by its official name, with the genitive before kommun or stad', () => {
    expect(kommunCodeOf('Stockholms stad')).toBe('0180');
    expect(kommunCodeOf('Stockholms kommun')).toBe('0180');
    expect(kommunCodeOf('Sundbybergs stad')).toBe('0183');
    expect(kommunCodeOf('Vaxholms stad')).toBe('0187');
    expect(kommunCodeOf('Jönköpings kommun')).toBe('0680');
    expect(kommunCodeOf('0180 Stockholms stad')).toBe('0180');
    // A name that ends in s itself stays itself.
    expect(kommunCodeOf('Tranås kommun')).toBe(kommunCodeOf('Tranås'));
    expect(kommunCodeOf('Tranås')).toBeDefined();
    // The genitive is no name of its own, and no other kommun's code is given for a wrong pair.
    expect(kommunCodeOf('Stockholms')).toBeUndefined();
    expect(kommunCodeOf('0127 Stockholms stad')).toBeUndefined();
  });

  it('takes hyphens and spaces in a name alike', () => {
    expect(kommunCodeOf('Upplands-Väsby')).toBe('0114');
    expect(kommunCodeOf('upplands bro')).toBe('0139');
    expect(kommunCodeOf('0127 – Botkyrka')).toBe('0127');
  });

  it('finds every listed kommun by its name, with kommun after it', () => {
    for (const [code, name] of Object.entries(KOMMUNER)) {
      expect(kommunCodeOf(name), name).toBe(code);
      expect(kommunCodeOf(`${name} kommun`), name).toBe(code);
    }
  });
});

