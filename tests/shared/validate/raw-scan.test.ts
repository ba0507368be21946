import { describe, expect, it } from 'vitest';
import { findPersonnummerInBytes } from '../../../shared/validate/raw-scan.js';
import { FLAGGED } from '../../support/personnummer-spellings.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** A spelling without control characters stays one run of the bytes. */
const ONE_RUN = FLAGGED.filter(([text]) => [...text].every((c) => c.charCodeAt(0) >= 0x20 && (c.charCodeAt(0) < 0x7f || c.charCodeAt(0) > 0x9f)));

describe('the raw-byte net', () => {
  it.each(ONE_RUN)('finds %j between the length and type bytes of an encoded string', (text, match) => {
    const bytes = utf8(text);
    const framed = Uint8Array.from([0, 119, bytes.length & 0x7f, ...bytes, 1, 0]);
    expect(findPersonnummerInBytes(framed)?.match).toBe(match);
  });

  it('reads a run only once it may hold ten digits, and then finds a number written in any script', () => {
    const prose = 'Promenadgrupp för nyanlända i Rinkeby, tisdagar 10–11 på torget';
    expect(findPersonnummerInBytes(utf8(`\u0000${prose}\u0001`))).toBeNull();
    expect(findPersonnummerInBytes(utf8(`\u0000${prose} ٨٥٠١٠١-١٢٣٦\u0001`))?.kind).toBe('personnummer');
    expect(findPersonnummerInBytes(utf8(`\u0000${prose} 𝟖𝟓𝟎𝟏𝟎𝟏-𝟏𝟐𝟑𝟔\u0001`))?.kind).toBe('personnummer');
    // Ten digits exactly, no other character: the smallest run that may hold one.
    expect(findPersonnummerInBytes(utf8('\u00008501011236\u0001'))?.match).toBe('8501011236');
  });
});
