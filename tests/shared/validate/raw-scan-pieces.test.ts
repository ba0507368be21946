/**
 * The raw-byte net reads random bytes (a binary cell's) only where ten digits may stand close
 * together in a reading: the UTF-8 text where they chain as UTF-8, each single-byte reading in
 * the pieces where they chain in that reading (`singleByteChained`). It read the whole UTF-8
 * text and every reading whole, six strings of 4 KB each through both passes of the net, once
 * any reading chained ten digits (25 ms an array, 350 ms the first time a process met such
 * bytes); what it finds is unchanged (the raw-scan tests).
 */
import type * as Joined from '../../../shared/validate/raw-scan-joined.js';
import { describe, expect, it, vi } from 'vitest';
import { findPersonnummerInBytes, mayHoldNumber } from '../../../shared/validate/raw-scan.js';
import { scanJoined } from '../../../shared/validate/raw-scan-joined.js';
import { prng } from '../../support/personnummer-families.js';

vi.mock('../../../shared/validate/raw-scan-joined.js', async (importOriginal) => {
  const original = await importOriginal<typeof Joined>();
  return { ...original, scanJoined: vi.fn(original.scanJoined) };
});
const joined = vi.mocked(scanJoined);

describe('the raw-byte net on random bytes', () => {
  it('reads less text than one reading holds where it read the UTF-8 text and six readings whole, and finds a number as before', () => {
    const random = prng(20261207);
    let read = 0;
    let arrays = 0;
    for (let k = 0; k < 40; k++) {
      const bytes = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));
      if (!mayHoldNumber(bytes)) continue;
      arrays++;
      joined.mockClear();
      expect(findPersonnummerInBytes(bytes)).toBeNull();
      read += joined.mock.calls.reduce((sum, [text]) => sum + text.length, 0);
    }
    expect(arrays).toBeGreaterThan(20);
    // Whole, the UTF-8 text and up to six readings: 7 × 4,096 characters an array.
    expect(read / arrays).toBeLessThan(4096);
    // A number among random bytes is found as before, in the reading that holds it.
    const bytes = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));
    const ascii = (t: string): number[] => [...t].map((c) => c.charCodeAt(0));
    // An en dash as Windows-1252 writes it: the byte 0x96, no UTF-8.
    bytes.set([0x00, ...ascii('Eva 850101'), 0x96, ...ascii('1236'), 0x00], 2000);
    expect(findPersonnummerInBytes(bytes)?.match).toBe('850101\u20131236');
  });
});
