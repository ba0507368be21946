/**
 * Fresh bytes an earlier version stored without the document's title (formats 1 and 2,
 * `fresh-state.ts`): a load's title check (`title-follow.ts`) reads the title from their update's
 * structs, about the cost of a build. The load stores them again with the title (the same state
 * vector and update, framed as `encodeFresh` frames them), so only the first load after an upgrade
 * pays that read, not every cold load of a document that is only read (and so never compacted).
 */
import * as encoding from 'lib0/encoding';
import { crc32 } from 'node:zlib';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { decodeFresh, encodeFresh } from '../../../server/sync/fresh-state.js';
import { readRoomDoc, Unbuilt } from '../../../server/sync/room-fresh.js';
import type { OwedFilter } from '../../../server/sync/take-back-rights.js';
import { createDoc } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import { made } from '../storage/made.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const logger = pino({ level: 'silent' });

/** `doc`'s fresh bytes as format 2 framed them: format 3 without the title. */
function format2(doc: Y.Doc): Uint8Array {
  const now = decodeFresh(encodeFresh(doc));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarString(encoder, now?.kind ?? '');
  encoding.writeVarUint(encoder, now?.schemaVersion ?? 0);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
  const body = encoding.toUint8Array(encoder);
  const out = new Uint8Array(body.byteLength + 4);
  out.set(body);
  new DataView(out.buffer).setUint32(body.byteLength, crc32(body), true);
  return out;
}

async function stored(fresh: (doc: Y.Doc) => Uint8Array) {
  const storage = createMemoryStorage();
  await made(storage, ref);
  const doc = createDoc('activity-plan', { title: 'Aktivitetsplan Husby 2026', ownerUnit: 'vc-husby', schemaVersion: kindDef('activity-plan').schemaVersion });
  await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(doc), memberId: null }]);
  await storage.compact(ref, Y.encodeStateAsUpdateV2(doc), 1, fresh(doc));
  return { storage, doc };
}

const allowAll: OwedFilter = async (_doc, owed) => [...owed];

describe('fresh bytes without the title', () => {
  it('are stored again with it at the first load, the same state, and the next load reads it from the bytes', async () => {
    const { storage, doc } = await stored(format2);
    const first = await readRoomDoc(ref, storage, logger, allowAll);
    expect(first).toBeInstanceOf(Unbuilt);
    expect((first as Unbuilt).title()).toBe('Aktivitetsplan Husby 2026');
    await expect.poll(async () => decodeFresh((await storage.loadDoc(ref)).fresh as Uint8Array)?.title).toBe('Aktivitetsplan Husby 2026');
    const again = decodeFresh((await storage.loadDoc(ref)).fresh as Uint8Array);
    // Byte for byte what encodeFresh writes for the same doc: state vector and update unchanged.
    expect((await storage.loadDoc(ref)).fresh).toEqual(encodeFresh(doc));
    expect(again?.update).toEqual(Y.encodeStateAsUpdate(doc));
    const second = await readRoomDoc(ref, storage, logger, allowAll);
    expect((second as Unbuilt).titled()).toBeNull();
    expect((second as Unbuilt).title()).toBe('Aktivitetsplan Husby 2026');
  });

  it('leave bytes that carry the title alone', async () => {
    const { storage } = await stored(encodeFresh);
    const before = (await storage.loadDoc(ref)).fresh;
    const loaded = (await readRoomDoc(ref, storage, logger, allowAll)) as Unbuilt;
    expect(loaded.titled()).toBeNull();
    expect((await storage.loadDoc(ref)).fresh).toEqual(before);
  });

  it('are not paired with a snapshot another writer stored meanwhile', async () => {
    const { storage, doc } = await stored(format2);
    const old = (await storage.loadDoc(ref)).fresh as Uint8Array;
    const loaded = (await readRoomDoc(ref, storage, logger, allowAll)) as Unbuilt;
    const titled = loaded.titled() as Uint8Array;
    // A compaction at a later sequence came first: the framed bytes of the state at 1 are refused.
    const { storage: later } = await stored(format2);
    await later.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(doc), memberId: null }]);
    await later.compact(ref, Y.encodeStateAsUpdateV2(doc), 2, old);
    expect(await later.putFresh(ref, 1, titled, old)).toBe(false);
    expect((await later.loadDoc(ref)).fresh).toEqual(old);
  });
});
