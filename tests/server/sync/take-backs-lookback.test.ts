/**
 * A room that loads a document writes again an allowed edit that lost to a stored take-back and
 * that nobody wrote again (`take-back-lookback.ts`): the process that took B's edit back is gone
 * before the owner's edit, integrated by a process that applied the take-back as a plain update,
 * reached it. Docs stand for processes; storage is the memory store.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { loadDoc } from '../../../server/sync/load-doc.js';
import { measureOfRa as measure, REF as ref, silentLogger as logger, storeLostEdit } from './take-backs-fixture.js';
import { made } from '../storage/made.js';

/** The race of {@link storeLostEdit}, in a fresh memory store. */
async function stored(seenTakeBack = false): Promise<ReturnType<typeof createMemoryStorage>> {
  const storage = createMemoryStorage();
  await made(storage, ref);
  await storeLostEdit(storage, ref, seenTakeBack);
  return storage;
}

describe('looking back over a loaded document for values lost to a stored take-back', () => {
  it("writes the owner's value again, and what the load stores holds it for everyone", async () => {
    const storage = await stored();
    const loaded = await loadDoc(ref, storage, logger);
    expect(measure(loaded.doc)).toBe('Ägarens ändring');
    expect(loaded.migration).not.toBeNull();
    await storage.appendUpdates(ref, [{ update: loaded.migration as Uint8Array, memberId: null }]);
    const again = await loadDoc(ref, storage, logger);
    expect(measure(again.doc)).toBe('Ägarens ändring');
    // Written once: the value is no longer the take-back's, so a later load owes nothing.
    expect(again.migration).toBeNull();
  });

  it('owes nothing to an edit made after its author saw the take-back', async () => {
    const loaded = await loadDoc(ref, await stored(true), logger);
    expect(measure(loaded.doc)).toBe('Ägarens ändring');
    expect(loaded.migration).toBeNull();
  });
});
