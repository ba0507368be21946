/**
 * One poll round of LiveRights over many sockets: the verdict is decided once per token and
 * document for principals of equal values, each document's record reaches its room once, and a
 * change in storage still closes every socket it concerns.
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
const token = (id: string): TokenRecord => ({ id, hash: id, workspace: WS, memberId: 'm', label: 't', createdAt: '', expiresAt: null, revokedAt: null });
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

function harness(): { rights: LiveRights; tokens: Map<string, TokenRecord>; calls: { reassess: number; recordChanged: string[] } } {
  const tokens = new Map([['shared', token('shared')], ['own-1', token('own-1')], ['own-2', token('own-2')]]);
  const calls = { reassess: 0, recordChanged: [] as string[] };
  const rights = new LiveRights({
    records: {
      listTokens: async () => [...tokens.values()],
      listMembers: async () => [member],
      getDocRecords: async (_ws, docs) => docs.map(record),
    },
    auth: {
      reassess(p: Principal, current: CurrentRights): Reassessment {
        calls.reassess++;
        if (current.token?.revokedAt) return { ok: false, code: 4401, reason: 'Token revoked' };
        return { ok: true, principal: p };
      },
    },
    logger: silentLogger(),
    clock: () => new Date('2026-03-02T09:00:00Z'),
    pollMs: 0,
    evict: async () => undefined,
    recordChanged: (r) => void calls.recordChanged.push(r.doc),
  });
  return { rights, tokens, calls };
}

describe('live rights poll round', () => {
  it('decides once per token and document for equal principals, and hands each record to its room once', async () => {
    const { rights, calls } = harness();
    const shared = principal('shared');
    const sockets = [
      socket('plan-a', shared),
      socket('plan-a', shared),
      socket('plan-b', shared),
      socket('plan-b', shared),
      // Equal values of one token in separate objects (admitted apart) are decided once.
      socket('plan-a', principal('shared')),
      // Other tokens are decided each.
      socket('plan-a', principal('own-1')),
      socket('plan-a', principal('own-2')),
      // The same token with other values (a principal from before a demotion) is decided apart.
      socket('plan-a', { ...principal('shared'), role: 'viewer' }),
    ];
    for (const s of sockets) rights.add(s);
    await rights.recheck();
    expect(calls.reassess).toBe(5);
    expect(calls.recordChanged.sort()).toEqual(['plan-a', 'plan-b']);
    expect(sockets.every((s) => s.closed === null)).toBe(true);
  });

  it('closes every socket of a revoked token, on every document, and no other', async () => {
    const { rights, tokens } = harness();
    const shared = principal('shared');
    const revoked = [socket('plan-a', shared), socket('plan-a', shared), socket('plan-b', shared)];
    const other = socket('plan-a', principal('own-1'));
    for (const s of [...revoked, other]) rights.add(s);
    await rights.recheck();
    tokens.set('shared', { ...token('shared'), revokedAt: '2026-03-02T08:59:00Z' });
    await rights.recheck();
    expect(revoked.map((s) => s.closed?.code)).toEqual([4401, 4401, 4401]);
    expect(other.closed).toBeNull();
    expect(rights.size).toBe(1);
  });
});
