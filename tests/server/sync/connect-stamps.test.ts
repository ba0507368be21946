/**
 * The audit records of a connect storm are stamped without a `Date` per socket (`AuditBatch.stamp`,
 * `iso-time.ts`): every socket writes a connect and a disconnect record, and each record's time was
 * a `new Date().toISOString()` of its own, run in C++ through ICU's local-offset lookup.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { roomDepsOf } from '../../../server/sync/route.js';
import { Registry } from '../../../server/sync/registry.js';
import { admit } from '../../../server/sync/admission.js';
import { Connection, type Transport } from '../../../server/sync/socket.js';
import { encodeSyncStep1 } from '../../../server/sync/protocol.js';
import { seed, TOKENS, WS } from './seed.js';

class Quiet implements Transport {
  send(): void {}
  close(): void {}
  bufferedAmount(): number {
    return 0;
  }
}

const SOCKETS = 200;
const ref = { workspace: WS, doc: 'plan-a' };
const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

afterEach(() => vi.restoreAllMocks());

describe('a connect storm stamps its audit records', () => {
  it('with a few toISOString calls for 200 sockets connecting and leaving, each record at its own time', async () => {
    const storage = createMemoryStorage();
    await seed(storage);
    const deps = roomDepsOf({ storage, records: storage, auth: syncAuthFor(storage, () => new Date()), checkUpdate, logger: pino({ level: 'silent' }) });
    const registry = new Registry(deps);
    const source = { resolve: (t: string | undefined) => deps.auth.resolve(t), record: (r: typeof ref) => storage.getDocRecord(r), canRead: deps.auth.canRead.bind(deps.auth) };
    const admissions = await Promise.all(Array.from({ length: SOCKETS }, () => admit(ref, TOKENS.coordinator, source)));
    const before = Date.now();
    const toIso = vi.spyOn(Date.prototype, 'toISOString');
    const connections = admissions.map((admission) => {
      if (!admission.ok) throw new Error(admission.reason);
      const connection = new Connection(new Quiet(), admission, registry, deps, deps.options);
      connection.receive(encodeSyncStep1(new Uint8Array([0])));
      return connection;
    });
    await Promise.all(connections.map((c) => c.start()));
    await turns(5);
    for (const connection of connections) connection.close(1000, 'bye');
    const calls = toIso.mock.calls.length;
    toIso.mockRestore();
    await registry.closeAll();
    const after = Date.now();

    const records = (await storage.listAudit(WS, 10 * SOCKETS)).filter((r) => r.doc === ref.doc);
    expect(records.filter((r) => r.action === 'connect')).toHaveLength(SOCKETS);
    expect(records.filter((r) => r.action === 'disconnect')).toHaveLength(SOCKETS);
    for (const { at } of records) {
      expect(new Date(at).toISOString()).toBe(at);
      expect(Date.parse(at)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(at)).toBeLessThanOrEqual(after);
    }
    // One per second the storm lasts (a loaded machine may take a few), where it was one per record.
    expect(calls).toBeLessThan(SOCKETS / 10);
  });
});
