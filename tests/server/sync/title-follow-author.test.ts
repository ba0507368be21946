/**
 * Each `rename` line names the member who made that rename. A REST rename stores its record and
 * line with its update, then follows the document's title; a socket rename taken between the REST
 * rename's offer and its follow retitled the document, and the REST follow wrote the socket's title
 * with a line naming the REST member, so the socket's own follow found nothing left to write and
 * its author was named nowhere. Now a follow writes only the title its own update left
 * (`followTitle`'s `wrote`): a later rename's follow writes that one, by its author.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { AppendItem, DocRef, Storage } from '../../../server/storage/storage.js';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { Registry } from '../../../server/sync/registry.js';
import { roomDepsOf } from '../../../server/sync/route.js';
import { renameDetail } from '../../../server/sync/title-follow.js';
import { metaOf } from '../../../shared/doc/index.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { seed, WS } from './seed.js';
import { retitled } from './retitled.js';

const ref = { workspace: WS, doc: 'plan-a' };

/** `storage` that calls `during()` once, as the first append carrying a record is being written. */
function duringRecordAppend(storage: Storage, during: () => void): Storage {
  let called = false;
  const hook = (items: readonly AppendItem[]) => {
    if (called || !items.some((i) => i.record)) return;
    called = true;
    during();
  };
  return new Proxy(storage, {
    get(target, prop, receiver) {
      if (prop === 'appendUpdates') return (r: DocRef, items: AppendItem[]) => (hook(items), target.appendUpdates(r, items));
      if (prop === 'appendMany' && target.appendMany) return (batches: { ref: DocRef; updates: AppendItem[] }[]) => (hook(batches.flatMap((b) => b.updates)), target.appendMany!(batches));
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

describe('a socket rename taken between a REST rename’s offer and its follow', () => {
  it('writes each rename’s line by its own member, chained old → new, and the record ends with the last title', async () => {
    const plain = createMemoryStorage();
    await seed(plain);
    let socketFollow: Promise<void> = Promise.resolve();
    // While the REST rename is being stored (after its offer, before its follow): the socket's
    // rename, taken into the next write and followed as `socket.ts` does.
    const storage = duringRecordAppend(plain, () => {
      const offer = room.offer(retitled(room.doc, 'Plan från Lisa'), { memberId: 'lisa', principal: null }, null);
      if (!offer.ok) throw new Error(offer.reason);
      socketFollow = registry.followTitle(room, offer.persisted, 'lisa', room.title);
    });
    const deps = roomDepsOf({ storage, records: storage, auth: syncAuthFor(storage, () => new Date()), checkUpdate, logger: pino({ level: 'silent' }) });
    const registry = new Registry(deps);
    const lease = await registry.acquire(ref);
    const room = lease.room;
    const stored = (await storage.getDocRecord(ref))!;
    // The REST rename, as the route hands it over: its update, its line and its record.
    const rest = registry.submit(
      ref,
      (live) => retitled(live, 'Plan från Kim'),
      { memberId: 'kim', principal: null },
      [{ ...ref, memberId: 'kim', action: 'rename', bytes: 0, detail: renameDetail(stored.title, 'Plan från Kim') }],
      { ...stored, title: 'Plan från Kim' },
    );
    expect(await rest).toEqual({ ok: true });
    await socketFollow;
    const lines = (await storage.listAudit(WS, 100)).filter((l) => l.action === 'rename').reverse();
    expect(lines.map((l) => [l.memberId, l.detail])).toEqual([
      ['kim', renameDetail(stored.title, 'Plan från Kim')],
      ['lisa', renameDetail('Plan från Kim', 'Plan från Lisa')],
    ]);
    expect([(await storage.getDocRecord(ref))?.title, room.record.title, metaOf(room.doc)?.title]).toEqual(['Plan från Lisa', 'Plan från Lisa', 'Plan från Lisa']);
    lease.release();
    await registry.closeAll();
    await plain.close();
  });
});
