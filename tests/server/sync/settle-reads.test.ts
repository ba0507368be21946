/**
 * Sockets settled together (`LiveRights.settle` after a rights change overtook their admission, as
 * in a connect storm when the first rights round moves the mark): the sockets settled in one turn
 * are read from storage in one read, and each is still decided on what storage holds — a revoked
 * token among them is closed, the others keep their principal.
 */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../server/logger.js';
import type { DocRecord, MemberRecord, TokenRecord } from '../../../server/storage/storage.js';
import { LiveRights, type LiveSocket } from '../../../server/sync/live-rights.js';
import type { Principal } from '../../../server/sync/principal.js';
import type { CurrentRights, Reassessment } from '../../../server/sync/rights.js';

const WS = 'ws';
const record = (doc: string): DocRecord => ({ workspace: WS, doc, kind: 'activity-plan', title: doc, ownerUnit: 'u', createdAt: '', updatedAt: '' });
const principal = (tokenId: string): Principal => ({ workspace: WS, memberId: 'm', name: 'M', role: 'editor', units: ['u'], tokenId, expiresAt: null });
const token = (id: string, revokedAt: string | null = null): TokenRecord => ({ id, hash: id, workspace: WS, memberId: 'm', label: 't', createdAt: '', expiresAt: null, revokedAt });
const member: MemberRecord = { workspace: WS, id: 'm', name: 'M', role: 'editor', units: ['u'] };

interface FakeSocket extends LiveSocket {
  closed: { code: number; reason: string } | null;
}

function socket(doc: string, p: Principal): FakeSocket {
  const s: FakeSocket = {
    ref: { workspace: WS, doc },
    record: record(doc),
    principal: p,
    closed: null,
    setPrincipal(next) {
      (s as { principal: Principal }).principal = next;
    },
    close(code, reason) {
      s.closed = { code, reason };
    },
  };
  return s;
}

/** LiveRights over a store that counts its token reads and holds `revoked` revoked. */
function harness(revoked: string) {
  const reads = { tokens: 0, members: 0, records: 0 };
  const rights = new LiveRights({
    records: {
      getTokens: async (_ws, ids) => (reads.tokens++, ids.map((id) => token(id, id === revoked ? '2026-03-02T08:59:00Z' : null))),
      listTokens: async () => [],
      getMembers: async () => (reads.members++, [member]),
      listMembers: async () => [member],
      getDocRecords: async (_ws, docs) => (reads.records++, docs.map(record)),
    },
    auth: {
      reassess(p: Principal, current: CurrentRights): Reassessment {
        if (current.token?.revokedAt) return { ok: false, code: 4401, reason: 'Token revoked' };
        return { ok: true, principal: p };
      },
    },
    logger: silentLogger(),
    clock: () => new Date('2026-03-02T09:00:00Z'),
    pollMs: 0,
    evict: async () => undefined,
  });
  return { rights, reads };
}

describe('settling sockets whose admission a rights change overtook', () => {
  it('reads the rights of the sockets settled in one turn once, and decides each on them', async () => {
    const { rights, reads } = harness('t-7');
    const since = rights.mark;
    // A change while they were admitted (a document's record written by another process).
    rights.docChanged(record('plan-0'));
    const sockets = Array.from({ length: 40 }, (_, i) => socket(`plan-${i % 8}`, principal(`t-${i % 10}`)));
    for (const s of sockets) rights.add(s);
    await Promise.all(sockets.map((s) => rights.settle(s, since)));
    expect(reads).toEqual({ tokens: 1, members: 1, records: 1 });
    const closed = sockets.filter((s) => s.closed);
    expect(closed.map((s) => s.principal.tokenId)).toEqual(['t-7', 't-7', 't-7', 't-7']);
    expect(closed.every((s) => s.closed?.code === 4401)).toBe(true);
    expect(rights.size).toBe(36);
  });

  it('reads again for sockets settled after the shared read started', async () => {
    const { rights, reads } = harness('t-late');
    const since = rights.mark;
    rights.docChanged(record('plan-0'));
    const first = socket('plan-0', principal('t-1'));
    rights.add(first);
    const settling = rights.settle(first, since);
    // The shared read starts after this turn; a socket asking after it is read on its own.
    await new Promise((r) => setImmediate(r));
    const late = socket('plan-1', principal('t-late'));
    rights.add(late);
    await Promise.all([settling, rights.settle(late, since)]);
    expect(reads.tokens).toBe(2);
    expect(first.closed).toBeNull();
    expect(late.closed?.code).toBe(4401);
  });

  it('does not read when no change came during the admission', async () => {
    const { rights, reads } = harness('none');
    const s = socket('plan-0', principal('t-1'));
    rights.add(s);
    await rights.settle(s, rights.mark);
    expect(reads).toEqual({ tokens: 0, members: 0, records: 0 });
  });
});
