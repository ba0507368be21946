/**
 * A socket closed while its rights were read again after admission (`LiveRights.settle` refusing a
 * member another process removed, or the client leaving) ends `Connection.start` quietly: the close
 * already released the room's lease. `route.ts` starts a connection with `void connection.start()`,
 * so a rejection there is an unhandled rejection, which ends a Node process by default.
 */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { roomDepsOf } from '../../../server/sync/route.js';
import { Registry } from '../../../server/sync/registry.js';
import { admit } from '../../../server/sync/admission.js';
import { Connection, type Transport } from '../../../server/sync/socket.js';
import { seed, TOKENS, WS } from './seed.js';

const quiet: Transport = { send: () => undefined, close: () => undefined, bufferedAmount: () => 0 };

async function setUp() {
  const storage = createMemoryStorage();
  await seed(storage);
  const deps = roomDepsOf({ storage, records: storage, auth: syncAuthFor(storage, () => new Date()), checkUpdate, logger: pino({ level: 'silent' }) });
  const registry = new Registry(deps);
  const ref = { workspace: WS, doc: 'plan-a' };
  const source = { resolve: (t: string | undefined) => deps.auth.resolve(t), record: (r: typeof ref) => storage.getDocRecord(r), canRead: deps.auth.canRead.bind(deps.auth) };
  const admission = await admit(ref, TOKENS.coordinator, source);
  if (!admission.ok) throw new Error(admission.reason);
  // Admitted while a rights change was under way: start() reads the rights again (settle).
  admission.since = -1;
  let settled: () => void = () => undefined;
  registry.live.settle = () => new Promise<void>((resolve) => (settled = resolve));
  const connection = new Connection(quiet, admission, registry, deps, deps.options);
  const holders = (): number | undefined => (registry as unknown as { rooms: Map<string, { holders: number }> }).rooms.values().next().value?.holders;
  return { registry, connection, holders, settle: () => settled() };
}

describe('a socket closed while start() waits', () => {
  it('resolves and leaves no lease when the socket closed after its room loaded, during the rights read', async () => {
    const { registry, connection, holders, settle } = await setUp();
    const started = connection.start();
    await expect.poll(() => holders()).toBe(1);
    connection.closed();
    settle();
    await expect(started).resolves.toBeUndefined();
    expect(holders()).toBe(0);
    await registry.closeAll();
  });

  it('resolves and releases the lease when the socket closed before its room loaded', async () => {
    const { registry, connection, holders, settle } = await setUp();
    const started = connection.start();
    connection.closed();
    settle();
    await expect(started).resolves.toBeUndefined();
    expect(holders()).toBe(0);
    await registry.closeAll();
  });
});
