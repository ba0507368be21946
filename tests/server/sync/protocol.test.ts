import { describe, expect, it } from 'vitest';
import {
  decodeAwarenessUpdate,
  decodeMessage,
  encodeAwarenessUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from '../../../server/sync/protocol.js';
import { closeReason } from '../../../server/sync/close-reason.js';

describe('sync protocol', () => {
  it('round-trips sync step 1, step 2 and update frames', () => {
    const payload = new Uint8Array([1, 2, 3]);
    expect(decodeMessage(encodeSyncStep1(payload))).toEqual({ type: 'sync-step1', stateVector: payload });
    expect(decodeMessage(encodeSyncStep2(payload))).toEqual({ type: 'sync-step2', update: payload });
    expect(decodeMessage(encodeUpdate(payload))).toEqual({ type: 'update', update: payload });
    expect(decodeMessage(new Uint8Array([3]))).toEqual({ type: 'query-awareness' });
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
});
