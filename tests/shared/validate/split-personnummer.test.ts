/**
 * A personnummer split over two neighbouring cells of one row (`811218` | `9876`) passed every
 * guard, each judging one cell. The row's check names it, and the update that writes either half
 * next to the other is refused whole where it is checked (`checkUpdate`); an ordinary row (an ISO
 * date, a number, a count, a year beside it) never is.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createDoc, rowsMap } from '../../../shared/doc/create.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { deleteRow, insertRow, setCell, setCells } from '../../../shared/doc/rows.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { cellColumns } from '../../../shared/schema/index.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { checkCellWrite, checkUpdate, checkUpdateWalked } from '../../../shared/validate/check-update.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { countColumns, splitPersonnummer } from '../../../shared/validate/split-personnummer.js';
import { validateRow } from '../../../shared/validate/validate-row.js';
import { prng } from '../../support/personnummer-families.js';

const KEYS = ['a', 'b', 'c'];

describe('splitPersonnummer', () => {
  it('finds a date part and a serial in neighbouring text cells, as the guard reads them joined', () => {
    for (const [date, serial] of [['811218', '9876'], ['19811218', '9876'], ['811218', '-9876'], [' 811218 ', '9876 '], ['811278', '9873'], ['18.12.1981', '9876'], ['18/12/81', '9876'], ['12-18-1981', '9876']]) {
      expect(findPersonnummer(`${(date as string).trim()}-${(serial as string).trim().replace(/^-/, '')}`), `${date} ${serial}`).not.toBeNull();
      expect(splitPersonnummer({ a: 'Hälsodag', b: date as string, c: serial as string }, KEYS), `${date} | ${serial}`).toMatchObject({ first: 'b', second: 'c' });
    }
  });

  it('reads each half as the guard reads one cell: any dash, digits of any script, invisible characters, pairs apart, the dash after the date part', () => {
    const spellings: [string, string][] = [
      ['811218', '\u20139876'], // an en dash, as Word and Outlook write it
      ['811218', '\u22129876'], // a minus sign
      ['\uff18\uff11\uff11\uff12\uff11\uff18', '\uff19\uff18\uff17\uff16'], // fullwidth digits
      ['811218\u200b', '9876'], // a zero-width space pasted along
      ['811218', '\u00ad9876'], // a soft hyphen
      ['811218-', '9876'], // cut after the dash
      ['19811218-', '9876'],
      ['811218 +', '9876'],
      ['811218', '98 76'],
      ['811218', '98-76'],
      ['81 12 18', '9876'],
      ['1981 12 18', '9876'],
      ["'811218", "'9876"], // a CSV file's text mark
      ['811218\u00a0', '\u00a09876'],
    ];
    for (const [date, serial] of spellings) {
      expect(findPersonnummer(`${date} ${serial}`), `${date} ${serial}`).not.toBeNull();
      expect(splitPersonnummer({ a: 'Hälsodag', b: date, c: serial }, KEYS), `${date} | ${serial}`).toMatchObject({ first: 'b', second: 'c' });
    }
    // Still a date and a check digit: the same spellings of numbers that are none pass.
    for (const [date, serial] of <[string, string][]>[['811218-', '9875'], ['811318', '\u20139876'], ['81 12 18', '98 75'], ['1981-12-18', '9876'], ['Vecka 811218', '9876']]) {
      expect(splitPersonnummer({ a: date, b: serial }, KEYS), `${date} | ${serial}`).toBeNull();
    }
  });

  it('reads a half padded past any length as the guard reads it: spaces of a fixed-width column, invisible characters between its digits', () => {
    const padded: [string, string][] = [
      [`811218${' '.repeat(60)}`, '9876'], // a fixed-width export's column pasted in
      [`${' '.repeat(70)}811218`, '9876'],
      ['811218', `9876${'\u00a0'.repeat(70)}`],
      ['811218'.split('').join('\u200b'.repeat(12)), '9876'],
      ['19811218', `\u2013${'\u00ad'.repeat(80)}9876`],
    ];
    for (const [date, serial] of padded) {
      expect(splitPersonnummer({ a: 'Hälsodag', b: date, c: serial }, KEYS), `${JSON.stringify(date)} | ${JSON.stringify(serial)}`).toMatchObject({ first: 'b', second: 'c' });
    }
    // A long text is still no half, however it ends.
    expect(splitPersonnummer({ a: `Föreläsning om levnadsvanor för föräldrar i Tensta och Rinkeby, datum ${'811218'}`, b: '9876' }, KEYS)).toBeNull();
  });

  it('reads a number cell as its digits: a date part or a serial typed as a number', () => {
    expect(splitPersonnummer({ a: 811218, b: '9876' }, KEYS)).toMatchObject({ first: 'a', second: 'b' });
    expect(splitPersonnummer({ a: '811218', b: 9876 }, KEYS)).toMatchObject({ first: 'a', second: 'b' });
    expect(splitPersonnummer({ a: 19811218, b: 9876 }, KEYS)).toMatchObject({ first: 'a', second: 'b' });
    expect(splitPersonnummer({ a: 811218.5, b: 9876 }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: true, b: 9876 }, KEYS)).toBeNull();
  });

  it('reads a number cell that lost its leading zero beside a text half: a date part of 2000–2009 (011218 typed is 11218), a serial 0000–0999 (0123 is 123)', () => {
    expect(splitPersonnummer({ a: 11218, b: '9873' }, KEYS)).toMatchObject({ first: 'a', second: 'b' });
    expect(splitPersonnummer({ a: 11218, b: '0005' }, KEYS)).toMatchObject({ first: 'a', second: 'b' });
    expect(splitPersonnummer({ a: '811218', b: 123 }, KEYS)).toMatchObject({ first: 'a', second: 'b' });
    expect(splitPersonnummer({ a: '811218', b: 8 }, KEYS)).toMatchObject({ first: 'a', second: 'b' });
    // Padded, the pair must still be a date and pass the check digit.
    expect(splitPersonnummer({ a: 11218, b: '9876' }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: 11318, b: '9873' }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: '811218', b: 124 }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: '811218', b: 123.5 }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: 1218, b: '9873' }, KEYS)).toBeNull();
  });

  it('reads a serial that lost its leading zero beside a date part typed as a number, in number columns too: 19121212 | 214 is 19121212-0214', () => {
    for (const counts of [new Set<string>(), new Set(KEYS)]) {
      expect(splitPersonnummer({ a: 19121212, b: 214 }, KEYS, counts)).toMatchObject({ first: 'a', second: 'b' });
      expect(splitPersonnummer({ a: 811218, b: 123 }, KEYS, counts)).toMatchObject({ first: 'a', second: 'b' });
      expect(splitPersonnummer({ a: 121212, b: 8 }, KEYS, counts)).toMatchObject({ first: 'a', second: 'b' });
      expect(splitPersonnummer({ a: 19121212, b: 1212 }, KEYS, counts)).toMatchObject({ first: 'a', second: 'b' });
      // Padded, the check digit still counts.
      expect(splitPersonnummer({ a: 19121212, b: 212 }, KEYS, counts)).toBeNull();
      expect(splitPersonnummer({ a: 811218, b: 124 }, KEYS, counts)).toBeNull();
    }
  });

  it('reads a serial typed with its dash, which a spreadsheet makes a negative number (-1212, -0123 is -123)', () => {
    expect(splitPersonnummer({ a: 19121212, b: -1212 }, KEYS, new Set(KEYS))).toMatchObject({ first: 'a', second: 'b' });
    expect(splitPersonnummer({ a: '811218', b: -123 }, KEYS)).toMatchObject({ first: 'a', second: 'b' });
    expect(splitPersonnummer({ a: '811218', b: -124 }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: '811218', b: -10_000 }, KEYS)).toBeNull();
  });

  it('reads a date part that lost its leading zero beside a number, but not in a pair of number columns, where five digits beside a number are a rate and its numerator', () => {
    // Numbers where no number column is: a date and a text column a client wrote numbers into.
    expect(splitPersonnummer({ a: 11218, b: 9873 }, KEYS)).toMatchObject({ first: 'a', second: 'b' });
    expect(splitPersonnummer({ a: 11218, b: 104 }, KEYS)).toMatchObject({ first: 'a', second: 'b' });
    expect(splitPersonnummer({ a: 11218, b: 9873 }, KEYS, new Set(['a']))).toMatchObject({ first: 'a', second: 'b' });
    const counts = new Set(KEYS);
    expect(splitPersonnummer({ a: 11218, b: 9873 }, KEYS, counts)).toBeNull();
    expect(splitPersonnummer({ a: 11218, b: 104 }, KEYS, counts)).toBeNull();
    expect(splitPersonnummer({ a: 10717, b: 136 }, KEYS, counts)).toBeNull();
    // A text half in a number column is read padded as before.
    expect(splitPersonnummer({ a: 11218, b: '9873' }, KEYS, counts)).toMatchObject({ first: 'a', second: 'b' });
  });

  it('passes a wrong check digit, a date part that is no date, other numbers, ISO dates and cells that are not neighbours', () => {
    expect(splitPersonnummer({ a: '811218', b: '9877' }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: '811318', b: '9876' }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: '18.12.1981', b: '9877' }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: 8112180, b: 9876 }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: '1981-12-18', b: '9876' }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: '811218', b: 'Anna', c: '9876' }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: '9876', b: '811218' }, KEYS)).toBeNull();
  });

  it('never names a row of an ISO date beside four digits, text or number (seeded)', () => {
    const random = prng(1218);
    const two = (n: number): string => String(n).padStart(2, '0');
    for (let k = 0; k < 2000; k++) {
      const date = `${1930 + Math.floor(random() * 100)}-${two(1 + Math.floor(random() * 12))}-${two(1 + Math.floor(random() * 28))}`;
      const four = String(Math.floor(random() * 10000)).padStart(4, '0');
      expect(splitPersonnummer({ a: date, b: four }, KEYS)).toBeNull();
      expect(splitPersonnummer({ a: date, b: Number(four) }, KEYS)).toBeNull();
    }
  });
});

describe('validateRow on a personnummer over two cells', () => {
  // Neighbours in the activity plan's column order: the end date, then the person responsible.
  const keys = cellColumns('activity-plan').map((c) => c.key);
  const at = keys.indexOf('endDate');

  it('names it on the second cell, with both columns in the words', () => {
    expect(keys[at + 1]).toBe('responsible');
    const problems = validateRow('activity-plan', 'd1', 'r1', { title: 'Hälsodag', endDate: '811218', responsible: '9876' });
    const split = problems.filter((p) => p.code === 'split-personnummer');
    expect(split).toHaveLength(1);
    expect(split[0]).toMatchObject({ column: 'responsible', severity: 'error' });
    expect(split[0]?.message.sv).toContain('personnummer');
    expect(split[0]?.message.en).toContain('identity number');
  });

  it('names nothing for an ordinary row', () => {
    const problems = validateRow('activity-plan', 'd1', 'r1', { title: 'Hälsodag', endDate: '2025-02-11', responsible: '9876' });
    expect(problems.filter((p) => p.code === 'split-personnummer')).toEqual([]);
  });
});

describe('checkUpdate on a personnummer over two cells', () => {
  // The activity plan's column order puts the person responsible right after the end date.
  const server = createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'vc-a', schemaVersion: 1 });
  const row = (values: RowValues): string => insertRow(server, { title: 'Hälsodag', ...values });

  /** The update `edit` makes on a copy of the server's doc (the server's doc stays as it is). */
  function offered(edit: (client: Y.Doc) => void): Uint8Array {
    const client = docFromState(encodeState(server));
    let update: Uint8Array | null = null;
    client.on('update', (u: Uint8Array) => (update = u));
    edit(client);
    if (update === null) throw new Error('the edit changed nothing');
    return update;
  }

  /** The verdict, the same by the full walk: the quick path of a cell write never accepts what the walk refuses. */
  function verdict(update: Uint8Array): ReturnType<typeof checkUpdate> {
    const v = checkUpdate(server, update);
    expect(checkUpdateWalked(server, update)).toEqual(v);
    return v;
  }

  it('refuses the second half written next to the first, in words naming both columns by the headers the person sees', () => {
    const id = row({ endDate: '811218' });
    const v = verdict(offered((c) => setCell(c, id, 'responsible', '9876')));
    expect(v).toMatchObject({ ok: false, code: 'personnummer', closeCode: CloseCode.updateRefused });
    if (v.ok) return;
    expect(v.only).toBeUndefined();
    expect(v.message.sv).toBe('Kolumnerna «Slutdatum» och «Ansvarig» tillsammans innehåller ett personnummer. Personnummer får inte sparas i Samplan.');
    expect(v.message.en).toBe('The pair of columns "End date" and "Responsible" contains a personal identity number. Identity numbers must not be stored in Samplan.');
    expect(JSON.stringify(v)).not.toContain('9876');
  });

  it('refuses the first half written next to the second, a samordningsnummer, and both halves in one update or a new row', () => {
    const serialFirst = row({ responsible: '-9876' });
    expect(verdict(offered((c) => setCell(c, serialFirst, 'endDate', '19811218')))).toMatchObject({ ok: false, code: 'personnummer' });
    const coordination = row({ endDate: '811278' });
    const v = verdict(offered((c) => setCell(c, coordination, 'responsible', '9873')));
    expect(v.ok === false && v.message.sv).toContain('samordningsnummer');
    const typedAsNumber = row({ endDate: 811218 });
    expect(verdict(offered((c) => setCell(c, typedAsNumber, 'responsible', '9876')))).toMatchObject({ ok: false, code: 'personnummer' });
    const dayFirst = row({ endDate: '18.12.1981' });
    expect(verdict(offered((c) => setCell(c, dayFirst, 'responsible', '9876')))).toMatchObject({ ok: false, code: 'personnummer' });
    const plain = row({});
    expect(verdict(offered((c) => setCells(c, plain, { endDate: '811218', responsible: '9876' })))).toMatchObject({ ok: false, code: 'personnummer' });
    expect(verdict(offered((c) => insertRow(c, { title: 'Ny', endDate: '811218', responsible: '9876' })))).toMatchObject({ ok: false, code: 'personnummer' });
  });

  it('takes ordinary writes, the removal of a half, and edits of a row that already holds both', () => {
    const iso = row({ endDate: '2025-02-11' });
    expect(verdict(offered((c) => setCell(c, iso, 'responsible', '9876'))).ok).toBe(true);
    const wrongCheck = row({ endDate: '811218' });
    expect(verdict(offered((c) => setCell(c, wrongCheck, 'responsible', '9877'))).ok).toBe(true);
    // A row stored before this check: only writes that make the pair are refused.
    const held = row({ endDate: '811218', responsible: '9876' });
    expect(verdict(offered((c) => setCell(c, held, 'title', 'Hälsodag 2'))).ok).toBe(true);
    expect(verdict(offered((c) => setCell(c, held, 'responsible', null))).ok).toBe(true);
    expect(verdict(offered((c) => setCell(c, held, 'endDate', '2025-02-11'))).ok).toBe(true);
    expect(verdict(offered((c) => setCell(c, held, 'responsible', 'Anna Ek'))).ok).toBe(true);
    // A half written into a row the same update deletes lands nowhere.
    const gone = row({ endDate: '811218' });
    expect(verdict(offered((c) => c.transact(() => {
      setCell(c, gone, 'responsible', '9876');
      deleteRow(c, gone);
    }))).ok).toBe(true);
  });

  it('refuses a half typed in a number cell that lost its leading zero, beside the other half', () => {
    const bornIn2001 = row({ endDate: 11218 });
    expect(verdict(offered((c) => setCell(c, bornIn2001, 'responsible', '9873')))).toMatchObject({ ok: false, code: 'personnummer' });
    const text = row({ endDate: '811218' });
    expect(verdict(offered((c) => setCell(c, text, 'responsible', 123)))).toMatchObject({ ok: false, code: 'personnummer' });
    expect(verdict(offered((c) => setCell(c, text, 'responsible', 124))).ok).toBe(true);
  });

  it('refuses halves typed as numbers: in the participants columns (19121212 | 1212, 19121212 | 214 for 0214, 811218 | 123, a serial with its dash), and where no number column is (11218 for 011218 | 9873)', () => {
    const century = row({ participantsPlanned: 19121212 });
    expect(verdict(offered((c) => setCell(c, century, 'participantsReached', 1212)))).toMatchObject({ ok: false, code: 'personnummer' });
    expect(verdict(offered((c) => setCell(c, century, 'participantsReached', 214)))).toMatchObject({ ok: false, code: 'personnummer' });
    expect(verdict(offered((c) => setCell(c, century, 'participantsReached', -1212)))).toMatchObject({ ok: false, code: 'personnummer' });
    const short = row({ participantsReached: 123 });
    expect(verdict(offered((c) => setCell(c, short, 'participantsPlanned', 811218)))).toMatchObject({ ok: false, code: 'personnummer' });
    const plain = row({});
    expect(verdict(offered((c) => setCells(c, plain, { endDate: 11218, responsible: 9873 })))).toMatchObject({ ok: false, code: 'personnummer' });
    expect(verdict(offered((c) => insertRow(c, { title: 'Ny', participantsPlanned: 19121212, participantsReached: 214 })))).toMatchObject({ ok: false, code: 'personnummer' });
  });

  it('takes counts in the participants columns, also five digits beside a number (by decision: see joined)', () => {
    const id = row({});
    expect(verdict(offered((c) => setCells(c, id, { participantsPlanned: 120, participantsReached: 98 }))).ok).toBe(true);
    expect(verdict(offered((c) => setCells(c, id, { participantsPlanned: 10717, participantsReached: 136 }))).ok).toBe(true);
    expect(verdict(offered((c) => setCells(c, id, { participantsPlanned: 11218, participantsReached: 9873 }))).ok).toBe(true);
    expect(verdict(offered((c) => setCells(c, id, { participantsPlanned: 19121212, participantsReached: 212 }))).ok).toBe(true);
  });

  it('answers a refused write on the quick path of a cell write with the walk', () => {
    const id = row({ endDate: '811218' });
    expect(checkCellWrite(server, offered((c) => setCell(c, id, 'responsible', '9876')))).toBeNull();
    expect(checkCellWrite(server, offered((c) => setCell(c, id, 'responsible', 'Anna Ek')))?.ok).toBe(true);
    expect(rowsMap(server).get(id)?.get('responsible')).toBeUndefined();
  });
});

