/**
 * The import's answer says in words which values it stores otherwise than the file writes them
 * (`normalizedNotes`): per column and way, how many and the first rows of the file, so the pane's
 * check step can show them before the person confirms. A JSON file, which has no rows, names records.
 */
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, WS, type Fixture } from './support.js';

async function dryRun(f: Fixture, body: Uint8Array | string, type: string): Promise<Record<string, unknown>> {
  const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import?dryRun=true`, f.tokens.editor, { method: 'POST', headers: { 'content-type': type }, body: body as BodyInit });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe("an import's words on values read another way", () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('names each column and way with its count and first rows of the file, in Swedish and English', async () => {
    const lines = ['Aktivitet;Typ;Deltagare planerat;Deltagare nådda'];
    // Rows 2–8 of the file: a number with a space as Swedish writes thousands in each, a dash for none in two.
    for (let i = 0; i < 7; i++) lines.push(`Promenad ${i};halsodag;1 ${200 + i};${i < 2 ? '–' : '5'}`);
    const summary = await dryRun(f, iconv.encode(lines.join('\r\n') + '\r\n', 'win1252'), 'text/csv');
    expect(summary).toMatchObject({ imported: 7, refused: [] });
    expect(summary.normalizedNotes).toEqual([
      {
        column: 'participantsPlanned',
        how: 'number-from-text',
        count: 7,
        rows: [2, 3, 4, 5, 6],
        message: {
          sv: 'Kolumnen "Deltagare planerat": värden skrivna som text (t.ex. med decimalkomma eller mellanslag) sparas som tal (7 värden, raderna 2, 3, 4, 5, 6 …).',
          en: 'The column "Participants planned": values written as text (with a decimal comma or spaces, say) are stored as numbers (7 values, rows 2, 3, 4, 5, 6 …).',
        },
      },
      expect.objectContaining({ column: 'participantsReached', how: 'empty-from-dash', count: 2, rows: [2, 3] }),
    ]);
  });

  it('names records of a JSON file, and says nothing when no value was read another way', async () => {
    const json = JSON.stringify([{ title: 'Stavgång', type: 'halsodag', participantsPlanned: '1 200' }, { title: 'Gympa', type: 'halsodag', participantsPlanned: 12 }]);
    const summary = await dryRun(f, json, 'application/json');
    expect((summary.normalizedNotes as { rows: number[]; message: { sv: string } }[])[0]).toMatchObject({ rows: [1], message: { sv: expect.stringMatching(/^Kolumnen "Deltagare planerat": värden .* \(1 värde, post 1\)\.$/) } });
    const plain = await dryRun(f, JSON.stringify([{ title: 'Gympa', type: 'halsodag', participantsPlanned: 12 }]), 'application/json');
    expect(plain.normalizedNotes).toBeUndefined();
  });
});
