/**
 * The split check reads a cell of words by the edges a run may use (`edgeCell`), its words only
 * for a run that joins: the same verdicts as reading every such cell whole (`wordedCell`, what the
 * check read before), for less. Held against each other here, over the guard's spellings cut into
 * cells every way, plan texts and the domain sources' lines, the check run both ways on every row
 * (`edgeCell` swapped for `wordedCell` through the module mock below: the full read).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import type * as Edges from '../../../shared/validate/split-edges.js';
import type * as Labels from '../../../shared/validate/number-labels.js';
import type * as Halves from '../../../shared/validate/split-halves.js';
import type * as Reading from '../../../shared/validate/split-reading.js';
import { createDoc } from '../../../shared/doc/create.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { insertRow, setCell } from '../../../shared/doc/rows.js';
import { cellColumns } from '../../../shared/schema/index.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { edgeCell, endsRun, leadsRun } from '../../../shared/validate/split-edges.js';
import { splitInWrites, splitPersonnummer } from '../../../shared/validate/split-personnummer.js';
import { wordedCell } from '../../../shared/validate/split-worded.js';
import { readCell } from '../../../shared/validate/split-reading.js';
import { FLAGGED } from '../../support/personnummer-spellings.js';
import { MORE_FLAGGED, SPLIT_FLAGGED } from '../../support/personnummer-spellings-more.js';
import { allFamilies, prng, spell, validNumber } from '../../support/personnummer-families.js';
import { ALLOWED_SPELLINGS, fillSpelling, NAMED_AWAY, NAMING_WRITTEN } from '../../support/personnummer-decisions.js';
import { IN_PART, ORDINARY } from '../../support/ordinary-texts.js';
import { FITTJA_PLAN } from '../../support/fittja-plan.js';

/**
 * `full`: the check reads cells of words whole (`wordedCell`), as before; `words`: the texts whose
 * words were read; `cells`: the values read as a run's cells (`readCell`, then `edgeCell`); `forms`: the texts
 * asked whether they have a date part's or a serial's form; `labels`: the words matched as labels.
 */
const reads = vi.hoisted(() => ({ full: false, words: [] as string[], cells: [] as unknown[], forms: [] as string[], labels: [] as string[][] }));
vi.mock('../../../shared/validate/split-edges.js', async (original) => {
  const actual = await original<typeof Edges>();
  const worded = await import('../../../shared/validate/split-worded.js');
  return {
    ...actual,
    edgeCell: (value: unknown) => {
      reads.cells.push(value);
      return reads.full ? worded.wordedCell(value) : actual.edgeCell(value);
    },
  };
});
vi.mock('../../../shared/validate/number-labels.js', async (original) => {
  const actual = await original<typeof Labels>();
  return {
    ...actual,
    namedInText: (norm: string) => {
      reads.words.push(norm);
      return actual.namedInText(norm);
    },
    labelsANumber: (words: readonly string[]) => {
      reads.labels.push([...words]);
      return actual.labelsANumber(words);
    },
  };
});
vi.mock('../../../shared/validate/split-reading.js', async (original) => {
  const actual = await original<typeof Reading>();
  return {
    ...actual,
    readCell: (value: unknown) => {
      reads.cells.push(value);
      return actual.readCell(value);
    },
  };
});
vi.mock('../../../shared/validate/split-halves.js', async (original) => {
  const actual = await original<typeof Halves>();
  return {
    ...actual,
    datePartForm: (text: string) => {
      reads.forms.push(text);
      return actual.datePartForm(text);
    },
    serialForm: (text: string) => {
      reads.forms.push(text);
      return actual.serialForm(text);
    },
  };
});

/** What a call gives read both ways. */
function bothWays<T>(check: () => T): { full: T; filtered: T } {
  reads.full = true;
  try {
    const full = check();
    reads.full = false;
    return { full, filtered: check() };
  } finally {
    reads.full = false;
  }
}

