/**
 * A file saved on a Mac may write `å`, `ä`, `ö` and `é` decomposed (NFD: the letter, then a
 * combining mark), which a person cannot tell from the composed letters (NFC) Excel on Windows and
 * Samplan's own exports write. An export imported again in that form changed every row with such
 * a letter (written anew, decomposed, counted as changed, its labels noted as read from text); now
 * it is the no-op it looks like, and a new row's text is stored composed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { csvOf, importAnswer } from '../../support/import-answer.js';
import { makeFixture, WS, type Fixture } from './support.js';

const base = `/v1/workspaces/${WS}/documents/plan-a`;

describe('a file whose letters are decomposed (NFD)', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    // A row with composed letters in a title, a comment and a partner's name (Röda Korset).
    const setup = await importAnswer(f, 'plan-a', csvOf(['Aktivitet', 'Typ', 'Samverkanspart', 'Kommentar'], [['Träff på Café', 'halsodag', 'Röda Korset', 'Öppen för alla']]));
    expect(setup.imported).toBe(1);
  });
  afterEach(() => f.close());

  it('of an export imported again changes nothing and says nothing, CSV and JSON alike', async () => {
    const csv = await (await f.req(`${base}/rows?format=csv&sep=semicolon`, f.tokens.coordinator)).text();
    const json = await (await f.req(`${base}/rows`, f.tokens.coordinator)).text();
    expect(csv.normalize('NFD')).not.toBe(csv);
    for (const [body, type] of [[csv, 'text/csv'], [json, 'application/json']] as const) {
      const answer = (await importAnswer(f, 'plan-a', body.normalize('NFD'), { type })) as Awaited<ReturnType<typeof importAnswer>> & { unchanged: number; normalizedNotes?: unknown };
      expect([answer.imported, answer.updated, answer.unchanged, answer.refused.length]).toEqual([0, 0, 3, 0]);
      expect(answer.normalizedNotes).toBeUndefined();
    }
  });

  it('stores a new row’s text composed, so it is the same text as one typed in Excel', async () => {
    const file = csvOf(['Aktivitet', 'Typ', 'Målgrupp'], [['Stavgång vid sjön', 'halsodag', 'Äldre']]).normalize('NFD');
    expect((await importAnswer(f, 'plan-a', file)).imported).toBe(1);
    const row = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).find((r) => r.values.title === 'Stavgång vid sjön');
    expect(row?.values.targetGroup).toBe('Äldre');
  });
});
