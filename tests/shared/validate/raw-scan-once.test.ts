/**
 * The raw-byte net reads the bytes of an update that holds an undecodable byte (binary client ids
 * and info bytes make most pastes so) as UTF-8 and in every single-byte reading
 * (`raw-scan-readings.ts`). Text in ASCII reads alike in all of them, and a paste repeats its
 * texts row after row: the guard reads each text of one update once, and what it found in none
 * of them it is not asked again (`readRun` of `raw-scan.ts`). The verdicts stay the guard's.
 */
import { describe, expect, it, vi } from 'vitest';
import { findPersonnummerInBytes } from '../../../shared/validate/raw-scan.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { guardReads } from './fixtures/guard-reads.js';

vi.mock('../../../shared/validate/personnummer.js', async (importOriginal) => (await import('./fixtures/guard-reads.js')).recordingGuard(importOriginal));

const utf8 = new TextEncoder();

/** `texts` as the strings of an update: each after an info byte that is no UTF-8 (0xA8) and its length. */
function strings(texts: readonly string[]): Uint8Array {
  const out: number[] = [];
  for (const text of texts) {
    const bytes = utf8.encode(text);
    out.push(0xa8, 0x01, 0x77, bytes.length, ...bytes);
  }
  return Uint8Array.from(out);
}

/** How many times the guard was asked to read each text, the most. */
function mostReads(): number {
  const counts = new Map<string, number>();
  for (const t of guardReads) counts.set(t, (counts.get(t) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

describe('the raw net reads each text of an update once', () => {
  it('asks the guard once about a phone number that every reading and every row holds', () => {
    const phone = 'Ring 070-123 45 67';
    expect(findPersonnummer(phone)).toBeNull();
    guardReads.length = 0;
    expect(findPersonnummerInBytes(strings(Array.from({ length: 50 }, () => phone)))).toBeNull();
    expect(guardReads.length).toBeGreaterThan(0);
    expect(mostReads()).toBe(1);
  });

  it('still finds a number among texts it read before, in UTF-8 and in a single-byte reading', () => {
    const rows = Array.from({ length: 20 }, () => 'Ring 070-123 45 67');
    expect(findPersonnummerInBytes(strings([...rows, 'Anna 19121212-1212', ...rows]))).not.toBeNull();
    // Windows-1252's en dash (0x96), no UTF-8: only a single-byte reading shows the number.
    const latin = Uint8Array.from([...strings(rows), 0x77, 11, ...utf8.encode('850101'), 0x96, ...utf8.encode('1236')]);
    expect(findPersonnummerInBytes(latin)).not.toBeNull();
  });
});
