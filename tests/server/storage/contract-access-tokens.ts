import { describe, expect, it } from 'vitest';
import type { Storage, TokenRecord } from '../../../server/storage/storage.js';
import type { SameSignInGroup } from '../../../server/storage/access-token-store.js';
import type { StorageFixture } from './contract.js';

const WS = 'hbi-stockholm';
/** Another workspace of the same store. */
const WS_B = 'hbi-vetlanda';
const at = (minute: number): string => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
/** Keys as `accessTokenKey` makes them: 64 hex digits. */
const KEY = 'a1'.repeat(32);
const OTHER_KEY = 'b2'.repeat(32);
/** How `s` says the token of `key` ended for `workspace` at `now` (`AccessTokenEnd.how`), null when it did not. */
const how = async (s: Storage, key: string, workspace: string, now: string) => (await s.accessTokenEnded(key, workspace, now))?.how ?? null;
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
 * ended until its time, in that session's workspace, and in every workspace when its person signed
 * out (`signOutSession`); its other sessions and other tokens are not, until the
 * sign-in is ended (`revokeSameSignIn`), which revokes every other session of the token, and only
 * those, in the one workspace asked or in every workspace, each audited in its own; kept rows past their time are dropped at the next note, but not while a session of their
 * sign-in lives.
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
      expect(await how(s, KEY, WS, at(4))).toBeNull();
      expect(await s.revokeToken('t-2', at(5))).toBe(true);
      expect(await s.accessTokenEnded(KEY, WS, at(6))).toEqual({ how: 'revoked', sessionId: 't-2', at: at(5) });
      expect(await how(s, OTHER_KEY, WS, at(6))).toBeNull();
      expect(await how(s, KEY, WS, at(30))).toBeNull();
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
      expect(await how(s, KEY, WS, at(3))).toBeNull();
    });

    it('ends every other session of the same sign-in, with one audit line and a move of the rights version, and no other token', async () => {
      const { s } = get();
      await s.putMember({ workspace: WS, id: 'anna', name: 'Anna Lind', role: 'editor', units: [] });
      for (const id of ['t-1', 't-2', 't-3', 't-4', 't-5']) await s.putToken(session(id));
      for (const [i, id] of ['t-3', 't-1', 't-2'].entries()) await s.noteAccessTokenSession({ key: KEY, tokenId: id, until: at(30) }, at(1 + i));
      await s.noteAccessTokenSession({ key: OTHER_KEY, tokenId: 't-4', until: at(30) }, at(4));
      const line = (g: SameSignInGroup) => ({ at: at(6), workspace: g.workspace, doc: null, memberId: g.memberId, action: 'sign-out', bytes: 0, detail: `also ended ${g.ids.join(', ')}` });
      expect(await s.revokeToken('t-2', at(5))).toBe(true);
      const before = (await s.rightsVersion?.()) ?? 0;

      expect(await s.revokeSameSignIn('t-2', at(6), WS, line)).toEqual(['t-1', 't-3']);
      const revokedAt = async (id: string) => (await s.getToken(WS, id))?.revokedAt;
      expect(await Promise.all(['t-1', 't-2', 't-3', 't-4', 't-5'].map(revokedAt))).toEqual([at(6), at(5), at(6), null, null]);
      expect((await s.listAudit(WS, 10)).map((a) => a.detail)).toEqual(['also ended t-1, t-3']);
      if (s.rightsVersion) expect(await s.rightsVersion()).toBeGreaterThan(before);

      // Nothing left to end: no line, no move; a token kept under no access token ends nothing.
      const after = (await s.rightsVersion?.()) ?? 0;
      expect([await s.revokeSameSignIn('t-1', at(7), WS, line), await s.revokeSameSignIn('t-5', at(7), null, line)]).toEqual([[], []]);
      expect((await s.listAudit(WS, 10)).length).toBe(1);
      if (s.rightsVersion) expect(await s.rightsVersion()).toBe(after);
      expect(await revokedAt('t-4')).toBeNull();
    });

    it('ends the sign-in in one workspace when asked within it, and in every workspace with a line in each when not', async () => {
      const { s } = get();
      // One person signed in to two workspaces of the store with one access token (two servers of a deployment).
      await s.putWorkspace({ id: WS_B, name: 'Vetlanda', createdAt: at(0) });
      await s.putMember({ workspace: WS, id: 'anna', name: 'Anna Lind', role: 'editor', units: [] });
      await s.putMember({ workspace: WS_B, id: 'anna.lind', name: 'Anna Lind', role: 'viewer', units: [] });
      for (const id of ['t-1', 't-2']) await s.putToken(session(id));
      for (const id of ['t-3', 't-4']) await s.putToken({ ...session(id), workspace: WS_B, memberId: 'anna.lind' });
      for (const [i, id] of ['t-1', 't-2', 't-3', 't-4'].entries()) await s.noteAccessTokenSession({ key: KEY, tokenId: id, until: at(30) }, at(1 + i));
      const line = (g: SameSignInGroup) => ({ at: at(9), workspace: g.workspace, doc: null, memberId: g.memberId, action: 'token', bytes: 0, detail: `also ended ${g.ids.join(', ')}` });
      const state = async () => [
        ...(await Promise.all(['t-1', 't-2'].map(async (id) => (await s.getToken(WS, id))?.revokedAt ?? null))),
        ...(await Promise.all(['t-3', 't-4'].map(async (id) => (await s.getToken(WS_B, id))?.revokedAt ?? null))),
      ];
      const audit = async (ws: string) => (await s.listAudit(ws, 10)).map((a) => [a.memberId, a.detail]);

      // Within WS (its coordinator's revocation of t-1): WS_B's sessions live on, its audit untouched.
      expect(await s.revokeToken('t-1', at(5))).toBe(true);
      expect(await s.revokeSameSignIn('t-1', at(6), WS, line)).toEqual(['t-2']);
      expect(await state()).toEqual([at(5), at(6), null, null]);
      expect([await audit(WS), await audit(WS_B)]).toEqual([[['anna', 'also ended t-2']], []]);

      // Everywhere (the person's own sign-out): the rest ends, each workspace's line in its own audit, by its own member.
      expect(await s.revokeSameSignIn('t-1', at(7), null, line)).toEqual(['t-3', 't-4']);
      expect(await state()).toEqual([at(5), at(6), at(7), at(7)]);
      expect([await audit(WS), await audit(WS_B)]).toEqual([[['anna', 'also ended t-2']], [['anna.lind', 'also ended t-3, t-4']]]);
    });

    it("refuses a token after its person's sign-out in every workspace, and after a revocation in its session's workspace only", async () => {
      const { s } = get();
      // One person signed in to two workspaces with one token (KEY), and with another (OTHER_KEY).
      await s.putWorkspace({ id: WS_B, name: 'Vetlanda', createdAt: at(0) });
      await s.putMember({ workspace: WS, id: 'anna', name: 'Anna Lind', role: 'editor', units: [] });
      await s.putMember({ workspace: WS_B, id: 'anna.lind', name: 'Anna Lind', role: 'viewer', units: [] });
      for (const id of ['t-1', 't-3']) await s.putToken(session(id));
      for (const id of ['t-2', 't-4']) await s.putToken({ ...session(id), workspace: WS_B, memberId: 'anna.lind' });
      for (const [i, [key, id]] of [[KEY, 't-1'], [KEY, 't-2'], [OTHER_KEY, 't-3'], [OTHER_KEY, 't-4']].entries()) {
        await s.noteAccessTokenSession({ key: key!, tokenId: id!, until: at(30) }, at(1 + i));
      }
      const ended = async (key: string, minute: number) => [await how(s, key, WS, at(minute)), await how(s, key, WS_B, at(minute))];

      // A coordinator of WS revokes t-3 and the rest of its sign-in there: the token is refused in WS, taken in WS_B.
      expect(await s.revokeToken('t-3', at(5))).toBe(true);
      expect(await s.revokeSameSignIn('t-3', at(5), WS)).toEqual([]);
      expect(await ended(OTHER_KEY, 6)).toEqual(['revoked', null]);

      // Anna signs out in WS_B with t-2: refused in both, in the write that revoked it, audited there.
      const before = (await s.rightsVersion?.()) ?? 0;
      const line = { at: at(7), workspace: WS_B, doc: null, memberId: 'anna.lind', action: 'sign-out', bytes: 0, detail: null };
      expect(await s.signOutSession('t-2', at(7), [line])).toBe(true);
      expect(await ended(KEY, 8)).toEqual(['signed-out', 'signed-out']);
      expect(await s.accessTokenEnded(KEY, WS, at(8))).toEqual({ how: 'signed-out', sessionId: 't-2', at: at(7) });
      expect((await s.getToken(WS_B, 't-2'))?.revokedAt).toBe(at(7));
      expect((await s.getToken(WS, 't-1'))?.revokedAt).toBeNull();
      expect((await s.listAudit(WS_B, 10)).map((a) => [a.action, a.memberId])).toEqual([['sign-out', 'anna.lind']]);
      if (s.rightsVersion) expect(await s.rightsVersion()).toBeGreaterThan(before);
      expect(await ended(KEY, 30)).toEqual([null, null]);

      // A sign-out with a session revoked meanwhile revokes nothing and writes no line, but is a sign-out all the same.
      expect(await s.signOutSession('t-3', at(9), [{ ...line, workspace: WS, memberId: 'anna' }])).toBe(false);
      expect([await ended(OTHER_KEY, 10), (await s.listAudit(WS, 10)).length]).toEqual([['signed-out', 'signed-out'], 0]);
      // A token kept under no access token (an API token) is revoked as by revokeToken.
      await s.putToken({ ...session('api'), label: 'Excel' });
      expect([await s.signOutSession('api', at(11)), (await s.getToken(WS, 'api'))?.revokedAt]).toEqual([true, at(11)]);
    });

    it('names, of sessions ended at once, the one in the workspace asked and then the first by id, on every store', async () => {
      const { s } = get();
      await s.putWorkspace({ id: WS_B, name: 'Vetlanda', createdAt: at(0) });
      await s.putMember({ workspace: WS, id: 'anna', name: 'Anna Lind', role: 'editor', units: [] });
      await s.putMember({ workspace: WS_B, id: 'anna.lind', name: 'Anna Lind', role: 'viewer', units: [] });
      for (const id of ['t-1', 't-3', 't-4']) await s.putToken(session(id));
      await s.putToken({ ...session('t-2'), workspace: WS_B, memberId: 'anna.lind' });
      // Noted against the order asked for, so neither the first nor the last noted wins by itself.
      for (const [i, [key, id]] of [[KEY, 't-2'], [KEY, 't-1'], [OTHER_KEY, 't-4'], [OTHER_KEY, 't-3']].entries()) {
        await s.noteAccessTokenSession({ key: key!, tokenId: id!, until: at(30) }, at(1 + i));
      }
      // Anna signs out in WS_B with t-2, both steps at once: each workspace hears of its own session.
      expect(await s.signOutSession('t-2', at(7))).toBe(true);
      expect(await s.revokeSameSignIn('t-2', at(7), null)).toEqual(['t-1']);
      expect(await s.accessTokenEnded(KEY, WS, at(8))).toEqual({ how: 'signed-out', sessionId: 't-1', at: at(7) });
      expect(await s.accessTokenEnded(KEY, WS_B, at(8))).toEqual({ how: 'signed-out', sessionId: 't-2', at: at(7) });
      // Two sessions of one token revoked in one write (a member's removal): the first by id.
      await s.revokeToken('t-4', at(9));
      await s.revokeToken('t-3', at(9));
      expect(await s.accessTokenEnded(OTHER_KEY, WS, at(10))).toEqual({ how: 'revoked', sessionId: 't-3', at: at(9) });
    });

    it('refuses a token in every workspace through the sessions a sign-out ended with it, whose rows outlast its own', async () => {
      const { s } = get();
      // Two servers allowing another clock skew: t-1's row ends at minute 10, t-2's (in WS_B) at 20.
      await s.putWorkspace({ id: WS_B, name: 'Vetlanda', createdAt: at(0) });
      await s.putMember({ workspace: WS, id: 'anna', name: 'Anna Lind', role: 'editor', units: [] });
      await s.putMember({ workspace: WS_B, id: 'anna.lind', name: 'Anna Lind', role: 'viewer', units: [] });
      await s.putToken(session('t-1'));
      await s.putToken({ ...session('t-2'), workspace: WS_B, memberId: 'anna.lind' });
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-1', until: at(10) }, at(1));
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-2', until: at(20) }, at(2));
      expect(await s.signOutSession('t-1', at(5))).toBe(true);
      expect(await s.revokeSameSignIn('t-1', at(5), null)).toEqual(['t-2']);
      expect([await how(s, KEY, WS, at(15)), await how(s, KEY, WS_B, at(15))]).toEqual(['signed-out', 'signed-out']);
    });

    it('refuses a token in every workspace after a sign-out through a session a coordinator had revoked before it, whose row outlasts its own', async () => {
      const { s } = get();
      // As above, t-2's row (WS_B, another clock skew) outlasting t-1's, but a coordinator of WS_B
      // revoked t-2 before Anna signed out with t-1: neither sign-out step revokes it again.
      await s.putWorkspace({ id: WS_B, name: 'Vetlanda', createdAt: at(0) });
      await s.putMember({ workspace: WS, id: 'anna', name: 'Anna Lind', role: 'editor', units: [] });
      await s.putMember({ workspace: WS_B, id: 'anna.lind', name: 'Anna Lind', role: 'viewer', units: [] });
      await s.putToken(session('t-1'));
      await s.putToken({ ...session('t-2'), workspace: WS_B, memberId: 'anna.lind' });
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-1', until: at(10) }, at(1));
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-2', until: at(20) }, at(2));
      expect(await s.revokeToken('t-2', at(3))).toBe(true);
      expect(await s.signOutSession('t-1', at(5))).toBe(true);
      expect(await s.revokeSameSignIn('t-1', at(5), null)).toEqual([]);
      // Past t-1's row only t-2's says the token ended: signed out, so in WS too, where Anna signed out.
      expect([await how(s, KEY, WS, at(15)), await how(s, KEY, WS_B, at(15))]).toEqual(['signed-out', 'signed-out']);
    });

    it('refuses a token in every workspace after a sign-out through a session a coordinator revoked between its two steps', async () => {
      const { s } = get();
      await s.putWorkspace({ id: WS_B, name: 'Vetlanda', createdAt: at(0) });
      await s.putMember({ workspace: WS, id: 'anna', name: 'Anna Lind', role: 'editor', units: [] });
      await s.putMember({ workspace: WS_B, id: 'anna.lind', name: 'Anna Lind', role: 'viewer', units: [] });
      await s.putToken(session('t-1'));
      await s.putToken({ ...session('t-2'), workspace: WS_B, memberId: 'anna.lind' });
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-1', until: at(10) }, at(1));
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-2', until: at(20) }, at(2));
      // The sign-out's revocation commits, a coordinator of WS_B revokes t-2, then the sign-out's second step runs.
      expect(await s.signOutSession('t-1', at(5))).toBe(true);
      expect(await s.revokeToken('t-2', at(5))).toBe(true);
      expect(await s.revokeSameSignIn('t-1', at(6), null)).toEqual([]);
      expect([await how(s, KEY, WS, at(15)), await how(s, KEY, WS_B, at(15))]).toEqual(['signed-out', 'signed-out']);
    });

    it("keeps a session's row past its access token's time while the session lives, so a later sign-out still ends it", async () => {
      const { s } = get();
      await s.putMember({ workspace: WS, id: 'anna', name: 'Anna Lind', role: 'editor', units: [] });
      // Sessions that live until minute 60 (`session`), started from a token valid until minute 10.
      for (const id of ['t-1', 't-2', 't-3']) await s.putToken(session(id));
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-1', until: at(10) }, at(1));
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-2', until: at(10) }, at(2));
      // A sign-in with another token past minute 10 drops rows past their time, but not these.
      await s.noteAccessTokenSession({ key: OTHER_KEY, tokenId: 't-3', until: at(50) }, at(20));
      expect(await s.revokeToken('t-2', at(21))).toBe(true);
      expect(await s.revokeSameSignIn('t-2', at(21), null)).toEqual(['t-1']);
    });

    it("keeps the row of a session whose time ran out while another session of its sign-in lives, so signing out with it ends that one", async () => {
      const { s } = get();
      await s.putMember({ workspace: WS, id: 'anna', name: 'Anna Lind', role: 'editor', units: [] });
      // Two sessions of one token valid until minute 10: t-1 ran out at minute 30 (not refreshed), t-2 was refreshed to minute 60.
      await s.putToken({ ...session('t-1'), expiresAt: at(30) });
      for (const id of ['t-2', 't-3']) await s.putToken(session(id));
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-1', until: at(10) }, at(1));
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-2', until: at(10) }, at(2));
      // A sign-in with another token at minute 40, when t-1's time and the token's are past.
      await s.noteAccessTokenSession({ key: OTHER_KEY, tokenId: 't-3', until: at(50) }, at(40));
      expect(await s.revokeToken('t-1', at(41))).toBe(true);
      expect(await s.revokeSameSignIn('t-1', at(41), null)).toEqual(['t-2']);
    });

    it('drops the rows of a sign-in once every session of it has ended and its token ran out', async () => {
      const { fx, s } = get();
      await s.putMember({ workspace: WS, id: 'anna', name: 'Anna Lind', role: 'editor', units: [] });
      await s.putToken({ ...session('t-1'), expiresAt: at(30) });
      for (const id of ['t-2', 't-3']) await s.putToken(session(id));
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-1', until: at(10) }, at(1));
      await s.noteAccessTokenSession({ key: KEY, tokenId: 't-2', until: at(10) }, at(2));
      // Minute 61: t-1 and t-2 both ran out, so neither row is kept.
      await s.noteAccessTokenSession({ key: OTHER_KEY, tokenId: 't-3', until: at(70) }, at(61));
      if (fx.allRows) expect((await fx.allRows()).includes(KEY)).toBe(false);
      expect(await s.revokeSameSignIn('t-1', at(62), null)).toEqual([]);
    });
  });
}
