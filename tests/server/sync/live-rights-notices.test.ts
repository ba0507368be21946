/**
 * Rights of open sockets on a store that tells of other writers' changes (PostgreSQL
 * LISTEN/NOTIFY, `LiveRights.listening(true)`): then no poll runs, so a round a notice started
 * must not end without deciding the sockets. A round overlapping a hook of this process is
 * discarded (its reads may predate the hook) and one whose reads fail decides nothing; either way
 * the change the notice told of must still close the socket it affects.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { reassess } from '../../../server/auth/reassess.js';
import { silentLogger } from '../../../server/logger.js';
import type { DocRecord, MemberRecord, TokenRecord } from '../../../server/storage/storage.js';
import { LiveRights, type LiveSocket } from '../../../server/sync/live-rights.js';
import type { Principal } from '../../../server/sync/principal.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';

const WS = 'ws1';
const AT = '2026-01-01T00:00:00.000Z';
const record: DocRecord = { workspace: WS, doc: 'plan', kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-a', createdAt: AT, updatedAt: AT };
const nina: MemberRecord = { workspace: WS, id: 'nina', name: 'Nina', role: 'editor', units: ['vc-a'] };
const principal: Principal = { workspace: WS, memberId: 'nina', name: 'Nina', role: 'editor', units: ['vc-a'], tokenId: 't1', expiresAt: null };
const token = (revokedAt: string | null): TokenRecord => ({ id: 't1', hash: 'h', workspace: WS, memberId: 'nina', label: 'x', createdAt: AT, expiresAt: null, revokedAt });

/** Storage whose token list a test can change and hold, and whose reads can fail. */
function fakeRecords() {
  const state = { revoked: null as string | null, hold: null as Promise<void> | null, fail: false };
  return {
    state,
    records: {
      async listTokens() {
        if (state.hold) await state.hold;
        if (state.fail) throw new Error('connection terminated');
        return [token(state.revoked)];
      },
      async listMembers() {
        return [nina];
      },
      async getDocRecords() {
        return [record];
      },
    },
  };
}

function socket(): LiveSocket & { closed: number | null } {
  const s = {
    ref: { workspace: WS, doc: 'plan' },
    record,
    principal,
    closed: null as number | null,
    setPrincipal(p: Principal) {
      s.principal = p;
    },
    close(code: number) {
      s.closed = code;
    },
  };
  return s;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let live: LiveRights | null = null;
afterEach(() => live?.stop());

function start(records: ReturnType<typeof fakeRecords>['records']): LiveRights {
  live = new LiveRights({ records, auth: { reassess }, logger: silentLogger(), clock: () => new Date(), pollMs: 50, evict: async () => undefined });
  return live;
}

describe('rights told by storage notices', () => {
  it('a revocation told while a hook of this process discards the round still closes the socket', async () => {
    const { state, records } = fakeRecords();
    const lr = start(records);
    const s = socket();
    lr.add(s);
    lr.listening(true);
    await lr.recheck();
    expect(s.closed).toBeNull();
    // Another process revokes the token; its notice starts a round, whose read is slow.
    let release!: () => void;
    state.hold = new Promise<void>((resolve) => (release = resolve));
    state.revoked = AT;
    lr.noticed();
    // Meanwhile this process changes someone else's rights: the round under way is discarded.
    lr.memberChanged({ workspace: WS, id: 'bo', name: 'Bo', role: 'viewer', units: [] });
    state.hold = null;
    release();
    await wait(300);
    expect(s.closed).toBe(CloseCode.unauthorized);
  });

  it('a revocation told while reading the rights fails closes the socket once they can be read', async () => {
    const { state, records } = fakeRecords();
    const lr = start(records);
    const s = socket();
    lr.add(s);
    lr.listening(true);
    await lr.recheck();
    state.revoked = AT;
    state.fail = true;
    lr.noticed();
    await wait(20);
    state.fail = false;
    await wait(300);
    expect(s.closed).toBe(CloseCode.unauthorized);
  });
});