describe('splitPersonnummer on indicator values', () => {
  // Value, numerator and denominator are neighbouring number columns: a count, a rate or a share
  // beside its parts must not read as a date part and a serial.
  const keys = cellColumns('indicator-values').map((c) => c.key);
  const tenth = (n: number): number => Math.round(n * 10) / 10;

  /** A plausible row: a population of 50 to 2.5 million, a share of it, and the value as a percent, a rate, a count or years. */
  function indicatorRow(random: () => number): RowValues {
    const denominator = Math.round(50 * Math.exp(random() * Math.log(50_000)));
    const share = random() < 0.5 ? random() : random() * random() * 0.2;
    const numerator = Math.round(share * denominator);
    const measure = random();
    const base = { indicator: 'Fysisk aktivitet', unit: 'vc-a', period: String(2015 + Math.floor(random() * 11)), kon: 'T', status: 'definitiv' };
    if (measure < 0.3) return { ...base, value: tenth((100 * numerator) / denominator), numerator, denominator };
    if (measure < 0.45) return { ...base, value: Math.round((100 * numerator) / denominator), numerator, denominator };
    if (measure < 0.6) return { ...base, value: tenth((1000 * numerator) / denominator), numerator, denominator };
    if (measure < 0.7) return { ...base, value: Math.round((100_000 * numerator) / denominator), numerator, denominator };
    if (measure < 0.8) return { ...base, value: numerator, numerator, denominator };
    if (measure < 0.9) return { ...base, value: numerator, numerator, denominator: null };
    return { ...base, value: tenth(70 + random() * 20), numerator: null, denominator: null };
  }

  it('names next to none of 10,000 seeded rows', () => {
    const random = prng(2001);
    let named = 0;
    const counts = countColumns('indicator-values');
    expect([...counts]).toEqual(['value', 'numerator', 'denominator']);
    for (let k = 0; k < 10_000; k++) if (splitPersonnummer(indicatorRow(random), keys, counts) !== null) named++;
    expect(named).toBeLessThanOrEqual(0);
  });

  it('names none of 400 seeded rows whose sex is not chosen yet, monthly periods of 2001–2012 (201203) among them, at the door or in the row\'s check', () => {
    const random = prng(2012);
    const rows = Array.from({ length: 400 }, (_, k) => {
      const { kon: _kon, ...row } = indicatorRow(random);
      const year = 2001 + Math.floor(random() * 12);
      return { ...row, period: k % 2 === 0 ? `${year}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}` : String(year) };
    });
    const problems = rows.flatMap((values, k) => validateRow('indicator-values', 'values', `r${k}`, values).filter((p) => p.code === 'split-personnummer'));
    // Pasted in one update, as the door reads it.
    const server = createDoc('indicator-values', { title: 'Indikatorvärden', ownerUnit: 'vc-a', schemaVersion: 1 });
    const client = docFromState(encodeState(server));
    let update: Uint8Array | null = null;
    client.on('update', (u: Uint8Array) => (update = u));
    client.transact(() => {
      for (const values of rows) insertRow(client, values);
    });
    expect([problems.length, checkUpdate(server, update!).ok]).toEqual([0, true]);
  });
});
