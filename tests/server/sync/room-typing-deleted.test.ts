/**
 * A socket typing into a document another process deleted, while this process's room is still
 * open (the rights poll has not closed it yet): the store refuses the edit, since the document
 * has no record (`DocRecordGoneError`, `appendsNeedRecord`), and the room closes its sockets as
 * the deletion does (4404 `Document deleted`), stores no row and reloads nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { DocRecordGoneError } from '../../../server/storage/storage-records.js';
import { deletedMeanwhileFixture, expectNothingStoredAfter, joinedRoom, type DeletedMeanwhileFixture } from './deleted-meanwhile.js';
import { retitled } from './retitled.js';
import { WS } from './seed.js';

const ref = { workspace: WS, doc: 'plan-a' };

describe('a socket’s edit of a document another process deleted while its room is open', () => {
  let f: DeletedMeanwhileFixture;
  beforeAll(async () => {
    f = await deletedMeanwhileFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('is refused by the store: the room closes its sockets as deleted and no update row is left', async () => {
    const joined = await joinedRoom(f, ref);
    const { room, socket } = joined;
    const first = room.offer(retitled(room.doc, 'Plan 2027'), { memberId: 'm-a', principal: null }, socket);
    if (!first.ok) throw new Error(first.reason);
    await first.persisted;
    const before = (await f.storage.listUpdates(ref, 0, 100)).length;
    // Process B (another connection on the file) deletes the document; this room is not told.
    const b = openSqliteStorage(f.file);
    try {
      await b.deleteDoc(ref);
    } finally {
      await b.close();
    }
    const typed = room.offer(retitled(room.doc, 'Plan 2028'), { memberId: 'm-a', principal: null }, socket);
    if (!typed.ok) throw new Error(typed.reason);
    await expect(typed.persisted).rejects.toBeInstanceOf(DocRecordGoneError);
    expect(before).toBeGreaterThan(0);
    expect(joined.closes).toEqual([[CloseCode.notFound, 'Document deleted']]);
    await expectNothingStoredAfter(f, joined, ref);
    joined.lease.release();
  });
});
