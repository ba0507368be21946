/**
 * A record that holds a personnummer is refused for it, whatever else is wrong with it: a value
 * that cannot be read before it (`Deltagare planerat` `1 234,5`, `Typ` `Fel typ`), an id given
 * twice, a list, or a number split over two cells beside a value not read. Before, the record was
 * refused only for its first fault in column order, so the answer never said personnummer and
 * `samplan import` exited 1 where the README promises 2. The number is never echoed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importCommand } from '../../../server/cli-import.js';
import { makeFixture, WS, type Fixture } from './support.js';

interface Summary {
  imported: number;
  refused: { record: number; code: string; message: { sv: string; en: string } }[];
}

const PNR = /19121212|1212-1212|811218|9876/;
const CSV = [
  'Aktivitet;Typ;Deltagare planerat;Kommentar',
  'Gympa;halsodag;1 234,5;Ring 19121212-1212',
  'Stavgång;Fel typ;10;Ring 19121212-1212',
  'Boule;halsodag;1 234,5;Ring Anna',
].join('\r\n');

describe('an imported record with a personnummer and another fault', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-import-pnr-first-'));
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await f.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const post = async (doc: string, type: string, body: string): Promise<Summary> => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/${doc}/import?dryRun=true`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': type }, body });
    expect(res.status).toBe(200);
    return (await res.json()) as Summary;
  };

  it('is refused for the personnummer over an invalid value before it, in both languages, the number not echoed', async () => {
    const summary = await post('plan-a', 'text/csv', CSV);
    expect(summary.refused.map((r) => [r.record, r.code])).toEqual([
      [1, 'personnummer'],
      [2, 'personnummer'],
      [3, expect.not.stringMatching(/^personnummer$/)],
    ]);
    expect(summary.refused[0]?.message.sv).toMatch(/^Rad 2 i filen: Kolumnen "Kommentar" innehåller ett personnummer/);
    expect(summary.refused[1]?.message.en).toMatch(/^Row 3 of the file: The column "Comment" contains a personal identity number/);
    expect(JSON.stringify(summary)).not.toMatch(PNR);
  });

  it('is refused for the personnummer over an id given twice, a list, and for a split one over a value not read', async () => {
    const summary = await post(
      'partners',
      'application/json',
      JSON.stringify([
        { id: 'Aa1bB2cC3dD4', name: 'Först', type: 'frivilligorganisation' },
        { id: 'Aa1bB2cC3dD4', name: 'Andra', type: 'frivilligorganisation', email: '19121212-1212' },
        { name: 'Lista', type: ['frivilligorganisation'], email: '19121212-1212' },
        { name: 'Delad', type: 'fel typ', contact: '811218', email: '9876' },
      ]),
    );
    expect(summary.refused.map((r) => [r.record, r.code])).toEqual([
      [2, 'personnummer'],
      [3, 'personnummer'],
      [4, 'personnummer'],
    ]);
    expect(summary.refused[2]?.message.sv).toMatch(/^Post 4: Kolumnerna "Kontaktperson" och "E-post" tillsammans innehåller ett personnummer/);
    expect(JSON.stringify(summary)).not.toMatch(PNR);
  });

  it('makes samplan import exit 2 and say personnummer on stderr', async () => {
    const said: string[] = [];
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation((line: string) => void said.push(line));
    const file = join(dir, 'plan.csv');
    writeFileSync(file, CSV);
    expect(await importCommand([WS, 'plan-a', file], { lang: 'en' }, (fn) => fn(f.storage), {})).toBe(2);
    expect(said.filter((l) => l.includes('personal identity number'))).toHaveLength(2);
    expect(said.join('\n')).not.toMatch(PNR);
  });
});