/** Texts people write in a plan's cells, with numbers in them: amounts, years, weeks, times, counts, dates. */
const PLAN_PHRASES = [
  'Budget 12000 kr', 'Budget 12 000 kr', 'Kostnad 1 500 kr', '1500', '12 500', 'Start 2026', 'Hösten 2025', 'År 2026',
  'Vecka 12', 'v. 12', 'v 12-14', 'Vecka 811218', 'tisdagar 10–11', 'kl 14.30', 'kl. 9-12', 'Träff 2026-03-17',
  '2026-03-17', '2025-04-02', '12/3', '17/3 kl 13', 'Grupp 3', 'Grupp 811218', 'nr 9876', '-9876 ring', 'Anna Ek 811218',
  'Anna Ek 811218-', '9876 ring', 'född 811218', 'pnr 19811218', 'Faktura 20260317', '1200 kr', 'Möte 2026-03-17',
  '1430 deltagare', 'Hälsodag vecka 12', 'Rum 1218', 'tel 08-123 456 78', 'Postnr 123 45', '123 45 Stockholm',
  'Org.nr 556677-8899', 'a-12345', 'a-1234', 'Ärende 2026-1234-5678', '30 min', '4–5 veckor', '6 mån', 'FaR 6 mån',
  'Promenadgrupp 1', 'Hälsosamtal 45 min', 'Sista fyra 9876', '98 76', '98-76', '-', '19', '81', '12', '18', '1981',
  '1218', '811218', '19811218', '18.12.1981', '18/12/81', '811218-98', '76', '9876', '-9876', '+9876', '811218-',
];

/** The domain sources' lines that hold a digit. */
function seedLines(): string[] {
  const seeds = fileURLToPath(new URL('../../support/seeds/', import.meta.url));
  return readdirSync(seeds)
    .flatMap((file) => readFileSync(`${seeds}${file}`, 'utf8').split('\n'))
    .map((l) => l.trim())
    .filter((l) => /\d/.test(l) && l.length <= 120);
}

/** The guard's spellings of numbers and texts a plan holds, each a whole text (cut into cells below). */
function wholeTexts(): string[] {
  const random = prng(20261207);
  const families = allFamilies();
  const texts = [...FLAGGED, ...MORE_FLAGGED, ...SPLIT_FLAGGED].map(([text]) => text);
  for (let k = 0; k < families.length; k += 293) texts.push(spell(validNumber(random), families[k]!));
  for (const spelling of ALLOWED_SPELLINGS) texts.push(fillSpelling(spelling, validNumber(random), true, '-'), fillSpelling(spelling, validNumber(random), false, '-'));
  for (const label of NAMING_WRITTEN) texts.push(`${label}${spell(validNumber(random), families[0]!)}`);
  for (const form of NAMED_AWAY) texts.push(form.replace('{x}', spell(validNumber(random), families[0]!)));
  for (const make of [...Object.values(ORDINARY), ...Object.values(IN_PART)]) for (let k = 0; k < 4; k++) texts.push(make(random));
  texts.push(...PLAN_PHRASES, ...seedLines().slice(0, 100));
  for (const row of FITTJA_PLAN) for (const cell of row) if (typeof cell === 'string' && cell !== '') texts.push(cell);
  return texts;
}

/**
 * `text` cut into two cells at every place, and, up to 48 characters (a number and the words
 * around it), into three at every place a word, a mark or a group of digits ends.
 */
function cuts(text: string): string[][] {
  const out: string[][] = [];
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  if (text.length > 48) return out;
  const ends = [...text.matchAll(/[\s\-–.,:/]+|(?<=\d)(?=\D)|(?<=\D)(?=\d)/gu)].map((m) => m.index!).filter((i) => i > 0 && i < text.length);
  for (const i of ends) for (const j of ends) if (j > i) out.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
  return out;
}

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];

/** The pieces of {@link wholeTexts} cut into cells every way ({@link cuts}). */
function allPieces(): string[] {
  const pieces = new Set<string>();
  for (const text of wholeTexts()) for (const cells of cuts(text)) for (const c of cells) pieces.add(c);
  return [...pieces];
}

/** What the split check may use of a cell read whole: `wordedCell`'s edges that a run may start or end with, as texts. */
function usable(value: unknown): { tail: string | null; head: string | null } | null {
  const whole = wordedCell(value);
  if (whole === null) return null;
  const tail = whole.tail !== null && leadsRun(whole.tail.text as string) ? (whole.tail.text as string) : null;
  const head = whole.head !== null && endsRun(whole.head.text as string) ? (whole.head.text as string) : null;
  return tail === null && head === null ? null : { tail, head };
}

