/**
 * An export saved by Excel as "CSV (semikolonavgränsad)" is Windows-1252, which writes `?` for each
 * character it lacks (`≥`, `→`, `ł`). Imported again, the `?` were written over Samplan's text
 * without a word. Now a stored text the file holds exactly as its encoding could write it is kept,
 * and said; a text the person changed in the file is written, with the stored characters the file
 * could not write kept around the change (they were lost without a word).
 */
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { mergeUnwritable } from '../../../server/http/import-lossy.js';
import { importAnswer } from '../../support/import-answer.js';
import { makeFixture, WS, type Fixture } from './support.js';

const COMMENT = 'Åldrar ≥ 65 – Ełżbieta leder → ✓';
const base = `/v1/workspaces/${WS}/documents/plan-a`;

describe('an export saved as Windows-1252 and imported again', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    const setup = await importAnswer(f, 'plan-a', JSON.stringify([{ title: 'Seniorträff', type: 'halsodag', comment: COMMENT, targetGroup: 'Äldre' }]), { type: 'application/json' });
    expect(setup.imported).toBe(1);
  });
  afterEach(() => f.close());

  /** The export as Excel saves it in Windows-1252, `edit` made to its text first. */
  const savedBySwedishExcel = async (edit: (csv: string) => string) => {
    const csv = await (await f.req(`${base}/rows?format=csv&sep=semicolon`, f.tokens.coordinator)).text();
    const bytes = iconv.encode(edit(csv), 'win1252');
    expect(iconv.decode(bytes, 'win1252')).toMatch(/ldrar\?? \? \d+ – (E\?\?bieta|Anna) leder/);
    return new Uint8Array(bytes);
  };
  /** `bytes` imported as a CSV file (a dry run when `dryRun`): the answer. */
  const imported = async (bytes: Uint8Array, dryRun = false) => {
    const res = await f.req(`${base}/import?dryRun=${dryRun}`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: bytes as BodyInit });
    expect(res.status).toBe(200);
    return (await res.json()) as { updated: number; encoding: string; warnings?: { row: number; column: string; code: string; message: { sv: string; en: string } }[] };
  };
  const stored = async () => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).find((r) => String(r.values.title).startsWith('Senior'))?.values;

  it('keeps the text the file could not write, says so, and writes the row’s other change; the dry run says the same', async () => {
    const file = await savedBySwedishExcel((csv) => csv.replace('Äldre', 'Äldre 65+'));
    for (const dryRun of [true, false]) {
      const answer = await imported(file, dryRun);
      expect([answer.updated, answer.encoding]).toEqual([1, 'windows-1252']);
      expect(answer.warnings?.map((w) => [w.row, w.column, w.code])).toEqual([[4, 'comment', 'unwritable-kept']]);
      expect(answer.warnings?.[0]?.message.sv).toBe('Rad 4 i filen: kolumnen "Kommentar": filen är sparad som Windows-1252, som inte kan skriva alla tecken i värdet i Samplan (de står som ? i filen). Värdet i Samplan behålls; spara filen som CSV UTF-8 eller Excel-arbetsbok för att ändra det med en fil.');
    }
    expect(await stored()).toMatchObject({ comment: COMMENT, targetGroup: 'Äldre 65+' });
  });

  it('writes the person’s change of such a text and keeps the characters the file could not write around it, and says so', async () => {
    const file = await savedBySwedishExcel((csv) => csv.replace('65 – Ełżbieta leder', '70 – Ełżbieta leder varje vecka'));
    const answer = await imported(file);
    expect(answer.updated).toBe(1);
    expect((await stored())?.comment).toBe('Åldrar ≥ 70 – Ełżbieta leder varje vecka → ✓');
    expect(answer.warnings?.map((w) => [w.row, w.column, w.code])).toEqual([[4, 'comment', 'unwritable-kept']]);
    expect(answer.warnings?.[0]?.message.en).toBe('Row 4 of the file: the column "Comment": the file is saved as Windows-1252, which cannot write every character of the value in Samplan (they are ? in the file). Your change is written, and the characters in Samplan around it are kept; save the file as CSV UTF-8 or an Excel workbook to change it with a file.');
  });

  it('writes a change that takes out characters the file could not write, and a ? typed in the change itself', async () => {
    const file = await savedBySwedishExcel((csv) => csv.replace('Åldrar', 'Vilka åldrar?').replace('Ełżbieta', 'Anna'));
    expect((await imported(file)).updated).toBe(1);
    expect((await stored())?.comment).toBe('Vilka åldrar? ≥ 65 – Anna leder → ✓');
  });
});

describe('mergeUnwritable', () => {
  const win1252 = (t: string) => iconv.decode(iconv.encode(t, 'win1252'), 'win1252');
  it('maps a character beyond the BMP (written ??) back whole, and leaves one cut by the change to the change', () => {
    expect(mergeUnwritable('Träff 😀 kl 10', 'Träff ?? kl 11', win1252)).toBe('Träff 😀 kl 11');
    expect(mergeUnwritable('Träff 😀 kl 10', 'Träff ? kl 10', win1252)).toBe(null);
    expect(mergeUnwritable('≥ 65', '≥ 70', win1252)).toBe(null);
  });
});
