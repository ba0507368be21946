/**
 * A group commit of several documents where one of them was deleted after its rename was queued:
 * that rename's record finds none stored, and the store refuses its batch (`DocRecordGoneError`).
 * The other documents' batches of the turn are stored and acknowledged all the same (a batch
 * carrying a record is written alone, `group-commit.ts`); only the deleted document's writer is
 * refused, and nothing is logged as a storage failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocRecordGoneError } from '../../../server/storage/storage-records.js';
import type { Lease } from '../../../server/sync/registry.js';
import { deletedMeanwhileFixture, renameOptions, type DeletedMeanwhileFixture } from './deleted-meanwhile.js';
import { retitled } from './retitled.js';
import { WS } from './seed.js';

const ref = (doc: string) => ({ workspace: WS, doc });
const author = { memberId: 'm-coord', principal: null };

describe('a group commit holding a rename of a document deleted meanwhile', () => {
  let f: DeletedMeanwhileFixture;
  beforeAll(async () => {
    f = await deletedMeanwhileFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('stores and acknowledges the other documents’ updates and refuses only the deleted one’s', async () => {
    const leases = (await Promise.all(['plan-a', 'plan-b', 'county'].map((doc) => f.registry.acquire(ref(doc))))) as [Lease, Lease, Lease];
    const [a, b, county] = leases.map((l) => l.room) as [Lease['room'], Lease['room'], Lease['room']];
    const before = await f.storage.lastSeqs(WS, ['plan-a', 'plan-b']);
    // Three rooms take a change in one turn (written together at its end); the county plan's is a rename.
    const offers = [
      a.offer(retitled(a.doc, 'Plan A 2027'), author, null),
      b.offer(retitled(b.doc, 'Plan B 2027'), author, null),
      county.offer(retitled(county.doc, 'Handlingsplan 2027'), author, null, await renameOptions(f.storage, ref('county'), 'Handlingsplan 2027')),
    ];
    // The group is flushed at the end of this turn: the county plan is deleted before it.
    const deleting = f.storage.deleteDoc(ref('county'));
    const settled = await Promise.allSettled(offers.map((o) => (o.ok ? o.persisted : Promise.reject(new Error(o.reason)))));
    await deleting;
    expect(settled.slice(0, 2).map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(settled[2]).toMatchObject({ status: 'rejected', reason: expect.any(DocRecordGoneError) });
    const after = await f.storage.lastSeqs(WS, ['plan-a', 'plan-b']);
    expect([after.get('plan-a'), after.get('plan-b')]).toEqual([(before.get('plan-a') ?? 0) + 1, (before.get('plan-b') ?? 0) + 1]);
    // Nothing of the county plan came back: no record, no row, no rename line.
    expect(await f.storage.getDocRecord(ref('county'))).toBeNull();
    expect(await f.storage.listUpdates(ref('county'), 0, 10)).toEqual([]);
    expect((await f.storage.listAudit(WS, 50)).filter((l) => l.doc === 'county' && l.action === 'rename')).toEqual([]);
    expect(f.lines.filter((l) => l.level >= 50)).toEqual([]);
    for (const lease of leases) lease.release();
  });
});
