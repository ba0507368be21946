/**
 * A load that writes again kept values which lost to a stored take-back asks each author's rights
 * as the member is now (`authorsMayWrite` of `take-back-rights.ts`), reading those members by id:
 * one row per author, however many members the workspace holds. It listed every member of the
 * workspace at each such load (3,000 more here: 3,004 rows for one author). Counted with the
 * project's counting storage wrapper over the member reads; the author's edit is still written
 * again as the member may now, and not at all once the member is removed.
 */
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { silentLogger } from '../../../server/logger.js';
import { roundLocks } from '../../../server/rounds/round-locks.js';
import { RoundsStore } from '../../../server/rounds/rounds-store.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Storage } from '../../../server/storage/storage.js';
import { loadDoc } from '../../../server/sync/load-doc.js';
import { authorsMayWrite } from '../../../server/sync/take-back-rights.js';
import { countingTokens, type TokenReads } from '../http/counting-tokens.js';
import { seed, WS } from './seed.js';
import { storeLostEdit } from './take-backs-fixture.js';

const REF = { workspace: WS, doc: 'county' };
/** Members stored in the workspace besides the seeded ones. */
const MEMBERS = 3_000;

/** A seeded memory store with `MEMBERS` more members and owner A's edit owed a rewrite, its member reads counted in `reads`. */
async function setUp(): Promise<{ storage: Storage; reads: TokenReads }> {
  const inner = createMemoryStorage();
  await seed(inner);
  for (let i = 0; i < MEMBERS; i++) await inner.putMember({ workspace: WS, id: `p${String(i).padStart(5, '0')}`, name: `Person ${i}`, role: 'editor', units: ['clinic-b'] });
  await storeLostEdit(inner, REF);
  const reads: TokenReads = { counting: false, rows: 0, calls: {} };
  return { storage: countingTokens(inner, reads, ['listMembers', 'getMembers']), reads };
}

/** Row ra's measure after a load that writes again what the authors may write now, its member reads counted. */
async function loadAsARoom(storage: Storage, reads: TokenReads): Promise<unknown> {
  const record = await storage.getDocRecord(REF);
  if (!record) throw new Error('no record for the document');
  const allowed = authorsMayWrite(REF, () => record, { storage, records: storage, auth: syncAuthFor(storage, () => new Date()), locks: roundLocks(new RoundsStore(storage)), logger: silentLogger() });
  reads.counting = true;
  const loaded = await loadDoc(REF, storage, silentLogger(), allowed);
  reads.counting = false;
  return (loaded.doc.getMap('rows').get('ra') as Y.Map<unknown> | undefined)?.get('measure');
}

describe(`a load owed a rewrite in a workspace with ${MEMBERS} more members`, () => {
  it("reads its one author's member row and writes the author's edit again", async () => {
    const { storage, reads } = await setUp();
    expect(await loadAsARoom(storage, reads)).toBe('Ägarens ändring');
    expect({ rows: reads.rows, calls: reads.calls }).toEqual({ rows: 1, calls: { getMembers: 1 } });
  });

  it('reads no row for a removed author and leaves the take-back as it is', async () => {
    const { storage, reads } = await setUp();
    await storage.deleteMember(WS, 'm-a');
    expect(await loadAsARoom(storage, reads)).toBe('Hälsodag');
    expect({ rows: reads.rows, calls: reads.calls }).toEqual({ rows: 0, calls: { getMembers: 1 } });
  });
});
