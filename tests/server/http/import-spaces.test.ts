/**
 * Spaces around what a file's cells hold, read as a coordinator expects: a text a person writes
 * keeps them, as Excel does (an indented comment, a title typed with a space first); a header, a
 * choice, a name rows are found by, an address are read without them, and a value the import
 * stores otherwise than written is said (`spaces-trimmed`, `empty-from-spaces`), never silently.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { makeFixture, WS, type Fixture } from './support.js';

describe('an import of cells with spaces around them', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const post = async (doc: string, csv: string) => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/${doc}/import`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(res.status).toBe(200);
    return (await res.json()) as { imported: number; updated: number; refused: unknown[]; normalizedNotes?: { column: string; how: string; rows: number[]; message: { sv: string; en: string } }[] };
  };
  const rows = async (doc: string) => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc })).map((r) => r.values);

  it('keeps the spaces of a title and a comment, and reads the header and the choice without theirs', async () => {
    const summary = await post('plan-a', ' Aktivitet ; Typ ;Kommentar\n  Promenad i Fittja;  halsodag ;"  – punkt ett\n  – punkt två"\n');
    expect(summary).toMatchObject({ imported: 1, refused: [] });
    expect((await rows('plan-a')).at(-1)).toMatchObject({ title: '  Promenad i Fittja', type: 'halsodag', comment: '  – punkt ett\n  – punkt två' });
    expect(summary.normalizedNotes).toBeUndefined();
  });

  it("reads a partner's name and address without the spaces around them, updates the partner of that name, and says so", async () => {
    const summary = await post('partners', 'Namn;Typ;E-post\n Röda Korset ;frivilligorganisation; rk@example.se\n Friskis ;frivilligorganisation;\n');
    expect(summary).toMatchObject({ imported: 1, updated: 1, refused: [] });
    expect(await rows('partners')).toEqual([expect.objectContaining({ name: 'Röda Korset', email: 'rk@example.se' }), expect.objectContaining({ name: 'Friskis' })]);
    // The name of the partner found by it is not written, so not said (the notes are of cells written).
    expect(summary.normalizedNotes).toEqual([
      expect.objectContaining({ column: 'email', how: 'spaces-trimmed', rows: [2] }),
      expect.objectContaining({ column: 'name', how: 'spaces-trimmed', rows: [3], message: expect.objectContaining({ sv: 'Kolumnen "Namn": värden med mellanslag före eller efter sparas utan dem (1 värde, rad 3).' }) }),
    ]);
  });

  it('reads a title and a comment without a tab, line break or byte-order mark around them, keeping their spaces, and says so', async () => {
    const summary = await post('plan-a', 'Aktivitet;Typ;Kommentar\n"\ufeffPromenad\t";halsodag;"\r\n  – punkt ett\n"\n');
    expect(summary).toMatchObject({ imported: 1, refused: [] });
    expect((await rows('plan-a')).at(-1)).toMatchObject({ title: 'Promenad', comment: '  – punkt ett' });
    expect(summary.normalizedNotes).toEqual([
      expect.objectContaining({ column: 'title', how: 'breaks-trimmed', rows: [2], message: expect.objectContaining({ sv: expect.stringContaining('tabbar, radbrytningar eller osynliga tecken') }) }),
      expect.objectContaining({ column: 'comment', how: 'breaks-trimmed', rows: [2] }),
    ]);
  });

  it('reads a title and a partner name without a zero-width space around them, as the sheet does, and says so', async () => {
    const summary = await post('plan-a', 'Aktivitet;Typ\nPromenad\u200b;halsodag\n');
    expect((await rows('plan-a')).at(-1)).toMatchObject({ title: 'Promenad' });
    expect(summary.normalizedNotes).toEqual([expect.objectContaining({ column: 'title', how: 'breaks-trimmed', rows: [2] })]);
    const partners = await post('partners', 'Namn;Typ\n\u200bRöda Korset;frivilligorganisation\n');
    // Found by its name: the same partner, nothing to change.
    expect(partners).toMatchObject({ imported: 0, unchanged: 1, refused: [] });
  });

  it('reads a text of spaces alone as empty, and says so', async () => {
    const summary = await post('plan-a', 'Aktivitet;Typ;Kommentar\nGympa;halsodag;   \n');
    expect(summary).toMatchObject({ imported: 1, refused: [] });
    expect((await rows('plan-a')).at(-1)?.comment ?? null).toBeNull();
    expect(summary.normalizedNotes).toEqual([expect.objectContaining({ column: 'comment', how: 'empty-from-spaces', rows: [2] })]);
  });
});
