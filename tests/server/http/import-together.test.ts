/**
 * Records the room's check refuses only together (as the raw-byte net once read a number across
 * two rows' texts), here made so by a check of the test's own around the real one: an update
 * holding both {@link FIRST} and {@link SECOND} is refused as a personnummer. The set is refused by
 * name, saying truly what became of the file's other rows (imported, counted, or none), in Swedish
 * and English, over REST (a dry run judging before, an import learning of it from the room's
 * refusal of its write and made again) and by `samplan import`; nothing else is said of the records
 * refused (no unknown id "becoming a new row", no cell "kept" by a row not written).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import type { checkUpdate } from '../../../shared/validate/check-update.js';

/** The check's signature. */
type CheckUpdate = typeof checkUpdate;
import { cliImportBench } from '../../support/cli-import-bench.js';
import { csvOf, importAnswer } from '../../support/import-answer.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

const FIRST = 'Lokal 850101';
const SECOND = '1236 kr i avgift';
/** The check's refusals made, and whether the next update holding both texts is the only one refused (`once`). */
const judged = vi.hoisted(() => ({ refusals: 0, once: false, spent: false }));

vi.mock('../../../shared/validate/check-update.js', async (original) => {
  const real = await original<{ checkUpdate: CheckUpdate }>();
  const { refuse } = await import('../../../shared/validate/update-refusal.js');
  const holds = (bytes: Uint8Array, text: string) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(text));
  const checkUpdate: CheckUpdate = (doc, update, opts) => {
    if (holds(update, FIRST) && holds(update, SECOND) && !(judged.once && judged.spent)) {
      judged.refusals++;
      judged.spent = true;
      return refuse.personnummer({ at: 'bytes' }, { kind: 'personnummer', phoneLike: false });
    }
    return real.checkUpdate(doc, update, opts);
  };
  return { ...real, checkUpdate };
});

const IDS = ['Aa1bB2cC3dD4', 'Ee5fF6gG7hH8', 'Jj9kK1mM2nN3'];
const UNKNOWN = 'Zz9yY8xX7wW6';
const HEADER = ['id', 'Aktivitet', 'Typ', 'Kommentar'];
/** Row A's comment and a new row's (under an id no row has) refused together; row C's written. */
const file = csvOf(HEADER, [
  [IDS[0] as string, 'Träff A', 'halsodag', FIRST],
  [UNKNOWN, 'Träff Ny', 'halsodag', SECOND],
  [IDS[2] as string, 'Träff C', 'halsodag', 'Ta med vatten'],
]);
const REST_SV = 'De här raderna importeras inte; 1 annan rad i filen importeras.';
const REST_EN = 'These rows are not imported; 1 other row of the file is.';

beforeEach(() => void Object.assign(judged, { refusals: 0, once: false, spent: false }));

const storeRows = (f: Fixture) => putRegionDoc(f, 'plan-r', 'activity-plan', ['Träff A', 'Träff B', 'Träff C'].map((title) => ({ title, type: 'halsodag' })), { ids: IDS });
const comments = async (f: Fixture) => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-r' })).map((r) => [r.values.title, r.values.comment ?? null]);

