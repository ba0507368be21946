import { describe, expect, it } from 'vitest';
import { KeptTakeBacks } from '../../../server/sync/kept-take-backs.js';

const bytes = (n: number): Uint8Array => Uint8Array.of(n);

describe('KeptTakeBacks', () => {
  it('hands what was kept for a document once, and nothing after it was forgotten', () => {
    const kept = new KeptTakeBacks();
    kept.keep('a', bytes(1));
    kept.keep('b', bytes(2));
    kept.forget('b');
    expect(kept.take('b')).toBeNull();
    expect(kept.take('a')).toEqual(bytes(1));
    expect(kept.take('a')).toBeNull();
    expect(kept.size).toBe(0);
  });

  it('keeps at most its limit of documents, dropping the one kept longest ago (a document kept again counts as new)', () => {
    const kept = new KeptTakeBacks(2);
    kept.keep('a', bytes(1));
    kept.keep('b', bytes(2));
    kept.keep('a', bytes(3));
    kept.keep('c', bytes(4));
    expect(kept.size).toBe(2);
    expect(kept.take('b')).toBeNull();
    expect(kept.take('a')).toEqual(bytes(3));
    expect(kept.take('c')).toEqual(bytes(4));
  });
});
