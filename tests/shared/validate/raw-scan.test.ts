import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc } from '../../../shared/doc/create.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { insertRow, setCell } from '../../../shared/doc/rows.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findPersonnummerInBytes, mayHoldNumber, scanBytes } from '../../../shared/validate/raw-scan.js';
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

  it('counts the digits a character becomes, not characters, run by run', () => {
    // Five circled twelves are ten digits in fifteen bytes; two strings of a list side by side,
    // each after its type byte `w` (ContentAny, what Samplan's maps and lists hold).
    expect(findPersonnummerInBytes(utf8('\u0000w\u0003⑫⑫⑫w\u0002⑫⑫\u0001'))).toBeNull();
    expect(findPersonnummerInBytes(utf8('\u0000\u0005⑫⑫⑫⑫⑫\u0001'))?.match).toBe('⑫⑫⑫⑫⑫');
    expect(findPersonnummerInBytes(utf8('\u0000\u00058⅒/12-1236\u0001'))?.match).toBe('8⅒/12-1236');
  });

  it('counts a lone byte read as Latin-1 for the digits it becomes (² one, ½ two)', () => {
    const latin1 = (...parts: Array<string | number>): Uint8Array =>
      Uint8Array.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : [...p].map((c) => c.charCodeAt(0)))));
    // Not UTF-8: the bytes 0xB2 0xB3 are ² ³ only as Latin-1, and 0xBD is ½ (`1/2`).
    expect(findPersonnummerInBytes(latin1(0, '8501011', 0xb2, 0xb3, '6', 1))?.match).toBe('8501011²³6');
    expect(findPersonnummerInBytes(latin1(0, '85/0', 0xbd, '3-1230', 1))?.match).toBe('85/0½3-1230');
  });

  it('links digits across any number of characters read as nothing, and three wide separators', () => {
    const zwj3 = [...'8501011236'].join('\u200D\u200D\u200D');
    expect(findPersonnummerInBytes(utf8(`\u0000${zwj3}\u0001`))?.match).toBe(zwj3);
    expect(findPersonnummerInBytes(utf8(`\u0000${[...'8501011236'].join('\u200B'.repeat(12))}\u0001`))?.kind).toBe('personnummer');
    expect(findPersonnummerInBytes(utf8('\u0000850101\u3000\u2013\u30001236\u0001'))?.kind).toBe('personnummer');
    // Digits apart by four visible characters do not chain: the digits of structure and prose.
    expect(mayHoldNumber(utf8([...'8501011236'].join('abcd')))).toBe(false);
    expect(mayHoldNumber(utf8([...'8501011236'].join(' \u2013 ')))).toBe(true);
  });

  it('measures gaps as the guard reads them: a run of one separator is one, words after a date part up to 24', () => {
    expect(mayHoldNumber(utf8(`850101${'\u2013'.repeat(40)}1236`))).toBe(true);
    expect(mayHoldNumber(utf8(`850101 ${'å'.repeat(22)} 1236`))).toBe(true);
    expect(mayHoldNumber(utf8(`850101 ${'å'.repeat(23)} 1236`))).toBe(false);
    // Before six digits the gap of words is not bridged.
    expect(mayHoldNumber(utf8('85010 nr 11236'))).toBe(false);
  });

  /** Spellings made of a date part, what stands between, and a serial: every combination. */
  const DATES = ['850101', '19850101', '85-01-01', '850161', '1985-01-01', '8501 01', '8501-01', 'B50101', '850 101', '85 01 01', '1985 01 01'];
  const BETWEEN = [' ', '-', ' \u2013 ', '\u2013\u2013\u2013\u2013', '..........', ' nr ', ' \u2013 nr \u2013 ', ' personnummer ', ' \u2013 samordningsnummer \u2013 ',
    ' p nr ', ' nr.', ', nr ', 'O', 'l', ' personnumret: ', ' födelsenr ', ' 番号 ', ' hälsofrämjandeplan ', ' nr och så ', ' kl ', '\u200B\u200B-\u200B', '.', ':', 'x', '\u00A0'];
  const SERIALS = ['1236', '1233', '12-36', '12.36', '12 36', '1234', '12:36', '12.33'];
  const COMBINED = DATES.flatMap((date) => BETWEEN.flatMap((between) => SERIALS.map((serial) => `Not ${date}${between}${serial}.`)));

  it(`finds in the bytes what findPersonnummer finds in the text, and nothing else, over ${COMBINED.length} spellings`, () => {
    const disagree: string[] = [];
    let found = 0;
    for (const text of COMBINED) {
      const inText = findPersonnummer(text)?.match ?? null;
      const bytes = utf8(text);
      const inBytes = findPersonnummerInBytes(Uint8Array.from([0, 119, bytes.length & 0x7f, ...bytes, 1, 0]))?.match ?? null;
      if (inText !== null) found++;
      if (inText !== inBytes) disagree.push(`${JSON.stringify(text)}: ${inText} / ${inBytes}`);
    }
    expect(disagree).toEqual([]);
    // Both kinds are in the set: spellings found and spellings let through.
    expect(found).toBeGreaterThan(100);
    expect(found).toBeLessThan(COMBINED.length - 100);
  });

  /**
   * The same spellings as bytes read as Latin-1 only: a no-break space, `²` `³` `¹` or a soft
   * hyphen as lone bytes (no UTF-8: each decodes to U+FFFD), so only the Latin-1 reading shows them.
   */
  const LATIN1_ONLY: Array<[RegExp, string]> = [[/ /, '\u00A0'], [/2/, '\u00B2'], [/3/, '\u00B3'], [/1(?=\d)/, '\u00B9'], [/-/, '\u00AD-'], [/(\d)(\d)$/, '$1\u00AD$2']];
  const LATIN1_COMBINED = COMBINED.flatMap((text) => LATIN1_ONLY.map(([from, to]) => text.replace(from, to)).filter((t) => t !== text && /[\x80-\xff]/.test(t) && [...t].every((c) => c.charCodeAt(0) <= 0xff)));

  it(`counts each reading of the bytes as the guard reads it: over ${LATIN1_COMBINED.length} spellings shown by the Latin-1 reading only, the bytes show what the text shows`, () => {
    const disagree: string[] = [];
    let found = 0;
    for (const text of LATIN1_COMBINED) {
      const bytes = Uint8Array.from([0, ...[...text].map((c) => c.charCodeAt(0)), 0]);
      const inText = findPersonnummer(text)?.match ?? null;
      const inBytes = findPersonnummerInBytes(bytes)?.match ?? null;
      if (inText !== null) found++;
      // Where the text shows a number the bytes must; and what the full scan finds the quick count must not have passed over.
      if ((inText !== null && inBytes === null) || inBytes !== (scanBytes(bytes)?.match ?? null)) disagree.push(`${JSON.stringify(text)}: ${inText} / ${inBytes}`);
    }
    expect(disagree).toEqual([]);
    expect(found).toBeGreaterThan(100);
  });

  it('counts a look-alike letter beside a digit that only the Latin-1 reading shows', () => {
    // `B²0101 1239` with `²` and the no-break space as lone bytes: `820101-1239` as Latin-1.
    const bytes = Uint8Array.from([0, ...Buffer.from('Ring B'), 0xb2, ...Buffer.from('0101'), 0xa0, ...Buffer.from('1239'), 1]);
    expect(mayHoldNumber(bytes)).toBe(true);
    expect(findPersonnummerInBytes(bytes)?.match).toBe('B\u00B20101\u00A01239');
    // The UTF-8 reading ends its runs at an undecodable byte and at a control character away from
    // digits; a single-byte reading ends them only where every reading does: 0x81, which
    // Windows-1252 leaves undefined, is Mac Roman's `Å` and CP437's `ü` (0x80 is Windows-1252's `€`).
    expect(mayHoldNumber(Uint8Array.from([...Buffer.from('85010'), 0x81, ...Buffer.from('11236')]))).toBe(true);
    expect(mayHoldNumber(Uint8Array.from([...Buffer.from('85010'), 0x80, ...Buffer.from('11236')]))).toBe(true);
    expect(mayHoldNumber(Uint8Array.from([...Buffer.from('85010a'), 0x01, ...Buffer.from('b11236')]))).toBe(false);
    // A C1 control between digits is read as nothing, by the guard and so by the net.
    expect(mayHoldNumber(utf8('85010\u00851\u00851236'))).toBe(true);
  });

  it('is the second net: checkUpdate refuses a number behind zero-width joiners, and the bytes alone show it', () => {
    // Client ids of fixed bytes: random ones put their varint right after the title, and about 3
    // in 1,000 spell a digit there in UTF-8 (`\u0001` then D9 A9, `٩`), which glues to the serial.
    const server = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'vc-rinkeby', schemaVersion: 1 });
    server.clientID = 1001;
    const rowId = insertRow(server, { title: 'Hälsodag' });
    const client = docFromState(encodeState(server));
    client.clientID = 2002;
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    setCell(client, rowId, 'title', `Ring ${[...'8501011236'].join('\u200D\u200D\u200D')}`);
    const update = Y.mergeUpdates(updates);
    expect(checkUpdate(server, update)).toMatchObject({ ok: false, code: 'personnummer' });
    expect(mayHoldNumber(update)).toBe(true);
    expect(findPersonnummerInBytes(update)?.kind).toBe('personnummer');
  });
});
