/**
 * The words of a change refused because the document's record is not stored
 * (`DocRecordGoneError`): "deleted meanwhile" only where the store keeps the line of its deletion;
 * for a document never made, words true for both ("does not exist (any more)"). Through each way a
 * change reaches the store: a plain append, an append carrying a change of the record (a rename),
 * and a group commit.
 */
import { describe, expect, it } from 'vitest';
import { DOC_GONE_WORDS } from '../../../shared/i18n/doc-gone-words.js';
import type { AppendItem, DocRecord, Storage } from '../../../server/storage/storage.js';
import { DocRecordGoneError } from '../../../server/storage/storage-records.js';
import type { StorageContractOptions, StorageFixture } from './contract.js';

const WS = 'hbi-stockholm';
const AT = '2026-01-15T10:00:00.000Z';
const deleted = { workspace: WS, doc: 'plan-husby' };
const neverMade = { workspace: WS, doc: 'plan-tensta' };
const record = (doc: string): DocRecord => ({ workspace: WS, doc, kind: 'activity-plan', title: 'Aktivitetsplan 2025', ownerUnit: 'vc-husby', createdAt: AT, updatedAt: AT });
const plain: AppendItem = { update: new Uint8Array([7]), memberId: 'anna' };
const rename = (doc: string): AppendItem => ({ update: new Uint8Array([8]), memberId: 'anna', record: { ...record(doc), title: 'Aktivitetsplan 2026' } });

/** What a refusal says: its case and its (English) message. */
async function refusal(write: Promise<unknown>): Promise<{ gone: string; message: string }> {
  const err = await write.then(() => null, (e: unknown) => e);
  if (!(err instanceof DocRecordGoneError)) throw new Error(`expected DocRecordGoneError, got ${String(err)}`);
  return { gone: err.gone, message: err.message };
}

/** The doc-gone half of the contract. */
export function docGoneContract(get: () => { fx: StorageFixture; s: Storage }, options: StorageContractOptions): void {
  describe('a change of a document whose record is not stored', () => {
    /** `deleted` made and deleted as the REST route deletes (with its `delete` line), and a line of another workspace's document of the same id. */
    const setUp = async (s: Storage) => {
      await s.appendUpdates(deleted, [{ ...plain, record: record(deleted.doc), creates: true }]);
      await s.deleteDoc(deleted, [{ at: AT, workspace: WS, doc: deleted.doc, memberId: 'anna', action: 'delete', bytes: 0, detail: null }]);
      await s.appendAudit([{ at: AT, workspace: 'lan-jonkoping', doc: neverMade.doc, memberId: 'bo', action: 'delete', bytes: 0, detail: null }]);
    };
    const deletedWords = { gone: 'deleted', message: expect.stringContaining(DOC_GONE_WORDS.deleted.en(deleted.doc)) };
    const unknownWords = { gone: 'unknown', message: expect.stringContaining(DOC_GONE_WORDS.unknown.en(neverMade.doc)) };

    it('says deleted when the line of its deletion is kept, and not deleted for one never made', async () => {
      const { s } = get();
      await setUp(s);
      expect(await refusal(s.appendUpdates(deleted, [plain]))).toEqual(deletedWords);
      expect(await refusal(s.appendUpdates(deleted, [rename(deleted.doc)]))).toEqual(deletedWords);
      expect(await refusal(s.appendUpdates(neverMade, [plain]))).toEqual(unknownWords);
      expect(await refusal(s.appendUpdates(neverMade, [rename(neverMade.doc)]))).toEqual(unknownWords);
      expect((await refusal(s.appendUpdates(neverMade, [plain]))).message).not.toMatch(/deleted/);
    });

    it.runIf(options.groupCommit)('says the same in a group commit', async () => {
      const { s } = get();
      const appendMany = s.appendMany?.bind(s);
      if (!appendMany) throw new Error('this store offers no appendMany');
      await setUp(s);
      expect(await refusal(appendMany([{ ref: deleted, updates: [plain] }]))).toEqual(deletedWords);
      expect(await refusal(appendMany([{ ref: neverMade, updates: [plain] }]))).toEqual(unknownWords);
    });
  });
}
