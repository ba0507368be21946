/**
 * A personnummer split over two or three neighbouring cells of one row along its pairs (`1981` |
 * `1218` | `9876`, `811218` | `98` | `76`, `811218` | `-` | `9876`, `811218-98` | `76`) passed every
 * guard: the pair rule read only a date part beside a serial. The row's check names it, the update that
 * writes the last part is refused whole where it is checked (`checkUpdate`, on the server and in
 * the pane), judged by date and check digit as the number written whole is; ordinary rows (ISO
 * dates, times, amounts, counts) never are.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createDoc } from '../../../shared/doc/create.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { insertRow, setCell, setCells } from '../../../shared/doc/rows.js';
import { cellColumns } from '../../../shared/schema/index.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { checkCellWrite, checkUpdate, checkUpdateWalked } from '../../../shared/validate/check-update.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { countColumns, splitPersonnummer } from '../../../shared/validate/split-personnummer.js';
import { validateRow } from '../../../shared/validate/validate-row.js';

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

/** The row `Hälsodag` | `parts…` in `KEYS`' order (an undefined part: a cell not set), and what the split check names in it. */
function named(...parts: unknown[]): ReturnType<typeof splitPersonnummer> {
  const values: RowValues = { a: 'Hälsodag' };
  parts.forEach((p, i) => {
    if (p !== undefined) values[KEYS[i + 1] as string] = p as RowValues[string];
  });
  return splitPersonnummer(values, KEYS);
}

describe('splitPersonnummer over three cells', () => {
  it('names the year, the month and day, and the serial in cells of their own (1981 | 1218 | 9876), as texts or numbers', () => {
    expect(findPersonnummer('19811218-9876')).not.toBeNull();
    expect(named('1981', '1218', '9876')).toMatchObject({ first: 'b', second: 'c', third: 'd', found: { kind: 'personnummer' } });
    expect(named(1981, 1218, 9876)).toMatchObject({ first: 'b', second: 'c', third: 'd' });
    expect(named('8112', '18', '9876')).toMatchObject({ first: 'b', second: 'c', third: 'd' });
  });

  it('names the serial split in two (811218 | 98 | 76, 19811218 | 98 | 76)', () => {
    expect(named('811218', '98', '76')).toMatchObject({ first: 'b', second: 'c', third: 'd' });
    expect(named('19811218', '98', '76')).toMatchObject({ first: 'b', second: 'c', third: 'd' });
  });

  it('names the serial\'s mark in a cell of its own or at a cell\'s edge (811218 | - | 9876, 811218- | 98 | 76, 811218 | -98 | 76)', () => {
    expect(named('811218', '-', '9876')).toMatchObject({ first: 'b', second: 'c', third: 'd' });
    expect(named('811218', '\u2013', '9876')).toMatchObject({ first: 'b', second: 'c', third: 'd' });
    expect(named('811218-', '98', '76')).toMatchObject({ first: 'b', second: 'c', third: 'd' });
    expect(named('811218', '-98', '76')).toMatchObject({ first: 'b', second: 'c', third: 'd' });
    expect(named('811218', -98, 76)).toMatchObject({ first: 'b', second: 'c', third: 'd' });
    // `+` (a hundred years or older) is read as the guard reads it written whole.
    expect(named('811218', '+', '9876')).toMatchObject({ first: 'b', second: 'c', third: 'd' });
  });

  it('names the century apart (19 | 811218 | 9876) by its last two cells, which hold the number already', () => {
    expect(named('19', '811218', '9876')).toMatchObject({ first: 'c', second: 'd' });
    expect(named(19, 811218, 9876)).toMatchObject({ first: 'c', second: 'd' });
  });

  it('reads each part as the guard reads one cell: digits of any script, look-alike letters between digits, any dash, invisible characters', () => {
    expect(named('\uff11\uff19\uff18\uff11', '\uff11\uff12\uff11\uff18', '\uff19\uff18\uff17\uff16')).toMatchObject({ third: 'd' });
    expect(named('85O1O1', '12', '36')).toMatchObject({ first: 'b', second: 'c', third: 'd' });
    expect(named('811218\u200b', '\u221298', '76\u00a0')).toMatchObject({ third: 'd' });
    expect(named("'1981", "'1218", "'9876")).toMatchObject({ third: 'd' });
  });

  it('passes what the guard passes written whole: a wrong check digit, no date, an ISO date, a time, a part with words, digits grouped in threes', () => {
    expect(named('1981', '1218', '9877')).toBeNull();
    expect(named('1981', '1318', '9876')).toBeNull();
    expect(named('2025-02-11', '12', '34')).toBeNull();
    expect(named('2025', '02-11', '1234')).toBeNull();
    expect(named('811218', '14:30', '76')).toBeNull();
    expect(named('81', '1 218', '9876')).toBeNull();
    expect(named('81', '12 18', '9876')).toMatchObject({ third: 'd' });
    expect(named('Vecka 8112', '18', '9876')).toBeNull();
    // A cell holding anything between the parts, or two empty ones: no neighbours.
    expect(named('1981', '1218', 'Anna', '9876')).toBeNull();
    expect(named('811218', '-', 'x', '9876')).toBeNull();
    expect(named('811218', '', '', '9876')).toBeNull();
    expect(named('811218', undefined, null, '9876')).toBeNull();
  });
});

