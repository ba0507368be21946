/**
 * Words before a date part that name an identity number or a birth (`Pnr: `, `p-nr `, `född `,
 * `f. `) cancel the allowances the guard makes for ordinary text after a date: a date and a time,
 * hours, a note, a range's end, a phone's grouping. `Pnr: 1995.02.11 06-05` is a personnummer
 * written with its serial in pairs, not a date and a night shift. Words that name something else
 * (`Faktura nr`, `Tel nr`) leave those allowances as they are.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { gluedLetters, labelsANumber, labelsIn, namedBefore, namedInText } from '../../../shared/validate/number-labels.js';
import { NAMED_AWAY, NAMING_WRITTEN as NAMING, NAMING_WRITTEN_EN, placedSpellings } from '../../support/personnummer-decisions.js';
import { prng } from '../../support/personnummer-families.js';

/** {@link placedSpellings} (seeded) that `findPersonnummer` lets pass. */
function passedIn(placements: readonly string[], seed: number, perSpelling: number): string[] {
  return placedSpellings(placements, prng(seed), perSpelling).filter((text) => findPersonnummer(text) === null);
}

/** `word` before (`{x}` the place of) dates and clock times, 200 each (seeded): those `findPersonnummer` refuses. */
function refusedAround(words: readonly string[], seed: number): string[] {
  const random = prng(seed);
  const two = (n: number): string => String(n).padStart(2, '0');
  const refused: string[] = [];
  for (const word of words) {
    for (let k = 0; k < 200; k++) {
      const date = `${2020 + Math.floor(random() * 11)}-${two(1 + Math.floor(random() * 12))}-${two(1 + Math.floor(random() * 28))}`;
      const [h, m] = [two(Math.floor(random() * 24)), two(Math.floor(random() * 60))];
      for (const when of [`${date} ${h}:${m}`, `${date} ${h}${m}`, `${date} kl ${h}.${m}`]) {
        const text = word.includes('{x}') ? word.replace('{x}', when) : `${word} ${when}`;
        if (findPersonnummer(text) !== null) refused.push(text);
      }
    }
  }
  return refused;
}

describe('labelsIn', () => {
  it('says of the words between two places what labelsANumber says of them matched', () => {
    const texts = ['p-nr 9876', 'Pnr: 811218', 'pers.nr 9876', 'PERSONNUMMER', 'nr', 'p', 'p nr p', 'a-1234', 'kl 14', 'Hälsodag', 'No. 12', 'samordningsnr#', 'Nr Anna', 'Ärende nr', 'p-P-nr'];
    let labelled = 0;
    for (const text of texts) {
      for (let from = 0; from < text.length; from++) {
        for (let to = from; to <= text.length; to++) {
          const words = text.slice(from, to).match(/\p{L}+/gu) ?? [];
          // A word cut at `to` is read as cut, as the matched slice reads it.
          expect(labelsIn(text, from, to), `${text} [${from}, ${to})`).toBe(labelsANumber(words));
          if (labelsANumber(words)) labelled++;
        }
      }
    }
    expect(labelled).toBeGreaterThan(50);
  });
});

describe('namedBefore', () => {
  it('is true after words that name an identity number or a birth, with marks and spaces after them', () => {
    for (const label of NAMING) expect(namedBefore(`${label}1995`, label.length), label).toBe(true);
  });

  it('is false after other words, after a generic number word alone, and with more between', () => {
    for (const text of ['Faktura nr ', 'Tel nr ', 'Order No ', 'Möte ', 'nummer ', 'Elf. ', 'f ', 'pnr Anna ', 'p ', '']) {
      expect(namedBefore(`${text}1995`, text.length), text).toBe(false);
    }
  });
});

describe('findPersonnummer after words that name the number', () => {
  it('refuses the examples seen passing', () => {
    for (const text of ['Pnr: 1995.02.11 06-05', 'personnummer 1995-02-11 0605', 'pnr. 1995-02-11 (0605', 'p-nr 1995-02-11 06:05', 'Personnr 1995-02-11 06.05', 'född 39-11-05 - 07-00', 'f. 1939-11-05 07-00', 'pnr 0501 01 1233', 'pnr 0501-011233']) {
      expect(findPersonnummer(text)?.match, text).toBe(text.slice(text.search(/\d/)));
    }
  });

  it('refuses every valid number in every spelling an allowance covers (seeded sweep)', () => {
    expect(passedIn(NAMING.map((label) => `${label}{x}`), 1995, 4)).toEqual([]);
  });

  it('keeps the allowances after words that name something else (seeded)', () => {
    expect(findPersonnummer('Tel nr 0701-23 45 67')).toBeNull();
    expect(refusedAround(['Faktura nr', 'Möte', 'Order No', 'Rum nr', 'Elf.', 'Nattpass'], 2026)).toEqual([]);
  });
});

