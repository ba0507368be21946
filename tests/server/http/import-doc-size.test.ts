/**
 * A file whose rows would take the document past its size limit (`Limits.maxDocBytes`, here made
 * 16 KiB so the test stays small): the room refused the import's whole update (422
 * `update-refused-doc-too-large`), no record named and nothing imported. Now the rows are taken in
 * the file's order while they fit, as for the row limit, and each row left out is refused by name
 * with the limit, the document's size and how many fit and did not; the dry run says the same.
 */
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { csvOf, importAnswer } from '../../support/import-answer.js';
import { makeFixture, WS, type Fixture } from './support.js';

const LIMIT = 16 * 1024;

vi.mock('../../../shared/protocol/limits.js', async (original) => {
  const real = await original<{ Limits: Record<string, number> }>();
  return { ...real, Limits: { ...real.Limits, maxDocBytes: 16 * 1024 } };
});

const ROWS = 60;
/** 60 rows of about 500 bytes each: about twice what the document has room for. */
const file = csvOf(['Aktivitet', 'Typ', 'Kommentar'], Array.from({ length: ROWS }, (_, i) => [`Träff ${i + 1}`, 'halsodag', `Anteckning ${i + 1}: ${'lång text '.repeat(48)}`]));

describe('an import that would take the document past its size limit', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('imports the rows that fit in the file order, refuses each of the rest by name with the sizes; the dry run says the same', async () => {
    const dry = await importAnswer(f, 'plan-a', file, { dryRun: true });
    const real = await importAnswer(f, 'plan-a', file);
    const fit = real.imported;
    expect(fit).toBeGreaterThan(10);
    expect(fit).toBeLessThan(ROWS);
    for (const answer of [dry, real]) {
      expect(answer.imported).toBe(fit);
      expect(answer.taken.map((t) => t.record)).toEqual(Array.from({ length: fit }, (_, i) => i + 1));
      expect(answer.refused.map((r) => [r.record, r.code])).toEqual(Array.from({ length: ROWS - fit }, (_, i) => [fit + i + 1, 'doc-too-large']));
      const first = answer.refused[0]?.message;
      expect(first?.sv).toMatch(new RegExp(`^Rad ${fit + 2} i filen: Dokumentet skulle bli större än 16 KiB, gränsen för ett dokument \\(det är \\d+(,\\d)? KiB nu\\)\\. Filens rader tas med i ordning så länge de får plats: ${fit} rader före den här fick plats, den här och ${ROWS - fit - 1} efter den inte\\.`));
      expect(first?.en).toMatch(new RegExp(`^Row ${fit + 2} of the file: The document would grow beyond 16 KiB, the limit for a document \\(it is [\\d.]+ KiB now\\)\\. The file's rows are taken in order while they fit: ${fit} rows before this one fit, this one and ${ROWS - fit - 1} after it do not\\.`));
      expect(answer.refused.at(-1)?.message.en).toMatch(/this one does not\./);
    }
    const doc = await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' });
    expect(rowsOf(doc).map((r) => r.values.title)).toEqual(['Promenadgrupp A', 'Hälsodag A', ...Array.from({ length: fit }, (_, i) => `Träff ${i + 1}`)]);
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeLessThanOrEqual(LIMIT);
  });
});