describe('splitPersonnummer across an empty cell', () => {
  it('reads across one empty cell between two parts (not set, null, or spaces): the column left blank between Födelsedatum and Sista fyra', () => {
    for (const gap of [undefined, null, '', '   ']) {
      expect(named('811218', gap, '9876'), JSON.stringify(gap)).toMatchObject({ first: 'b', second: 'd' });
      expect(named('19811218', gap, '9876'), JSON.stringify(gap)).toMatchObject({ first: 'b', second: 'd' });
    }
    expect(named(811218, null, 9876)).toMatchObject({ first: 'b', second: 'd' });
    expect(named('811218', '', '98', '', '76')).toMatchObject({ first: 'b', second: 'd', third: 'f' });
    expect(named('1981', '', '1218', '9876')).toMatchObject({ first: 'b', second: 'd', third: 'e' });
    expect(named('811218', '', '9877')).toBeNull();
    expect(named('2025-02-11', '', '9876')).toBeNull();
  });

  it('reads across a cell that shows nothing (a zero-width space, a soft hyphen, a word joiner, a direction mark), as the guard reads those as nothing', () => {
    for (const gap of ['\u200b', '\u00ad', '\u2060', '\u200e', ' \u200b ', '\u2800']) {
      expect(findPersonnummer(`811218${gap}9876`), JSON.stringify(gap)).not.toBeNull();
      expect(named('811218', gap, '9876'), JSON.stringify(gap)).toMatchObject({ first: 'b', second: 'd' });
    }
    // A cell that shows anything is still no gap: a dot, a letter.
    expect([named('811218', '.', '9876'), named('811218', 'x\u200b', '9876')]).toEqual([null, null]);
  });
});

describe('splitPersonnummer on parts written with punctuation at their edges', () => {
  it('reads a part without the quotes, brackets and phrase marks around it ("811218" | "9876", (811218 | 9876), 811218, | 9876, 9876.)', () => {
    expect(named('811218', '9876.')).toMatchObject({ first: 'b', second: 'c' });
    expect(named('(811218', '9876)')).toMatchObject({ first: 'b', second: 'c' });
    expect(named('811218,', '9876')).toMatchObject({ first: 'b', second: 'c' });
    expect(named('"811218"', '"9876"')).toMatchObject({ first: 'b', second: 'c' });
    expect(named('[811218]', ' {9876}; ')).toMatchObject({ first: 'b', second: 'c' });
    expect(named("'811218'", '9876:')).toMatchObject({ first: 'b', second: 'c' });
    // Marks outside ASCII, which the guard reads as one mark: « » “ ” „ 「 」.
    expect(named('«811218»', '„9876“')).toMatchObject({ first: 'b', second: 'c' });
    expect(named('「1981」', '(1218)', '9876.')).toMatchObject({ third: 'd' });
    expect(named('(811218-', '9876)')).toMatchObject({ first: 'b', second: 'c' });
  });

  it('keeps the rule inside a part: a mark between its digits makes it none (1,5, 14:30, (81)1218)', () => {
    expect(named('811218', '98,76')).toBeNull();
    expect(named('811218', '98:76')).toBeNull();
    expect(named('(81)1218', '9876')).toBeNull();
    expect(named('811218', '9876.', '5')).toMatchObject({ second: 'c' });
    expect(named('811218.', '9877.')).toBeNull();
  });
});

