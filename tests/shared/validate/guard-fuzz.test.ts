/**
 * The differential fuzzer of the personnummer net: seeded updates each holding one valid number
 * in some spelling, place and client id (`tests/support/guard-fuzz-cases.ts`) are refused as
 * personnummer by `checkUpdate`, and found by the raw-byte net alone (`scanUpdate`), wherever the
 * net that read every byte of an update in each reading (main at 8dbab569, before the net read
 * only the pieces that may hold a number) did. Its verdicts are recorded as data: the cases it
 * let through or refused for another reason (`OLD_CHECK_PASSED`: a Unicode digit an 8-bit
 * encoding wrote as `?`, a number cut inside a pair across two cells) and those its raw net did
 * not find (`OLD_SCAN_PASSED`: the same, and a control inside a number in a rich text's value).
 */
import { describe, expect, it } from 'vitest';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { scanUpdate } from '../../../shared/validate/raw-scan.js';
import { fuzzCases } from '../../support/guard-fuzz-cases.js';

const SEED = 1;
const COUNT = 300;
const OLD_CHECK_PASSED = [
  4, 7, 10, 20, 25, 29, 33, 34, 49, 52, 70, 87, 92, 96, 104, 117, 125, 127, 135, 141, 148, 158, 165, 166, 167, 168, 185, 196, 199, 222, 223,
  226, 227, 233, 235, 241, 242, 250, 251, 269, 270, 278, 283, 288, 292, 295,
];
const OLD_SCAN_PASSED = new Set([...OLD_CHECK_PASSED, 35, 41, 71]);

describe('the personnummer net against the net that read every byte', () => {
  const cases = fuzzCases(SEED, COUNT);

  it(`checkUpdate refuses each of ${COUNT} seeded numbers the old check refused`, () => {
    const passed = new Set(OLD_CHECK_PASSED);
    const missed: string[] = [];
    for (const [i, c] of cases.entries()) {
      if (passed.has(i)) continue;
      const verdict = checkUpdate(c.server(), c.update);
      if (verdict.ok || verdict.code !== 'personnummer') missed.push(c.name);
    }
    expect(missed).toEqual([]);
  });

  it(`the raw-byte net finds each of ${COUNT} seeded numbers the old net found`, () => {
    const missed = cases.filter((c, i) => !OLD_SCAN_PASSED.has(i) && scanUpdate(c.update) === null).map((c) => c.name);
    expect(missed).toEqual([]);
    expect(COUNT - OLD_SCAN_PASSED.size).toBeGreaterThan(240);
  });
});
