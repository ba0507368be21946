/**
 * A unit's transition racing a close of its round on two server processes over one storage: the
 * close and the transition are decided on what storage holds, so a submit or approval never lands
 * after the close (the loser is refused 409 `round-closed` in words), on memory, SQLite (two
 * connections to one file) and PostgreSQL (two pools on one database).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { RoundError, RoundsService, type RoundPrincipal } from '../../../server/rounds/rounds-service.js';
import { RoundsStore, ROUNDS_DOC, unitKey } from '../../../server/rounds/rounds-store.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';

const WS = 'ws1';
const AT = '2026-05-01T08:00:00.000Z';
const coordinator: RoundPrincipal = { workspace: WS, memberId: 'coord', role: 'coordinator', units: [] };
const editor: RoundPrincipal = { workspace: WS, memberId: 'ed', role: 'editor', units: ['vc-a'] };
const RACES = 25;

async function seed(storage: Storage): Promise<void> {
  await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: AT });
  await storage.putUnit({ workspace: WS, code: 'region', name: 'Region', parent: null });
  await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: 'region' });
}

/** The stored sequence numbers at which the round became closed and the unit reached `status`, read back from the log. */
async function order(storage: Storage, round: string, status: string): Promise<{ closedAt: number | null; statusAt: number | null }> {
  const doc = new Y.Doc();
  let closedAt: number | null = null;
  let statusAt: number | null = null;
  for (const u of await storage.listUpdates({ workspace: WS, doc: ROUNDS_DOC }, 0, 100_000)) {
    Y.applyUpdate(doc, u.update);
    const closure = doc.getMap<string>('closures').get(round);
    if (closedAt === null && closure && (JSON.parse(closure) as { closed: boolean }).closed) closedAt = u.seq;
    const unit = doc.getMap<string>('units').get(unitKey(round, 'vc-a'));
    if (statusAt === null && unit && (JSON.parse(unit) as { status: string }).status === status) statusAt = u.seq;
  }
  return { closedAt, statusAt };
}

/** A few turns of the event loop (0–`max`), so the two processes' steps interleave differently each race. */
const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

/** Race close (process A) against `action` (process B) `RACES` times; every race's outcome is checked. */
async function race(a: Storage, b: Storage, action: 'submit' | 'approve'): Promise<{ closeFirst: number; actionFirst: number }> {
  const clock = (): Date => new Date(AT);
  const serviceA = new RoundsService(new RoundsStore(a), a, clock);
  const serviceB = new RoundsService(new RoundsStore(b), b, clock);
  const outcome = { closeFirst: 0, actionFirst: 0 };
  for (let i = 0; i < RACES; i++) {
    const round = `r${action}${i}`;
    await serviceA.create(coordinator, { id: round, title: `2026 kv 2 (${i})`, period: '2026Q2', dueDate: '2026-07-15', indicators: [], activities: true, units: [] });
    if (action === 'approve') await serviceA.transition(editor, { round, unit: 'vc-a', action: 'submit' });
    // B has read the round (and the submit) before the race, as a process serving the unit has.
    await serviceB.store.state(WS);
    const actor = action === 'submit' ? editor : coordinator;
    const [closed, moved] = await Promise.allSettled([
      turns(i % 3).then(() => serviceA.setClosed(coordinator, round, 'close')),
      turns((i >> 1) % 3).then(() => serviceB.transition(actor, { round, unit: 'vc-a', action })),
    ]);
    expect(closed.status).toBe('fulfilled');
    const to = action === 'submit' ? 'inskickad' : 'godkand';
    const { closedAt, statusAt } = await order(a, round, to);
    expect(closedAt).not.toBeNull();
    if (moved.status === 'fulfilled') {
      // The transition went first: it is stored before the close.
      expect(statusAt).not.toBeNull();
      expect(statusAt as number).toBeLessThan(closedAt as number);
      outcome.actionFirst++;
    } else {
      // The close went first: the transition is refused in words and nothing of it is stored.
      const err = moved.reason as RoundError;
      expect(err).toBeInstanceOf(RoundError);
      expect(err.status).toBe(409);
      expect(err.code).toBe('round-closed');
      expect(err.localized.sv).toMatch(/stängd/);
      expect(statusAt).toBeNull();
      outcome.closeFirst++;
    }
  }
  return outcome;
}

describe('a close racing a unit’s submit or approval on two processes', () => {
  const opened: Storage[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('memory: never a submit or approval stored after the close', async () => {
    const storage = createMemoryStorage();
    await seed(storage);
    const submits = await race(storage, storage, 'submit');
    const approvals = await race(storage, storage, 'approve');
    // Both orders happen, so both branches were checked.
    expect(submits.closeFirst + approvals.closeFirst).toBeGreaterThan(0);
    expect(submits.actionFirst + approvals.actionFirst).toBeGreaterThan(0);
  });

  it('SQLite, two connections to one file: never a submit or approval stored after the close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-race-'));
    dirs.push(dir);
    const a = openSqliteStorage(path.join(dir, 'db.sqlite'));
    opened.push(a);
    await seed(a);
    const b = openSqliteStorage(path.join(dir, 'db.sqlite'));
    opened.push(b);
    await race(a, b, 'submit');
    await race(a, b, 'approve');
  }, 120_000);

  describe.skipIf(servicesMissing() !== null)('PostgreSQL', () => {
    const server = usePostgres();
    it('two pools on one database: never a submit or approval stored after the close', async () => {
      const url = await server.createDb('close_race');
      const a = await openPostgresStorage(url);
      opened.push(a);
      await seed(a);
      const b = await openPostgresStorage(url);
      opened.push(b);
      await race(a, b, 'submit');
      await race(a, b, 'approve');
    }, 180_000);
  });
});