describe('splitPersonnummer over four cells', () => {
  it('names the date part in pairs beside the serial (81 | 12 | 18 | 9876, 19 | 81 | 1218 | 9876, 1981 | 12 | 18 | 9876), as texts or numbers', () => {
    expect(named('81', '12', '18', '9876')).toMatchObject({ first: 'b', second: 'c', third: 'd', fourth: 'e' });
    expect(named(81, 12, 18, 9876)).toMatchObject({ fourth: 'e' });
    expect(named('1981', '12', '18', '9876')).toMatchObject({ fourth: 'e' });
    expect(named('8112', '18', '98', '76')).toMatchObject({ first: 'b', fourth: 'e' });
    expect(named('81', '12', '18-', '9876')).toMatchObject({ first: 'b', fourth: 'e' });
    // Five parts are none: the longest run is four.
    expect(named('81', '12', '18', '-', '9876')).toBeNull();
    // Three of it are enough: the shorter run is named.
    expect(named('19', '81', '1218', '9876')).toMatchObject({ first: 'c', second: 'd', third: 'e' });
    expect(named('19', '81', '1218', '9876')?.fourth).toBeUndefined();
  });

  it('passes four cells the guard would pass written whole or cut inside a pair', () => {
    expect(named('81', '12', '18', '9877')).toBeNull();
    expect(named('81', '13', '18', '9876')).toBeNull();
    expect(named('8', '112', '18', '9876')).toBeNull();
    expect(named('81', '12', '189', '876')).toBeNull();
  });
});

describe('splitPersonnummer on a date of birth written day first', () => {
  it('names it beside the serial in one cell or split (18.12.1981 | 9876, 18/12/1981 | 98 | 76, 18-12-81 | 9876, 18.12.1981 | - | 9876)', () => {
    expect(named('18.12.1981', '9876')).toMatchObject({ first: 'b', second: 'c' });
    expect(named('18-12-81', '9876')).toMatchObject({ first: 'b', second: 'c' });
    expect(named('18/12/1981', '98', '76')).toMatchObject({ first: 'b', second: 'c', third: 'd' });
    expect(named('18.12.1981', '-', '9876')).toMatchObject({ third: 'd' });
    expect(named('18.12.1981-', '98', '76')).toMatchObject({ third: 'd' });
    expect(named('18.12.1981', '-', '98', '76')).toMatchObject({ fourth: 'e' });
    expect(named('18.12.1981', '', '98', '76')).toMatchObject({ first: 'b', second: 'd', third: 'e' });
  });

  it('passes a wrong check digit, a day that is none, an ISO date beside the serial (a team decision) and a serial cut inside a pair', () => {
    expect(named('18/12/1981', '98', '77')).toBeNull();
    expect(named('32.12.1981', '98', '76')).toBeNull();
    expect(named('1981-12-18', '9876')).toBeNull();
    expect(named('1981-12-18', '98', '76')).toBeNull();
    expect(named('18.12.1981', '987', '6')).toBeNull();
  });
});

describe('splitPersonnummer over two cells split along the number', () => {
  it('names the serial cut after its mark (811218-98 | 76), and not the date part and serial run together in one cell (8112 | 189876, 81121898 | 76) nor digits cut inside a pair (811 | 2189876)', () => {
    expect(named('811218-98', '76')).toMatchObject({ first: 'b', second: 'c' });
    expect(named('19811218+98', '76')).toMatchObject({ first: 'b', second: 'c' });
    expect(named('811218-98', '77')).toBeNull();
    expect(named('8112', '189876')).toBeNull();
    expect(named('811', '2189876')).toBeNull();
    expect(named('81121898', '76')).toBeNull();
  });
});

