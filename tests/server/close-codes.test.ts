import { describe, expect, it } from 'vitest';
import { closeCodes, unknownUnitWords } from '../../server/close-codes.js';

describe('close-codes', () => {
  const known = ['vc-husby', 'vc-tensta', 'vc-rinkeby'];

  it('names the codes close to a typo, another case or a part, closest first', () => {
    expect(closeCodes('vc-huby', known)).toEqual(['vc-husby']);
    expect(closeCodes('VC-TENSTA', known)).toEqual(['vc-tensta']);
    expect(closeCodes('rinkeby', known)).toEqual(['vc-rinkeby']);
    expect(closeCodes('kista', known)).toEqual([]);
  });

  it('says which unknown units a workspace lacks, with the codes close to each, in both languages', () => {
    expect(unknownUnitWords(['vc-huby'], known)).toEqual({
      sv: 'Arbetsytan har ingen enhet vc-huby; menade du vc-husby?',
      en: 'The workspace has no unit vc-huby; did you mean vc-husby?',
    });
    expect(unknownUnitWords(['vc-huby', 'kista', 'vc-tenst'], known).en).toBe('The workspace has no unit vc-huby, kista, vc-tenst; did you mean vc-husby for vc-huby; vc-tensta for vc-tenst?');
    expect(unknownUnitWords(['vc-huby', 'vc-tenst'], known).sv).toBe('Arbetsytan har ingen enhet vc-huby, vc-tenst; menade du vc-husby för vc-huby; vc-tensta för vc-tenst?');
    expect(unknownUnitWords(['kista'], known, true)).toEqual({ sv: 'Arbetsytan har ingen enhet "kista".', en: 'The workspace has no unit "kista".' });
    expect(unknownUnitWords(['vc-husbyy'], [])).toEqual({ sv: 'Arbetsytan har ingen enhet vc-husbyy.', en: 'The workspace has no unit vc-husbyy.' });
  });
});
