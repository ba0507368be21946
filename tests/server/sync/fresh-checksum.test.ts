/**
 * Stored fresh bytes carry a checksum (`fresh-state.ts`, format 2): a cold room load serves them
 * after the checksum alone, without reading every struct of the update (`freshDamage`, most of a
 * small plan's load), and any changed byte, a changed letter too, keeps them from being served.
 * Bytes of format 1 (no checksum, as earlier versions wrote them) are still served after the read.
 */
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

vi.mock('yjs', async (importOriginal) => {
  const y = await importOriginal<typeof Y>();
  return { ...y, decodeUpdate: vi.fn(y.decodeUpdate) };
});

import type { StoredDoc } from '../../../server/storage/storage.js';
import { decodeFresh, encodeFresh, servableFresh } from '../../../server/sync/fresh-state.js';
import { createDoc, insertRow } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';

function plan(): Y.Doc {
  const doc = createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'clinic-a', schemaVersion: kindDef('activity-plan').schemaVersion });
  for (let i = 0; i < 20; i++) insertRow(doc, { title: `Promenadgrupp ${i}`, participantsPlanned: 10 + i }, { id: `row-${i}` });
  return doc;
}

const stored = (fresh: Uint8Array, doc: Y.Doc): StoredDoc => ({ snapshot: Y.encodeStateAsUpdateV2(doc), updates: [], lastSeq: 3, fresh });

/** Serve `fresh` as a room load would: the state, or null with the words of the damage. */
function serve(fresh: Uint8Array, doc: Y.Doc): { served: ReturnType<typeof servableFresh>; why: string | null } {
  let why: string | null = null;
  const served = servableFresh(stored(fresh, doc), (w) => (why = w));
  return { served, why };
}

describe('stored fresh bytes with a checksum', () => {
  it('are served to a cold load without a read of the update\'s structs', () => {
    const doc = plan();
    const bytes = encodeFresh(doc);
    vi.mocked(Y.decodeUpdate).mockClear();
    const { served, why } = serve(bytes, doc);
    expect(why).toBeNull();
    expect(served?.update).toEqual(Y.encodeStateAsUpdate(doc));
    expect(served?.stateVector).toEqual(Y.encodeStateVector(doc));
    expect(Y.decodeUpdate).not.toHaveBeenCalled();
  });

  it('are not served when any one byte changed, a letter in a row title too, or when cut short', () => {
    const doc = plan();
    const bytes = encodeFresh(doc);
    const title = Buffer.from(bytes).indexOf('Promenadgrupp 7');
    expect(title).toBeGreaterThan(0);
    const letter = bytes.slice();
    letter[title + 1] = 'a'.charCodeAt(0); // 'Pa…': the shape of the update is kept
    expect(serve(letter, doc)).toMatchObject({ served: null, why: expect.stringMatching(/checksum/) });
    for (let i = 0; i < bytes.byteLength; i++) {
      const changed = bytes.slice();
      changed[i] = (bytes[i] as number) ^ 0x10;
      const { served, why } = serve(changed, doc);
      if (served !== null) {
        // Only a changed format number may be read as no fresh bytes at all (built from the snapshot).
        expect(i).toBe(0);
      } else if (i > 0) expect(why, `byte ${i}`).not.toBeNull();
    }
    for (const cut of [1, 4, 5, 40]) expect(serve(bytes.subarray(0, bytes.byteLength - cut), doc).served).toBeNull();
  });

  it('of the format without a checksum are still served after the read of every struct', () => {
    const doc = plan();
    const fresh = decodeFresh(encodeFresh(doc));
    if (!fresh) throw new Error('fresh bytes do not decode');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, fresh.kind);
    encoding.writeVarUint(encoder, fresh.schemaVersion);
    encoding.writeVarUint8Array(encoder, fresh.stateVector);
    encoding.writeVarUint8Array(encoder, fresh.update);
    const old = encoding.toUint8Array(encoder);
    vi.mocked(Y.decodeUpdate).mockClear();
    expect(serve(old, doc).served?.update).toEqual(fresh.update);
    expect(Y.decodeUpdate).toHaveBeenCalledTimes(1);
    // A diff is not a whole state: that read still finds it.
    const diff = encoding.createEncoder();
    encoding.writeVarUint(diff, 1);
    encoding.writeVarString(diff, fresh.kind);
    encoding.writeVarUint(diff, fresh.schemaVersion);
    encoding.writeVarUint8Array(diff, fresh.stateVector);
    const half = encoding.createEncoder();
    const vector = Y.decodeStateVector(fresh.stateVector);
    encoding.writeVarUint(half, vector.size);
    for (const [client, clock] of vector) {
      encoding.writeVarUint(half, client);
      encoding.writeVarUint(half, Math.floor(clock / 2));
    }
    encoding.writeVarUint8Array(diff, Y.encodeStateAsUpdate(doc, encoding.toUint8Array(half)));
    expect(serve(encoding.toUint8Array(diff), doc)).toMatchObject({ served: null, why: expect.stringMatching(/gap|state vector/) });
  });
});
