/**
 * Redis fan-out on channels per document: a process hears the updates, presence and asks of the
 * documents it has loaded (`watch`) and no others, and every process hears rights changes. After
 * a Redis restart the watched documents are heard again and the unwatched ones stay quiet.
 */
import { describe, expect, it } from 'vitest';
import { connectRedisFanout } from '../../../server/fanout/redis.js';
import type { Fanout, FanoutHandlers } from '../../../server/sync/fanout.js';
import { servicesMissing } from '../../support/services.js';
import { useRedis } from '../../support/use-services.js';

const missing = servicesMissing();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function eventually(check: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const ref = (doc: string) => ({ workspace: 'hbi-test', doc });

/** Handlers that note what arrives, as `kind doc`, in order. */
function recorder(): { heard: string[]; handlers: FanoutHandlers } {
  const heard: string[] = [];
  return {
    heard,
    handlers: {
      updates: (r, firstSeq) => void heard.push(`updates ${r.doc} ${firstSeq}`),
      awareness: (r) => void heard.push(`awareness ${r.doc}`),
      presenceAsked: (r) => void heard.push(`ask ${r.doc}`),
      rights: (change) => void heard.push(`rights ${change.hook}`),
      resync: () => void heard.push('resync'),
    },
  };
}

/** `from` publishes to plan-a, plan-b and plan-c, then a rights change; resolves once `heard` has the rights change. */
async function publishAll(from: Fanout, heard: string[], seq: number): Promise<void> {
  for (const doc of ['plan-a', 'plan-b', 'plan-c']) {
    from.publishUpdates(ref(doc), seq, [new Uint8Array([seq])]);
    from.publishAwareness(ref(doc), new Uint8Array([1]));
    from.askPresence(ref(doc));
  }
  from.publishRights({ hook: 'tokenRevoked', tokenId: `t${seq}` });
  // One publisher's messages arrive in order: once the rights change is here, so is all before it.
  await eventually(() => heard.includes(`rights tokenRevoked`), 5000, 'the rights change');
}

describe.skipIf(missing !== null)('Redis fan-out by document', () => {
  const redis = useRedis();

  it('delivers a document\'s messages only to the processes that watch it, and rights changes to all', async () => {
    const channel = `test-${Date.now()}`;
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => connectRedisFanout(redis.url, { channel })));
    const [hb, hc] = [recorder(), recorder()];
    b!.listen(hb.handlers);
    c!.listen(hc.handlers);
    try {
      await b!.watch?.(ref('plan-a'));
      await publishAll(a!, hb.heard, 4);
      await eventually(() => hc.heard.includes('rights tokenRevoked'), 5000, 'the rights change at c');
      expect(hb.heard).toEqual(['updates plan-a 4', 'awareness plan-a', 'ask plan-a', 'rights tokenRevoked']);
      expect(hc.heard).toEqual(['rights tokenRevoked']);
    } finally {
      await Promise.all([a, b, c].map((f) => f!.close()));
    }
  });

  it('stops delivering a document once unwatched, and after Redis restarts delivers the watched ones again', async () => {
    const channel = `test-${Date.now()}`;
    const [a, b] = await Promise.all([1, 2].map(() => connectRedisFanout(redis.url, { channel })));
    const hb = recorder();
    b!.listen(hb.handlers);
    try {
      await b!.watch?.(ref('plan-a'));
      await b!.watch?.(ref('plan-b'));
      b!.unwatch?.(ref('plan-b'));
      await publishAll(a!, hb.heard, 1);
      expect(hb.heard.filter((m) => m.includes('plan-b'))).toEqual([]);
      await redis.stop();
      await redis.start();
      await eventually(() => a!.connected() && b!.connected() && hb.heard.includes('resync'), 10_000, 'both back after the restart');
      hb.heard.length = 0;
      await publishAll(a!, hb.heard, 7);
      expect(hb.heard).toEqual(['updates plan-a 7', 'awareness plan-a', 'ask plan-a', 'rights tokenRevoked']);
    } finally {
      await Promise.all([a, b].map((f) => f!.close()));
    }
  }, 30_000);
});
