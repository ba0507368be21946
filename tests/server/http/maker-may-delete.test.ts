/**
 * Who may delete a document besides an admin: its maker, while it is still only its making (the
 * pane takes back a document it made when adopting a sheet fails in Excel). Anything written since,
 * by anyone, keeps it for an admin to decide.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UNTOUCHED_BY_MAKER } from '../../../server/http/maker-may-delete.js';
import type { Storage } from '../../../server/storage/storage.js';
import type { Peer } from '../../../server/sync/room-types.js';
import { retitled } from '../sync/retitled.js';
import { errorOf, makeFixture, planRow, WS, type Fixture } from './support.js';

/**
 * The store the app writes through, with its appends held back while `held` is set and let go by
 * the next read of a document's updates (the deletion's first check), which `seen` counts.
 */
const gate: { held: Promise<void> | null; letGo: () => void; seen: number[]; fail: Promise<void> | null } = { held: null, letGo: () => undefined, seen: [], fail: null };
/** Once let go: while `gate.fail` is set, every append fails like a full disk once that promise resolves (a resend too). */
async function letThrough(): Promise<void> {
  await gate.held;
  const fail = gate.fail;
  if (!fail) return;
  await fail;
  throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
}
function holdingAppends(inner: Storage): Storage {
  const store = Object.create(inner) as Storage;
  store.appendUpdates = async (...args) => {
    await letThrough();
    return inner.appendUpdates(...args);
  };
  const appendMany = inner.appendMany?.bind(inner);
  if (appendMany)
    store.appendMany = async (...args) => {
      await letThrough();
      return appendMany(...args);
    };
  store.listUpdates = async (...args) => {
    const kept = await inner.listUpdates(...args);
    if (gate.held) {
      gate.seen.push(kept.length);
      gate.letGo();
    }
    return kept;
  };
  return store;
}

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('deleting a document one made, untouched', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture({ wrap: holdingAppends });
  });
  afterAll(() => f.close());

  /** Makes an activity plan of vc-a as `token`'s member; answers its id. */
  const make = async (token: string, title: string): Promise<string> => {
    const res = await f.req(`/v1/workspaces/${WS}/documents`, token, json('POST', { kind: 'activity-plan', ownerUnit: 'vc-a', title, allowDuplicate: true }));
    expect(res.status).toBe(201);
    return ((await res.json()) as { document: { doc: string } }).document.doc;
  };
  const remove = (token: string, doc: string) => f.req(`/v1/workspaces/${WS}/documents/${doc}`, token, { method: 'DELETE' });
  const exists = async (doc: string) => (await f.storage.getDocRecord({ workspace: WS, doc })) !== null;

  it('lets an editor delete the document they just made, with an audit line saying why', async () => {
    const doc = await make(f.tokens.editor, 'Antagen plan');
    const res = await remove(f.tokens.editor, doc);
    expect(res.status).toBe(200);
    expect(await exists(doc)).toBe(false);
    const [line] = await f.storage.listAudit(WS, 1);
    expect(line).toMatchObject({ doc, action: 'delete', memberId: 'eda', detail: UNTOUCHED_BY_MAKER });
  });

  it('keeps it once anyone wrote in it, its maker included: only an admin deletes it then', async () => {
    const byMaker = await make(f.tokens.editor, 'Skriven av sin skapare');
    expect((await f.req(`/v1/workspaces/${WS}/documents/${byMaker}/import`, f.tokens.editor, json('POST', [planRow('Stavgång')]))).status).toBe(200);
    const byOther = await make(f.tokens.editor, 'Skriven av en annan');
    expect((await f.req(`/v1/workspaces/${WS}/documents/${byOther}/import`, f.tokens.coordinator, json('POST', [planRow('Hälsodag')]))).status).toBe(200);
    for (const doc of [byMaker, byOther]) {
      const res = await remove(f.tokens.editor, doc);
      expect([res.status, (await errorOf(res)).code]).toEqual([403, 'not-untouched-maker']);
      expect(await exists(doc)).toBe(true);
    }
    expect((await remove(f.tokens.admin, byOther)).status).toBe(200);
  });

  it('refuses anyone but its maker, even one who may make such documents', async () => {
    const doc = await make(f.tokens.editor, 'Bara min');
    for (const token of [f.tokens.coordinator, f.tokens.editorB, f.tokens.viewer]) {
      const res = await remove(token, doc);
      expect(res.status).toBe(403);
      expect(await exists(doc)).toBe(true);
    }
    // And the words say who can.
    const res = await remove(f.tokens.coordinator, doc);
    expect(((await errorOf(res)).details as { message: { sv: string } }).message.sv).toContain('Bara en administratör');
  });

  it('checks again, before closing any socket, when an edit the room took is stored only after the first check: refused, the sockets stay open', async () => {
    const doc = await make(f.tokens.editor, 'Skrivs i medan den tas bort');
    const ref = { workspace: WS, doc };
    const lease = await f.samplan.registry.acquire(ref);
    const closes: [number, string][] = [];
    const socket: Peer = { send: () => undefined, close: (code, reason) => void closes.push([code, reason]) };
    lease.room.join(socket, 'eda');
    try {
      // The maker's own edit, taken by the room but stored only once the deletion has read the updates.
      gate.held = new Promise((done) => (gate.letGo = () => ((gate.held = null), done())));
      const typed = lease.room.offer(retitled(lease.room.doc, 'Ny rubrik'), { memberId: 'eda', principal: null }, socket);
      if (!typed.ok) throw new Error(typed.reason);
      const res = await remove(f.tokens.editor, doc);
      await typed.persisted;
      // The first check saw the making alone; the second, the edit.
      expect(gate.seen).toEqual([1]);
      expect([res.status, (await errorOf(res)).code]).toEqual([403, 'not-untouched-maker']);
      expect(closes).toEqual([]);
      expect(await exists(doc)).toBe(true);
      const next = lease.room.offer(retitled(lease.room.doc, 'Rubrik igen'), { memberId: 'eda', principal: null }, socket);
      if (!next.ok) throw new Error(next.reason);
      await next.persisted;
      expect((await f.storage.listUpdates(ref, 0, 10)).length).toBe(3);
    } finally {
      lease.release();
    }
  });

  it('answers 503 in words, and deletes nothing, when an edit the room took fails to be stored while the deletion waits for it', async () => {
    const doc = await make(f.tokens.editor, 'Skrivs i när disken är full');
    const ref = { workspace: WS, doc };
    const lease = await f.samplan.registry.acquire(ref);
    const socket: Peer = { send: () => undefined, close: () => undefined };
    lease.room.join(socket, 'coord');
    // The append fails only once the deletion waits for the room: its write is then under way.
    let failNow: () => void = () => undefined;
    gate.fail = new Promise<void>((done) => (failNow = () => done()));
    const settle = f.samplan.registry.settle.bind(f.samplan.registry);
    const waiting = vi.spyOn(f.samplan.registry, 'settle').mockImplementation((r) => {
      const settled = settle(r);
      setImmediate(failNow);
      return settled;
    });
    try {
      gate.held = new Promise((done) => (gate.letGo = () => ((gate.held = null), done())));
      const typed = lease.room.offer(retitled(lease.room.doc, 'Samordnarens rubrik'), { memberId: 'coord', principal: null }, socket);
      if (!typed.ok) throw new Error(typed.reason);
      const res = await remove(f.tokens.editor, doc);
      await typed.persisted.catch(() => undefined);
      expect(waiting).toHaveBeenCalledTimes(1);
      const error = await errorOf(res);
      expect([res.status, error.code]).toEqual([503, 'storage-unavailable']);
      expect((error.details as { message: { sv: string } }).message.sv).toContain('disken är full');
      expect(await exists(doc)).toBe(true);
    } finally {
      waiting.mockRestore();
      gate.fail = null;
      lease.release();
    }
  });
});
