/**
 * A server-side write (an import, a REST edit) refused by a room that is reloading its document
 * after a failed write was answered "The server cannot store changes right now (storage does not
 * answer)", whatever the fault: the 503 was built from the room's refusal sentence, without the
 * fault. It now names the fault's kind (`roomUnavailable`), in Swedish for the pane, and never the
 * store's own words.
 */
import { describe, expect, it } from 'vitest';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { registryDocAccess } from '../../../server/http/doc-access.js';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Storage } from '../../../server/storage/storage.js';
import { StorageUnavailableError } from '../../../server/storage/watched.js';
import { insertRow } from '../../../shared/doc/index.js';
import { closedAfterEach, startTestServer, TOKENS, WS } from './support.js';

const ref = { workspace: WS, doc: 'plan-a' };
const t = closedAfterEach<SyncClient>((c) => c.close());

/** Memory storage whose appends fail like a full disk while `failing`, and whose loads wait for `loads` while it is set. */
function failingStorage(): Storage & { failing: boolean; loads: Promise<void> | null } {
  const inner = createMemoryStorage();
  const storage = Object.create(inner) as Storage & { failing: boolean; loads: Promise<void> | null };
  storage.failing = false;
  storage.loads = null;
  storage.appendUpdates = async (r, updates) => {
    if (!storage.failing || updates.length === 0) return inner.appendUpdates(r, updates);
    throw Object.assign(new Error('database or disk is full at /srv/samplan/samplan.db'), { code: 'SQLITE_FULL' });
  };
  storage.loadDoc = async (r) => {
    if (storage.loads) await storage.loads;
    return inner.loadDoc(r);
  };
  return storage;
}

describe('a write refused while the document is reloaded after a failed write', () => {
  it('is answered with the kind of fault, in Swedish and English, and the store’s words only in the log', async () => {
    const storage = failingStorage();
    t.server = await startTestServer({}, { storage });
    const writer = new SyncClient(`${t.server.base}/plan-a?token=${TOKENS.editorA}`);
    t.clients.push(writer);
    await writer.synced;
    // The room stays loaded through the reload whatever the time between the writer's close and the
    // write below: with the writer gone it has no holder, and the tests' 50 ms grace (`graceMs`,
    // `support.ts`) unloaded it under load (~16), so the write loaded it anew and waited on the held
    // load until the test timed out. The server's own grace is 30 s.
    const held = await t.server.sync.registry.acquire(ref);
    const auth = await syncAuthFor(storage, () => new Date()).resolve(TOKENS.editorA);
    if (!auth.ok) throw new Error('the editor’s token');
    let release = (): void => undefined;
    // The rights are read again just before the submit: the room's write fails meanwhile, and its reload waits.
    let once = true;
    const access = registryDocAccess(t.server.sync.registry, async (principal) => {
      if (!once) return principal;
      once = false;
      storage.loads = new Promise<void>((r) => (release = r));
      storage.failing = true;
      writer.write((d) => insertRow(d, { title: 'Lost' }));
      expect((await writer.closed).code).toBe(1011);
      return principal;
    });
    const refused = await access.write(ref, auth.principal, (d) => insertRow(d, { title: 'Imported' })).then(
      () => null,
      (err: unknown) => err,
    );
    storage.failing = false;
    release();
    expect(refused).toBeInstanceOf(StorageUnavailableError);
    const err = refused as StorageUnavailableError;
    expect(err.message).toBe('The server cannot store changes right now (the disk is full). Nothing was changed; try again in a while.');
    expect(err.sv).toBe('Servern kan inte spara ändringar just nu (disken är full). Inget ändrades; försök igen om en stund.');
    expect(err.reason).toContain('database or disk is full');
    // Once reloaded, the same write is taken.
    await access.write(ref, auth.principal, (d) => insertRow(d, { title: 'Imported' }));
    held.release();
  });
});
