/**
 * No line of the domain sources (copied to `tests/support/seeds/`: SKR's strategy, the partner
 * lists, the clinics' texts, 2 092 lines) is refused by the personnummer guard: every
 * shape the guard reads is measured against them, and a clinic pasting one of them must not be
 * told it holds a patient's identity.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { splitPersonnummer } from '../../../shared/validate/split-personnummer.js';

const SEEDS = fileURLToPath(new URL('../../support/seeds/', import.meta.url));

/** Every line of the seeds, with its file's name. */
function seedLines(): { name: string; line: string }[] {
  const files = readdirSync(SEEDS).filter((name) => name.endsWith('.txt'));
  expect(files.length).toBeGreaterThan(0);
  return files.flatMap((name) => readFileSync(SEEDS + name, 'utf8').split('\n').map((line) => ({ name, line })));
}

describe('the domain sources and the personnummer guard', () => {
  it('refuses no line of the seeds', () => {
    const lines = seedLines();
    expect(lines.length).toBeGreaterThan(2000);
    const refused = lines.filter(({ line }) => findPersonnummer(line) !== null).map(({ name, line }) => `${name}: ${line.slice(0, 80)}`);
    expect(refused).toEqual([]);
  });

  it('names no two of the seeds\' numbers as a personnummer split over neighbouring cells, typed as numbers or texts, in number columns or others', () => {
    const text = seedLines().map(({ line }) => line).join('\n');
    // Each number as written (`2013-2015`, `5 000`, `1.000`) and each run of its digits as a cell's number.
    const written = [...new Set(text.match(/\d(?:[\d.,:/–-]|\s(?=\d))*\d|\d/g) ?? [])];
    const numbers = [...new Set((text.match(/\d+/g) ?? []).map(Number))];
    const values = [...written, ...numbers];
    expect(numbers.length).toBeGreaterThan(40);
    const named: string[] = [];
    for (const a of values) {
      for (const b of values) {
        for (const counts of [new Set<string>(), new Set(['a', 'b'])]) {
          if (splitPersonnummer({ a, b }, ['a', 'b'], counts) !== null) named.push(`${a} | ${b}`);
        }
      }
    }
    expect(named).toEqual([]);
  });

  it('names no two of the seeds\' words holding a digit, with the punctuation they are written with (`2019,`, `(2013)`), as a personnummer split over neighbouring text cells, side by side or across an empty one', () => {
    const words = [...new Set(seedLines().flatMap(({ line }) => line.split(/\s+/)).filter((w) => /\d/.test(w)))];
    expect(words.length).toBeGreaterThan(40);
    const named: string[] = [];
    for (const a of words) {
      for (const b of words) {
        if (splitPersonnummer({ a, b }, ['a', 'b']) !== null) named.push(`${a} | ${b}`);
        if (splitPersonnummer({ a, c: b }, ['a', 'b', 'c']) !== null) named.push(`${a} | | ${b}`);
      }
    }
    expect(named).toEqual([]);
  });
});
