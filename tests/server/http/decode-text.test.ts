/**
 * A text file mostly in Windows-1252 (or Mac Roman) with lines written in UTF-8 (rows appended in
 * another editor, two files joined): each UTF-8 line was read as Windows-1252 with the rest, and
 * its `Hälsa` stored as `HÃ¤lsa` without a word. Such lines are read as UTF-8 now; a single-byte
 * line that happens to be valid UTF-8 of other scripts stays single-byte.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, decodeTextSliced } from '../../../server/http/decode-text.js';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const win = (text: string): Buffer => iconv.encode(text, 'win1252');
const mac = (text: string): Buffer => iconv.encode(text, 'macintosh');

describe('a single-byte file with lines in UTF-8', () => {
  it('reads each UTF-8 line as UTF-8 and the others as Windows-1252', () => {
    const bytes = Buffer.concat([win('Aktivitet;Plats\r\nGåtur;Tensta träff\r\n'), utf8('Hälsodag;Årstaskolan\r\n'), win('Öppet hus;Husby\n')]);
    expect(decodeText(bytes)).toEqual({ text: 'Aktivitet;Plats\r\nGåtur;Tensta träff\r\nHälsodag;Årstaskolan\r\nÖppet hus;Husby\n', encoding: 'windows-1252' });
  });

  it('does so in a Mac Roman file too', () => {
    const bytes = Buffer.concat([mac('Namn;Typ\nSpånga IK;Förening\n'), utf8('Kista Kör;Förening')]);
    expect(decodeText(bytes)).toEqual({ text: 'Namn;Typ\nSpånga IK;Förening\nKista Kör;Förening', encoding: 'macintosh' });
  });

  it('keeps a Windows-1252 line that is valid UTF-8 of no Latin text as Windows-1252 (Ö and a no-break space: a Hebrew accent as UTF-8)', () => {
    const line = Buffer.from([0xc3, 0xa4, 0x0a]); // "ä" in UTF-8, its own line
    const odd = Buffer.concat([win('Ö\u00a0Ã\u00a0'), Buffer.from([0x0a])]); // D6 A0 C3 A0: valid UTF-8, U+05A0 and à
    const bytes = Buffer.concat([win('Gåtur\n'), line, odd]);
    expect(decodeText(bytes).text).toBe('Gåtur\nä\nÖ\u00a0Ã\u00a0\n');
  });

  it('reads a whole Windows-1252 file as before', () => {
    expect(decodeText(win('Hälsodag på torget – 12 deltagare\n'))).toEqual({ text: 'Hälsodag på torget – 12 deltagare\n', encoding: 'windows-1252' });
  });

  it('gives the same text for a large file read in slices', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => (i % 7 === 3 ? utf8(`Rad ${i};Hälsoföreläsning i Rinkeby\n`) : win(`Rad ${i};Gåtur i Skärholmen\n`)));
    const bytes = Buffer.concat(rows);
    expect(bytes.byteLength).toBeGreaterThan(256 * 1024);
    const whole = decodeText(bytes);
    expect(whole.text).not.toContain('Ã');
    expect(await decodeTextSliced(bytes)).toEqual(whole);
  });
});
