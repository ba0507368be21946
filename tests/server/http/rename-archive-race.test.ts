/**
 * A rename and an archive of one document at once. The archive read the record, then wrote it
 * back with its archive fields set; a rename stored between the two (a slow store, PostgreSQL,
 * leaves room for one) was undone in the record: the list showed the old title while the
 * document held the new one, and the rename's answer and audit line said otherwise. Now the
 * archive (and unarchive) of a document run in turn with its renames, each reading the record as
 * the one before left it, and the archive's write is made in one transaction with its read of the
 * record (`updateDocRecord`), so a title another process stores meanwhile (its follow of a rename
 * over a socket) is kept too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadFromStorage } from '../../../server/http/doc-access.js';
import type { Storage } from '../../../server/storage/storage.js';
import { metaOf } from '../../../shared/doc/index.js';
import { makeFixture, WS, type Fixture } from './support.js';

const ref = { workspace: WS, doc: 'plan-a' };

/** `storage` whose next record read, once `holdNext` is called, answers only when `release` is. */
function slowRecordRead(storage: Storage) {
  let hold: { taken: () => void; gate: Promise<void> } | null = null;
  let release = () => {};
  const wrapped = new Proxy(storage, {
    get(target, prop, receiver) {
      if (prop !== 'getDocRecord') return Reflect.get(target, prop, receiver) as unknown;
      return async (...args: Parameters<Storage['getDocRecord']>) => {
        const record = await target.getDocRecord(...args);
        const held = hold;
        hold = null;
        if (held) {
          held.taken();
          await held.gate;
        }
        return record;
      };
    },
  });
  const holdNext = (): Promise<void> =>
    new Promise<void>((taken) => {
      hold = { taken, gate: new Promise<void>((r) => (release = r)) };
    });
  return { wrapped, holdNext, release: () => release() };
}

describe('a rename and an archive of one document at once', () => {
  let f: Fixture;
  afterEach(async () => f.close());

  it('the record keeps the title the document holds, and the rename is answered as it ended', async () => {
    let slow: ReturnType<typeof slowRecordRead> | undefined;
    f = await makeFixture({ wrap: (s) => (slow = slowRecordRead(s)).wrapped });
    const base = `/v1/workspaces/${WS}/documents/${ref.doc}`;
    const post = (path: string) => f.req(`${base}/${path}`, f.tokens.admin, { method: 'POST' });
    // The room is loaded, so a rename not held back ends well within the wait below.
    expect((await f.req(base, f.tokens.admin)).status).toBe(200);
    // The archive has read the record and is held before writing it.
    const read = slow!.holdNext();
    const life = post('archive');
    await read;
    const rename = f.req(base, f.tokens.admin, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Plan 2027' }) });
    // The rename may end before the held write goes on (it did: the archive then wrote the title
    // it had read over the new one), or wait for the archive to end.
    await Promise.race([rename, new Promise((r) => setTimeout(r, 1000))]);
    slow!.release();
    const [lifeRes, renameRes] = await Promise.all([life, rename]);
    expect(lifeRes.status).toBe(200);
    const record = await f.storage.getDocRecord(ref);
    const held = metaOf(await loadFromStorage(f.storage, ref))?.title;
    // Either order is right, as long as every answer and store agree with it.
    expect({ archived: Boolean(record?.archivedAt), record: record?.title }).toEqual({ archived: true, record: held });
    expect(record?.title).toBe(renameRes.status === 200 ? 'Plan 2027' : 'activity-plan vc-a');
    const lines = (await f.storage.listAudit(WS, 100)).filter((l) => l.action === 'rename');
    expect(lines.length).toBe(renameRes.status === 200 ? 1 : 0);
  });

  it('keeps a title another process stores while the archive reads', async () => {
    let slow: ReturnType<typeof slowRecordRead> | undefined;
    f = await makeFixture({ wrap: (s) => (slow = slowRecordRead(s)).wrapped });
    const read = slow!.holdNext();
    const life = f.req(`/v1/workspaces/${WS}/documents/${ref.doc}/archive`, f.tokens.admin, { method: 'POST' });
    await read;
    // Another process's follow of a rename over a socket, stored while the archive is held.
    const before = (await f.storage.getDocRecord(ref))!;
    await f.storage.putDocRecord({ ...before, title: 'Plan 2027' });
    slow!.release();
    expect((await life).status).toBe(200);
    const record = await f.storage.getDocRecord(ref);
    expect({ archived: Boolean(record?.archivedAt), title: record?.title }).toEqual({ archived: true, title: 'Plan 2027' });
  });
});
