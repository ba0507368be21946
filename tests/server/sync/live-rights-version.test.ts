/**
 * The rights poll on a store with a rights version (PostgreSQL): a round reads tokens, members and
 * records only when the version moved since the last complete round, and then decides every open
 * socket as before; a version that cannot be read falls back to reading the rights.
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

function harness(version: () => Promise<number>) {
  const stored = { token: token(null) };
  const reads: string[] = [];
  const closed: number[] = [];
  const live = new LiveRights({
    records: {
      listTokens: async () => (reads.push('tokens'), [stored.token]),
      listMembers: async () => (reads.push('members'), [member]),
      getDocRecords: async () => (reads.push('docs'), [record]),
    },
    auth: {
      reassess: (principal, rights) =>
        rights.token?.revokedAt ? { ok: false, code: 4401, reason: 'revoked' } : { ok: true, principal },
    },
    logger: pino({ level: 'silent' }),
    clock: () => new Date(),
    pollMs: 0,
    evict: async () => undefined,
    version,
  });
  const principal = { tokenId: 't1', memberId: 'nina', workspace: WS, role: 'editor', units: ['vc-husby'], expiresAt: null } as unknown as Principal;
  const socket: LiveSocket = { ref: { workspace: WS, doc: 'plan' }, record, principal, setPrincipal: () => undefined, close: (code) => void closed.push(code) };
  live.add(socket);
  return { live, stored, reads, closed };
}

describe('rights poll with a rights version', () => {
  it('reads the rights only when the version moved, and closes a revoked token’s socket then', async () => {
    let v = 7;
    const { live, stored, reads, closed } = harness(async () => v);
    await live.recheck();
    expect(reads.sort()).toEqual(['docs', 'members', 'tokens']);
    reads.length = 0;
    await live.recheck();
    await live.recheck();
    expect(reads).toEqual([]);
    stored.token = token(at);
    v = 8;
    await live.recheck();
    expect(reads.sort()).toEqual(['docs', 'members', 'tokens']);
    expect(closed).toEqual([4401]);
    live.stop();
  });

  // Admission's cache empties at every move of the generation; the first version is no change.
  it('learns the first version without moving the generation, and moves it when the version moves', async () => {
    let v = 7;
    const { live } = harness(async () => v);
    const [generation, mark] = [live.generation, live.mark];
    await live.recheck();
    expect(live.generation, 'the first round').toBe(generation);
    expect(live.mark, "the first round, for a socket's settling").toBe(mark + 1);
    v = 8;
    await live.recheck();
    expect(live.generation, 'a round after the version moved').toBe(generation + 1);
    expect(live.mark).toBe(mark + 2);
    live.stop();
  });

  it('reads the rights when the version cannot be read', async () => {
    const { live, reads } = harness(async () => {
      throw new Error('connection terminated');
    });
    await live.recheck();
    await live.recheck();
    expect(reads.filter((r) => r === 'tokens')).toHaveLength(2);
    live.stop();
  });
});
