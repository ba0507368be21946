/**
 * A CSV file whose quotes cannot be read without guessing is refused whole, in words naming the
 * row where the quoted value begins: a quote never closed (before, every row after it was stored
 * inside that value and the import answered 200 with nothing refused), and a quote inside a quoted
 * value that is not doubled (before, `"Han sa "hej" sen"` was stored as `Han sa hej" sen"`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCommand } from '../../../server/cli-import.js';
import { CsvQuoteError, parseCsv } from '../../../server/http/csv-read.js';
import { rowsOf } from '../../../shared/doc/index.js';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

/** A `;` CSV of a header and ten rows; `comment(n)` is row n's Kommentar as written. */
function tenRows(comment: (n: number) => string): string {
  const lines = ['Aktivitet;Typ;Kommentar'];
  for (let n = 1; n <= 10; n++) lines.push(`Aktivitet ${n};halsodag;${comment(n)}`);
  return lines.join('\r\n') + '\r\n';
}

describe('parseCsv and quotes it cannot read', () => {
  it('throws naming the row where a quote that never closes opens', () => {
    const err = (() => {
      try {
        parseCsv('A;B\r\nx;y\r\n\r\nz;"öppen\r\nw;v\r\n', ';');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CsvQuoteError);
    // The blank line counts, as a spreadsheet opening the file numbers its rows.
    expect(err).toMatchObject({ fault: 'unclosed', row: 4 });
  });

  it('throws for text after a closing quote, and reads doubled quotes, spaces after one and quotes inside unquoted values as before', () => {
    expect(() => parseCsv('A;B\nx;"Han sa "hej" sen"\n', ';')).toThrow(expect.objectContaining({ fault: 'undoubled', row: 2 }));
    expect(() => parseCsv('A;B\n"x" "y";z\n', ';')).toThrow(CsvQuoteError);
    expect(parseCsv('A;B\nx;"Han sa ""hej"" sen"\n', ';')[1]).toEqual(['x', 'Han sa "hej" sen']);
    expect(parseCsv('A;B\n"x" ;"y"\n', ';')[1]).toEqual(['x ', 'y']);
    expect(parseCsv('A;B\n5" skärm;Han sa "hej"\n', ';')[1]).toEqual(['5" skärm', 'Han sa "hej"']);
  });
});

describe('importing a CSV file with a quote it cannot read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-import-quotes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const post = (csv: string, dryRun = false) =>
    f.req(`/v1/workspaces/${WS}/documents/plan-a/import?dryRun=${dryRun}`, f.tokens.editor, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
  const titles = async () => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).map((r) => r.values.title);

  it('refuses the whole file when a comment opens a quote that never closes, naming its row, and stores nothing', async () => {
    const before = await titles();
    const csv = tenRows((n) => (n === 3 ? '"Ring Anna först' : `Kommentar ${n}`));
    for (const dryRun of [true, false]) {
      const res = await post(csv, dryRun);
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('unclosed-quote');
      expect(error.details).toMatchObject({
        message: {
          sv: expect.stringMatching(/^Rad 4 i filen: ett värde börjar med citattecken \(".*aldrig stängs.*Inget importerades\./),
          en: expect.stringMatching(/^Row 4 of the file: a value begins with a quote \(".*never closed.*Nothing was imported\./),
        },
      });
    }
    expect(await titles()).toEqual(before);
  });

  it('refuses the whole file when a quoted comment holds a quote that is not doubled, naming its row', async () => {
    const before = await titles();
    const res = await post(tenRows((n) => (n === 5 ? '"Han sa "hej" sen"' : `Kommentar ${n}`)));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('undoubled-quote');
    expect(englishOf(error)).toMatch(/^Row 6 of the file: a value in quotes holds a quote that is not doubled .*Nothing was imported\./);
    expect(await titles()).toEqual(before);
  });

  it('is refused by samplan import too, in the same words, before anything is stored', async () => {
    const before = await titles();
    const file = join(dir, 'plan.csv');
    writeFileSync(file, tenRows((n) => (n === 3 ? '"Ring Anna först' : `Kommentar ${n}`)));
    await expect(importCommand([WS, 'plan-a', file], {}, (fn) => fn(f.storage), {})).rejects.toMatchObject({ code: 'unclosed-quote', message: expect.stringMatching(/^Row 4 of the file: /) });
    expect(await titles()).toEqual(before);
  });
});
