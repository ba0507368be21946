/**
 * An import judges its planned write by the app's own check of updates (`createApp`'s
 * `checkUpdate`), the one its rooms judge the write by: a deployment or a test with a check of its
 * own has a record that check refuses refused alone, by its row, in the dry run and the import
 * alike, and the rest imported (before, the import judged by the shared check, so the dry run
 * promised the record and the import was refused whole).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rowsOf } from '../../../shared/doc/index.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import type { CheckUpdate } from '../../../server/sync/deps.js';
import { makeFixture, WS, type Fixture } from './support.js';

/** The shared check, and besides it a refusal of any update writing the word `STOPP` (a deployment's rule of its own). */
const strict: CheckUpdate = (doc, update) => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, update);
  const written = JSON.stringify(copy.getMap('rows').toJSON());
  copy.destroy();
  if (written.includes('STOPP')) return { ok: false, code: 'bad-character', message: { sv: 'Ordet STOPP tas inte emot här.', en: 'The word STOPP is not taken here.' }, closeCode: 4422 };
  return checkUpdate(doc, update);
};

const CSV = 'Aktivitet;Typ\nPromenad;halsodag\nSTOPP-dag;halsodag\nGympa;halsodag\n';

describe("an import under the app's own check", () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture({ checkUpdate: strict });
  });
  afterEach(() => f.close());

  const post = (dryRun: boolean) =>
    f.req(`/v1/workspaces/${WS}/documents/plan-a/import${dryRun ? '?dryRun=true' : ''}`, f.tokens.editor, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV });

  it.each([true, false])('refuses the record that check refuses, by its row, and takes the rest (dry run: %s)', async (dryRun) => {
    const res = await post(dryRun);
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { imported: number; refused: { row: number; code: string; message: { sv: string } }[] };
    expect(summary.imported).toBe(2);
    expect(summary.refused).toEqual([expect.objectContaining({ row: 3, code: 'bad-character', message: expect.objectContaining({ sv: expect.stringContaining('Ordet STOPP tas inte emot här.') }) })]);
    const titles = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).map((r) => r.values.title);
    expect(titles.includes('Gympa')).toBe(!dryRun);
    expect(titles).not.toContain('STOPP-dag');
  });
});
