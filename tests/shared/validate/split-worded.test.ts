/**
 * A personnummer split over two neighbouring cells with words around it (`född 811218` |
 * `-9876 ring`, `pnr 19811218` | `nr 9876`): each cell passed the one-cell guard, and the split
 * check read only cells of digits and marks alone, so the row was stored. A cell of words is now
 * read as the part at its edge, where the words name the number or a birth, or where the serial's
 * own `-` or `+` stands between a compact date part and the serial; a date, a week or an
 * invoice's date beside an amount or a count with other words around is not read so.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as Y from 'yjs';
import { createDoc } from '../../../shared/doc/create.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { insertRow, setCell } from '../../../shared/doc/rows.js';
import { cellColumns } from '../../../shared/schema/index.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { findPersonnummer, luhnValid } from '../../../shared/validate/personnummer.js';
import { splitPersonnummer } from '../../../shared/validate/split-personnummer.js';
import { prng } from '../../support/personnummer-families.js';

const KEYS = ['a', 'b', 'c', 'd'];
const split = (...cells: string[]): ReturnType<typeof splitPersonnummer> =>
  splitPersonnummer(Object.fromEntries(cells.map((v, i) => [KEYS[i] as string, v])), KEYS.slice(0, cells.length));

describe('splitPersonnummer with words around the parts', () => {
  it.each([
    ['född 811218', '-9876 ring'],
    ['pnr 19811218', 'nr 9876'],
    ['Personnummer: 811218', '9876'],
    ['f. 18.12.1981', '9876'],
    ['född 811218', '9876'],
    ['811218', '9876 (pnr)'],
    ['Pnr 811278', '9873 Anna'],
    ['Anna Ek 811218', '-9876'],
    ['Anna Ek 811218-', '9876 ring'],
    ['Anna Ek 811218', '+9876'],
  ])('names %j | %j', (first, second) => {
    expect(split(first, second)).toMatchObject({ first: 'a', second: 'b' });
    // Across an empty cell too, as two parts are read.
    expect(split(first, '', second)).toMatchObject({ first: 'a', second: 'c' });
  });

  it('names a run of three or four whose edges hold words: `pnr 1981` | `1218` | `9876 ring`', () => {
    expect(split('pnr 1981', '1218', '9876 ring')).toMatchObject({ first: 'a', second: 'b', third: 'c' });
    expect(split('född 81', '12', '18', '-9876')).toMatchObject({ fourth: 'd' });
  });

  it.each([
    ['Vecka 811218', '9876'],
    ['Grupp 811218', 'nr 9876'],
    ['Faktura 20260317', '1200 kr'],
    ['Träff 2026-03-17', '1430 deltagare'],
    ['Möte 2026-03-17', '-1430'],
    ['född 811218', '9875'],
    ['pnr 811218', 'Anna 9876'],
    ['Anna 811218 ring', '9876'],
    ['SKU811218', '-9876'],
    ['Hälsodag vecka 12', '1218'],
  ])('names nothing for %j | %j', (first, second) => {
    expect(split(first, second)).toBeNull();
  });

  it('reads no words inside a run: a cell of words between two parts ends it', () => {
    expect(split('pnr 811218', 'nr 98', '76')).toBeNull();
    expect(split('811218', 'pnr', '9876')).toBeNull();
  });

  it('costs, measured: seeded rows of a date part and an amount with words around refused only where the serial mark is written', () => {
    const random = prng(20261207);
    const two = (n: number): string => String(n).padStart(2, '0');
    let named = 0;
    let marked = 0;
    let plain = 0;
    const N = 2000;
    for (let k = 0; k < N; k++) {
      const date = `${1990 + Math.floor(random() * 30)}${two(1 + Math.floor(random() * 12))}${two(1 + Math.floor(random() * 28))}`;
      const amount = String(1000 + Math.floor(random() * 9000));
      if (split(`Faktura ${date}`, `${amount} kr`) !== null) plain++;
      if (split(`Faktura ${date}`, `-${amount} kr`) !== null) marked++;
      if (split(`pnr ${date}`, `${amount}`) !== null) named++;
    }
    // Unmarked and unnamed: never. The serial's mark written or the number named: as the guard
    // reads the same written in one cell, about one in ten (the Luhn check).
    expect(plain).toBe(0);
    expect(marked / N).toBeGreaterThan(0.07);
    expect(marked / N).toBeLessThan(0.13);
    expect(named).toBe(marked);
  });

  it('names no two neighbouring lines of the domain sources', () => {
    const seeds = fileURLToPath(new URL('../../support/seeds/', import.meta.url));
    const found: string[] = [];
    for (const file of readdirSync(seeds)) {
      const lines = readFileSync(`${seeds}${file}`, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
      for (let i = 0; i + 1 < lines.length; i++) if (split(lines[i] as string, lines[i + 1] as string) !== null) found.push(`${file}:${i + 1}`);
    }
    expect(found).toEqual([]);
  });
});

describe('splitPersonnummer with a date written with the month name ending a cell of words', () => {
  // `född 8 dec 1981` | `9878` was stored: the cell's tail read `1981`, no date part.
  it.each([
    ['född 8 dec 1981', '9878'],
    ['född den 8 december 1981', '98 78'],
    ['Född onsdag den 8 dec 81', '-9878'],
    ['Anna, född 8 dec 1981-', '9878'],
    ['Anna, född 811218 -', '9876'],
    ['pnr 8dec1981', '9878'],
    ['f. 8.dec.1981', '9878 ring'],
    ['DOB December 8, 1981', '9878'],
    ['född 1981 dec 8', '9878'],
  ])('names %j | %j', (first, second) => {
    expect(luhnValid('8112089878') && luhnValid('8112189876')).toBe(true);
    expect(findPersonnummer(first)).toBeNull();
    expect(split(first, second)).toMatchObject({ first: 'a', second: 'b' });
    expect(split(first, '', second)).toMatchObject({ first: 'a', second: 'c' });
  });

  it('names a run of three: `född 8 dec 81` | `98` | `78`', () => {
    expect(split('född 8 dec 81', '98', '78')).toMatchObject({ first: 'a', second: 'b', third: 'c' });
  });

  it.each([
    ['Möte 8 dec 1981', '9878'],
    ['Träff 8 dec 2025', '1430'],
    ['Hälsodag 8 mars 2026', '1200 kr'],
    ['född 8 dec 1981', '9875'],
    ['född 8 dec 1981 i Lund', '9878'],
  ])('names nothing for %j | %j', (first, second) => {
    expect(split(first, second)).toBeNull();
  });
});

describe('checkUpdate on a personnummer over two cells with words around it', () => {
  // The activity plan's column order puts the person responsible right after the end date.
  const keys = cellColumns('activity-plan').map((c) => c.key);
  const [first, second] = ['endDate', 'responsible'];
  const server = createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'vc-a', schemaVersion: 1 });

  function offered(edit: (client: Y.Doc) => void): Uint8Array {
    const client = docFromState(encodeState(server));
    let update: Uint8Array | null = null;
    client.on('update', (u: Uint8Array) => (update = u));
    edit(client);
    if (update === null) throw new Error('the edit changed nothing');
    return update;
  }

  it('refuses the serial with words written beside a date part named by a birth word, and takes an invoice date beside an amount', () => {
    expect(keys.indexOf(second)).toBe(keys.indexOf(first) + 1);
    expect(luhnValid('8112189876')).toBe(true);
    expect(findPersonnummer('född 811218')).toBeNull();
    const id = insertRow(server, { title: 'Hälsodag', [first]: 'född 811218' });
    expect(checkUpdate(server, offered((c) => setCell(c, id, second, '-9876 ring')))).toMatchObject({ ok: false, code: 'personnummer' });
    const invoice = insertRow(server, { title: 'Hälsodag', [first]: 'Faktura 20260317' });
    expect(checkUpdate(server, offered((c) => setCell(c, invoice, second, '1200 kr'))).ok).toBe(true);
  });
});