describe('edgeCell against wordedCell', () => {
  beforeEach(() => {
    reads.full = false;
    reads.words.length = 0;
    reads.cells.length = 0;
    reads.forms.length = 0;
    reads.labels.length = 0;
  });

  it('reads every piece as the edges of the whole read a run may use, and their words alike', () => {
    const pieces = allPieces();
    const differ: string[] = [];
    let kept = 0;
    for (const piece of pieces) {
      const cell = edgeCell(piece);
      const got = cell === null ? null : { tail: cell.tail?.text ?? null, head: cell.head?.text ?? null };
      if (JSON.stringify(got) !== JSON.stringify(usable(piece))) differ.push(`${JSON.stringify(piece)}: ${JSON.stringify(got)} / ${JSON.stringify(usable(piece))}`);
      if (cell === null) continue;
      kept++;
      if (cell.named !== wordedCell(piece)?.named) differ.push(`${JSON.stringify(piece)}: named ${String(cell.named)}`);
    }
    expect(differ.slice(0, 10)).toEqual([]);
    // Not vacuous: many pieces are cells of words with an edge a run may use.
    expect(kept).toBeGreaterThan(2_000);
  });

  it.each(['a-1234', 'a-12345', 'a-7', 'kl -14', 'Grupp +3', 'Ring -9876'])('tells that no run uses the edges of %j without building them', (text) => {
    expect(edgeCell(text)).toBeNull();
    // Neither edge was read as a date part's or a serial's form, nor its words matched as labels.
    expect(reads.forms).toEqual([]);
    expect(reads.labels).toEqual([]);
  });

  it('says which tails a run may start with and which heads it may end with', () => {
    for (const text of ['811218', '19811218', '1981', '19', '8112', '18.12.1981', '811218-', '811218-98', '81 12 18']) expect(leadsRun(text), text).toBe(true);
    for (const text of ['-12345', '-1234', '+9876', '12345', '1', '14.30', '2026-03-17', '12 500', '123 45']) expect(leadsRun(text), text).toBe(false);
    for (const text of ['9876', '-9876', '98 76', '98-76', '76', '1218', '811218', '18/12/81']) expect(endsRun(text), text).toBe(true);
    for (const text of ['987', '9876-', '98765', '2026-03-17', '14.30', '12 500']) expect(endsRun(text), text).toBe(false);
  });

  it('gives every row the full read’s verdict: the guard’s spellings cut into cells, plan texts, domain lines', () => {
    const texts = wholeTexts();
    const pieces = new Set<string>();
    const rows: string[][] = [];
    for (const text of texts) {
      for (const cells of cuts(text)) {
        rows.push(cells.length === 2 ? [cells[0]!, '', cells[1]!] : cells);
        if (cells.length === 2) rows.push(cells);
        for (const c of cells) pieces.add(c);
      }
    }
    // Pieces beside each other at random, and beside plan texts.
    const random = prng(1207);
    const pool = [...pieces];
    const pick = (): string => pool[Math.floor(random() * pool.length)]!;
    for (let k = 0; k < 10_000; k++) rows.push(k % 3 === 0 ? [pick(), pick()] : k % 3 === 1 ? [pick(), '', pick(), pick()] : [pick(), pick(), pick(), pick()]);

    let found = 0;
    let foundWorded = 0;
    const differ: string[] = [];
    for (const cells of rows) {
      const values = Object.fromEntries(cells.map((v, i) => [KEYS[i]!, v]));
      const keys = KEYS.slice(0, cells.length);
      const { full, filtered } = bothWays(() => JSON.stringify(splitPersonnummer(values, keys)));
      if (full !== 'null') {
        found++;
        if (cells.some((c) => readCell(c) === null && wordedCell(c) !== null)) foundWorded++;
      }
      if (full !== filtered) differ.push(`${JSON.stringify(cells)}: ${full} / ${filtered}`);
    }
    const worded = pool.filter((c) => wordedCell(c) !== null && edgeCell(c) === null).length;
    expect(differ.slice(0, 10)).toEqual([]);
    // Not vacuous: many rows hold a number, cells of words among them, and many cells of words are read as none.
    expect(found).toBeGreaterThan(4_000);
    expect(foundWorded).toBeGreaterThan(500);
    expect(worded).toBeGreaterThan(10_000);
  }, 60_000);

  it('gives every write the full read’s verdict (splitInWrites): each piece written beside the others held', () => {
    const keys = cellColumns('activity-plan').map((c) => c.key);
    const at = keys.indexOf('comment');
    const [before, after] = [keys[at - 1]!, keys[at + 1]!];
    const random = prng(712);
    const texts = wholeTexts().filter((t) => t.length > 1);
    let found = 0;
    const differ: string[] = [];
    for (let k = 0; k < 12_000; k++) {
      const text = texts[Math.floor(random() * texts.length)]!;
      const cells = cuts(text);
      const cut = cells[Math.floor(random() * cells.length)]!;
      const row: Record<string, string> = cut.length === 2 ? { [before]: cut[0]!, comment: cut[1]! } : { [before]: cut[0]!, comment: cut[1]!, [after]: cut[2]! };
      for (const column of Object.keys(row)) {
        const write = [{ rowId: 'r', column, value: row[column] }];
        const { full, filtered } = bothWays(() => JSON.stringify(splitInWrites('activity-plan', write, (_row, key) => row[key], () => false)));
        if (full !== 'null') found++;
        if (full !== filtered) differ.push(`${JSON.stringify(row)} writing ${column}: ${full} / ${filtered}`);
      }
    }
    expect(differ.slice(0, 10)).toEqual([]);
    expect(found).toBeGreaterThan(1_000);
  });
});

