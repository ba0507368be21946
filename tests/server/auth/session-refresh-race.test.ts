/**
 * A session refresh racing a sign-out: the store keeps the revocation (a revoked token is never
 * written back), and the refresh must not answer that the session goes on.
 */
import { describe, expect, it } from 'vitest';
import { issueSession, refreshSession } from '../../../server/auth/sessions.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Principal } from '../../../server/sync/principal.js';

describe('refreshSession racing a revocation', () => {
  it('answers gone when the session is revoked between its read and its write', async () => {
    const now = new Date('2026-03-02T08:00:00Z');
    const clock = () => now;
    const storage = createMemoryStorage({ clock });
    await storage.putWorkspace({ id: 'ws', name: 'Testregion', createdAt: now.toISOString() });
    await storage.putMember({ workspace: 'ws', id: 'anna', name: 'Anna', role: 'editor', units: [] });
    await issueSession(storage, { workspace: 'ws', memberId: 'anna', via: 'dialog', minutes: 60, clock });
    const [record] = await storage.listTokens('ws');
    if (!record) throw new Error('no session stored');
    const principal: Principal = { workspace: 'ws', memberId: 'anna', name: 'Anna', role: 'editor', units: [], tokenId: record.id };
    // The sign-out lands after the refresh read the record and before it writes the new expiry.
    const put = storage.putToken.bind(storage);
    storage.putToken = async (t) => {
      await storage.revokeToken(record.id, now.toISOString());
      return put(t);
    };
    now.setTime(now.getTime() + 40 * 60_000);
    const result = await refreshSession(storage, principal, { minutes: 60, clock });
    expect(result).toEqual({ ok: false, reason: 'gone' });
    const [after] = await storage.listTokens('ws');
    expect(after?.revokedAt).not.toBeNull();
  });
});
