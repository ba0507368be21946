/**
 * A rename over REST racing a deletion: the route reads the record, then appends the title's
 * update with the renamed record (`AppendItem.record`). The document deleted between the two
 * (another process, `samplan`) was written back whole by the append, the route answered 200, and
 * the deleted document reappeared with its old owner unit and the title's update as its only
 * content. Now the append stores nothing of a change over a record no longer stored
 * (`appendedRecord` throws `DocRecordGoneError` in its transaction) and the route answers 404 in
 * words that name the name that was not saved.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { beforeRecordAppend } from './before-record-append.js';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

const ref = { workspace: WS, doc: 'plan-a' };

/** At the first append carrying a record, the document deleted (by another process) just before it. */
const deletedBeforeAppend = beforeRecordAppend(async (storage) => {
  await storage.deleteDoc(ref, [{ at: new Date().toISOString(), workspace: ref.workspace, doc: ref.doc, memberId: 'other', action: 'delete', bytes: 0, detail: null }]);
});

describe('a rename over REST and a deletion stored while it is written', () => {
  let f: Fixture;
  afterEach(async () => f.close());

  it('leaves the deleted document deleted, stores nothing of the rename and answers 404 naming the name not saved', async () => {
    f = await makeFixture({ wrap: deletedBeforeAppend });
    const res = await f.req(`/v1/workspaces/${WS}/documents/${ref.doc}`, f.tokens.admin, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Aktivitetsplan 2027' }),
    });
    expect(res.status).toBe(404);
    const error = await errorOf(res);
    const words = (error.details as { message: { sv: string; en: string } }).message;
    expect(error.code).toBe('document-deleted');
    expect(words.sv).toBe('Dokumentet "plan-a" togs bort innan det nya namnet "Aktivitetsplan 2027" hann sparas; inget av det sparades och dokumentet förblir borttaget.');
    expect(words.en).toBe('The document "plan-a" was deleted before the new name "Aktivitetsplan 2027" could be saved; none of it was saved and the document stays deleted.');
    expect(await f.storage.getDocRecord(ref)).toBeNull();
    expect((await f.storage.loadDoc(ref)).lastSeq).toBe(0);
    const actions = (await f.storage.listAudit(WS, 50)).filter((l) => l.doc === ref.doc).map((l) => l.action);
    expect(actions).toContain('delete');
    expect(actions).not.toContain('rename');
  });
});