describe('splitPersonnummer in number columns', () => {
  const keys = cellColumns('indicator-values').map((c) => c.key);
  const counts = countColumns('indicator-values');

  it('reads numbers side by side in number columns as halves only: an indicator\'s value, numerator and denominator (by decision: see joined)', () => {
    const row = { indicator: 'Fysisk aktivitet', unit: 'vc-a', period: '2024', kon: 'T', status: 'definitiv' };
    expect(splitPersonnummer({ ...row, value: 1981, numerator: 1218, denominator: 9876 }, keys, counts)).toBeNull();
    expect(splitPersonnummer({ ...row, value: 8112, numerator: 18, denominator: 9876 }, keys, counts)).toBeNull();
    // Texts there are read as anywhere, and halves as before.
    expect(splitPersonnummer({ ...row, value: '1981', numerator: '1218', denominator: '9876' }, keys, counts)).toMatchObject({ third: 'denominator' });
    expect(splitPersonnummer({ ...row, value: 811218, numerator: 9876 }, keys, counts)).toMatchObject({ first: 'value', second: 'numerator' });
  });
});

describe('validateRow on a personnummer over three cells', () => {
  it('names it on the last cell, with the three columns in the words', () => {
    const problems = validateRow('activity-plan', 'd1', 'r1', { title: 'Hälsodag', startDate: '1981', endDate: '1218', responsible: '9876' });
    const split = problems.filter((p) => p.code === 'split-personnummer');
    expect(split).toHaveLength(1);
    expect(split[0]).toMatchObject({ column: 'responsible', severity: 'error' });
    expect(split[0]?.message.sv).toBe('Startdatum, Slutdatum och Ansvarig bildar tillsammans ett personnummer. Personnummer får inte sparas i Samplan: ta bort eller ändra värdena.');
    expect(split[0]?.message.en).toContain('Start date, End date and Responsible together form a personal identity number');
  });
});

describe('validateRow on a personnummer over four cells', () => {
  it('names it on the last cell, with the four columns in the words', () => {
    const problems = validateRow('activity-plan', 'd1', 'r1', { title: 'Hälsodag', targetGroup: '81', startDate: '12', endDate: '18', responsible: '9876' });
    const split = problems.filter((p) => p.code === 'split-personnummer');
    expect(split).toHaveLength(1);
    expect(split[0]).toMatchObject({ column: 'responsible', severity: 'error' });
    expect(split[0]?.message.sv).toBe('Målgrupp, Startdatum, Slutdatum och Ansvarig bildar tillsammans ett personnummer. Personnummer får inte sparas i Samplan: ta bort eller ändra värdena.');
    expect(split[0]?.message.en).toContain('Target group, Start date, End date and Responsible together form a personal identity number');
  });
});

