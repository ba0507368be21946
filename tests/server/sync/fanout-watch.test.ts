/**
 * A fan-out that delivers a document's messages only once asked (`Fanout.watch`, Redis channels
 * per document): an update another process committed after the room's load read storage but
 * before the subscription was in place reaches the clients as soon as the subscription is, not at
 * the next storage poll (a minute away here); presence is asked for only then, so the answers can
 * arrive; and the subscription ends when the room unloads.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncClient } from '../../../bench/support/sync-client.js';
import type { DocRef } from '../../../server/storage/storage.js';
import type { Fanout } from '../../../server/sync/fanout.js';
import { insertRow } from '../../../shared/doc/index.js';
import { closedAfterEach, eventually, startTestServer, TOKENS, WS } from './support.js';

/** The test's server and clients, closed after each test. */
const t = closedAfterEach<SyncClient>((c) => c.close());

/** A fan-out whose subscriptions come into place when the test says, recording what it is asked. */
function gatedFanout() {
  const log: string[] = [];
  const pending = new Map<string, () => void>();
  const fanout: Fanout = {
    publishUpdates: () => undefined,
    publishAwareness: () => undefined,
    askPresence: (ref) => void log.push(`ask ${ref.doc}`),
    publishRights: () => Promise.resolve(null),
    connected: () => true,
    listen: () => undefined,
    close: async () => undefined,
    watch: (ref: DocRef) => {
      log.push(`watch ${ref.doc}`);
      return new Promise<void>((resolve) => pending.set(ref.doc, resolve));
    },
    unwatch: (ref: DocRef) => void log.push(`unwatch ${ref.doc}`),
  };
  return { fanout, log, subscribed: (doc: string) => pending.get(doc)?.() };
}

const rowsOf = (c: SyncClient): string[] => [...c.doc.getMap('rows').keys()];

describe('a room subscribing to the other processes', () => {
  it('reads what was committed before its subscription came into place, asks for presence then, and unsubscribes when it unloads', async () => {
    const { fanout, log, subscribed } = gatedFanout();
    t.server = await startTestServer({ foreignPollMs: 60_000, graceMs: 20 }, { fanout });
    const client = new SyncClient(`${t.server.base}/plan-a?token=${TOKENS.viewer}`);
    t.clients.push(client);
    await client.synced;
    // Another process commits a row after this room's load read storage; its message went nowhere.
    const doc = new Y.Doc();
    insertRow(doc, { title: 'before the subscription' }, { id: 'early-row' });
    await t.server.storage.appendUpdates({ workspace: WS, doc: 'plan-a' }, [{ update: Y.encodeStateAsUpdate(doc), memberId: 'm-a' }]);
    await new Promise((r) => setTimeout(r, 200));
    expect(rowsOf(client)).not.toContain('early-row');
    expect(log).toEqual(['watch plan-a']);
    subscribed('plan-a');
    await eventually(() => rowsOf(client).includes('early-row'), 2000, 'the early row once subscribed');
    expect(log).toEqual(['watch plan-a', 'ask plan-a']);
    client.close();
    await eventually(() => log.includes('unwatch plan-a'), 2000, 'the room to unsubscribe as it unloads');
  });
});
