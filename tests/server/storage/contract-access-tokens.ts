import { describe, expect, it } from 'vitest';
import type { Storage, TokenRecord } from '../../../server/storage/storage.js';
import type { StorageFixture } from './contract.js';

const WS = 'hbi-stockholm';
const at = (minute: number): string => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
/** Keys as `accessTokenKey` makes them: 64 hex digits. */
const KEY = 'a1'.repeat(32);
const OTHER_KEY = 'b2'.repeat(32);
const session = (id: string): TokenRecord => ({
  id,
  hash: id.padEnd(64, '0'),
  workspace: WS,
  memberId: 'anna',
  label: 'session: sso',
  createdAt: at(0),
  expiresAt: at(60),
  revokedAt: null,
});

/**
 * The access-token half of the contract (`AccessTokenStore`): a token whose session was revoked is
 * ended until its time, whoever revoked it; its other sessions and other tokens are not; kept rows
 * past their time are dropped at the next note.
 */
export function accessTokenContract(get: () => { fx: StorageFixture; s: Storage }): void {
  describe('sessions started from access tokens', () => {
    it('ends a token once one of its sessions is revoked, until its time, and no other token', async () => {
      const { s } = get();
      await s.putMember({ workspace: WS, id: 'anna', name: 'Anna Lind', role: 'editor', units: [] });
      for (const id of ['t-1', 't-2', 't-3']) await s.putToken(session(id));
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-1', until: at(30) }, at(1));
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-2', until: at(30) }, at(2));
      await s.noteAccessTokenSession({ key: OTHER_KEY, tokenId: 't-3', until: at(30) }, at(3));
      expect(await s.accessTokenEnded(KEY, at(4))).toBe(false);
      expect(await s.revokeToken('t-2', at(5))).toBe(true);
      expect(await s.accessTokenEnded(KEY, at(6))).toBe(true);
      expect(await s.accessTokenEnded(OTHER_KEY, at(6))).toBe(false);
      expect(await s.accessTokenEnded(KEY, at(30))).toBe(false);
    });

    it('drops the rows past their time at the next note', async () => {
      const { fx, s } = get();
      await s.putMember({ workspace: WS, id: 'anna', name: 'Anna Lind', role: 'editor', units: [] });
      for (const id of ['t-1', 't-2']) await s.putToken(session(id));
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-1', until: at(10) }, at(1));
      await s.revokeToken('t-1', at(2));
      if (fx.allRows) expect(await fx.allRows()).toContain(KEY);
      await s.noteAccessTokenSession({ key: OTHER_KEY, tokenId: 't-2', until: at(40) }, at(10));
      if (fx.allRows) {
        const rows = await fx.allRows();
        expect([rows.includes(KEY), rows.includes(OTHER_KEY)]).toEqual([false, true]);
      }
      expect(await s.accessTokenEnded(KEY, at(3))).toBe(false);
    });
  });
}
