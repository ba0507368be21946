/**
 * A record without a row id updates the stored row with its natural key (a partner's name, an
 * indicator value's indicator + unit + period + kön). The key is compared as the import reads the
 * record's cells, so a name older code stored with its spaces ("Lions Fittja ") is the partner a
 * file names "Lions Fittja", and a name in another case is too: the list looks names up without case.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { insertRow, rowsOf } from '../../../shared/doc/index.js';
import { refKey } from '../../../shared/normalize/ref-lookup.js';
import { DEMO_WORKSPACE, seedDemo } from '../../../server/demo/seed.js';
import { storageDocAccess } from '../../../server/http/doc-access.js';
import { importIntoDocument, readImportFile } from '../../../server/http/import-rows.js';
import { silentLogger } from '../../../server/logger.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';

const clock = () => new Date('2026-01-20T09:00:00Z');
const storage = createMemoryStorage({ clock });
const docs = storageDocAccess(storage);
const ref = { workspace: DEMO_WORKSPACE, doc: 'samverkansaktorer' };

async function importCsv(text: string, dryRun = false) {
  const input = await readImportFile('aktorer.csv', new TextEncoder().encode(text));
  return importIntoDocument(storage, docs, ref, input, { dryRun, principal: null, now: clock() });
}

/** The stored rows whose name is `name` but for spaces and case. */
const named = (name: string) => docs.read(ref, (d) => rowsOf(d).filter((r) => typeof r.values.name === 'string' && refKey(r.values.name) === refKey(name)));

describe('import by natural key', () => {
  beforeAll(async () => {
    await seedDemo(storage, { clock, logger: silentLogger() });
    // As older code stored it: the spaces a person typed after the name kept.
    await docs.write(ref, null, (d) => void insertRow(d, { name: 'Lions Fittja ', type: 'forening', comment: 'Gammal' }));
    await docs.write(ref, null, (d) => void insertRow(d, { name: 'IFK Fittja', type: 'forening' }));
  });

  it('updates a partner stored with spaces around its name, not one more', async () => {
    const dry = await importCsv('Namn;Typ;Kommentar\nLions Fittja;Förening;Ny\n', true);
    expect([dry.imported, dry.updated]).toEqual([0, 1]);
    const summary = await importCsv('Namn;Typ;Kommentar\nLions Fittja;Förening;Ny\n');
    expect(summary.refused).toEqual([]);
    expect([summary.imported, summary.updated]).toEqual([0, 1]);
    const rows = await named('Lions Fittja');
    // The name as the file writes it, trimmed as every name is now.
    expect(rows.map((r) => [r.values.name, r.values.comment])).toEqual([['Lions Fittja', 'Ny']]);
  });

  it('updates a partner named in another case, as the list looks it up', async () => {
    const summary = await importCsv('Namn;Typ;Kommentar\nifk  fittja;Förening;Fotboll\n');
    expect([summary.imported, summary.updated]).toEqual([0, 1]);
    expect((await named('IFK Fittja')).map((r) => r.values.comment)).toEqual(['Fotboll']);
    expect(summary.refused).toEqual([]);
  });

  it('refuses a second record whose name is the first one\'s but for spaces and case', async () => {
    const summary = await importCsv('Namn;Typ\nKista Kör;Förening\n kista kör ;Förening\n');
    expect(summary.refused.map((r) => [r.record, r.code])).toEqual([[2, 'duplicate-key']]);
    expect(summary.imported).toBe(1);
  });
});
