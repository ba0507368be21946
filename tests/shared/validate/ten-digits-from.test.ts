/**
 * `TenDigitsFrom` answers, from one count of a text, what `tenDigitsAt` answers counting again from
 * each start: the raw net's joined windows (`scanJoined`) read the same windows with it as before.
 * Held against `tenDigitsAt` itself from every start and at every end, over seeded texts of the
 * characters the chain tells apart, and over the single-byte reading of a pasted update.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc } from '../../../shared/doc/create.js';
import { insertRows } from '../../../shared/doc/rows.js';
import { tenDigitsAt } from '../../../shared/validate/raw-scan-chain.js';
import { SINGLE_BYTE_READINGS, singleByteText } from '../../../shared/validate/raw-scan-readings.js';
import { TenDigitsFrom } from '../../../shared/validate/ten-digits-from.js';
import { sampleRows } from '../../../bench/support/sample-rows.js';
import { prng } from '../../support/personnummer-families.js';

/**
 * Digits, marks whose runs read as one, letters and look-alike letters, control and vanishing
 * characters, digits that count two or three (`⑫`, `⅒`), one outside the basic plane (`𝟙`), U+FFFD.
 */
const PIECES = ['0', '1', '5', '9', '0', '3', '7', '-', '-', ' ', ' ', '.', '/', ':', '–', 'a', 'x', 'ö', 'O', 'l', 'S', 'B', '\u0001', '\u200b', '\u00ad', '⑫', '⅒', '𝟙', '\ufffd', 'nr', 'personnummer '];

/** Asserts that `tens` (counted over `[start, end)` of `text`) answers as `tenDigitsAt` from each start, at each end. */
function holds(text: string, start: number, end: number, name: string): number {
  const tens = new TenDigitsFrom(text, start, end);
  expect(tens.any, name).toBe(tenDigitsAt(text, start, end) >= 0);
  let found = 0;
  for (let from = start; from < end; from++) {
    const ten = tens.from(from, end);
    const counted = tenDigitsAt(text, from, end);
    if (counted >= 0) {
      found++;
      expect(ten, `${name} from ${from}`).toBe(counted);
    } else expect(ten < 0 || ten >= end, `${name} from ${from}`).toBe(true);
    // A window ending earlier holds ten exactly when the count says so before its end.
    const cut = from + Math.floor((end - from) / 2);
    const before = tenDigitsAt(text, from, cut);
    const short = tens.from(from, cut);
    expect(before >= 0 ? before : -1, `${name} from ${from} to ${cut}`).toBe(short >= 0 && short < cut ? short : -1);
  }
  return found;
}

describe('TenDigitsFrom', () => {
  it('answers as tenDigitsAt from every start of seeded texts', () => {
    const random = prng(1010);
    let found = 0;
    for (let k = 0; k < 800; k++) {
      let text = '';
      const pieces = Math.floor(random() * 60);
      for (let p = 0; p < pieces; p++) text += PIECES[Math.floor(random() * PIECES.length)];
      const start = Math.floor(random() * Math.min(5, text.length + 1));
      const end = start + Math.floor(random() * (text.length - start + 1));
      found += holds(text, start, end, `text ${k}: ${JSON.stringify(text)} [${start}, ${end})`);
    }
    // Starts that reach ten, not only those that do not, are compared.
    expect(found).toBeGreaterThan(500);
  });

  it('answers as tenDigitsAt from every start of a pasted update read as Windows-1252', () => {
    const doc = createDoc('activity-plan', { title: 'P', ownerUnit: 'vc-a', schemaVersion: 1 });
    let update: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => (update = u));
    insertRows(doc, sampleRows(20));
    const reading = SINGLE_BYTE_READINGS.find((r) => r.name === 'windows1252');
    if (update === null || reading === undefined) throw new Error('no paste');
    const text = singleByteText(Y.mergeUpdates([update]), reading);
    for (let start = 0; start < text.length; start += 700) holds(text, start, Math.min(text.length, start + 900), `paste from ${start}`);
  });
});
