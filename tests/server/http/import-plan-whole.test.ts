/**
 * Two records whose texts the raw-byte personnummer net once read as one number across them:
 * `850101` ending one stored row's comment and `1236` the next one's, with between them in the
 * import's update the bytes of the client id that wrote the rows (0x10000005: its first byte, 0x85,
 * is a control character in a single-byte reading, which the net read as nothing inside a number).
 * The room refused the whole import (422, no record named, nothing imported). The net now reads
 * each string of an update alone (`update-string-spans.ts`), so the two records are imported, over
 * REST, in a dry run and by `samplan import`. Should a check of the whole update still refuse
 * records only together, the smallest such set is found and each named (`smallestRefusedSet`,
 * checked here with a judge of the test's own).
 */
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf, setCells } from '../../../shared/doc/index.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import type { UpdateRefused } from '../../../shared/validate/update-refusal.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { loadFromStorage } from '../../../server/http/doc-access.js';
import { smallestRefusedSet } from '../../../server/http/import-plan-whole.js';
import { cliImportBench } from '../../support/cli-import-bench.js';
import { csvOf, importAnswer } from '../../support/import-answer.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

const CLIENT = 0x10000005;
const IDS = ['Aa1bB2cC3dD4', 'Ee5fF6gG7hH8', 'Jj9kK1mM2nN3'];
const ENDS = 'Lokal 850101';
const STARTS = '1236 kr i avgift';
const ref = { workspace: WS, doc: 'plan-r' };

/** plan-r: three stored rows written under {@link CLIENT}. */
const storeRows = (f: Fixture) => putRegionDoc(f, 'plan-r', 'activity-plan', ['Träff A', 'Träff B', 'Träff C'].map((title) => ({ title, type: 'halsodag' })), { client: CLIENT, ids: IDS });

/** The file: comments of rows A and B (once read as a number across them), row C's, and a new row. */
const file = csvOf(['id', 'Aktivitet', 'Typ', 'Kommentar'], [
  [IDS[0] as string, 'Träff A', 'halsodag', ENDS],
  [IDS[1] as string, 'Träff B', 'halsodag', STARTS],
  [IDS[2] as string, 'Träff C', 'halsodag', 'Ta med vatten'],
  ['', 'Stavgång', 'halsodag', 'Ny'],
]);
const stored = [['Träff A', ENDS], ['Träff B', STARTS], ['Träff C', 'Ta med vatten'], ['Stavgång', 'Ny']];

describe('two records whose texts the net once read as one number across them', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await storeRows(f);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await f.close();
  });

  it('pass the room’s check alone and together', async () => {
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
    expect([verdict([ENDS, null]), verdict([null, STARTS]), verdict([ENDS, STARTS])]).toEqual([true, true, true]);
    doc.destroy();
  });

  it('are imported with the rest, the dry run saying the same', async () => {
    const dry = await importAnswer(f, 'plan-r', file, { dryRun: true });
    const real = await importAnswer(f, 'plan-r', file);
    for (const answer of [dry, real]) {
      expect(answer.refused).toEqual([]);
      expect(answer.taken.map((t) => t.record)).toEqual([1, 2, 3, 4]);
    }
    const rows = rowsOf(await f.samplan.registry.getDoc(ref));
    expect(rows.map((r) => [r.values.title, r.values.comment ?? null])).toEqual(stored);
  });
});

describe('samplan import of two records once read as one number across them', () => {
  const bench = cliImportBench('samplan-import-whole-');
  beforeEach(() => storeRows(bench.f));

  it('stores both with the rest and exits 0', async () => {
    expect(await bench.run(bench.file('plan.csv', file), { lang: 'en' }, 'plan-r')).toBe(0);
    const doc = await loadFromStorage(bench.f.storage, ref);
    const rows = rowsOf(doc).map((r) => [r.values.title, r.values.comment ?? null]);
    doc.destroy();
    expect(rows).toEqual(stored);
  });
});

describe('smallestRefusedSet', () => {
  const refused = { ok: false, code: 'personnummer' } as UpdateRefused<unknown>;
  /** A judge refusing any set that holds all of one of `sets`, counting its calls. */
  const judgeOf = (sets: number[][]) => {
    const judge = (indices: readonly number[]) => (sets.some((set) => set.every((i) => indices.includes(i))) ? refused : null);
    let calls = 0;
    return { judge: (indices: readonly number[]) => (calls++, judge(indices)), calls: () => calls };
  };
  const all = Array.from({ length: 64 }, (_, i) => i);

  it('finds the pair refused together among 64 records, in about log2(n) checks per record', () => {
    const j = judgeOf([[9, 41]]);
    expect(smallestRefusedSet(all, j.judge)).toEqual([9, 41]);
    expect(j.calls()).toBeLessThanOrEqual(2 * (Math.log2(64) + 2));
  });

  it('finds a record refused alone, and a set of three', () => {
    expect(smallestRefusedSet(all, judgeOf([[17]]).judge)).toEqual([17]);
    expect(smallestRefusedSet(all, judgeOf([[3, 30, 63]]).judge)).toEqual([3, 30, 63]);
  });

  it('of two sets, finds one whose every record is needed', () => {
    const found = smallestRefusedSet(all, judgeOf([[5, 50], [20, 21]]).judge);
    expect([[5, 50], [20, 21]]).toContainEqual(found);
  });
});
