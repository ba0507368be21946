/**
 * A number the raw-byte personnummer net reads only across two records: `850101` ending one stored
 * row's comment and `1236` the next one's, with between them in the import's update the bytes of the
 * client id that wrote the rows (0x10000005: its first byte, 0x85, is a control character in a
 * single-byte reading, which the net reads as nothing inside a number). Each record alone passes
 * the room's check; the update writing both is refused. The room refused the whole import (422,
 * no record named, nothing imported) and `samplan import` stored the number. Now the smallest set
 * of records refused together is found, each named with the other, and the rest is imported; the
 * dry run says the same. The number is never echoed.
 */
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf, setCells } from '../../../shared/doc/index.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { loadFromStorage } from '../../../server/http/doc-access.js';
import { cliImportBench } from '../../support/cli-import-bench.js';
import { csvOf, importAnswer } from '../../support/import-answer.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

const CLIENT = 0x10000005;
const IDS = ['Aa1bB2cC3dD4', 'Ee5fF6gG7hH8', 'Jj9kK1mM2nN3'];
const ENDS = 'Lokal 850101';
const STARTS = '1236 kr i avgift';
const ECHO = /850101|1236/;
const ref = { workspace: WS, doc: 'plan-r' };

/** plan-r: three stored rows written under {@link CLIENT}. */
const storeRows = (f: Fixture) => putRegionDoc(f, 'plan-r', 'activity-plan', ['Träff A', 'Träff B', 'Träff C'].map((title) => ({ title, type: 'halsodag' })), { client: CLIENT, ids: IDS });

/** The file: comments of rows A and B (the number across them), row C's, and a new row. */
const file = csvOf(['id', 'Aktivitet', 'Typ', 'Kommentar'], [
  [IDS[0] as string, 'Träff A', 'halsodag', ENDS],
  [IDS[1] as string, 'Träff B', 'halsodag', STARTS],
  [IDS[2] as string, 'Träff C', 'halsodag', 'Ta med vatten'],
  ['', 'Stavgång', 'halsodag', 'Ny'],
]);

describe('an import whose records the room refuses only together', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await storeRows(f);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await f.close();
  });

  it('is the premise: each comment passes alone, both together are refused by the raw net', async () => {
    expect(findPersonnummer(ENDS)).toBeNull();
    expect(findPersonnummer(STARTS)).toBeNull();
    const doc = await loadFromStorage(f.storage, ref);
    const verdict = (comments: [string | null, string | null]) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      const before = Y.encodeStateVector(copy);
      copy.transact(() => comments.forEach((c, i) => c !== null && setCells(copy, IDS[i] as string, { comment: c })));
      return checkUpdate(doc, Y.encodeStateAsUpdate(copy, before)).ok;
    };
    expect([verdict([ENDS, null]), verdict([null, STARTS]), verdict([ENDS, STARTS])]).toEqual([true, true, false]);
    doc.destroy();
  });

  it('refuses the two records, each naming the other, and imports the rest; the dry run says the same', async () => {
    const dry = await importAnswer(f, 'plan-r', file, { dryRun: true });
    const real = await importAnswer(f, 'plan-r', file);
    for (const answer of [dry, real]) {
      expect(answer.refused.map((r) => [r.record, r.row, r.code])).toEqual([[1, 2, 'personnummer'], [2, 3, 'personnummer']]);
      expect(answer.refused[0]?.message.sv).toMatch(/^Rad 2 i filen: Raden läses tillsammans med rad 3 i filen som ett personnummer när raderna skrivs in, fast ingen av dem innehåller ett ensam\./);
      expect(answer.refused[1]?.message.en).toMatch(/^Row 3 of the file: Together with row 2 of the file, the row reads as a personal identity number/);
      expect(answer.taken.map((t) => t.record)).toEqual([3, 4]);
      expect(JSON.stringify(answer)).not.toMatch(ECHO);
    }
    const rows = rowsOf(await f.samplan.registry.getDoc(ref));
    expect(rows.map((r) => [r.values.title, r.values.comment ?? null])).toEqual([['Träff A', null], ['Träff B', null], ['Träff C', 'Ta med vatten'], ['Stavgång', 'Ny']]);
  });
});

describe('samplan import of records the room refuses only together', () => {
  const bench = cliImportBench('samplan-import-whole-');
  beforeEach(() => storeRows(bench.f));

  it('stores neither of them, names both, stores the rest and exits 2', async () => {
    expect(await bench.run(bench.file('plan.csv', file), { lang: 'en' }, 'plan-r')).toBe(2);
    const doc = await loadFromStorage(bench.f.storage, ref);
    const comments = rowsOf(doc).map((r) => r.values.comment ?? null);
    doc.destroy();
    expect(comments).toEqual([null, null, 'Ta med vatten', 'Ny']);
    const said = bench.said.join('\n');
    expect(said).toMatch(/Record 1 was not imported: Row 2 of the file: Together with row 3 of the file/);
    expect(said).toMatch(/Record 2 was not imported: Row 3 of the file: Together with row 2 of the file/);
    expect(said).not.toMatch(ECHO);
  });
});
