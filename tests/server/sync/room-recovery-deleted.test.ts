/**
 * A room whose write was refused because its document was deleted meanwhile (a rename's record
 * found none stored, `DocRecordGoneError`) is not reloaded as an empty document: every socket is
 * closed as the deletion closes them (4404 `Document deleted`), nothing is logged as a storage
 * failure, and what a socket still holding the document sends afterwards stores no update row of
 * a document with no record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { DocRecordGoneError } from '../../../server/storage/storage-records.js';
import { deletedMeanwhileFixture, expectNothingStoredAfter, joinedRoom, renameOptions, type DeletedMeanwhileFixture } from './deleted-meanwhile.js';
import { retitled } from './retitled.js';
import { WS } from './seed.js';

const ref = { workspace: WS, doc: 'plan-a' };

describe('a room whose rename was refused because the document was deleted meanwhile', () => {
  let f: DeletedMeanwhileFixture;
  beforeAll(async () => {
    f = await deletedMeanwhileFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('closes its sockets as deleted, reloads nothing and stores no row of what they send again', async () => {
    const joined = await joinedRoom(f, ref);
    const offer = joined.room.offer(retitled(joined.room.doc, 'Plan 2027'), { memberId: 'm-coord', principal: null }, null, await renameOptions(f.storage, ref, 'Plan 2027'));
    if (!offer.ok) throw new Error(offer.reason);
    // Another process deletes the document before the rename is written (at the end of this turn).
    const deleting = f.storage.deleteDoc(ref);
    await expect(offer.persisted).rejects.toBeInstanceOf(DocRecordGoneError);
    await deleting;
    expect(joined.closes).toEqual([[CloseCode.notFound, 'Document deleted']]);
    await expectNothingStoredAfter(f, joined, ref);
    expect(f.lines.map((l) => l.msg)).toContain('the document was deleted while a change of it was being written; closing its room');
    joined.lease.release();
  });
});
