/**
 * Open sockets' rights on a store that tells of changes (`Storage.watchChanges`, PostgreSQL
 * `LISTEN/NOTIFY`): only the slow safety poll runs while it tells, the poll runs again while it does
 * not, a change nobody told of (a notice connection dropped without a word) is still applied by
 * the safety poll, and a notice that comes while a round is reading starts one more round, whose
 * reads see that write.
 */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { LiveRights, type LiveSocket } from '../../../server/sync/live-rights.js';
import type { Principal } from '../../../server/sync/principal.js';
import type { DocRecord, MemberRecord, TokenRecord } from '../../../server/storage/storage.js';

const WS = 'hbi-stockholm';
const at = '2026-01-01T00:00:00.000Z';
const record: DocRecord = { workspace: WS, doc: 'plan', kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-husby', createdAt: at, updatedAt: at };
const token = (revokedAt: string | null): TokenRecord => ({ id: 't1', hash: 'h', workspace: WS, memberId: 'nina', label: '', createdAt: at, expiresAt: null, revokedAt });
const member: MemberRecord = { workspace: WS, id: 'nina', name: 'Nina Ek', role: 'editor', units: ['vc-husby'] };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function harness(pollMs: number, toldPollMs?: number) {
  const stored = { token: token(null), version: 1 };
  let versionReads = 0;
  /** While set, reading the tokens waits for it: a round held in the middle of its reads. */
  let hold: Promise<void> | null = null;
  const closed: number[] = [];
  const live = new LiveRights({
    records: {
      listTokens: async () => {
        const seen = stored.token;
        await hold;
        return [seen];
      },
      listMembers: async () => [member],
      getDocRecords: async () => [record],
    },
    auth: {
      reassess: (principal, rights) => (rights.token?.revokedAt ? { ok: false, code: 4401, reason: 'revoked' } : { ok: true, principal }),
    },
    logger: pino({ level: 'silent' }),
    clock: () => new Date(),
    pollMs,
    ...(toldPollMs === undefined ? {} : { toldPollMs }),
    evict: async () => undefined,
    version: async () => (versionReads++, stored.version),
  });
  const principal = { tokenId: 't1', memberId: 'nina', workspace: WS, role: 'editor', units: ['vc-husby'], expiresAt: null } as unknown as Principal;
  const socket: LiveSocket = { ref: { workspace: WS, doc: 'plan' }, record, principal, setPrincipal: () => undefined, close: (code) => void closed.push(code) };
  return {
    live,
    stored,
    closed,
    socket,
    versionReads: () => versionReads,
    holdReads: () => {
      let release = (): void => undefined;
      hold = new Promise<void>((r) => (release = r));
      return () => {
        hold = null;
        release();
      };
    },
  };
}

describe('rights of open sockets on a store that tells of changes', () => {
  it('runs only the slow safety poll while storage tells (none in 200 ms at its default), and polls every pollMs while it does not', async () => {
    const h = harness(20);
    h.live.listening(true);
    h.live.add(h.socket);
    await sleep(200);
    // The one read when notices started; no timer since.
    expect(h.versionReads()).toBeLessThanOrEqual(1);
    h.live.listening(false);
    await sleep(200);
    expect(h.versionReads()).toBeGreaterThanOrEqual(4);
    h.live.listening(true);
    await sleep(50);
    const after = h.versionReads();
    await sleep(200);
    expect(h.versionReads()).toBe(after);
    h.live.stop();
  });

  it('applies a revocation nobody told of within the safety poll while storage tells (a notice connection dropped without a word)', async () => {
    const h = harness(20, 50);
    h.live.listening(true);
    h.live.add(h.socket);
    await sleep(100);
    expect(h.closed).toEqual([]);
    // Revoked by another process; its notice never arrives.
    h.stored.token = token(at);
    h.stored.version = 2;
    const until = Date.now() + 2000;
    while (h.closed.length === 0 && Date.now() < until) await sleep(10);
    expect(h.closed).toEqual([4401]);
    h.live.stop();
  });

  it('reads again after the round under way when told of a write during it, so a revocation then closes the socket', async () => {
    const h = harness(0);
    h.live.add(h.socket);
    const release = h.holdReads();
    const first = h.live.recheck();
    await sleep(10);
    // Revoked and told while the round reads (it read the token before the write).
    h.stored.token = token(at);
    h.stored.version = 2;
    h.live.noticed();
    release();
    await first;
    await sleep(20);
    expect(h.closed).toEqual([4401]);
    h.live.stop();
  });
});
