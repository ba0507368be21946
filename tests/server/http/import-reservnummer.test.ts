/**
 * An imported record that holds a reservnummer (`reservnummer.ts`) is refused for it, in words
 * that name it, and the number is never echoed. Before, `22850101-AB12` in a comment was imported.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, WS, type Fixture } from './support.js';

interface Summary {
  imported: number;
  refused: { record: number; code: string; message: { sv: string; en: string } }[];
}

const CSV = ['Aktivitet;Typ;Deltagare planerat;Kommentar', 'Gympa;halsodag;10;Ring 22850101-AB12', 'Boule;halsodag;12;Artikel 20260317A123'].join('\r\n');

describe('an imported record with a reservnummer', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('is refused, naming a reservnummer in both languages, the number not echoed; a dated code passes', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import?dryRun=true`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV });
    expect(res.status).toBe(200);
    const summary = (await res.json()) as Summary;
    expect(summary.refused.map((r) => [r.record, r.code])).toEqual([[1, 'personnummer']]);
    expect(summary.refused[0]?.message.sv).toMatch(/^Rad 2 i filen: Kolumnen "Kommentar" innehåller ett reservnummer/);
    expect(summary.refused[0]?.message.en).toMatch(/^Row 2 of the file: The column "Comment" contains a reserve identity number/);
    expect(summary.imported).toBe(1);
    expect(JSON.stringify(summary)).not.toMatch(/22850101|AB12/);
  });
});
