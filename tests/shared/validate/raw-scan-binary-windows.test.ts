/**
 * The net of a byte array (`findPersonnummerInBinary`, the door's and `samplan history scan`'s)
 * reads the bytes' whole UTF-8 text too, where ten digits chain in it. It read all of it once one
 * stretch anywhere chained, and the larger the bytes the likelier one is: random bytes of 64 KB
 * mostly passed by the count, 1 MB was read whole (seconds), so the cost grew faster than the
 * bytes. Now only the stretches that chain are read, with the words around them.
 */
import { describe, expect, it, vi } from 'vitest';
import type * as Guard from '../../../shared/validate/personnummer.js';

const read = vi.hoisted(() => ({ units: 0 }));
vi.mock('../../../shared/validate/personnummer.js', async (original) => {
  const actual = await original<typeof Guard>();
  return {
    ...actual,
    findPersonnummer: (text: string) => {
      read.units += text.length;
      return actual.findPersonnummer(text);
    },
  };
});

const { findPersonnummer } = await import('../../../shared/validate/personnummer.js');
const { findPersonnummerInBinary } = await import('../../../shared/validate/raw-scan-binary.js');
const { prng } = await import('../../support/personnummer-families.js');

/** `n` seeded random bytes. */
function randomBytes(n: number, seed: number): Uint8Array {
  const random = prng(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
}

const encoder = new TextEncoder();

describe('the whole text of a byte array', () => {
  it('is read by the guard only around the stretches where ten digits chain: of 1 MB of random bytes, a small part', () => {
    const bytes = randomBytes(1 << 20, 20261207);
    read.units = 0;
    expect(findPersonnummerInBinary(bytes)).toBeNull();
    // Every reading's runs and the stretches together: the whole text alone was 1 MB of units.
    expect(read.units).toBeLessThan(bytes.length / 4);
  });

  it.each([
    ['a number', 'Ring Eva 850101-1236 i morgon'],
    ['a date and a time a label names, the label cut by control bytes', 'p\u0001n\u0001r\u0001:\u0001 \u0001\u0001\u0001\u00011995-02-11 00:01'],
    ['a birth date and a time', 'f\u0001\u0001ö\u0001\u0001d\u0001\u0001d 1995-02-11 00:01'],
  ])('still finds %s in the middle of 256 KB of random bytes', (_, text) => {
    expect(findPersonnummer(text.split('\u0001').join(''))).not.toBeNull();
    const before = randomBytes(1 << 17, 1);
    const after = randomBytes(1 << 17, 2);
    const bytes = Uint8Array.from([...before, 0x0a, ...encoder.encode(text), 0x0a, ...after]);
    expect(findPersonnummerInBinary(bytes)).not.toBeNull();
  });
});
