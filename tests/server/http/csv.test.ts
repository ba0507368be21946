import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../server/http/csv-read.js';
import { detectSeparator, neutralizeFormula, stripNeutralizer, toCsv } from '../../../server/http/csv.js';

const DANGEROUS = ['=HYPERLINK("http://example.org","klicka")', '+46 70 123 45 67', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1:A2)', '\tTab', '\rCR'];

describe('CSV formula neutralisation (OWASP)', () => {
  it.each(DANGEROUS)('prefixes %j with an apostrophe and reads it back unchanged, in both dialects', (field) => {
    expect(neutralizeFormula(field)).toBe(`'${field}`);
    for (const sep of [',', ';'] as const) {
      const csv = toCsv([['Aktivitet'], [field]], sep);
      expect(csv).toContain(`'${field.replace(/"/g, '""')}`);
      expect(parseCsv(csv, sep)[1]).toEqual([field]);
    }
  });

  it.each(['-5', '-1,5', '+3', '-0.25', 'Hälsodag', "'Citat'", ''])('leaves %j as it is', (field) => {
    expect(neutralizeFormula(field)).toBe(field);
    expect(stripNeutralizer(field)).toBe(field);
  });
});

describe('CSV round trip of texts that begin like a neutralised formula', () => {
  it.each(["'=1+1", "''=x", "'-tal", "'+46", "'@hem"])('reads %j back as written, in both dialects', (field) => {
    for (const sep of [',', ';'] as const) expect(parseCsv(toCsv([['Aktivitet'], [field]], sep), sep)[1]).toEqual([field]);
  });
});

describe('parseCsv', () => {
  it('drops Excel’s sep= line and uses its separator', () => {
    expect(parseCsv('sep=,\r\nA;B,C\r\n1;2,3\r\n')).toEqual([
      ['A;B', 'C'],
      ['1;2', '3'],
    ]);
    expect(parseCsv('"sep=;"\nA;B\n')).toEqual([['A', 'B']]);
  });

  it('detects tab, semicolon and comma', () => {
    expect(parseCsv('A\tB\n1\t2\n')[1]).toEqual(['1', '2']);
    expect(parseCsv('A;B\n1,5;2\n')[1]).toEqual(['1,5', '2']);
    expect(parseCsv('A,B\n"1,5",2\n')[1]).toEqual(['1,5', '2']);
  });

  it('decides the separator over several lines, not by a title line above the header', () => {
    const text = 'Aktivitetsplan 2026, Rinkeby vårdcentral\r\n\r\nAktivitet;Typ;Startdatum\r\nGympa, yoga;halsodag;2026-03-01\r\n';
    expect(detectSeparator(text)).toBe(';');
    expect(parseCsv(text)).toEqual([
      ['Aktivitetsplan 2026, Rinkeby vårdcentral'],
      ['Aktivitet', 'Typ', 'Startdatum'],
      ['Gympa, yoga', 'halsodag', '2026-03-01'],
    ]);
    // Decimal commas in a semicolon file, and a comma file with a semicolon in its title.
    expect(detectSeparator('Indikator;Värde;Mål\nA;1,5;2,5\nB;3,5;4,5\n')).toBe(';');
    expect(detectSeparator('Plan; utkast\nAktivitet,Typ\nGympa,halsodag\n')).toBe(',');
    // A quoted line break holds no record end.
    expect(detectSeparator('"Titel\nmed; rad";x\nA,B,C\n1,2,3\n')).toBe(',');
  });
});
