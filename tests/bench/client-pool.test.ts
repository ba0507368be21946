import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as sync from 'y-protocols/sync';
import type { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_PROC_SCRIPT, ClientPool, monoMs, runStorm, slices } from '../../bench/support/client-pool.js';
import { SyncClient } from '../../bench/support/sync-client.js';
import type { ClientSpec } from '../../bench/support/storm-clients.js';
import { nodeCommand } from '../support/compiled.js';
import { listenedServer } from '../support/listened-server.js';

/**
 * A y-websocket server in this process (the stock protocol: step 1 on connect, step 2 for a step
 * 1, updates applied and passed on), its documents holding `plan`; `mute` names documents it
 * never answers. Counts the sockets open.
 */
async function syncServer(plan: Uint8Array, mute: ReadonlySet<string>) {
  const docs = new Map<string, { doc: Y.Doc; conns: Set<WebSocket> }>();
  const open = new Set<WebSocket>();
  const { wss } = listenedServer({ port: 0, host: '127.0.0.1' }, (ws, req) => {
    open.add(ws);
    ws.on('close', () => open.delete(ws));
    const name = (req.url ?? '/').slice(1);
    if (mute.has(name)) return;
    let entry = docs.get(name);
    if (!entry) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, plan);
      const conns = new Set<WebSocket>();
      // An update is passed on to every other socket of the document, as the stock server does.
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 0);
        sync.writeUpdate(e, update);
        for (const c of conns) if (c !== origin) c.send(encoding.toUint8Array(e));
      });
      entry = { doc, conns };
      docs.set(name, entry);
    }
    const { doc: d, conns } = entry;
    conns.add(ws);
    ws.on('close', () => conns.delete(ws));
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      sync.readSyncMessage(decoder, encoder, d, ws);
      if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
    });
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  return {
    url: (doc: string) => `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/${doc}`,
    open,
    close: () => new Promise<void>((r) => wss.close(() => r())),
  };
}

describe('connect storms over several bench client processes', () => {
  const planDoc = new Y.Doc();
  planDoc.getArray<string>('rows').push(Array.from({ length: 40 }, (_, i) => `Promenadgrupp ${i}`));
  const plan = Y.encodeStateAsUpdate(planDoc);
  const stateVector = Y.encodeStateVector(planDoc);
  let server: Awaited<ReturnType<typeof syncServer>>;
  let specs: ClientSpec[];
  let pool: ClientPool;
  beforeAll(async () => {
    server = await syncServer(plan, new Set(['tyst']));
    specs = Array.from({ length: 24 }, (_, i) => ({ kind: 'y-websocket-server', url: server.url(`plan-${i % 6}`), doc: `plan-${i % 6}` }));
    // The client processes compiled once per run, not each under tsx (`compiled.ts`).
    const [, args] = await nodeCommand(CLIENT_PROC_SCRIPT);
    pool = await ClientPool.start(2, { script: args.at(-1) as string, execArgv: args.slice(0, -1) });
  }, 30_000);
  afterAll(async () => {
    await pool?.close();
    await server?.close();
  });

  it('deals the clients round robin, each to one process', () => {
    const dealt = slices(specs, 3);
    expect(dealt.map((s) => s.length)).toEqual([8, 8, 8]);
    expect(dealt.flat().sort((a, b) => a.url.localeCompare(b.url))).toEqual([...specs].sort((a, b) => a.url.localeCompare(b.url)));
    expect(slices([1, 2, 3, 4, 5], 3)).toEqual([[1, 4], [2, 5], [3]]);
  });

  it('is done once every client holds the plan, counting the client processes’ CPU and the bytes read as in the bench process', async () => {
    const own = process.cpuUsage();
    const spread = await runStorm(pool, specs, { holding: stateVector }, 20_000, 'not done');
    const ownCpuMs = (process.cpuUsage(own).user + process.cpuUsage(own).system) / 1000;
    expect(server.open.size).toBe(24);
    expect(spread.ms).toBeGreaterThan(0);
    // 24 clients applying a plan each cost their processes CPU; the bench process only waited.
    expect(spread.clientCpuMs).toBeGreaterThan(0);
    expect(spread.clientCpuMs).not.toBeCloseTo(ownCpuMs, 3);
    await spread.close();
    await expect.poll(() => server.open.size, { timeout: 5000 }).toBe(0);

    const here = await runStorm(null, specs, { holding: stateVector }, 20_000, 'not done');
    // The same frames reach a client wherever it runs: the upgrade answer and the plan.
    expect(spread.bytesPerClient).toBe(here.bytesPerClient);
    expect(here.bytesPerClient).toBeGreaterThan(plan.byteLength);
    await here.close();
    await expect.poll(() => server.open.size, { timeout: 5000 }).toBe(0);
  }, 30_000);

  it('refuses a storm whose clients are not done in time, in words, and leaves no client open', async () => {
    const late = [...specs.slice(0, 5), { kind: 'y-websocket-server' as const, url: server.url('tyst'), doc: 'tyst' }];
    await expect(runStorm(pool, late, { synced: true }, 1500, 'storm on tyst not synced')).rejects.toThrow(/^storm on tyst not synced \(.*within 1\.5 s/);
    await expect.poll(() => server.open.size, { timeout: 5000 }).toBe(0);
    // The pool still serves the next storm.
    const next = await runStorm(pool, specs.slice(0, 6), { synced: true }, 20_000, 'not synced');
    expect(server.open.size).toBe(6);
    await next.close();
  }, 30_000);

  it("reports each key a fan-out's reader receives once per reader, timed on the machine's monotonic clock", async () => {
    const readerSpecs = specs.filter((c) => c.doc === 'plan-1');
    const readers = await runStorm(pool, readerSpecs, { synced: true }, 20_000, 'readers not synced', 'k-');
    const got: { key: string; at: number }[] = [];
    pool.onDelivered(readers.id, (keys, at) => keys.forEach((key, i) => got.push({ key, at: at[i] as number })));
    const writer = new SyncClient(server.url('plan-1'));
    await writer.synced;
    const before = monoMs();
    writer.write((doc) => doc.getMap('cells').set('a', 'k-17'));
    await expect.poll(() => got.length, { timeout: 10_000 }).toBe(readerSpecs.length);
    const after = monoMs();
    // The same key again, and a key of another tag: neither is reported again.
    writer.write((doc) => doc.getMap('cells').set('b', 'k-17'));
    writer.write((doc) => doc.getMap('cells').set('c', 'x-18'));
    writer.write((doc) => doc.getMap('cells').set('d', 'k-19'));
    await expect.poll(() => got.length, { timeout: 10_000 }).toBe(2 * readerSpecs.length);
    expect(got.slice(0, readerSpecs.length).every((g) => g.key === 'k-17' && g.at >= before && g.at <= after)).toBe(true);
    expect(got.slice(readerSpecs.length).map((g) => g.key)).toEqual(readerSpecs.map(() => 'k-19'));
    // The readers' processes spent CPU, summed over both.
    expect(await pool.cpuUs()).toBeGreaterThan(0);
    writer.close();
    await readers.close();
    await expect.poll(() => server.open.size, { timeout: 5000 }).toBe(0);
  }, 30_000);
});