describe('checkUpdate of a cell of words no run can use', () => {
  const server = createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'vc-a', schemaVersion: 1 });
  const id = insertRow(server, { title: 'Hälsodag', endDate: '2026-03-17', participantsPlanned: 12 });

  function offered(edit: (client: Y.Doc) => void): Uint8Array {
    const client = docFromState(encodeState(server));
    let update: Uint8Array | null = null;
    client.on('update', (u: Uint8Array) => (update = u));
    edit(client);
    if (update === null) throw new Error('the edit changed nothing');
    return update;
  }

  it.each(['a-12345', 'kl 14.30', 'Träff 2026-03-17', 'Kostnad 12 500'])('takes %j without reading its words or its neighbours’', (text) => {
    const update = offered((c) => setCell(c, id, 'comment', text));
    reads.words.length = 0;
    expect(checkUpdate(server, update).ok).toBe(true);
    expect(reads.words).toEqual([]);
  });

  it.each([
    ['född 811218', '9876'],
    ['19811218', '9876'],
    [811218, '9876'],
  ])('reads a written cell once: %j beside %j', (written, beside) => {
    const keys = cellColumns('activity-plan').map((c) => c.key);
    const first = keys[keys.indexOf('comment') - 1]!;
    const row: Record<string, unknown> = { [first]: written, comment: beside };
    const write = [{ rowId: 'r', column: first, value: written }];
    reads.cells.length = 0;
    const found = splitInWrites('activity-plan', write, (_row, key) => row[key], () => false);
    expect(found).toMatchObject({ first, second: 'comment' });
    // Once by `readCell`, and for a cell of words once more by `edgeCell`: whether to read the row around it and in its runs, one reading.
    expect(reads.cells.filter((v) => v === written).length).toBe(typeof written === 'string' && written.includes(' ') ? 2 : 1);
  });

  it('still reads the words of a cell beside a part when the two join: `född 811218` | `9876`', () => {
    const keys = cellColumns('activity-plan').map((c) => c.key);
    const row = insertRow(server, { title: 'Hälsodag', comment: '9876' });
    const update = offered((c) => setCell(c, row, keys[keys.indexOf('comment') - 1]!, 'född 811218'));
    reads.words.length = 0;
    expect(checkUpdate(server, update)).toMatchObject({ ok: false, code: 'personnummer' });
    expect(reads.words.length).toBeGreaterThan(0);
  });
});
