/**
 * Opening a file of every earlier schema version that has no test of its own elsewhere (versions
 * 1, 2, 3 and 7; 4, 5, 6 and 8 are in sqlite-schema.test.ts): the content survives as this build's
 * store reads it, the store goes on writing, and the file ends with the very schema a fresh file has.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { AT, EXPECTED, schemaOf, writeVersionFile, WS } from './schema-files.js';

const plan = { workspace: WS, doc: 'plan' };
const county = { workspace: WS, doc: 'county' };

/** The cells of a document as a room would load it: snapshot, then the tail. */
async function cellsOf(s: Storage, ref: typeof plan): Promise<{ cells: unknown; lastSeq: number }> {
  const loaded = await s.loadDoc(ref);
  const doc = new Y.Doc();
  if (loaded.snapshot) Y.applyUpdateV2(doc, loaded.snapshot);
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  return { cells: doc.getMap('cells').toJSON(), lastSeq: loaded.lastSeq };
}

describe('SQLite schema: upgrading a file of versions 1, 2, 3 and 7', () => {
  let dir: string;
  let fresh: ReturnType<typeof schemaOf>;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-upgrade-'));
    const file = path.join(dir, 'fresh.db');
    await openSqliteStorage(file).close();
    fresh = schemaOf(file);
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([1, 2, 3, 7])('opens a file version %i wrote: every record, update, snapshot and audit line is read as before, writing goes on, and the schema is a fresh file’s', async (version) => {
    const file = path.join(dir, `v${version}.db`);
    writeVersionFile(file, version);
    expect(schemaOf(file).version).toBe(version);

    const s = openSqliteStorage(file);
    try {
      expect(await s.listWorkspaces()).toEqual(EXPECTED.workspaces);
      expect((await s.listUnits(WS)).map((u) => u.code)).toEqual(EXPECTED.units);
      expect((await s.listMembers(WS)).map(({ id, role, units }) => ({ id, role, units }))).toEqual(EXPECTED.members);
      expect((await s.listTokens(WS)).map(({ id, revokedAt }) => ({ id, revokedAt }))).toEqual(EXPECTED.tokens);
      // The archive columns came in versions 3 and 4: before, every document reads as not archived.
      const archive = async (ref: typeof plan) => {
        const record = await s.getDocRecord(ref);
        return { title: record?.title, archivedAt: record?.archivedAt ?? null, archivedBy: record?.archivedBy ?? null };
      };
      expect(await archive(county)).toEqual({ title: 'Län', archivedAt: version >= 3 ? AT(20) : null, archivedBy: version >= 4 ? 'Admin' : null });
      expect(await archive(plan)).toEqual({ title: 'Plan', archivedAt: null, archivedBy: null });
      expect(await cellsOf(s, plan)).toEqual({ cells: EXPECTED.plan.cells, lastSeq: EXPECTED.plan.lastSeq });
      expect(await cellsOf(s, county)).toEqual({ cells: EXPECTED.county.cells, lastSeq: EXPECTED.county.lastSeq });
      expect((await s.listUpdates(plan, 0, 100)).map((u) => u.seq)).toEqual(EXPECTED.plan.history);
      expect((await s.listUpdates(county, 0, 100)).map((u) => [u.seq, u.at, u.memberId])).toEqual(EXPECTED.county.history.map((seq) => [seq, AT(seq), 'nina']));
      // Checkpoints came in version 2.
      expect(await s.listCheckpoints(plan)).toEqual(version >= 2 ? EXPECTED.plan.checkpoints : []);
      expect((await s.listAudit(WS, 10)).map(({ at, action, bytes }) => ({ at, action, bytes }))).toEqual(EXPECTED.audit);
      // Take-backs came in version 7.
      expect(((await s.loadDoc(plan)).takeBacks ?? []).map((b) => [...b])).toEqual(version >= 7 ? [[1, 2]] : []);
      // Writing goes on from where each document was, with take-backs and removals of members.
      expect(await s.appendUpdates(plan, [{ update: Uint8Array.of(0, 0), memberId: 'anna', takeBacks: [{ at: Date.parse(AT(40)), data: Uint8Array.of(3) }] }])).toBe(13);
      expect(await s.appendUpdates(county, [{ update: Uint8Array.of(0, 0), memberId: 'nina' }])).toBe(4);
      expect(await s.deleteMember(WS, 'nina', { by: 'anna', at: AT(41) })).toBe(true);
      expect(await s.getRemoval(WS, 'nina')).toEqual({ workspace: WS, id: 'nina', name: 'Nina Ek', removedBy: 'anna', removedAt: AT(41) });
    } finally {
      await s.close();
    }

    expect(schemaOf(file)).toEqual(fresh);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
