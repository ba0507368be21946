/**
 * The presence other processes relay, as one process keeps it (`Presence.receiveRemote`): passed on
 * stamped with this process's clock, shown to peers that join later, forgotten on removal or when
 * not renewed, and never taken for a client id a local peer holds.
 */
import { describe, expect, it } from 'vitest';
import { Presence } from '../../../server/sync/presence.js';
import { decodeAwarenessUpdate, decodeMessage, encodeAwareness, encodeAwarenessUpdate, type AwarenessEntry } from '../../../server/sync/protocol.js';

const frame = (entries: AwarenessEntry[]): Uint8Array => encodeAwareness(encodeAwarenessUpdate(entries));
const entriesOf = (f: Uint8Array | null): AwarenessEntry[] => {
  const m = f ? decodeMessage(f) : null;
  return m?.type === 'awareness' ? (decodeAwarenessUpdate(m.update) ?? []) : [];
};
const state = (name: string, memberId: string): string => JSON.stringify({ user: { name, role: 'editor', memberId } });

function setup() {
  let now = 1_000_000;
  const peers = new Map<string, Set<number>>();
  const presence = new Presence<string>(peers, {
    docId: 'plan-a',
    maxStateBytes: 4096,
    maxClientIds: 4,
    outdatedMs: 30_000,
    relay: () => undefined,
    send: () => undefined,
    dropped: () => undefined,
    now: () => now,
  });
  return { presence, peers, advance: (ms: number) => (now += ms) };
}

describe('presence relayed by other processes', () => {
  it('is passed on with this process’s stamps and shown to a peer that joins later', () => {
    const { presence, peers } = setup();
    const passed = entriesOf(presence.receiveRemote(frame([{ clientId: 7, clock: 5, json: state('Anna', 'm-a') }])));
    expect(passed.map((e) => [e.clientId, e.json])).toEqual([[7, state('Anna', 'm-a')]]);
    expect(passed[0]?.clock).toBeGreaterThanOrEqual(1_000_000 * 1000);
    peers.set('late', new Set());
    const joined = presence.joined('late', 'm-v');
    expect(joined.count).toBe(1);
    expect(entriesOf(joined.frame).map((e) => e.clientId)).toEqual([7]);
    // The member's own other clients are held back at join, as for local ones.
    peers.set('same', new Set());
    expect(presence.joined('same', 'm-a').count).toBe(0);
  });

  it('forgets a state on its removal and when it is not renewed within 30 s, and passes removals on', () => {
    const { presence, peers, advance } = setup();
    presence.receiveRemote(frame([{ clientId: 7, clock: 5, json: state('Anna', 'm-a') }, { clientId: 8, clock: 1, json: state('Bo', 'm-b') }]));
    const removal = entriesOf(presence.receiveRemote(frame([{ clientId: 7, clock: 6, json: 'null' }])));
    expect(removal.map((e) => [e.clientId, e.json])).toEqual([[7, 'null']]);
    peers.set('p', new Set());
    expect(entriesOf(presence.snapshot('p').frame).map((e) => e.clientId)).toEqual([8]);
    advance(30_001);
    expect(presence.snapshot('p').count).toBe(0);
  });

  it('never takes a client id a peer of this process holds', () => {
    const { presence, peers } = setup();
    peers.set('local', new Set());
    presence.receive('local', { memberId: 'm-a', name: 'Anna', role: 'editor' }, [{ clientId: 7, clock: 1, json: JSON.stringify({ user: { name: 'x' } }) }]);
    expect(presence.receiveRemote(frame([{ clientId: 7, clock: 9, json: state('Someone else', 'm-x') }]))).toBeNull();
    expect(presence.stateOf(7)).toContain('Anna');
    expect(presence.receiveRemote(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});
