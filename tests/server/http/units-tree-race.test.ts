/**
 * Two changes of a workspace's unit tree at once. Each request checked the tree it had read before
 * either wrote, so both passed: `vc-a` moved under `vc-b` and `vc-b` under `vc-a` made a cycle
 * (both units fell out of the tree: level 10 in a round, `unitLevels`, and neither could be renamed
 * any more), and "Vårdcentralen Väst" and "vårdcentralen  väst" added at once were both stored. The
 * store now checks the rule on the tree as stored in the write's transaction (`PutUnitOptions.check`),
 * so the second request is refused in words: in one process (memory) and in two processes on one
 * SQLite file (two connections, each with its app). A rename and a move of one unit sent at once
 * each wrote the whole unit as read before the other: one of the two changes was lost, both
 * answered 200; the change is now made again on the unit as stored when another wrote it meanwhile.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { createToken } from '../../../server/auth/tokens.js';
import { silentLogger } from '../../../server/logger.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage, UnitRecord } from '../../../server/storage/storage.js';
import { englishOf, errorOf, WS } from './support.js';

const AT = '2026-01-15T10:00:00.000Z';

/** One or two apps over one store, each with the coordinator's token. */
interface Scene {
  storage: Storage;
  /** A request to app `i` (0 or 1; with one app, both are the same). */
  req(i: number, path: string, method: 'POST' | 'PATCH', body: unknown): Promise<Response>;
  close(): Promise<void>;
}

async function scene(storages: Storage[]): Promise<Scene> {
  const [storage] = storages as [Storage];
  await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: AT });
  for (const u of [
    { code: 'region', name: 'Region', parent: null },
    { code: 'vc-a', name: 'Vårdcentral A', parent: 'region' },
    { code: 'vc-b', name: 'Vårdcentral B', parent: 'region' },
  ]) {
    await storage.putUnit({ workspace: WS, ...u });
  }
  await storage.putMember({ workspace: WS, id: 'kim', name: 'Kim Berg', role: 'coordinator', units: ['region'] });
  const token = (await createToken(storage, { workspace: WS, memberId: 'kim', label: 'test', clock: () => new Date(AT) })).secret;
  const apps = storages.map((s) => createApp({ storage: s, logger: silentLogger(), clock: () => new Date(AT), publicUrl: 'http://samplan.test', syncOptions: { graceMs: 10 } }));
  return {
    storage,
    req: (i, p, method, body) =>
      Promise.resolve(
        (apps[i % apps.length] ?? apps[0])!.app.request(`/v1/workspaces/${WS}${p}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ),
    async close() {
      for (const a of apps) await a.close();
      for (const s of storages) await s.close();
    },
  };
}

/** The codes of `units` whose walk up the parents comes back to themselves. */
function inCycles(units: readonly UnitRecord[]): string[] {
  const parent = new Map(units.map((u) => [u.code, u.parent]));
  return units.filter((u) => {
    let p = u.parent;
    for (let hops = 0; p !== null && hops <= units.length; hops++, p = parent.get(p) ?? null) if (p === u.code) return true;
    return false;
  }).map((u) => u.code);
}

const stores: [string, () => { storages: Storage[]; done?: () => void }][] = [
  ['memory, one process', () => ({ storages: [createMemoryStorage()] })],
  [
    'SQLite, two processes on one file',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-unit-race-'));
      const file = path.join(dir, 'store.db');
      return { storages: [openSqliteStorage(file), openSqliteStorage(file)], done: () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  ],
];

describe.each(stores)('the unit tree changed by two requests at once (%s)', (_name, open) => {
  let s: Scene;
  let done: (() => void) | undefined;
  beforeAll(async () => {
    const opened = open();
    done = opened.done;
    s = await scene(opened.storages);
  });
  afterAll(async () => {
    await s.close();
    done?.();
  });

  it('moves one of two units put under each other at once and refuses the other with unit-cycle: no cycle is stored', async () => {
    const answers = await Promise.all([s.req(0, '/units/vc-a', 'PATCH', { parent: 'vc-b' }), s.req(1, '/units/vc-b', 'PATCH', { parent: 'vc-a' })]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
    const refused = await errorOf(answers.find((r) => r.status === 400)!);
    expect(refused.code).toBe('unit-cycle');
    expect(englishOf(refused)).toMatch(/^Unit vc-[ab] cannot be placed under vc-[ab], which lies under it\.$/);
    const units = await s.storage.listUnits(WS);
    expect(inCycles(units)).toEqual([]);
    const changed = (await s.storage.listAudit(WS, 20)).filter((l) => l.action === 'unit').map((l) => l.detail);
    expect(changed).toHaveLength(1);
  });

  it('keeps both a rename and a move of one unit sent at once: each made on the unit as the other left it', async () => {
    const answers = await Promise.all([s.req(0, '/units/vc-b', 'PATCH', { name: 'Vårdcentral Bäcken' }), s.req(1, '/units/vc-b', 'PATCH', { parent: null })]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const stored = (await s.storage.listUnits(WS)).find((u) => u.code === 'vc-b');
    expect(stored).toEqual({ workspace: WS, code: 'vc-b', name: 'Vårdcentral Bäcken', parent: null });
    const last = (await Promise.all(answers.map((r) => r.json()))) as { unit: UnitRecord }[];
    expect(last.map((b) => b.unit)).toContainEqual(stored);
  });

  it('adds one of two look-alike names at once and refuses the other with unit-name-taken, naming the first', async () => {
    const answers = await Promise.all([
      s.req(0, '/units', 'POST', { code: 'vc-v', name: 'Vårdcentralen Väst', parent: 'region' }),
      s.req(1, '/units', 'POST', { code: 'vc-w', name: 'vårdcentralen  väst', parent: 'region' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = await errorOf(answers.find((r) => r.status === 409)!);
    expect(refused.code).toBe('unit-name-taken');
    const kept = (await s.storage.listUnits(WS)).filter((u) => u.code === 'vc-v' || u.code === 'vc-w');
    expect(kept).toHaveLength(1);
    expect(refused.details).toMatchObject({ existing: { code: kept[0]?.code, name: kept[0]?.name } });
  });
});
