/**
 * Phone numbers and the personnummer guard: no Swedish phone number, written as people write them,
 * is refused, and ten or twelve digits in groups split by spaces that no phone writing has are.
 * The phones follow PTS's number plan (a national number is 0, an area code of one to three more
 * digits — `08`, `0xx`, `0xxx`, mobile `07x` — and a subscriber number of 5 to 8 digits, at most
 * ten digits in all; the subscriber number never starts with 0) written in Språkrådet's groups of
 * two and three (`08-123 456 78`, `0771-23 45 67`) and the other groupings people use
 * (`070-123 4567`, `08-1234 5678`), nationally and internationally (`+46 8 123 456 78`,
 * `+46 (0)8-123 456 78`, `0046 70 …`).
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';

let seed = 20261201;
const digit = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % 10;
const d = (k: number): string => Array.from({ length: k }, digit).join('');
const nz = (): string => String(1 + (digit() % 9));

/** Every way of writing `n` digits as groups of `min` to `max` digits, as group lengths. */
function groupings(n: number, min: number, max: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (let k = min; k <= Math.min(n, max); k++) for (const rest of groupings(n - k, min, max)) out.push([k, ...rest]);
  return out;
}

/** `digits` in groups of the lengths `parts`, `sep` between them. */
const grouped = (digits: string, parts: readonly number[], sep = ' '): string => {
  let at = 0;
  return parts.map((k) => digits.slice(at, (at += k))).join(sep);
};

/** Area codes without their 0: Stockholm, two and three digits, mobile. */
const AREAS: Array<[digits: number, make: () => string]> = [
  [1, () => '8'],
  [2, () => nz() + d(1)],
  [3, () => nz() + d(2)],
  [2, () => `7${'02369'.charAt(digit() % 5)}`],
];
/** How the area code and the subscriber number are written together (`a` without its 0). */
const WRITINGS: Array<(a: string, sub: string) => string> = [
  (a, sub) => `0${a}-${sub}`,
  (a, sub) => `0${a} ${sub}`,
  (a, sub) => `0${a} - ${sub}`,
  (a, sub) => `0${a}\u2013${sub}`,
  (a, sub) => `0${a}/${sub}`,
  (a, sub) => `(0${a}) ${sub}`,
  (a, sub) => `+46 ${a} ${sub}`,
  (a, sub) => `+46 ${a}-${sub}`,
  (a, sub) => `+46 (0)${a}-${sub}`,
  (a, sub) => `+46${a} ${sub}`,
  (a, sub) => `0046 ${a} ${sub}`,
];

/** One phone number maker per area code, subscriber length, grouping and writing. */
const PHONES: Array<() => string> = AREAS.flatMap(([areaDigits, area], i) =>
  [5, 6, 7, 8]
    .filter((s) => 1 + areaDigits + s <= 10 && (i !== 3 || s === 7))
    .flatMap((s) => [...groupings(s, 2, 3), [3, 4], [4, 4], [s]].filter((g) => g.reduce((x, y) => x + y, 0) === s).map((g) => [s, g] as const))
    .flatMap(([s, g]) => WRITINGS.map((write) => () => write(area(), grouped(nz() + d(s - 1), g)))),
);