describe('findPersonnummer after a label in English', () => {
  it('refuses the examples: SSN, personal identity number, personal ID no., PIN', () => {
    for (const text of ['ssn 1995-02-11 00:01', 'Personal identity number: 950211 0001', 'personal ID no. 1995-02-11 00:01', 'PIN 1995-02-11 00:01', 'Co-ordination number 1995-02-71 00:08', 'DOB: 1995-02-11 00:01']) {
      expect(findPersonnummer(text)?.match, text).toBe(text.slice(text.search(/\d/)));
    }
  });

  it('refuses every valid number in every spelling an allowance covers (seeded sweep)', () => {
    expect(passedIn(NAMING_WRITTEN_EN.map((label) => `${label}{x}`), 1996, 4)).toEqual([]);
  });

  it('refuses the abbreviations written as initials with dots, as without them: S.S.N., D.O.B., P.I.N.', () => {
    for (const text of ['S.S.N. 1995-02-11 00:01', 'd.o.b.: 1995-02-11 00:01', 'Anna, S.S.N. saknas, 1995-02-11 00:01', 'P.I.N. 1995-02-11 00:01']) {
      expect(findPersonnummer(text)?.match, text).toBe(text.slice(text.search(/\d/)));
    }
    expect(findPersonnummer('D.O.B. 1995-02-11 00:02')?.birthDate).toBe(true);
    // Initials that are no label keep the allowances: t.o.m. is *till och med*.
    expect(findPersonnummer('t.o.m. 2026-05-12 14:30')).toBeNull();
  });

  it('keeps the allowances after pin in lower case, a card PIN away from the date, and an ID that names a record (seeded)', () => {
    expect(namedBefore('pin 1995', 4)).toBe(false);
    expect(namedBefore('PIN 1995', 4)).toBe(true);
    expect(refusedAround(['Flytta kartans pin', 'pin', 'Ny PIN skickad', 'PIN-kod bytt', 'Order ID no.', 'Vehicle registration number', 'Security no'], 2027)).toEqual([]);
  });
});

describe('findPersonnummer when a word anywhere in the text names the number', () => {
  it('refuses the examples seen passing: words between the label and the number, the label after it', () => {
    for (const text of ['pnr Anna Ek 1995-02-11 00:01', 'Personnummer för Anna: 1995-02-11 00:01', '1995-02-11 00:01 (pnr)', 'pnr saknas 1995-02-11 06-05']) {
      expect(findPersonnummer(text)?.match, text).toBe(text.match(/\d[\d\-: ]*\d/)?.[0]);
    }
  });

  it('refuses every valid number in every spelling an allowance covers, the label away from it (seeded sweep)', () => {
    expect(passedIn(['pnr Anna Ek {x}', 'Personnummer för Anna: {x}', '{x} (pnr)', '{x}, samordningsnummer', 'Idnr saknas? {x}'], 4711, 4)).toEqual([]);
  });

  it('refuses the examples of a label of several words away from the number', () => {
    for (const text of ['Person-nr för Anna 1995-02-11 00:01', 'Pers.nr: Anna Ek 950211 00 01']) {
      expect(findPersonnummer(text)?.match, text).toBe(text.match(/\d[\d\-: ]*\d/)?.[0]);
    }
  });

  it('refuses every valid number in every spelling an allowance covers, a label of several words away from it (seeded sweep)', () => {
    expect(passedIn(NAMED_AWAY, 1997, 4)).toEqual([]);
  });

  it('keeps the allowances when a label of several words and a short number end the text: the date is not after the label (seeded)', () => {
    expect(refusedAround(['Träff {x}, person nr 4', 'Träff {x} med pers.nr 12.', '{x}: Person-nr 3'], 2028)).toEqual([]);
  });

  it('refuses a label, a short number and a birth date and time after it, a name between or none: the label names what follows it', () => {
    for (const text of ['Person nr 3, 1995-02-11 00:01', 'Pers.nr 12, 1995-02-11 00:01', 'Person nr 3: Anna, 1995-02-11 00:01', 'Pers.nr 12 Anna Ek 950211 00 01', 'person nummer 2 för Eva: 1976-09-29 22.92']) {
      expect(namedInText(text), text).toBe(true);
      expect(findPersonnummer(text)?.match, text).toBe(text.match(/\d[\d\-: .]*\d/g)?.at(-1));
    }
  });

  it('keeps the allowances after a short number that no label of several words names, a name after it or not (seeded)', () => {
    expect(refusedAround(['nr 3: Anna, {x}', 'Grupp 12: Anna, {x}', 'Rum 4 Eva {x}', 'Grupp 3, {x}'], 2029)).toEqual([]);
  });

  it('keeps the allowances when the words name other things or a birth away from the date', () => {
    for (const text of ['Träff 2026-05-12 14:30, person nr 3', 'Mamma född i Syrien. Träff 2026-05-12 14:30', 'Faktura nr 4711, 2026-05-12 14:30', '2025-02-11 10:00']) {
      expect(namedInText(text), text).toBe(false);
    }
  });
});

describe('gluedLetters', () => {
  const at = (text: string): number => text.search(/\d/);

  it('lets none, one letter of any script or a label of the number stand glued before a date part', () => {
    for (const text of ['850101x1236', 'Ring 850101x1236', 'P850101x1236', 'Ö850101x1236', 'Pnr850101x1236', 'ring p-nr850101x1236', 'SAMORDNINGSNUMMER850161x1233']) {
      expect(gluedLetters(text, at(text)), text).toBe(true);
    }
  });

  it('reads two letters or more that label nothing, and letters after a digit, as a code or an id', () => {
    for (const text of ['SKU850101x1236', 'ÅÄ850101x1236', 'id850101x1236', 'kl850101x1236', `${'a'.repeat(30)}850101x1236`]) {
      expect(gluedLetters(text, at(text)), text).toBe(false);
    }
    expect(gluedLetters('3a850101b1236', 2)).toBe(false);
    expect(gluedLetters('ab3cd850101x1236', 5)).toBe(false);
  });
});
