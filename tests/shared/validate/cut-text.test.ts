import { describe, expect, it } from 'vitest';
import { cutText, withoutNumber } from '../../../shared/validate/cut-text.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';

/** Eleven digits: no number to the guard, but its first ten are 850101-1236. */
const ELEVEN = '85010112367';

describe('cutText', () => {
  it('cuts a plain text at max', () => {
    expect(cutText('Hälsodag i Tensta', 8)).toBe('Hälsodag');
    expect(cutText('kort', 31)).toBe('kort');
  });

  it('ends before a number the cut made, with the separators before it', () => {
    expect(findPersonnummer(`Plan ${ELEVEN}`)).toBeNull();
    expect(findPersonnummer(`Plan ${ELEVEN}`.slice(0, 15))).not.toBeNull();
    expect(cutText(`Plan ${ELEVEN}`, 15)).toBe('Plan');
    expect(cutText(`Plan – ${ELEVEN}`, 17)).toBe('Plan');
    expect(cutText(ELEVEN, 10)).toBe('');
  });

  it('ends before a number in any spelling the guard reads', () => {
    expect(cutText('Plan ８５０１０１－１２３６７', 16)).toBe('Plan');
    expect(cutText('Lista 850101-12367', 17)).toBe('Lista');
  });
});

describe('withoutNumber', () => {
  it('leaves a text without a number as it is, and ends one with a number before it', () => {
    expect(withoutNumber('Tensta vc 2026-12-01')).toBe('Tensta vc 2026-12-01');
    expect(withoutNumber('Plan 8501011236 och 121212-1212')).toBe('Plan');
  });
});
