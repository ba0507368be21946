import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KIM_CLINICS, STOCKHOLM_CLINICS } from '../../../shared/catalog/clinics.js';
import { freeText, nameText } from '../../../shared/validate/plain-text.js';
import { findTextFault, placeNumber, trimName, visibleAround } from '../../../shared/validate/text-fault.js';

const SEEDS = fileURLToPath(new URL('../../support/seeds/', import.meta.url));

describe('plain text: the characters a name or a text may hold', () => {
  it.each([
    ['a\u0007b\u202eevil', 'U+0007', 1],
    ['Vårdcentral\u202eA', 'U+202E', 11],
    ['\u202aA', 'U+202A', 0],
    ['A\u2066B\u2069', 'U+2066', 1],
    ['A\u2069', 'U+2069', 1],
    ['rad\r', 'U+000D', 3],
    ['rad\nett', 'U+000A', 3],
    ['flik\tA', 'U+0009', 4],
    ['A\u0000', 'U+0000', 1],
    ['A\u001b[31m', 'U+001B', 1],
    ['A\u007f', 'U+007F', 1],
    ['A\u0085B', 'U+0085', 1],
    ['A\u009fB', 'U+009F', 1],
    ['A\u200eB', 'U+200E', 1],
    ['A\u200fB', 'U+200F', 1],
    ['A\u061cB', 'U+061C', 1],
    ['A\u2028B', 'U+2028', 1],
    ['\ud800', 'U+D800', 0],
    ['A\udc00', 'U+DC00', 1],
    ['\ud83d\ude00\ud83d', 'U+D83D', 2],
  ])('refuses in a name %j, naming %s at %i', (text, code, index) => {
    expect(findTextFault(text)).toMatchObject({ code, index });
  });

  it.each([
    ['Vårdcentral\u200b A', 'U+200B', 11],
    ['\ufeffVårdcentral A', 'U+FEFF', 0],
    ['Vård\u2060central', 'U+2060', 4],
    ['Vård\u00adcentral', 'U+00AD', 4],
    ['Vård\u200dcentral', 'U+200D', 4],
    ['Vård\u200ccentral', 'U+200C', 4],
    ['Vårdcentral \u200cA', 'U+200C', 12],
    ['A\u200d', 'U+200D', 1],
    ['\u200cمی', 'U+200C', 0],
    ['1\u200d2', 'U+200D', 1],
  ])('refuses in a name the invisible %j, naming %s at %i', (text, code, index) => {
    expect(findTextFault(text)).toMatchObject({ code, index });
  });

  it('passes the joiners where a reader sees them: Persian and Arabic ZWNJ, Devanagari, emoji sequences', () => {
    for (const name of ['انجمن می\u200cخواهم', 'ن\u200dن', 'क्\u200dष', 'Hälsoteam 👩\u200d⚕\ufe0f', 'Familj 👨\u200d👩\u200d👧', '👍🏽\u200d🔥']) {
      expect(findTextFault(name), name).toBeNull();
    }
    // A free text keeps every one of them (the personnummer guard reads through them).
    expect(findTextFault('Vård\u200bcentral\u00ad \u2060A\ufeff', { multiline: true })).toBeNull();
  });

  it('keeps line feeds, tabs and direction marks in a free text, and refuses the rest', () => {
    expect(findTextFault('Rad ett\nRad två\tmed flik', { multiline: true })).toBeNull();
    expect(findTextFault('عربي\u200f و svenska', { multiline: true })).toBeNull();
    expect(findTextFault('a\u202eb', { multiline: true })).toMatchObject({ code: 'U+202E' });
    expect(findTextFault('a\rb', { multiline: true })).toMatchObject({ code: 'U+000D' });
    expect(findTextFault('a\u0007b', { multiline: true })).toMatchObject({ code: 'U+0007' });
    expect(findTextFault('a\ud800b', { multiline: true })).toMatchObject({ code: 'U+D800' });
  });

  it('passes Swedish names, å ä ö, é, dashes, emoji pairs and the catalogue clinics', () => {
    for (const name of ['Vårdcentral Åby – hälsa', 'Hälsocentralen Björkö — FaR', 'Café Idé', 'Ölandsgruppen 😀', 'Nina Ek-Öberg', '«Mötesplats» & Co.', 'Ψ-enheten']) {
      expect(findTextFault(name), name).toBeNull();
      expect(nameText().parse(`  ${name} `)).toBe(name);
    }
    for (const clinic of [...STOCKHOLM_CLINICS, ...KIM_CLINICS]) expect(findTextFault(clinic.name), clinic.name).toBeNull();
  });

  it('refuses no line of the domain sources as a free text, nor any part between tabs as a name', () => {
    const lines = readdirSync(SEEDS)
      .filter((name) => name.endsWith('.txt'))
      .flatMap((name) => readFileSync(SEEDS + name, 'utf8').split('\n'));
    expect(lines.length).toBeGreaterThan(2000);
    expect(lines.filter((line) => findTextFault(line, { multiline: true }) !== null)).toEqual([]);
    // The interviews of seed 000 put a tab after the speaker (`IP2:\t Nej…`); a name holds no tab.
    const parts = lines.flatMap((line) => line.split('\t')).map((part) => part.trim());
    expect(parts.filter((part) => findTextFault(part) !== null)).toEqual([]);
  });

  it('gives a zod issue with English words and the Swedish in params', () => {
    const result = nameText().safeParse('a\u202eb');
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0] as { message: string; params?: unknown };
    expect(issue.message).toBe('contains U+202E (right-to-left override) as character 2, which a name may not hold');
    expect(issue.params).toEqual({ sv: 'innehåller U+202E (höger-till-vänster-åsidosättning) som tecken nr 2, vilket inte får finnas i ett namn', character: 'U+202E', index: 1, number: 2 });
    expect(freeText(100).safeParse('ok\nok').success).toBe(true);
    expect(freeText(3).safeParse('ok\nok').success).toBe(false);
  });

  it('places the refused character by its UTF-16 index and by its number in characters, an emoji counted once', () => {
    expect(findTextFault('Vårdcentral\u200b A')).toMatchObject({ index: 11, number: 12 });
    expect(findTextFault('😀 Hälsa\u200b')).toMatchObject({ code: 'U+200B', index: 8, number: 8 });
    expect(findTextFault('😀😀 Hälsa\u200b')).toMatchObject({ code: 'U+200B', index: 10, number: 9 });
    expect(findTextFault('\ud83d\ude00\ud83d')).toMatchObject({ index: 2, number: 2 });
    // The index is in the name as parsed: the spaces trimmed before it are not counted.
    const issue = nameText().safeParse('  Plan\u200b').error!.issues[0] as { params?: unknown };
    expect(issue.params).toMatchObject({ character: 'U+200B', index: 4, number: 5 });
  });

  it('numbers the refused character as a person counts what they see: an é written as e + U+0301 and an emoji with its skin tone count once', () => {
    // 'Cafe\u0301 ' is 6 code units and 5 characters seen: the zero-width space is character 6.
    expect(findTextFault('Cafe\u0301 \u200bA')).toMatchObject({ code: 'U+200B', index: 6, number: 6 });
    // 👍🏽 is 4 code units, 2 code points and one character seen.
    expect(findTextFault('👍🏽 Hälsa\u200b')).toMatchObject({ code: 'U+200B', index: 10, number: 8 });
    expect(findTextFault('Cafe\u0301 👍🏽\u202eA', { multiline: true })).toMatchObject({ code: 'U+202E', index: 10, number: 7 });
    // A joiner between Latin letters would extend the letter before it, yet is counted as its own.
    expect(findTextFault('Ce\u0301\u200dA')).toMatchObject({ code: 'U+200D', index: 3, number: 3 });
    expect(placeNumber('Cafe\u0301\u200b', 5)).toBe(5);
    const issue = nameText().safeParse('Cafe\u0301 👍🏽\u2060').error!.issues[0] as { params?: unknown; message: string };
    expect(issue.params).toMatchObject({ character: 'U+2060', index: 10, number: 7 });
    expect(issue.message).toContain('as character 7,');
  });

  it('splits a text around a refused character, each character judged in the whole text', () => {
    expect(visibleAround('Vårdcentral\u200b A', 11)).toEqual(['Vårdcentral', '⟨U+200B⟩', ' A']);
    expect(visibleAround('a\u202eb\u0007', 1)).toEqual(['a', '⟨U+202E⟩', 'b⟨U+0007⟩']);
    // The Persian ZWNJ before the refused space stays a joiner: it is judged beside its letters.
    expect(visibleAround('می\u200cخواهم\u200b', 8)).toEqual(['می\u200cخواهم', '⟨U+200B⟩', '']);
    expect(visibleAround('Plan', 9)).toEqual(['Plan', '', '']);
  });

  it('refuses a BOM (U+FEFF) at the start or end of a name in words, as anywhere else, and trims only white space', () => {
    for (const name of ['\ufeffVårdcentral A', 'Vårdcentral A\ufeff', ' \ufeffVårdcentral A ', 'Vård\ufeffcentral A']) {
      const parsed = nameText().safeParse(name);
      expect(parsed.success, JSON.stringify(name)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/^contains U\+FEFF \(zero-width no-break space \(BOM\)\)/);
    }
    expect(nameText().parse(' \u00a0Vårdcentral A\r\n\t\u3000')).toBe('Vårdcentral A');
    expect(trimName('\ufeff Vårdcentral A \ufeff')).toBe('\ufeff Vårdcentral A \ufeff');
    expect(trimName('  \n ')).toBe('');
  });
});
