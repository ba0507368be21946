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

const SEEDS = fileURLToPath(new URL('../../support/seeds/', import.meta.url));

describe('the domain sources and the personnummer guard', () => {
  it('refuses no line of the seeds', () => {
    const files = readdirSync(SEEDS).filter((name) => name.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(0);
    const lines = files.flatMap((name) => readFileSync(SEEDS + name, 'utf8').split('\n').map((line) => ({ name, line })));
    expect(lines.length).toBeGreaterThan(2000);
    const refused = lines.filter(({ line }) => findPersonnummer(line) !== null).map(({ name, line }) => `${name}: ${line.slice(0, 80)}`);
    expect(refused).toEqual([]);
  });
});
