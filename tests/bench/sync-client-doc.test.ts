import { describe, expect, it } from 'vitest';
import { SyncClient } from '../../bench/support/sync-client.js';

describe("the bench client's document", () => {
  it('has a guid of this process, not a uuid drawn from the crypto RNG, and a client id of its own', () => {
    // Port 9 (discard) on loopback: nothing listens, the client's connect fails and is closed.
    const made = Array.from({ length: 20 }, () => new SyncClient('ws://127.0.0.1:9'));
    try {
      for (const c of made) expect(c.doc.guid).toMatch(/^bench-client-\d+$/);
      expect(new Set(made.map((c) => c.doc.guid)).size).toBe(made.length);
      expect(new Set(made.map((c) => c.doc.clientID)).size).toBe(made.length);
    } finally {
      for (const c of made) c.close();
    }
  });
});