describe('phone numbers and the personnummer guard', () => {
  it(`refuses no phone number written the Swedish way, of ${PHONES.length} writings with random digits`, () => {
    let refused = 0;
    let compactRefused = 0;
    const examples: string[] = [];
    for (const make of PHONES) {
      for (let i = 0; i < 100; i++) {
        const phone = make();
        if (findPersonnummer(phone) !== null) {
          refused++;
          if (examples.length < 5) examples.push(phone);
        }
        if (findPersonnummer(phone.replace(/^(?:\+46|0046)|\D/g, '')) !== null) compactRefused++;
      }
    }
    expect(examples).toEqual([]);
    expect(refused).toBe(0);
    // Their digits alone often are a valid date and check digit: the shapes, not chance, pass them.
    expect(compactRefused).toBeGreaterThan(50);
  });

  it('refuses no phone number in the writings of the older corpus, of thousands with random digits', () => {
    const formats: Array<() => string> = [
      () => `07${d(1)}-${d(3)} ${d(2)} ${d(2)}`,
      () => `07${d(1)} ${d(3)} ${d(2)} ${d(2)}`,
      () => `08-${nz()}${d(2)} ${d(3)} ${d(2)}`,
      () => `0${nz()}${d(1)}-${nz()}${d(1)} ${d(2)} ${d(2)}`,
      () => `0${nz()}${d(2)}-${nz()}${d(1)} ${d(2)} ${d(2)}`,
      () => `07${d(1)}-${d(3)} ${d(4)}`,
      () => `08-${nz()}${d(3)} ${d(4)}`,
      () => `07${d(2)} ${d(6)}`,
      () => `07${d(1)}-${d(7)}`,
    ];
    let refused = 0;
    for (const format of formats) for (let i = 0; i < 2000; i++) if (findPersonnummer(format()) !== null) refused++;
    expect(refused).toBe(0);
  });

  /** The groupings of ten digits that keep the date part whole: six digits, or pairs YY MM DD. */
  const DATE_WHOLE = new Set(['6-4', '6-2-2', '8-2', '2-2-2-4', '2-2-6']);
  /** The ten-digit groupings of two digits or more, in two groups or more. */
  const TEN = groupings(10, 2, 8).filter((g) => g.length >= 2);

  it(`refuses a valid number in each of the ${TEN.length} groupings of ten digits split by spaces, and no phone's`, () => {
    const missed: string[] = [];
    for (const parts of TEN) {
      for (const [digits, kind] of [['8501011236', 'personnummer'], ['8112789873', 'samordningsnummer'], ['1212121212', 'personnummer']] as const) {
        const text = `Ring ${grouped(digits, parts)} i dag`;
        if (findPersonnummer(text)?.kind !== kind) missed.push(text);
      }
      // The same digits starting with 0 are a phone's (`0701231235` in the same groups), but for
      // the groupings that keep the date part whole (`070123 1235`, `07 01 23 1235`, `070123 12 35`),
      // read as a date and a serial whatever the first digit.
      const phone = findPersonnummer(grouped('0701231235', parts));
      expect(phone === null, parts.join('-')).toBe(!DATE_WHOLE.has(parts.join('-')));
    }
    expect(missed).toEqual([]);
  });

  it('refuses a valid number in three groups or more split by one dash, dot or slash repeated, and no phone\'s', () => {
    const missed: string[] = [];
    for (const mark of ['-', '.', '/']) {
      for (const parts of TEN.filter((g) => g.length >= 3)) {
        const text = `Ring ${grouped('8501011236', parts, mark)} i dag`;
        if (findPersonnummer(text) === null) missed.push(text);
        // `0701231235` so written passes, but where the date part stays whole (`07-01-23-1235`, `070123-12-35`).
        if (findPersonnummer(grouped('0701231235', parts, mark)) !== null && !DATE_WHOLE.has(parts.join('-'))) missed.push(grouped('0701231235', parts, mark));
      }
    }
    expect(missed).toEqual([]);
  });

  it('refuses a valid twelve-digit number in groups split by spaces', () => {
    for (const parts of groupings(12, 2, 10).filter((g) => g.length >= 2 && g.length <= 6)) {
      expect(findPersonnummer(grouped('198501011236', parts))?.match, parts.join('-')).toBe(grouped('198501011236', parts));
    }
  });

  it('refuses about one in a hundred random digit strings in a grouping, as its docstring says', () => {
    // `CANDIDATE_GROUPED` (personnummer-shapes.ts): 1.2 % of ten random digits whose first is not 0.
    let refused = 0;
    const runs = 20_000;
    for (let i = 0; i < runs; i++) if (findPersonnummer(grouped(nz() + d(9), [4, 2, 4])) !== null) refused++;
    expect(refused / runs).toBeGreaterThan(0.008);
    expect(refused / runs).toBeLessThan(0.017);
  });
});
