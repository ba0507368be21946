/**
 * Redis fan-out routed by a directory of holders (`server/fanout/directory.ts`): a document's
 * message reaches the other processes holding it and no others, never its sender; a process that
 * starts holding a document later hears what is published from then on; one that unloads it stops
 * hearing it and leaves the directory; one that dies is dropped from the directory by the next
 * message of the document.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { connectRedisFanout } from '../../../server/fanout/redis.js';
import type { FanoutHandlers } from '../../../server/sync/fanout.js';
import { nodeCommand } from '../../support/compiled.js';
import { freePort, servicesMissing, spawnRedis } from '../../support/services.js';
import { useRedis } from '../../support/use-services.js';

const missing = servicesMissing();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const HOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'fanout-holder.ts');
const ref = (doc: string) => ({ workspace: 'hbi-test', doc });

async function eventually(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Handlers that note each update heard, as `doc firstSeq`. */
function recorder(): { heard: string[]; handlers: FanoutHandlers } {
  const heard: string[] = [];
  const none = (): undefined => undefined;
  return {
    heard,
    handlers: { updates: (r, firstSeq) => void heard.push(`${r.doc} ${firstSeq}`), awareness: none, presenceAsked: none, rights: none, resync: none },
  };
}

describe.skipIf(missing !== null)('Redis fan-out routed to the holders of a document', () => {
  const redis = useRedis();

  it('sends a message to the other holders only: the sender\'s connection never reads it back', async () => {
    const channel = `test-${Date.now()}`;
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => connectRedisFanout(redis.url, { channel })));
    const hb = recorder();
    b!.listen(hb.handlers);
    a!.listen(recorder().handlers);
    // Every chunk any socket of this test process reads: a, b and c are all here.
    const emit = vi.spyOn(net.Socket.prototype, 'emit');
    try {
      await a!.watch?.(ref('plan-a'));
      await b!.watch?.(ref('plan-a'));
      await c!.watch?.(ref('plan-c'));
      emit.mockClear();
      const marker = 'routed-once-marker';
      a!.publishUpdates(ref('plan-a'), 9, [new TextEncoder().encode(marker)]);
      await eventually(() => hb.heard.includes('plan-a 9'), 5000, 'b to hear the update');
      await sleep(200);
      const read = (emit.mock.calls as unknown[][])
        .filter(([event, chunk]) => event === 'data' && Buffer.isBuffer(chunk))
        .map(([, chunk]) => (chunk as Buffer).toString('latin1'));
      // One copy read, by b; with a channel per document a's own subscription read a second.
      expect(read.filter((t) => t.includes(marker))).toHaveLength(1);
    } finally {
      emit.mockRestore();
      await Promise.all([a, b, c].map((f) => f!.close()));
    }
  });

  it('a process holding the document later hears what is published from then on; one that unloads it leaves the directory', async () => {
    const channel = `test-${Date.now()}`;
    const admin = new Redis(redis.url);
    const [a, b] = await Promise.all([1, 2].map(() => connectRedisFanout(redis.url, { channel })));
    const hb = recorder();
    b!.listen(hb.handlers);
    const holders = `${channel}:holders:hbi-test:plan-late`;
    try {
      await a!.watch?.(ref('plan-late'));
      a!.publishUpdates(ref('plan-late'), 1, [new Uint8Array([1])]);
      await b!.watch?.(ref('plan-late'));
      expect(await admin.scard(holders)).toBe(2);
      a!.publishUpdates(ref('plan-late'), 2, [new Uint8Array([2])]);
      await eventually(() => hb.heard.includes('plan-late 2'), 5000, 'b to hear the update after it loaded');
      expect(hb.heard).toEqual(['plan-late 2']);
      b!.unwatch?.(ref('plan-late'));
      await eventually(async () => (await admin.scard(holders)) === 1, 5000, 'b to leave the directory');
      a!.publishUpdates(ref('plan-late'), 3, [new Uint8Array([3])]);
      await sleep(300);
      expect(hb.heard).toEqual(['plan-late 2']);
    } finally {
      admin.disconnect();
      await Promise.all([a, b].map((f) => f!.close()));
    }
  });

  it('drops a process that died from the directory at the next message of the document', async () => {
    const channel = `test-${Date.now()}`;
    const admin = new Redis(redis.url);
    const a = await connectRedisFanout(redis.url, { channel });
    const holders = `${channel}:holders:hbi-test:plan-crash`;
    await a.watch?.(ref('plan-crash'));
    const own = await admin.smembers(holders);
    expect(own).toHaveLength(1);
    const [node, holder] = await nodeCommand(HOLDER);
    const child = spawn(node, [...holder, redis.url, channel, 'hbi-test', 'plan-crash'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await eventually(() => out.includes('HOLDING'), 20_000, 'the child process to hold the document');
      a.publishUpdates(ref('plan-crash'), 1, [new Uint8Array([1])]);
      await eventually(() => out.includes('HEARD 1'), 5000, 'the child to hear the update');
      expect(await admin.scard(holders)).toBe(2);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      // Redis notices the closed connection on its own; the next message finds its channel unheard.
      await eventually(async () => {
        a.publishUpdates(ref('plan-crash'), 2, [new Uint8Array([2])]);
        return (await admin.scard(holders)) === 1;
      }, 5000, 'the dead process to leave the directory');
      expect(await admin.smembers(holders)).toEqual(own);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      admin.disconnect();
      await a.close();
    }
  }, 30_000);

  it('routes the same way on a Redis without functions (before 7), through a script run by its digest', async () => {
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-redis-nofn-'));
    // FUNCTION renamed away: the server answers it as an unknown command, as Redis 6 does.
    const old = await spawnRedis(port, dir, ['--rename-command', 'FUNCTION', '""']);
    const url = `redis://127.0.0.1:${port}`;
    const admin = new Redis(url, { lazyConnect: true });
    try {
      await admin.connect();
      await expect(admin.call('FUNCTION', 'LIST')).rejects.toThrow(/unknown command/i);
      const channel = `test-${Date.now()}`;
      const [a, b, c] = await Promise.all([1, 2, 3].map(() => connectRedisFanout(url, { channel })));
      const [ha, hb, hc] = [recorder(), recorder(), recorder()];
      a!.listen(ha.handlers);
      b!.listen(hb.handlers);
      c!.listen(hc.handlers);
      try {
        await a!.watch?.(ref('plan-old'));
        await b!.watch?.(ref('plan-old'));
        a!.publishUpdates(ref('plan-old'), 4, [new Uint8Array([4])]);
        await eventually(() => hb.heard.includes('plan-old 4'), 5000, 'b to hear the update');
        await sleep(200);
        expect([ha.heard, hc.heard]).toEqual([[], []]);
        expect(await admin.scard(`${channel}:holders:hbi-test:plan-old`)).toBe(2);
      } finally {
        await Promise.all([a, b, c].map((f) => f!.close()));
      }
    } finally {
      admin.disconnect();
      const exited = new Promise((r) => old.once('exit', r));
      old.kill('SIGKILL');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
