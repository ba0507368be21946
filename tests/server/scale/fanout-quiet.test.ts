/**
 * Redis fan-out publishing without replies (`server/fanout/quiet-publisher.ts`): the publishing
 * process reads nothing back for a document's message (no reply to read, so no wakeup for one);
 * the message still reaches the other holder, in order. When that connection is dropped, the
 * messages go on through the connection with replies until it is set up again; a Redis that
 * refuses `CLIENT REPLY` gets them with replies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectRedisFanout } from '../../../server/fanout/redis.js';
import { encodeCommand, QUIET_CONNECTION_NAME } from '../../../server/fanout/quiet-publisher.js';
import type { FanoutHandlers } from '../../../server/sync/fanout.js';
import { nodeCommand } from '../../support/compiled.js';
import { freePort, servicesMissing, spawnRedis } from '../../support/services.js';
import { useRedis } from '../../support/use-services.js';

const missing = servicesMissing();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const HOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'fanout-holder.ts');
const ref = (doc: string) => ({ workspace: 'hbi-test', doc });
const one = (b: number) => [new Uint8Array([b])];

async function eventually(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** The `HEARD <firstSeq>` lines of a holder's output, as numbers. */
const heardBy = (out: string): number[] => [...out.matchAll(/^HEARD (\d+)$/gm)].map((m) => Number(m[1]));

describe('RESP encoding of the messages written without replies', () => {
  it('is an array of bulk strings, lengths in bytes', () => {
    const text = encodeCommand(['FCALL', 'samplan_publish', '1', 'k', 'ä', Buffer.from([0, 13, 10])]);
    expect(text.toString('latin1')).toBe('*6\r\n$5\r\nFCALL\r\n$15\r\nsamplan_publish\r\n$1\r\n1\r\n$1\r\nk\r\n$2\r\n\xc3\xa4\r\n$3\r\n\x00\r\n\r\n');
  });
});

describe.skipIf(missing !== null)('Redis fan-out publishing without replies', () => {
  const redis = useRedis();
  const channel = `test-${Date.now()}`;
  let child: ChildProcess;
  let out = '';

  beforeAll(async () => {
    // The other holder in a process of its own, so that every socket read in this process is the publisher's.
    const [node, holder] = await nodeCommand(HOLDER);
    child = spawn(node, [...holder, redis.url, channel, 'hbi-test', 'plan-quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    await eventually(() => out.includes('HOLDING'), 20_000, 'the holder process to hold the document');
  }, 30_000);
  /** The chunks the sockets of this process read while `emit` spied, the holder's output left out. */
  const readsOf = (emit: { mock: { calls: unknown[][]; contexts: unknown[] } }): string[] =>
    emit.mock.calls
      .filter(([event, chunk], i) => event === 'data' && Buffer.isBuffer(chunk) && emit.mock.contexts[i] !== child.stdout)
      .map(([, chunk]) => (chunk as Buffer).toString('latin1'));
  afterAll(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  });

  it('reads nothing back for a document’s messages, which still reach the other holder in order', async () => {
    const a = await connectRedisFanout(redis.url, { channel });
    a.listen({ updates: () => undefined, awareness: () => undefined, presenceAsked: () => undefined, rights: () => undefined, resync: () => undefined });
    const emit = vi.spyOn(net.Socket.prototype, 'emit');
    try {
      await a.watch?.(ref('plan-quiet'));
      await sleep(100);
      emit.mockClear();
      const before = heardBy(out).length;
      for (let seq = 1; seq <= 20; seq++) {
        a.publishUpdates(ref('plan-quiet'), seq, one(seq));
        await sleep(5);
      }
      await eventually(() => heardBy(out).length >= before + 20, 5000, 'the holder to hear all 20 updates');
      await sleep(200);
      expect(heardBy(out).slice(before)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // With replies, one reply (the number of holders reached) was read per message.
      expect(readsOf(emit)).toEqual([]);
    } finally {
      emit.mockRestore();
      await a.close();
    }
  });

  it('goes on with replies while its connection without replies is dropped, and without them once it is back', async () => {
    const admin = new Redis(redis.url);
    const a = await connectRedisFanout(redis.url, { channel });
    a.listen({ updates: () => undefined, awareness: () => undefined, presenceAsked: () => undefined, rights: () => undefined, resync: () => undefined });
    const quietIds = async (): Promise<string[]> =>
      String(await admin.call('CLIENT', 'LIST'))
        .split('\n')
        .filter((line) => line.includes(` name=${QUIET_CONNECTION_NAME} `))
        .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1] ?? '');
    const emit = vi.spyOn(net.Socket.prototype, 'emit');
    try {
      await a.watch?.(ref('plan-quiet'));
      const [id] = await quietIds();
      expect(id).toBeTruthy();
      const before = heardBy(out).length;
      await admin.call('CLIENT', 'KILL', 'ID', id as string);
      await sleep(50); // the close reaches the publisher (a message written into a closing socket is lost, as with replies)
      for (let seq = 101; seq <= 105; seq++) {
        a.publishUpdates(ref('plan-quiet'), seq, one(seq));
        await sleep(5);
      }
      await eventually(() => heardBy(out).length >= before + 5, 5000, 'the holder to hear the updates sent meanwhile');
      expect(heardBy(out).slice(before)).toEqual([101, 102, 103, 104, 105]);
      await eventually(async () => (await quietIds()).some((other) => other !== id), 10_000, 'the connection without replies to be back');
      await sleep(200);
      emit.mockClear();
      a.publishUpdates(ref('plan-quiet'), 106, one(106));
      await eventually(() => heardBy(out).includes(106), 5000, 'the holder to hear the update after the reconnect');
      await sleep(200);
      expect(readsOf(emit)).toEqual([]);
    } finally {
      emit.mockRestore();
      admin.disconnect();
      await a.close();
    }
  }, 30_000);

  it('publishes with replies on a Redis that refuses CLIENT REPLY', async () => {
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-redis-noclient-'));
    const old = await spawnRedis(port, dir, ['--rename-command', 'CLIENT', '""']);
    const url = `redis://127.0.0.1:${port}`;
    try {
      const [a, b] = await Promise.all([1, 2].map(() => connectRedisFanout(url, { channel })));
      const heard: number[] = [];
      const none = (): undefined => undefined;
      const handlers: FanoutHandlers = { updates: (_r, firstSeq) => void heard.push(firstSeq), awareness: none, presenceAsked: none, rights: none, resync: none };
      b!.listen(handlers);
      try {
        await a!.watch?.(ref('plan-old'));
        await b!.watch?.(ref('plan-old'));
        for (const seq of [1, 2, 3]) a!.publishUpdates(ref('plan-old'), seq, one(seq));
        await eventually(() => heard.length === 3, 5000, 'b to hear the updates');
        expect(heard).toEqual([1, 2, 3]);
      } finally {
        await Promise.all([a, b].map((f) => f!.close()));
      }
    } finally {
      const exited = new Promise((r) => old.once('exit', r));
      old.kill('SIGKILL');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
