import { describe, expect, it } from 'vitest';
import { personnummerGuard } from '../../../addin/excel/local/guard.js';
import { findPersonnummer, findPersonnummerInValue } from '../../../shared/validate/personnummer.js';
import { redactPersonnummer } from '../../../shared/validate/redact-personnummer.js';
import { asWellFormed } from '../../../shared/validate/well-formed.js';

// A lone surrogate (a `\ud800` escape in JSON, a cell value) is stored and relayed as U+FFFD, which
// the guard reads as a mark between a personnummer's parts: each of these passed the guard before,
// and reached a cell's Yjs update (closed 4422 by the server, syncing stopped), logs (pino writes
// the escape) and JSON imports.
const LONE = ['850101\ud8001236', '8501\ud80001-1236', '850101-12\udc0036', 'Ring 850101\udbff1236 i dag'];

describe('texts judged as stored (lone surrogates)', () => {
  it('asWellFormed replaces each lone surrogate by one U+FFFD and keeps pairs and length', () => {
    expect(asWellFormed('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
    expect(asWellFormed('😀 \ud83d\ude00')).toBe('😀 \ud83d\ude00');
    expect(asWellFormed('\udc00\ud800')).toBe('\ufffd\ufffd');
    const plain = 'Hälsodag 2026-05-12';
    expect(asWellFormed(plain)).toBe(plain);
  });

  it.each(LONE)('%j is found where it stands, as its U+FFFD spelling is', (text) => {
    const stored = text.replace(/[\ud800-\udfff]/g, '\ufffd');
    expect(findPersonnummer(stored)).not.toBeNull();
    const found = findPersonnummer(text);
    expect(found).not.toBeNull();
    expect(found?.index).toBe(findPersonnummer(stored)?.index);
    expect(found?.match.length).toBe(findPersonnummer(stored)?.match.length);
    expect(findPersonnummerInValue(text)).not.toBeNull();
  });

  it('is masked in logs and refused in a cell', () => {
    expect(redactPersonnummer('Ring 850101\ud8001236 nu')).toBe('Ring [redacted] nu');
    expect(personnummerGuard('Besök 850101\ud8001236')?.code).toBe('personnummer');
  });

  it('leaves texts with a lone surrogate but no number alone', () => {
    expect(findPersonnummer('Promenad \ud800 tisdag 10-11')).toBeNull();
    expect(personnummerGuard('\ud800')).toBeUndefined();
  });
});
