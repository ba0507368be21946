/**
 * A socket whose step 1 arrives while its room loads (every socket of a connect storm on a
 * restarted server) is answered with its step 1, its step-2 answer and the presence of the others
 * in one write of the transport, not one write each.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pino } from 'pino';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { roomDepsOf } from '../../../server/sync/route.js';
import { Registry } from '../../../server/sync/registry.js';
import { admit } from '../../../server/sync/admission.js';
import { Connection, type Transport } from '../../../server/sync/socket.js';
import { encodeSyncStep1, encodeSyncStep2 } from '../../../server/sync/protocol.js';
import { seed, TOKENS, WS } from './seed.js';

/** A transport that records which frames were handed over together. */
class GroupingTransport implements Transport {
  readonly writes: Uint8Array[][] = [];
  private open: Uint8Array[] | null = null;
  send(frame: Uint8Array): void {
    if (this.open) this.open.push(frame);
    else this.writes.push([frame]);
  }
  close(): void {}
  bufferedAmount(): number {
    return 0;
  }
  together(fn: () => void): void {
    const outer = this.open === null;
    this.open ??= [];
    try {
      fn();
    } finally {
      if (outer) {
        if (this.open.length > 0) this.writes.push(this.open);
        this.open = null;
      }
    }
  }
}

describe('a joining socket’s first frames', () => {
  it('are handed to the transport in one write when the step 1 came while the room loaded', async () => {
    const storage = createMemoryStorage();
    await seed(storage);
    const deps = roomDepsOf({ storage, records: storage, auth: syncAuthFor(storage, () => new Date()), checkUpdate, logger: pino({ level: 'silent' }) });
    const registry = new Registry(deps);
    const ref = { workspace: WS, doc: 'plan-a' };
    const source = { resolve: (t: string | undefined) => deps.auth.resolve(t), record: (r: typeof ref) => storage.getDocRecord(r), canRead: deps.auth.canRead.bind(deps.auth) };
    const admission = await admit(ref, TOKENS.coordinator, source);
    if (!admission.ok) throw new Error(admission.reason);
    const transport = new GroupingTransport();
    const connection = new Connection(transport, admission, registry, deps, deps.options);
    // The client's step 1 and its (empty) step 2 arrive before the room has loaded.
    connection.receive(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    connection.receive(encodeSyncStep2(Y.encodeStateAsUpdate(new Y.Doc())));
    await connection.start();
    await new Promise((resolve) => setImmediate(resolve));
    const sent = transport.writes.map((w) => w.map((f) => `${f[0]}.${f[1]}`));
    // One write: the server's step 1 (0.0) and its step-2 answer (0.1) with the plan.
    expect(sent).toEqual([['0.0', '0.1']]);
    const answer = transport.writes[0]?.[1] as Uint8Array;
    expect(answer.byteLength).toBeGreaterThan(100);
    connection.closed();
    await registry.closeAll();
  });
});
