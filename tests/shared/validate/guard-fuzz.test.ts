/**
 * The differential fuzzer of the personnummer net: seeded updates each holding one valid number
 * in some spelling, place and client id (`tests/support/guard-fuzz-cases.ts`) are refused as
 * personnummer by `checkUpdate`, and found by the raw-byte net alone (`scanUpdate`), wherever the
 * net that read every byte of an update in each reading (main at 8dbab569, before the net read
 * only the pieces that may hold a number) did. Its verdicts are recorded as data: the cases it
 * let through or refused for another reason (`OLD_CHECK_PASSED`: a number of another script in a
 * byte array written as UTF-16, which it did not read, a number cut inside a pair across two
 * cells, a spelling the guard reads no number in) and those its raw net did not find
 * (`OLD_SCAN_PASSED`: the same, a number in a byte array as UTF-16 or beside a character
 * Latin-1 has not, and a control inside a number in a rich text's value). Derived by running
 * these cases (seed 1, 300) through `checkUpdate` and `scanUpdate` of that commit's
 * `shared/validate` (`git archive 8dbab569 shared`, this tree's `tsconfig.json`, `package.json`
 * and `node_modules` beside it), since a byte array's number is no longer written with a `?` for
 * a character the encoding has not (it is written folded or in a Unicode encoding instead).
 * Each number written in a byte array that the guard reads in its text is refused whatever the
 * encoding, which no old verdict excuses.
 */
import { describe, expect, it } from 'vitest';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { scanUpdate } from '../../../shared/validate/raw-scan.js';
import { fuzzCases, type FuzzCase } from '../../support/guard-fuzz-cases.js';

const SEED = 1;
const COUNT = 300;
const OLD_CHECK_PASSED = [
  4, 7, 10, 20, 25, 29, 34, 49, 52, 70, 87, 92, 96, 104, 125, 141, 148, 158, 165, 166, 168, 185, 196, 199, 223, 226, 227, 235, 241, 242, 250,
  251, 269, 270, 278, 288, 292, 295,
];
const OLD_SCAN_PASSED = new Set([...OLD_CHECK_PASSED, 33, 35, 41, 71, 117, 135, 255]);

describe('the personnummer net against the net that read every byte', () => {
  const cases = fuzzCases(SEED, COUNT);
  const verdicts = new Map<FuzzCase, string>();
  /** `checkUpdate`'s verdict code of case `c`, or `ok`; each case checked once in the file. */
  const verdictOf = (c: FuzzCase): string => {
    let code = verdicts.get(c);
    if (code === undefined) {
      const verdict = checkUpdate(c.server(), c.update);
      verdicts.set(c, (code = verdict.ok ? 'ok' : verdict.code));
    }
    return code;
  };

  it(`checkUpdate refuses each of ${COUNT} seeded numbers the old check refused`, () => {
    const passed = new Set(OLD_CHECK_PASSED);
    const missed: string[] = [];
    for (const [i, c] of cases.entries()) {
      if (passed.has(i)) continue;
      if (verdictOf(c) !== 'personnummer') missed.push(c.name);
    }
    expect(missed).toEqual([]);
  });

  it(`the raw-byte net finds each of ${COUNT} seeded numbers the old net found`, () => {
    const missed = cases.filter((c, i) => !OLD_SCAN_PASSED.has(i) && scanUpdate(c.update) === null).map((c) => c.name);
    expect(missed).toEqual([]);
    expect(COUNT - OLD_SCAN_PASSED.size).toBeGreaterThan(240);
  });

  it('checkUpdate refuses each number written in a byte array, in whatever encoding it is written', () => {
    const inBytes = cases.filter((c) => c.bytes && findPersonnummer(c.text) !== null);
    const missed = inBytes.filter((c) => verdictOf(c) !== 'personnummer');
    expect(missed.map((c) => c.name)).toEqual([]);
    // Written otherwise than in the place's own encoding: UTF-8, UTF-16 either way, folded.
    expect(inBytes.filter((c) => / as /.test(c.name)).length).toBeGreaterThan(15);
  });
});
