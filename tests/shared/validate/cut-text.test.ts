import { describe, expect, it } from 'vitest';
import { cutAtWord, cutText, withoutNumber } from '../../../shared/validate/cut-text.js';
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

describe('cutAtWord', () => {
  it('cuts a longer text between words, dropping the separators before the cut', () => {
    expect(cutAtWord('Aktivitetsplan Vårdcentralen Husby-Akalla 2026', 31)).toBe('Aktivitetsplan Vårdcentralen');
    expect(cutAtWord('Handlingsplan Stockholms län, Husby', 31)).toBe('Handlingsplan Stockholms län');
    expect(cutAtWord('Samverkan Husby-Akalla vårdcentral', 20)).toBe('Samverkan Husby');
    // The cut falls right after a word: the word is kept whole.
    expect(cutAtWord('Aktivitetsplan Vårdcentralen Hu x', 31)).toBe('Aktivitetsplan Vårdcentralen Hu');
  });

  it('leaves a text within max as it is', () => {
    expect(cutAtWord('Aktivitetsplan Tensta', 31)).toBe('Aktivitetsplan Tensta');
    expect(cutAtWord('x'.repeat(31), 31)).toBe('x'.repeat(31));
  });

  it('cuts inside one long word rather than keep less than half, never inside a character', () => {
    expect(cutAtWord('Hälsofrämjandeaktivitetsplanering 2026', 20)).toBe('Hälsofrämjandeaktivi');
    expect(cutAtWord('Plan Hälsofrämjandeaktivitetsplanering', 20)).toBe('Plan Hälsofrämjandea');
    expect(cutAtWord('Plan 😀😀😀', 6)).toBe('Plan');
  });

  it('ends before a number the cut made', () => {
    expect(cutAtWord(`Plan ${ELEVEN} vecka 12`, 15)).toBe('Plan');
  });
});