describe('checkUpdate on a personnummer over three cells', () => {
  // The activity plan's order: start date, end date, the person responsible, participants planned.
  const server = createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'vc-a', schemaVersion: 1 });
  const row = (values: RowValues): string => insertRow(server, { title: 'Hälsodag', ...values });

  function offered(edit: (client: Y.Doc) => void): Uint8Array {
    const client = docFromState(encodeState(server));
    let update: Uint8Array | null = null;
    client.on('update', (u: Uint8Array) => (update = u));
    edit(client);
    if (update === null) throw new Error('the edit changed nothing');
    return update;
  }

  function verdict(update: Uint8Array): ReturnType<typeof checkUpdate> {
    const v = checkUpdate(server, update);
    expect(checkUpdateWalked(server, update)).toEqual(v);
    return v;
  }

  it('refuses the last part written beside the other two, naming the three columns, and answers it by the walk', () => {
    const id = row({ startDate: '1981', endDate: '1218' });
    const update = offered((c) => setCell(c, id, 'responsible', '9876'));
    expect(checkCellWrite(server, update)).toBeNull();
    const v = verdict(update);
    expect(v).toMatchObject({ ok: false, code: 'personnummer' });
    if (v.ok) return;
    expect(v.message.sv).toBe('Kolumnerna «Startdatum», «Slutdatum» och «Ansvarig» tillsammans innehåller ett personnummer. Personnummer får inte sparas i Samplan.');
    expect(v.message.en).toBe('The run of columns "Start date", "End date" and "Responsible" contains a personal identity number. Identity numbers must not be stored in Samplan.');
    expect(JSON.stringify(v)).not.toContain('9876');
  });

  it('refuses the middle or first part written last, the mark in a cell of its own, all three in one update or a new row', () => {
    const middle = row({ startDate: '811218', responsible: '9876' });
    expect(verdict(offered((c) => setCell(c, middle, 'endDate', '-')))).toMatchObject({ ok: false, code: 'personnummer' });
    const first = row({ endDate: '98', responsible: '76' });
    expect(verdict(offered((c) => setCell(c, first, 'startDate', '811218')))).toMatchObject({ ok: false, code: 'personnummer' });
    const numbers = row({ endDate: '1981', responsible: '1218' });
    expect(verdict(offered((c) => setCell(c, numbers, 'participantsPlanned', 9876)))).toMatchObject({ ok: false, code: 'personnummer' });
    const plain = row({});
    expect(verdict(offered((c) => setCells(c, plain, { startDate: '8112', endDate: '18', responsible: '9876' })))).toMatchObject({ ok: false, code: 'personnummer' });
    expect(verdict(offered((c) => insertRow(c, { title: 'Ny', startDate: '811218', endDate: '98', responsible: '76' })))).toMatchObject({ ok: false, code: 'personnummer' });
  });

  it('refuses a part written across an empty cell, or the cell between two parts emptied, and answers both by the walk', () => {
    const gap = row({ startDate: '811218' });
    const beside = offered((c) => setCell(c, gap, 'responsible', '9876'));
    expect(checkCellWrite(server, beside)).toBeNull();
    const v = verdict(beside);
    expect(v).toMatchObject({ ok: false, code: 'personnummer' });
    if (!v.ok) expect(v.message.sv).toBe('Kolumnerna «Startdatum» och «Ansvarig» tillsammans innehåller ett personnummer. Personnummer får inte sparas i Samplan.');
    const between = row({ startDate: '811218', endDate: 'Anna', responsible: '9876' });
    const emptied = offered((c) => setCell(c, between, 'endDate', null));
    expect(checkCellWrite(server, emptied)).toBeNull();
    expect(verdict(emptied)).toMatchObject({ ok: false, code: 'personnummer' });
    expect(verdict(offered((c) => setCell(c, between, 'endDate', '')))).toMatchObject({ ok: false, code: 'personnummer' });
    expect(verdict(offered((c) => setCell(c, between, 'endDate', 'Bo'))).ok).toBe(true);
    expect(verdict(offered((c) => setCell(c, between, 'title', 'Ny titel'))).ok).toBe(true);
  });

  it('refuses the last of four parts, naming the four columns, and a part written with quotes or a full stop', () => {
    const four = row({ targetGroup: '81', startDate: '12', endDate: '18' });
    const v = verdict(offered((c) => setCell(c, four, 'responsible', '9876')));
    expect(v).toMatchObject({ ok: false, code: 'personnummer' });
    if (v.ok) return;
    expect(v.message.sv).toBe('Kolumnerna «Målgrupp», «Startdatum», «Slutdatum» och «Ansvarig» tillsammans innehåller ett personnummer. Personnummer får inte sparas i Samplan.');
    expect(v.message.en).toBe('The run of columns "Target group", "Start date", "End date" and "Responsible" contains a personal identity number. Identity numbers must not be stored in Samplan.');
    const quoted = row({ endDate: '"811218"' });
    expect(verdict(offered((c) => setCell(c, quoted, 'responsible', '"9876".')))).toMatchObject({ ok: false, code: 'personnummer' });
  });

  it('takes ordinary writes, the removal of a part, and edits of a row that already holds all three', () => {
    const dates = row({ startDate: '2025-02-11', endDate: '2025-03-01' });
    expect(verdict(offered((c) => setCell(c, dates, 'responsible', '1234'))).ok).toBe(true);
    const wrongCheck = row({ startDate: '1981', endDate: '1218' });
    expect(verdict(offered((c) => setCell(c, wrongCheck, 'responsible', '9877'))).ok).toBe(true);
    const held = row({ startDate: '1981', endDate: '1218', responsible: '9876' });
    expect(verdict(offered((c) => setCell(c, held, 'title', 'Hälsodag 2'))).ok).toBe(true);
    expect(verdict(offered((c) => setCell(c, held, 'endDate', null))).ok).toBe(true);
    expect(verdict(offered((c) => setCell(c, held, 'comment', 'Flyttad'))).ok).toBe(true);
  });
});
