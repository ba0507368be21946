/**
 * Admission's cache: a storm of sockets reads a token and a document once; any rights change the
 * process learns of, a poll round, or the time-to-live makes the next admission read storage
 * again; a read that a change overtook is not kept; expiry is checked on every hit; refusals are
 * never kept. The last test counts storage reads under a real server's connect storm.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AdmissionCache } from '../../../server/sync/admission-cache.js';
import type { AuthResult, Principal } from '../../../server/sync/principal.js';
import type { DocRecord, DocRef, Storage } from '../../../server/storage/storage.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { rawClient, startTestServer, TOKENS, type RawClient, type TestServer } from './support.js';

const principal = (expiresAt: string | null = null): Principal => ({
  workspace: 'ws',
  memberId: 'anna',
  name: 'Anna',
  role: 'editor',
  units: ['vc-husby'],
  tokenId: 'tokid',
  expiresAt,
});
const record: DocRecord = { workspace: 'ws', doc: 'plan', kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-husby', createdAt: '', updatedAt: '' };

function harness(opts: { ttlMs?: number; now?: () => Date } = {}) {
  const state = { generation: 0, resolves: 0, records: 0, answer: { ok: true, principal: principal() } as AuthResult, record: record as DocRecord | null };
  let gate: Promise<void> | null = null;
  const cache = new AdmissionCache({
    auth: {
      resolve: async () => {
        state.resolves++;
        await gate;
        return state.answer;
      },
    },
    records: {
      getDocRecord: async (_ref: DocRef) => {
        state.records++;
        return state.record;
      },
    },
    generation: () => state.generation,
    ttlMs: opts.ttlMs ?? 60_000,
    clock: opts.now ?? (() => new Date()),
  });
  return { cache, state, hold: (p: Promise<void> | null) => (gate = p) };
}

/** Resolves in the next turn of the event loop, once what `setImmediate` queued now has run. */
const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('admission cache and the storage version', () => {
  /** A cache whose storage version reads are held until released, in order. */
  function versioned() {
    const state = { version: 1, answer: { ok: true, principal: principal() } as AuthResult, reads: 0, moved: 0 };
    const pending: (() => void)[] = [];
    const cache = new AdmissionCache({
      auth: { resolve: async () => state.answer },
      records: { getDocRecord: async () => record },
      generation: () => 0,
      ttlMs: 60_000,
      clock: () => new Date(),
      // Reads the version when called (as a query does), answers when released.
      version: () => {
        state.reads++;
        const seen = state.version;
        return new Promise<number>((resolve) => pending.push(() => resolve(seen)));
      },
      versionMoved: () => void state.moved++,
    });
    // Reads start at the end of a turn (`setImmediate`): each round lets the queued ones start first.
    const releaseAll = async (): Promise<void> => {
      for (let i = 0; i < 10; i++) {
        await nextTurn();
        if (pending.length === 0) break;
        for (const release of pending.splice(0)) release();
        await new Promise((r) => setTimeout(r, 0));
      }
    };
    return { cache, state, releaseAll };
  }

  it('refuses a socket that comes after a revoke even while a version read from before the revoke is under way', async () => {
    const { cache, state, releaseAll } = versioned();
    const first = cache.resolve('secret');
    await releaseAll();
    expect(await first).toMatchObject({ ok: true });
    // A socket arrives: its version read starts at the end of the turn, and reads the version before the revoke.
    const before = cache.resolve('secret');
    await nextTurn();
    // Another process revokes the token in storage (the version moves), then the next socket comes.
    state.version = 2;
    state.answer = { ok: false, reason: 'revoked' } as AuthResult;
    const after = cache.resolve('secret');
    await releaseAll();
    expect(await before).toMatchObject({ ok: true });
    expect(await after).toEqual({ ok: false, reason: 'revoked' });
    expect(state.moved).toBe(1);
  });

  it('reads the version once for a socket whose token resolved, and still once for a record asked alone', async () => {
    const { cache, state, releaseAll } = versioned();
    const admitted = (async () => {
      const result = await cache.resolve('secret');
      return result.ok ? cache.record({ workspace: 'ws', doc: 'plan' }, { versionRead: true }) : null;
    })();
    await releaseAll();
    expect(await admitted).toBe(record);
    expect(state.reads).toBe(1);
    const alone = cache.record({ workspace: 'ws', doc: 'plan' });
    await releaseAll();
    expect(await alone).toBe(record);
    expect(state.reads).toBe(2);
  });

  it('shares one next read among the sockets that arrive during a read', async () => {
    const { cache, state, releaseAll } = versioned();
    const all = [cache.resolve('secret')];
    await nextTurn();
    for (let i = 0; i < 20; i++) all.push(cache.resolve('secret'));
    await releaseAll();
    await Promise.all(all);
    expect(state.reads).toBe(2);
  });

  it('keeps an entry past its time to live while a rights version stands, and reads again once it moved', async () => {
    const state = { version: 1, resolves: 0, records: 0 };
    const cache = new AdmissionCache({
      auth: { resolve: async () => (state.resolves++, { ok: true, principal: principal() }) },
      records: { getDocRecord: async () => (state.records++, record) },
      generation: () => 0,
      ttlMs: 10,
      clock: () => new Date(),
      version: async () => state.version,
      versionCoversRights: true,
    });
    const admit = async () => (await cache.resolve('secret')).ok && cache.record({ workspace: 'ws', doc: 'plan' }, { versionRead: true });
    // A storm of sockets over ten times the time to live.
    for (let i = 0; i < 10; i++) {
      await Promise.all([admit(), admit()]);
      await new Promise((r) => setTimeout(r, 12));
    }
    expect(state).toMatchObject({ resolves: 1, records: 1 });
    state.version = 2;
    await admit();
    expect(state).toMatchObject({ resolves: 2, records: 2 });
  });

  it('reads the version once for the sockets of one turn, each arriving in an I/O callback of its own', async () => {
    // As SQLite answers: at once. Each upgrade is a callback of its own, with the promises settled
    // between two (as `setImmediate` callbacks are run here); a read made at once was over before
    // the next socket came, and a storm read the version once per socket.
    let reads = 0;
    const cache = new AdmissionCache({
      auth: { resolve: async () => ({ ok: true, principal: principal() }) },
      records: { getDocRecord: async () => record },
      generation: () => 0,
      ttlMs: 60_000,
      clock: () => new Date(),
      version: async () => (reads++, 1),
    });
    const answers = await new Promise<Promise<AuthResult>[]>((resolve) => {
      const all: Promise<AuthResult>[] = [];
      for (let i = 0; i < 20; i++) setImmediate(() => all.push(cache.resolve('secret')) === 20 && resolve(all));
    });
    expect((await Promise.all(answers)).every((a) => a.ok)).toBe(true);
    expect(reads).toBe(1);
    // A socket of a later turn reads again.
    await cache.resolve('secret');
    expect(reads).toBe(2);
  });
});

