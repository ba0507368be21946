import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import {
  decodeAwarenessUpdate,
  decodeMessage,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from '../../../server/sync/protocol.js';
import { closeReason } from '../../../server/sync/close-reason.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';

describe('sync protocol', () => {
  it('round-trips sync step 1, step 2 and update frames', () => {
    const payload = new Uint8Array([1, 2, 3]);
    expect(decodeMessage(encodeSyncStep1(payload))).toEqual({ type: 'sync-step1', stateVector: payload });
    expect(decodeMessage(encodeSyncStep2(payload))).toEqual({ type: 'sync-step2', update: payload });
    expect(decodeMessage(encodeUpdate(payload))).toEqual({ type: 'update', update: payload });
    expect(decodeMessage(new Uint8Array([3]))).toEqual({ type: 'query-awareness' });
  });

  it('writes every frame byte for byte as lib0 and y-protocols do, at every length of the varuint', () => {
    const lib0 = (head: number[], payload: Uint8Array): Buffer => {
      const e = encoding.createEncoder();
      for (const byte of head) encoding.writeVarUint(e, byte);
      encoding.writeVarUint8Array(e, payload);
      return Buffer.from(encoding.toUint8Array(e));
    };
    for (const length of [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_151, 2_097_152]) {
      const payload = new Uint8Array(length).map((_, i) => (i * 31) % 256);
      const stock = encoding.createEncoder();
      encoding.writeVarUint(stock, 0);
      syncProtocol.writeUpdate(stock, payload);
      const pairs: [Uint8Array, Uint8Array][] = [
        [encodeSyncStep1(payload), lib0([0, 0], payload)],
        [encodeSyncStep2(payload), lib0([0, 1], payload)],
        [encodeAwareness(payload), lib0([1], payload)],
        [encodeUpdate(payload), encoding.toUint8Array(stock)],
      ];
      // Compared as bytes (a deep equality over megabytes takes minutes).
      for (const [ours, theirs] of pairs) expect(Buffer.compare(ours, theirs), `length ${length}`).toBe(0);
    }
  });

  it('never throws on random bytes', () => {
    let malformed = 0;
    for (let i = 0; i < 5000; i++) {
      const frame = new Uint8Array(Math.floor(Math.random() * 16)).map(() => Math.floor(Math.random() * 256));
      if (decodeMessage(frame).type === 'malformed') malformed++;
      decodeAwarenessUpdate(frame);
    }
    expect(malformed).toBeGreaterThan(0);
  });

  it('round-trips awareness entries', () => {
    const entries = [{ clientId: 7, clock: 3, json: '{"user":{"name":"Åsa"}}' }];
    expect(decodeAwarenessUpdate(encodeAwarenessUpdate(entries))).toEqual(entries);
  });

  it('fits a close reason into 123 bytes on a character boundary', () => {
    const reason = closeReason('Ett personnummer får inte sparas – '.repeat(10));
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
    expect(reason.endsWith('…')).toBe(true);
    expect(closeReason('short')).toBe('short');
  });

  it('cuts a close reason without making an identity number of the digits it cuts', () => {
    // Another unit's row id ending in eleven digits (no number); cut to fit, its first ten are 850101-1236.
    const text = `row ${'r'.repeat(106)}85010112367 belongs to another unit`;
    expect(findPersonnummer(text)).toBeNull();
    const reason = closeReason(text);
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
    expect(findPersonnummer(reason)).toBeNull();
    expect(reason).toBe(`row ${'r'.repeat(106)}…`);
  });
});
