import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { hocuspocusFraming, syncFrame } from '../../bench/support/sync-client.js';

/** A Hocuspocus message: the document's name, then `type` and `body` (what the server sends). */
function message(doc: string, type: number, body: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, doc);
  encoding.writeVarUint(e, type);
  encoding.writeUint8Array(e, body);
  return encoding.toUint8Array(e);
}

describe("the bench client's Hocuspocus framing", () => {
  const framing = hocuspocusFraming('region-7');

  it('reads a sync reply, whatever the size of the document it carries, as the sync message it is', () => {
    for (const size of [3_000, 300_000]) {
      const payload = Uint8Array.from({ length: size }, (_, i) => (i * 31) % 251);
      // A step 2 as Hocuspocus answers a step 1: sync type 4 (SyncReply) instead of 0.
      const step2 = syncFrame(1, payload);
      const raw = message('region-7', 4, step2.subarray(1));
      const before = raw.slice();
      const out = framing.unwrap(raw) as Uint8Array;
      // Compared as buffers: an element-wise deep equal of 300 KB takes seconds.
      expect(Buffer.from(out.buffer, out.byteOffset, out.byteLength).equals(step2), `${size} bytes`).toBe(true);
      // The received bytes are left as they came.
      expect(Buffer.from(raw).equals(before)).toBe(true);
    }
  });

  it('passes sync and awareness messages on as they are, and drops its own messages', () => {
    const step1 = syncFrame(0, Uint8Array.of(1, 2, 3));
    expect(framing.unwrap(message('region-7', 0, step1.subarray(1)))).toEqual(step1);
    const awareness = Uint8Array.of(1, 4, 9, 9, 9, 9);
    expect(framing.unwrap(message('region-7', 1, awareness.subarray(1)))).toEqual(awareness);
    // An auth answer (2) and a sync status (8) are Hocuspocus's own.
    expect(framing.unwrap(message('region-7', 2, Uint8Array.of(0)))).toBeNull();
    expect(framing.unwrap(message('region-7', 8, Uint8Array.of(1)))).toBeNull();
  });
});