describe('records refused only together', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await storeRows(f);
  });
  afterEach(() => f.close());

  it('are refused by name, saying the file’s other row is imported, and nothing else is said of them; the import made again after the room’s refusal says the same', async () => {
    const dry = await importAnswer(f, 'plan-r', file, { dryRun: true });
    expect(judged.refusals).toBeGreaterThan(0);
    judged.refusals = 0;
    const real = await importAnswer(f, 'plan-r', file);
    // The import judged nothing across rows before its write: the room refused it, and it was made again.
    expect(judged.refusals).toBeGreaterThan(1);
    for (const answer of [dry, real]) {
      expect(answer.refused.map((r) => [r.row, r.code])).toEqual([[2, 'personnummer'], [3, 'personnummer']]);
      expect(answer.refused[0]?.message.sv).toBe(`Rad 2 i filen: Raden läses tillsammans med rad 3 i filen som ett personnummer när raderna skrivs in, fast ingen av dem innehåller ett ensam. ${REST_SV} Ändra eller ta bort siffrorna i en av dem och importera dem igen.`);
      expect(answer.refused[1]?.message.en).toBe(`Row 3 of the file: Together with row 2 of the file, the row reads as a personal identity number when the rows are written, though none of them holds one alone. ${REST_EN} Change or remove the digits in one of them and import them again.`);
      expect(answer.taken.map((t) => t.record)).toEqual([3]);
      // The unknown id of the refused new row does not "become a new row".
      expect((answer as { warnings?: unknown[] }).warnings).toBeUndefined();
    }
    expect(await comments(f)).toEqual([['Träff A', null], ['Träff B', null], ['Träff C', 'Ta med vatten']]);
  });

  it('say no row of the file is imported when none is', async () => {
    const pair = csvOf(HEADER, [[IDS[0] as string, 'Träff A', 'halsodag', FIRST], [IDS[1] as string, 'Träff B', 'halsodag', SECOND], [IDS[2] as string, 'Träff C', 'halsodag', '']]);
    for (const dryRun of [true, false]) {
      const answer = await importAnswer(f, 'plan-r', pair, { dryRun });
      expect(answer.refused.map((r) => r.row)).toEqual([2, 3]);
      expect(answer.refused.map((r) => r.message.sv)).toEqual([expect.stringContaining('. Ingen rad i filen importeras. Ändra'), expect.stringContaining('. Ingen rad i filen importeras. Ändra')]);
      expect(answer.refused[0]?.message.en).toContain('. No row of the file is imported. Change');
      expect([answer.imported, answer.updated]).toEqual([0, 0]);
    }
  });

  it('of a file exported before a colleague’s edit: the cell kept is not said of a row refused', async () => {
    const exported = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-r/rows?format=json`, f.tokens.coordinator)).json()) as { document: Record<string, unknown>; rows: Record<string, unknown>[] };
    const colleague = await f.req(`/v1/workspaces/${WS}/documents/plan-r/import`, f.tokens.admin, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ id: IDS[0], title: 'Träff Alby' }, { id: IDS[2], title: 'Träff Centrum' }]) });
    expect(colleague.status).toBe(200);
    const comment = { [IDS[0] as string]: FIRST, [IDS[1] as string]: SECOND, [IDS[2] as string]: 'Ta med vatten' };
    const edited = { ...exported, rows: exported.rows.map((r) => ({ ...r, comment: comment[r.id as string] })) };
    const answer = (await importAnswer(f, 'plan-r', JSON.stringify(edited), { type: 'application/json' })) as Awaited<ReturnType<typeof importAnswer>> & { version: { laterEdits: { rowId: string; kind: string }[] } };
    expect(answer.refused.map((r) => r.record)).toEqual([1, 2]);
    // Träff C's title, changed by the colleague, is kept and said; Träff A's is not: its row was not written.
    expect(answer.version.laterEdits.map((e) => [e.rowId, e.kind])).toEqual([[IDS[2], 'kept']]);
  });

  it('refused by the room once, and not by the import’s own judgment made again: all imported, nothing refused', async () => {
    judged.once = true;
    const answer = await importAnswer(f, 'plan-r', file);
    expect(judged.refusals).toBe(1);
    expect(answer.refused).toEqual([]);
    expect([answer.imported, answer.updated]).toEqual([1, 2]);
    expect((answer as { warnings?: { row: number; code: string }[] }).warnings?.map((w) => [w.row, w.code])).toEqual([[3, 'unknown-id']]);
    expect(await comments(f)).toEqual([['Träff A', FIRST], ['Träff B', null], ['Träff C', 'Ta med vatten'], ['Träff Ny', SECOND]]);
  });
});

describe('samplan import of records refused only together', () => {
  const bench = cliImportBench('samplan-import-together-');
  beforeEach(() => storeRows(bench.f));

  it('says each refused in words with what became of the other row, and stores the other row', async () => {
    expect(await bench.run(bench.file('plan.csv', file), { lang: 'en' }, 'plan-r')).toBe(2);
    expect(bench.printed[0]).toBe('Added 0 rows and changed 1; 0 unchanged, 2 refused.');
    expect(bench.said.filter((l) => l.startsWith('Record'))).toEqual([
      `Record 1 was not imported: Row 2 of the file: Together with row 3 of the file, the row reads as a personal identity number when the rows are written, though none of them holds one alone. ${REST_EN} Change or remove the digits in one of them and import them again.`,
      `Record 2 was not imported: Row 3 of the file: Together with row 2 of the file, the row reads as a personal identity number when the rows are written, though none of them holds one alone. ${REST_EN} Change or remove the digits in one of them and import them again.`,
    ]);
    expect(bench.said.join('\n')).not.toContain(UNKNOWN);
  });
});
