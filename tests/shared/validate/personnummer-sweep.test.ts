/**
 * The guard over a seeded sweep of valid numbers in every class of spelling (`personnummer-sweep.ts`):
 * none passes but by the decisions of `personnummer-decisions.ts`. The same sweep, run over an
 * older guard beside this one, gives the figures of a change (false refusals by kind of everyday
 * text); the everyday kinds' bounds are `personnummer-ordinary.test.ts`'s.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { prng } from '../../support/personnummer-families.js';
import { sweepValid } from '../../support/personnummer-sweep.js';

describe('findPersonnummer over a seeded sweep of valid spellings', () => {
  it('lets none pass but by decision', () => {
    const classes = sweepValid((text) => findPersonnummer(text) !== null, prng(1204), 1 / 20);
    for (const [kind, { swept, wrong }] of Object.entries(classes)) {
      expect(swept, kind).toBeGreaterThan(1000);
      expect(wrong.slice(0, 10), kind).toEqual([]);
    }
  });
});
