/**
 * `18.12.81-9876` (born 18 December 1981) was refused in the words of a samordningsnummer: read
 * year first, as the guard's first shape reads every date part, the day is 81, a samordningsnummer's
 * 21 + 60 (SKV 707), and the check digit holds in either order (year and day trade places two
 * digits by two). The day decides what a number is: a reading whose day is a day of the calendar
 * is a personnummer, and a samordningsnummer is named only when no reading of the digits has one.
 */
import { describe, expect, it } from 'vitest';
import { identityRefusal } from '../../../shared/i18n/personnummer-words.js';
import { findPersonnummer, luhnValid } from '../../../shared/validate/personnummer.js';
import { splitPersonnummer } from '../../../shared/validate/split-personnummer.js';
import { checkDigit, prng } from '../../support/personnummer-families.js';

const pad = (n: number): string => String(n).padStart(2, '0');
const TITLE = { sv: 'titeln', en: 'the title' };

describe('the kind of a number whose date reads in two orders', () => {
  it('names `18.12.81-9876` a personnummer, in the words of the refusal too', () => {
    expect(luhnValid('8112189876')).toBe(true);
    const found = findPersonnummer('18.12.81-9876');
    expect(found?.kind).toBe('personnummer');
    expect(found?.match).toBe('18.12.81-9876');
    expect(identityRefusal(TITLE, found as NonNullable<typeof found>).sv).toBe('Titeln innehåller ett personnummer. Personnummer får inte sparas i Samplan.');
  });

  it.each(['18-12-81-9876', '18/12/81-9876', 'Anna, född 18.12.81 - 9876', '18 12 81 9876', 'pnr 18.12.81 nr 9876'])('names %j a personnummer', (text) => {
    expect(findPersonnummer(text)?.kind).toBe('personnummer');
  });

  it('names a samordningsnummer so when every reading has its day + 60', () => {
    expect(luhnValid('8112789873')).toBe(true);
    for (const text of ['811278-9873', '81-12-78-9873', '1981-12-78-9873', '78.12.1981-9873', '78.12.81-9873', '78 dec 1981-9873']) {
      expect(findPersonnummer(text)?.kind, text).toBe('samordningsnummer');
    }
  });

  it('names the split number as the one-cell guard does: `18.12.81` | `9876`', () => {
    expect(splitPersonnummer({ a: '18.12.81', b: '9876' }, ['a', 'b'])?.found.kind).toBe('personnummer');
  });

  it('names every date of birth written day first with a year of two digits by its day (seeded)', () => {
    const random = prng(8112);
    const wrong: string[] = [];
    let samordning = 0;
    for (let i = 0; i < 600; i++) {
      // A year 61–91 (read year first, the day + 60 of a samordningsnummer), a day of the calendar.
      const yy = pad(61 + Math.floor(random() * 31));
      const mm = pad(1 + Math.floor(random() * 12));
      const day = 1 + Math.floor(random() * 28);
      const real = i % 3 === 0;
      const dd = pad(real ? day + 60 : day);
      const three = String(Math.floor(random() * 1000)).padStart(3, '0');
      const serial = three + checkDigit(yy + mm + dd + three);
      const sep = ['.', '-', '/', ' '][i % 4] as string;
      const text = `${dd}${sep}${mm}${sep}${yy}-${serial}`;
      // Ten digits starting with 0 written with one mark repeated are a phone, as in every spelling.
      if (dd.startsWith('0')) continue;
      const kind = findPersonnummer(text)?.kind;
      if (real) samordning += kind === 'samordningsnummer' ? 1 : 0;
      else if (kind !== 'personnummer') wrong.push(`${text}: ${String(kind)}`);
    }
    expect(wrong).toEqual([]);
    // A samordningsnummer written day first (`78.12.81`): read year first the day is 81, + 60 as well.
    expect(samordning).toBe(200);
  });
});
