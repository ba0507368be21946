import { describe, expect, it } from 'vitest';
import { editDistance, refLookup } from '../../../shared/normalize/ref-lookup.js';

const units = refLookup([
  { id: 'vc-tensta', name: 'Tensta vårdcentral' },
  { id: 'vc-rinkeby', name: 'Rinkeby Vårdcentral' },
  { id: 'vc-alby', name: 'Alby vårdcentral' },
]);

describe('refLookup', () => {
  it('finds an id by id or by name, whatever the case and spacing', () => {
    expect(units.idOf('vc-tensta')).toBe('vc-tensta');
    expect(units.idOf('  TENSTA \t vårdcentral ')).toBe('vc-tensta');
    expect(units.idOf('Tensta')).toBeUndefined();
    expect(units.nameOf('vc-alby')).toBe('Alby vårdcentral');
  });

  it('suggests the closest names for a typo or a part of a name, and none for something far off', () => {
    expect(units.closest('Tenstavårdcentral')).toEqual(['Tensta vårdcentral']);
    expect(units.closest('rinkeby')).toEqual(['Rinkeby Vårdcentral']);
    expect(units.closest('Försäkringskassan')).toEqual([]);
  });

  it('counts edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('takes an en dash, a minus or a Unicode hyphen in a name as the hyphen typed', () => {
    const renamed = refLookup([{ id: 'vc-tensta', name: 'Tensta–Hjulsta vårdcentral' }]);
    expect(renamed.idOf('tensta-hjulsta vårdcentral')).toBe('vc-tensta');
    expect(renamed.idOf('Tensta\u2011Hjulsta vårdcentral')).toBe('vc-tensta');
    expect(refLookup([{ id: 'x', name: 'Upplands-Bro' }]).idOf('Upplands−Bro')).toBe('x');
  });

  it("suggests a longer name holding every word typed (a clinic's name from before it was renamed)", () => {
    const renamed = refLookup([
      { id: 'vc-tensta', name: 'Tensta–Hjulsta vårdcentral (Åbyvägen)' },
      { id: 'vc-rinkeby', name: 'Rinkeby Vårdcentral' },
      { id: 'vc-ronna', name: 'Ronna Vårdcentral' },
    ]);
    expect(renamed.closest('Tensta vårdcentral')[0]).toBe('Tensta–Hjulsta vårdcentral (Åbyvägen)');
    expect(renamed.closest('Rinkeby Ronna')).toEqual([]);
  });
});


describe('closest names listed twice', () => {
  it('suggests a name once though two entries carry it (an indicator in Swedish and in English with one name), leaving room for the next', () => {
    const name = 'Förskrivna FaR (fysisk aktivitet på recept)';
    const list = refLookup([
      { id: 'vc-far-forskrivna', name },
      { id: 'vc-far-forskrivna', name },
      { id: 'vc-far-uppfoljda', name: 'Förskrivna FaR uppföljda' },
    ]);
    // Two places: the name once, and the other indicator in the second.
    const got = list.closest('FaR förskrivna', 2);
    expect(got.filter((n) => n === name)).toHaveLength(1);
    expect([...got].sort()).toEqual([name, 'Förskrivna FaR uppföljda'].sort());
  });
});
