import { afterEach, describe, expect, it } from 'vitest';
import { setCell, rowsOf } from '../../../shared/doc/index.js';
import { changedDocs, createRoundDataFeed } from '../../../server/http/round-data-feed.js';
import { registryDocAccess } from '../../../server/http/doc-access.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feedLooks } from './feed-looks.js';
import { makeFixture, WS, type Fixture } from './support.js';

let f: Fixture | null = null;
afterEach(async () => {
  await f?.close();
  f = null;
});

describe('changedDocs', () => {
  it('names the documents written, created and deleted, and no other', () => {
    const before = new Map([
      ['a', '2026-01-01T10:00:00.000Z'],
      ['b', '2026-01-01T10:00:00.000Z'],
      ['gone', '2026-01-01T10:00:00.000Z'],
    ]);
    const after = new Map([
      ['a', '2026-01-01T10:00:00.000Z'],
      ['b', '2026-01-01T10:00:01.000Z'],
      ['new', '2026-01-01T10:00:01.000Z'],
    ]);
    expect(changedDocs(before, after)).toEqual(['b', 'gone', 'new']);
    expect(changedDocs(after, after)).toEqual([]);
  });
});

describe('createRoundDataFeed', () => {
  it('tells a listener which round documents were written, not other kinds', async () => {
    const now = { value: new Date('2026-01-15T10:00:00Z') };
    const storage = createMemoryStorage({ clock: () => now.value });
    await storage.putWorkspace({ id: WS, name: 'T', createdAt: now.value.toISOString() });
    const put = (doc: string, kind: string) =>
      storage.putDocRecord({ workspace: WS, doc, kind, title: doc, ownerUnit: 'region', createdAt: now.value.toISOString(), updatedAt: now.value.toISOString() });
    await put('varden', 'indicator-values');
    await put('partners', 'partners');
    const feed = createRoundDataFeed(storage, { pollMs: 60_000 });
    const heard: string[][] = [];
    const stop = feed.subscribe(WS, (docs) => heard.push(docs));
    await feed.check(WS);
    now.value = new Date('2026-01-15T10:00:05Z');
    await storage.appendUpdates({ workspace: WS, doc: 'partners' }, [{ update: new Uint8Array([0, 0]), memberId: null }]);
    await feed.check(WS);
    expect(heard).toEqual([]);
    await storage.appendUpdates({ workspace: WS, doc: 'varden' }, [{ update: new Uint8Array([0, 0]), memberId: null }]);
    await feed.check(WS);
    expect(heard).toEqual([['varden']]);
    stop();
    feed.close();
    await storage.close();
  });
});

describe('createRoundDataFeed and archiving', () => {
  it('tells a listener when a round document is archived or restored, though no row changed', async () => {
    const now = { value: new Date('2026-01-15T10:00:00Z') };
    const storage = createMemoryStorage({ clock: () => now.value });
    await storage.putWorkspace({ id: WS, name: 'T', createdAt: now.value.toISOString() });
    const record = { workspace: WS, doc: 'varden', kind: 'indicator-values', title: 'V', ownerUnit: 'region', createdAt: now.value.toISOString(), updatedAt: now.value.toISOString() };
    await storage.putDocRecord(record);
    const feed = createRoundDataFeed(storage, { pollMs: 60_000 });
    const heard: string[][] = [];
    const stop = feed.subscribe(WS, (docs) => heard.push(docs));
    await feed.check(WS);
    // As the archive route stores it: archivedAt set, updatedAt as it was.
    await storage.putDocRecord({ ...record, archivedAt: '2026-01-15T10:00:01.000Z', archivedBy: 'Ada' });
    await feed.check(WS);
    await storage.putDocRecord({ ...record, archivedAt: null, archivedBy: null });
    await feed.check(WS);
    expect(heard).toEqual([['varden'], ['varden']]);
    stop();
    feed.close();
    await storage.close();
  });
});

describe('createRoundDataFeed on SQLite', () => {
  it('hears every write, also a second one within the minute SQLite keeps updatedAt for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samplan-feed-'));
    const storage = openSqliteStorage(join(dir, 'feed.db'));
    try {
      const at = new Date().toISOString();
      await storage.putWorkspace({ id: WS, name: 'T', createdAt: at });
      await storage.putDocRecord({ workspace: WS, doc: 'varden', kind: 'indicator-values', title: 'v', ownerUnit: 'region', createdAt: at, updatedAt: at });
      const feed = createRoundDataFeed(storage, { pollMs: 60_000 });
      const heard: string[][] = [];
      const stop = feed.subscribe(WS, (docs) => heard.push(docs));
      await feed.check(WS);
      for (let i = 0; i < 2; i++) {
        await storage.appendUpdates({ workspace: WS, doc: 'varden' }, [{ update: new Uint8Array([0, 0]), memberId: null }]);
        await feed.check(WS);
      }
      expect(heard).toEqual([['varden'], ['varden']]);
      stop();
      feed.close();
    } finally {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GET …/events/rounds: round-data', () => {
  it('sends the ids of round documents an edit wrote, within a few seconds', async () => {
    const looks = feedLooks();
    f = await makeFixture({ wrap: looks.wrap });
    const abort = new AbortController();
    const res = await f.req(`/v1/workspaces/${WS}/events/rounds`, f.tokens.viewer, { signal: abort.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp): Promise<void> => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await until(/event: rounds\n/);
    // The feed has taken its first look before the edit.
    await looks.first();
    f.now.value = new Date(f.now.value.getTime() + 60_000);
    const docs = registryDocAccess(f.samplan.registry);
    await docs.write({ workspace: WS, doc: 'plan-a' }, null, (doc) => {
      const first = rowsOf(doc)[0];
      if (first) setCell(doc, first.id, 'participantsReached', 12);
    });
    const started = Date.now();
    await until(/event: round-data\ndata: \{"docs":\["plan-a"\]\}/);
    expect(Date.now() - started).toBeLessThan(4000);
    abort.abort();
    await reader.cancel().catch(() => undefined);
  }, 15_000);
});