describe('admission cache', () => {
  it('reads a token and a document once for many sockets arriving together, and shares the objects', async () => {
    const { cache, state } = harness();
    const answers = await Promise.all(Array.from({ length: 50 }, () => cache.resolve('spl_secret')));
    const records = await Promise.all(Array.from({ length: 20 }, () => cache.record({ workspace: 'ws', doc: 'plan' })));
    await cache.resolve('spl_secret');
    await cache.record({ workspace: 'ws', doc: 'plan' });
    expect(state.resolves).toBe(1);
    expect(state.records).toBe(1);
    expect(answers.every((a) => a.ok && a.principal === (answers[0] as { principal: Principal }).principal)).toBe(true);
    expect(records.every((r) => r === record)).toBe(true);
    await cache.resolve('spl_other');
    expect(state.resolves).toBe(2);
  });

  it('reads again after a rights change, and does not keep a read that the change overtook', async () => {
    const { cache, state, hold } = harness();
    await cache.resolve('spl_secret');
    state.generation++;
    state.answer = { ok: false, reason: 'revoked' };
    expect(await cache.resolve('spl_secret')).toEqual({ ok: false, reason: 'revoked' });
    state.answer = { ok: true, principal: principal() };
    let release!: () => void;
    hold(new Promise<void>((r) => (release = r)));
    const overtaken = cache.resolve('spl_secret');
    state.generation++;
    release();
    await overtaken;
    hold(null);
    const reads = state.resolves;
    await cache.resolve('spl_secret');
    expect(state.resolves).toBe(reads + 1);
  });

  it('does not let a socket arriving after a rights change join a read that started before it', async () => {
    const { cache, state, hold } = harness();
    let release!: () => void;
    hold(new Promise<void>((r) => (release = r)));
    const before = cache.resolve('spl_secret');
    state.generation++;
    const after = cache.resolve('spl_secret');
    release();
    await Promise.all([before, after]);
    expect(state.resolves).toBe(2);
  });

  it('never keeps a refusal or a missing document, so a new token or document works at once', async () => {
    const { cache, state } = harness();
    state.answer = { ok: false, reason: 'unknown' };
    state.record = null;
    expect(await cache.resolve('spl_new')).toEqual({ ok: false, reason: 'unknown' });
    expect(await cache.record({ workspace: 'ws', doc: 'plan' })).toBeNull();
    state.answer = { ok: true, principal: principal() };
    state.record = record;
    expect(await cache.resolve('spl_new')).toMatchObject({ ok: true });
    expect(await cache.record({ workspace: 'ws', doc: 'plan' })).toBe(record);
  });

  it('refuses a cached token once it has expired', async () => {
    let now = Date.parse('2026-01-01T10:00:00Z');
    const { cache, state } = harness({ now: () => new Date(now) });
    state.answer = { ok: true, principal: principal('2026-01-01T10:00:01Z') };
    expect(await cache.resolve('spl_secret')).toMatchObject({ ok: true });
    now += 2000;
    expect(await cache.resolve('spl_secret')).toEqual({ ok: false, reason: 'expired' });
  });

  it('reads again once an entry is older than its time to live, and keeps nothing with 0', async () => {
    const { cache, state } = harness({ ttlMs: 30 });
    await cache.resolve('spl_secret');
    await new Promise((r) => setTimeout(r, 60));
    await cache.resolve('spl_secret');
    expect(state.resolves).toBe(2);
    const off = harness({ ttlMs: 0 });
    await off.cache.resolve('spl_secret');
    await off.cache.resolve('spl_secret');
    expect(off.state.resolves).toBe(2);
  });
});

