/**
 * An import into a document whose stored history does not decode (an update damaged on the disk) is
 * a refusal, not a server fault: 409 `document-damaged` with words in Swedish and English naming
 * the document and the damaged place, saying nothing was written and that the document must be
 * restored from a backup; the log line carries the code; no update and no audit line is stored.
 * On memory and SQLite stores, as a plain answer and as a streamed one's last line; a rename, as
 * every write meeting such a document, is refused the same way. A read of it
 * still answers 500: the server failed to give what was asked. The code before answered 500 to
 * the import too, as to a fault of the server's own.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { DAMAGED_UPDATE } from '../../support/damaged-update.js';
import { tempStores } from '../../support/temp-stores.js';
import { errorOf, keptLogger, makeFixture, planRow, WS, type Fixture, type StoreOptions } from './support.js';

const stores = tempStores();
const ref = { workspace: WS, doc: 'plan-a' };

const refusal = {
  sv: 'Dokumentet ws1/plan-a går inte att läsa: dess sparade historik är skadad (uppdatering 2), så inget skrevs. Dokumentet måste återställas från en säkerhetskopia; en administratör återställer databasen från en fil som samplan backup gjort.',
  en: 'The document ws1/plan-a cannot be read: its stored history is damaged at update 2, so nothing was written. The document must be restored from a backup; an administrator restores the database from a file samplan backup made.',
};

describe.each([
  ['memory', undefined],
  ['SQLite', (o: StoreOptions) => openSqliteStorage(stores.dbFile('import-damaged'), o)],
] as const)('an import into a damaged document (%s)', (_store, open) => {
  let f: Fixture;
  let log: ReturnType<typeof keptLogger>;
  beforeEach(async () => {
    log = keptLogger();
    f = await makeFixture({ logger: log.logger, ...(open ? { open } : {}) });
    await f.storage.appendUpdates(ref, [{ update: DAMAGED_UPDATE, memberId: 'eda' }]);
  });
  afterEach(() => f.close());

  const post = (accept?: string, dryRun = false) =>
    f.req(`/v1/workspaces/${WS}/documents/plan-a/import?dryRun=${dryRun}`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
      body: JSON.stringify([planRow('Stavgång')]),
    });

  /** The document's stored updates and the workspace's import lines, to see that nothing was written. */
  const written = async () => ({
    updates: (await f.storage.listUpdates(ref, 0, 100)).map((u) => u.seq),
    imports: (await f.storage.listAudit(WS, 100)).filter((a) => a.action === 'import').length,
  });

  it('is refused with 409 document-damaged in words naming the document and the place, logged with its code, and writes nothing', async () => {
    const before = await written();
    expect(before).toEqual({ updates: [1, 2], imports: 0 });
    for (const dryRun of [false, true]) {
      const res = await post(undefined, dryRun);
      expect(res.status).toBe(409);
      const error = await errorOf(res);
      expect(error).toEqual({ code: 'document-damaged', message: refusal.sv, details: { document: 'plan-a', place: { kind: 'update', seq: 2 }, message: refusal } });
    }
    expect(await written()).toEqual(before);
    const line = log.lines.find((l) => l.code === 'document-damaged');
    expect(line).toMatchObject({ level: 40, ref, place: { kind: 'update', seq: 2 }, method: 'POST', msg: 'write refused: stored history damaged' });
  });

  it('ends a streamed import with that refusal as its last line', async () => {
    const res = await post('application/x-ndjson');
    // 409 itself when refused before a progress line went out, else 200 with progress lines first.
    expect([200, 409]).toContain(res.status);
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(lines.at(-1)).toMatchObject({ status: 409, error: { code: 'document-damaged', details: { place: { kind: 'update', seq: 2 }, message: refusal } } });
    expect((await written()).updates).toEqual([1, 2]);
  });

  it('refuses a rename of it the same way, as every write meeting it, the record unchanged', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a`, f.tokens.coordinator, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Aktivitetsplan A 2026' }),
    });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).details).toEqual({ document: 'plan-a', place: { kind: 'update', seq: 2 }, message: refusal });
    expect((await f.storage.getDocRecord(ref))?.title).not.toBe('Aktivitetsplan A 2026');
    expect((await written()).updates).toEqual([1, 2]);
  });

  it('still answers a read of it 500, naming the place', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows?format=json`, f.tokens.editor);
    expect(res.status).toBe(500);
    expect((await errorOf(res)).code).toBe('document-damaged');
  });
});
