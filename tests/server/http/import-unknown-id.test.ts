/**
 * A record whose id names no row of the document becomes a new row, and the import says so: a
 * warning `unknown-id` naming the file row and the id as written, in Swedish and English, in the
 * dry run and the import alike, the pane listing it before the other warnings and the CLI printing
 * it. An id of row-id shape (`r123`, cut short) is kept as the new row's; one that cannot be a row
 * id (a space in it) gives the row a new id. Before, both were added without a word, and the
 * person who meant to change a row found a second one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { summaryWords } from '../../../addin/taskpane/import-summary-words.js';
import { importCommand } from '../../../server/cli-import.js';
import { importFile } from './import-post.js';
import { makeFixture, WS, type Fixture } from './support.js';

const TRUNCATED = {
  sv: 'Rad 3 i filen: id "r123" finns inte i dokumentet, så raden blir en ny rad (med det id:t) i stället för att ändra en befintlig. Skulle den ändra en rad, rätta id:t (kopiera det från en ny export) och importera igen.',
  en: 'Row 3 of the file: the id "r123" names no row of the document, so the row becomes a new row (with that id) instead of changing one. If it was to change a row, correct the id (copy it from a new export) and import again.',
};
const SPACED_EN = 'Row 4 of the file: the id "ab cd" is no row id (a row id is 1–64 characters of A–Z, a–z, 0–9, _ and -), so the row becomes a new row with a new id instead of changing one. If it was to change a row, correct the id (copy it from a new export) and import again.';

describe('an imported id that names no row', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-import-unknown-id-'));
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await f.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const planRows = async () => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' }));
  const csv = async () => {
    const stored = (await planRows()).find((r) => r.values.title === 'Hälsodag A');
    return ['id;Aktivitet;Typ', `${stored?.id};Hälsodag A ändrad;halsodag`, 'r123;Promenadgrupp A ändrad;halsodag', 'ab cd;Stavgång;halsodag', ';Boule;halsodag'].join('\r\n');
  };

  it('is named by its file row and id in the dry run and the import, and the row is added (the id kept when it can be one)', async () => {
    const body = new TextEncoder().encode(await csv());
    const checked = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import?dryRun=true`, f.tokens.editor, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
    const dry = (await checked.json()) as Record<string, unknown>;
    const done = await importFile(f, body, 'text/csv');
    for (const summary of [dry, done]) {
      expect(summary).toMatchObject({ imported: 3, updated: 1, refused: [] });
      expect(summary.warnings).toEqual([
        { record: 2, row: 3, rowId: 'r123', column: 'id', code: 'unknown-id', message: TRUNCATED },
        { record: 3, row: 4, rowId: 'ab cd', column: 'id', code: 'unknown-id', message: { sv: expect.stringMatching(/^Rad 4 i filen: id "ab cd" är inget rad-id/), en: SPACED_EN } },
      ]);
    }
    const rows = await planRows();
    expect(rows.find((r) => r.values.title === 'Promenadgrupp A ändrad')?.id).toBe('r123');
    expect(rows.find((r) => r.values.title === 'Stavgång')?.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(rows.map((r) => r.values.title)).toContain('Promenadgrupp A');
  });

  it('is listed by the pane before the other warnings, so a long list never hides it', async () => {
    const other = (n: number) => ({ record: n, row: n + 1, rowId: null as string | null, column: 'D', code: 'unread-values', message: { sv: `Rad ${n + 1} i filen: annat.`, en: `Row ${n + 1} of the file: other.` } });
    const warnings = [1, 2, 3, 4, 5, 6].map(other);
    warnings.push({ record: 7, row: 8, rowId: 'r123', column: 'id', code: 'unknown-id', message: TRUNCATED });
    const words = summaryWords({ imported: 7, updated: 0, refused: [], unknownColumns: [], unresolved: [], warnings }, 'sv');
    expect(words.warnings.count).toBe(7);
    expect(words.warnings.shown[0]).toBe(TRUNCATED.sv);
  });

  it('is printed by samplan import', async () => {
    const said: string[] = [];
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation((line: string) => void said.push(line));
    const file = join(dir, 'plan.csv');
    writeFileSync(file, await csv());
    expect(await importCommand([WS, 'plan-a', file], { 'dry-run': true, lang: 'en' }, (fn) => fn(f.storage), {})).toBe(0);
    expect(said.join('\n')).toContain(TRUNCATED.en);
    expect(said.join('\n')).toContain(SPACED_EN);
  });
});