describe('a connect storm on a real server', () => {
  let server: TestServer | undefined;
  const clients: RawClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
    server = undefined;
  });

  it('reads the token and the document record from storage once, and the version at most once a socket, for 40 sockets connecting at once', async () => {
    const storage = createMemoryStorage();
    const reads = { tokens: 0, records: 0 };
    const versions = { reads: 0 };
    const counted: Storage = {
      ...storage,
      getTokenByHash: (hash) => (reads.tokens++, storage.getTokenByHash(hash)),
      getDocRecord: (ref) => (reads.records++, storage.getDocRecord(ref)),
      dataVersion: () => (versions.reads++, storage.dataVersion()),
    };
    // Only admission reads the version here: the poll for other processes' writes (every
    // `foreignPollMs`, 300 ms by default, while a room is loaded) reads it too, and on a busy
    // machine a storm outlasts one poll interval, which counted one read more than the sockets.
    server = await startTestServer({ rightsPollMs: 60_000, foreignPollMs: 0 }, { storage: counted });
    const before = { ...reads };
    for (let i = 0; i < 40; i++) clients.push(rawClient(server, 'plan-a', TOKENS.editorA));
    await Promise.all(clients.map((c) => c.opened));
    expect(reads.tokens - before.tokens).toBe(1);
    expect(reads.records - before.records).toBe(1);
    // At most one read of storage's version per socket (sockets arriving during a read share the next).
    expect(versions.reads).toBeGreaterThan(0);
    expect(versions.reads).toBeLessThanOrEqual(40);
  });
});
