/**
 * Doc access straight on storage (`storageDocAccess`, the command line's) given the document's
 * record as the change leaves it (a rename's): a document deleted after the caller read its record
 * was written back whole by the append, or, for a change that edited nothing, its lines were
 * dropped without a word. Now nothing of the change is stored and the write is refused with 404
 * `document-deleted` (`deletedMeanwhile`), whether the change edits the document or not, and so is
 * a write with no record of the change to a document whose record is not stored.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { setMeta } from '../../../shared/doc/index.js';
import { storageDocAccess } from '../../../server/http/doc-access.js';
import { AppError } from '../../../server/http/errors.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { DOC_GONE_WORDS } from '../../../shared/i18n/doc-gone-words.js';
import type { DocRecord } from '../../../server/storage/storage.js';

const AT = '2026-03-02T09:00:00.000Z';
const ref = { workspace: 'hbi-test', doc: 'plan-a' };
const renamed: DocRecord = { ...ref, kind: 'activity-plan', title: 'Plan 2026', ownerUnit: 'vc-a', createdAt: AT, updatedAt: AT };
const line = { ...ref, memberId: 'm-a', action: 'rename', bytes: 0, detail: '"Plan 2025" → "Plan 2026"' };

describe('storageDocAccess.write with the record of a document no longer stored', () => {
  it.each<[string, (doc: Y.Doc) => void]>([
    ['an edit of the document', (doc) => setMeta(doc, { title: 'Plan 2026' })],
    ['a change that edits nothing (its lines and record alone)', () => undefined],
  ])('stores nothing of %s and answers 404 document-deleted', async (_, edit) => {
    const storage = createMemoryStorage();
    const refused = await storageDocAccess(storage).write(ref, null, edit, [line], renamed).then(() => null, (err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 404, code: 'document-deleted' });
    expect(await storage.getDocRecord(ref)).toBeNull();
    expect((await storage.loadDoc(ref)).lastSeq).toBe(0);
    expect(await storage.listAudit(ref.workspace, 10)).toEqual([]);
  });
});

describe('storageDocAccess.write of a document with no record, with no record of the change', () => {
  const importLine = { ...ref, memberId: 'm-a', action: 'import', bytes: 0, detail: 'rows=1' };
  it.each<[string, (doc: Y.Doc) => void]>([
    ['an edit of the document', (doc) => setMeta(doc, { title: 'Plan 2026' })],
    ['a change that edits nothing (its lines alone)', () => undefined],
  ])('stores nothing of %s, even on a store that would take it, and answers 404 document-deleted', async (_, edit) => {
    // A store opened without `appendsNeedRecord` takes an append to any document: the refusal is the write's own.
    const storage = createMemoryStorage();
    const refused = await storageDocAccess(storage).write(ref, null, edit, [importLine]).then(() => null, (err: unknown) => err);
    expect(refused).toMatchObject({ status: 404, code: 'document-deleted' });
    expect((await storage.loadDoc(ref)).lastSeq).toBe(0);
    expect(await storage.listAudit(ref.workspace, 10)).toEqual([]);
  });
});

describe('the words of a write refused for a document whose record is not stored', () => {
  type Refused = { details: { message: { sv: string; en: string } } };
  const refusedWords = async (storage: ReturnType<typeof createMemoryStorage>) =>
    ((await storageDocAccess(storage).write(ref, null, (doc) => setMeta(doc, { title: 'Plan 2026' })).then(() => null, (err: unknown) => err)) as Refused).details.message;

  it('says the document was deleted when the line of its deletion is kept', async () => {
    const storage = createMemoryStorage();
    await storage.appendUpdates(ref, [{ update: new Uint8Array([0, 0]), memberId: null, record: renamed, creates: true }]);
    await storage.deleteDoc(ref, [{ ...ref, at: AT, memberId: 'm-a', action: 'delete', bytes: 0, detail: null }]);
    expect((await refusedWords(storage)).sv).toMatch(/togs bort/);
  });

  it('does not say deleted of a document never made: it does not exist (any more)', async () => {
    const words = await refusedWords(createMemoryStorage());
    expect(words.sv).toContain(DOC_GONE_WORDS.unknown.sv(ref.doc));
    expect(words.en).toContain(DOC_GONE_WORDS.unknown.en(ref.doc));
    expect(`${words.sv} ${words.en}`).not.toMatch(/togs bort|deleted/);
  });
});
