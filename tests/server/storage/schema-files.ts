/**
 * SQLite files as an earlier Samplan left them, for upgrade tests: the schema of version N is
 * `MIGRATIONS.slice(0, N)` (released entries are never edited), and the rows are written with the
 * columns that version had, as its statements stored them. Every file holds the same content
 * ({@link EXPECTED}), so a test can read it back through the store of this build.
 */
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { MIGRATIONS } from '../../../server/storage/sqlite-schema.js';

export const WS = 'hbi-stockholm';

/** A time `n` seconds after 2026-03-02 09:00 UTC, as stored (ISO). */
export const AT = (n: number): string => new Date(Date.parse('2026-03-02T09:00:00.000Z') + n * 1000).toISOString();

/** One cell per update: `plan` has updates 1–12 (1–8 compacted into a snapshot and a checkpoint, 1–6 pruned), `county` 1–3. */
const cells = (doc: string, upTo: number): Record<string, number> => Object.fromEntries(Array.from({ length: upTo }, (_, i) => [`${doc}-${i + 1}`, i + 1]));

/** What every file written by {@link writeVersionFile} holds, as this build's store reads it. */
export const EXPECTED = {
  workspaces: [{ id: WS, name: 'Region Stockholm', createdAt: AT(0) }],
  units: ['hbi', 'vc-husby'],
  members: [
    { id: 'anna', role: 'admin', units: [] },
    { id: 'nina', role: 'editor', units: ['vc-husby'] },
  ],
  tokens: [
    { id: 't-anna', revokedAt: null },
    { id: 't-nina', revokedAt: AT(30) },
  ],
  plan: { cells: cells('plan', 12), lastSeq: 12, history: [7, 8, 9, 10, 11, 12], checkpoints: [{ seq: 8, at: AT(8) }] },
  county: { cells: cells('county', 3), lastSeq: 3, history: [1, 2, 3] },
  audit: [{ at: AT(1), action: 'write', bytes: 2 }],
} as const;

/**
 * Write `file` as Samplan with schema `version` (1–8) left it, holding {@link EXPECTED}: from
 * version 3 `county` is archived (by `Admin` from version 4), from version 7 `plan` has one
 * take-back (`[1, 2]`), and its rows are written interleaved with `county`'s, as a server writing
 * both at once would (rowids out of key order).
 */
export function writeVersionFile(file: string, version: number): void {
  if (version < 1 || version > 8) throw new Error(`no writer for schema version ${version}`);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.transaction(() => {
      for (const sql of MIGRATIONS.slice(0, version)) db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
    db.prepare('INSERT INTO workspaces VALUES (?, ?, ?)').run(WS, 'Region Stockholm', AT(0));
    db.prepare('INSERT INTO units VALUES (?, ?, ?, ?)').run(WS, 'hbi', 'Hälsofrämjande', null);
    db.prepare('INSERT INTO units VALUES (?, ?, ?, ?)').run(WS, 'vc-husby', 'Vårdcentral Husby', 'hbi');
    const docColumns = ['workspace', 'doc', 'kind', 'title', 'owner_unit', 'created_at', 'updated_at', ...(version >= 3 ? ['archived_at'] : []), ...(version >= 4 ? ['archived_by'] : [])];
    const doc = db.prepare(`INSERT INTO docs (${docColumns.join(', ')}) VALUES (${docColumns.map(() => '?').join(', ')})`);
    doc.run(WS, 'plan', 'activity-plan', 'Plan', 'vc-husby', AT(0), AT(12), ...(version >= 3 ? [null] : []), ...(version >= 4 ? [null] : []));
    doc.run(WS, 'county', 'activity-plan', 'Län', 'hbi', AT(0), AT(3), ...(version >= 3 ? [AT(20)] : []), ...(version >= 4 ? ['Admin'] : []));
    db.prepare('INSERT INTO members VALUES (?, ?, ?, ?, ?)').run(WS, 'anna', 'Anna Lind', 'admin', '[]');
    db.prepare('INSERT INTO members VALUES (?, ?, ?, ?, ?)').run(WS, 'nina', 'Nina Ek', 'editor', '["vc-husby"]');
    const token = db.prepare('INSERT INTO tokens VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    token.run('t-anna', 'a'.repeat(64), WS, 'anna', 'Excel', AT(0), null, null);
    token.run('t-nina', 'b'.repeat(64), WS, 'nina', 'Excel, Husby', AT(0), null, AT(30));
    const update = db.prepare('INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ?, ?, ?, ?)');
    const ydocs = { plan: new Y.Doc(), county: new Y.Doc() };
    const edit = (name: 'plan' | 'county', seq: number): Buffer => {
      const ydoc = ydocs[name];
      const before = Y.encodeStateVector(ydoc);
      ydoc.getMap('cells').set(`${name}-${seq}`, seq);
      return Buffer.from(Y.encodeStateAsUpdate(ydoc, before));
    };
    let planAt8: Uint8Array = new Uint8Array();
    for (let seq = 1; seq <= 12; seq++) {
      update.run(WS, 'plan', seq, AT(seq), seq % 2 ? 'anna' : null, edit('plan', seq));
      if (seq === 8) planAt8 = Y.encodeStateAsUpdateV2(ydocs.plan);
      if (seq <= 3) update.run(WS, 'county', seq, AT(seq), 'nina', edit('county', seq));
    }
    db.prepare('INSERT INTO snapshots VALUES (?, ?, ?, ?, ?)').run(WS, 'plan', 8, AT(9), Buffer.from(planAt8));
    if (version >= 2) db.prepare('INSERT INTO checkpoints VALUES (?, ?, ?, ?, ?)').run(WS, 'plan', 8, AT(8), Buffer.from(planAt8));
    db.prepare('DELETE FROM update_log WHERE workspace = ? AND doc = ? AND seq <= ?').run(WS, 'plan', 6);
    db.prepare('INSERT INTO audit (at, workspace, doc, member_id, action, bytes, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(AT(1), WS, 'plan', 'anna', 'write', 2, null);
    if (version >= 7) db.prepare('INSERT INTO take_backs (workspace, doc, at, data) VALUES (?, ?, ?, ?)').run(WS, 'plan', Date.parse(AT(13)), Buffer.from([1, 2]));
  } finally {
    db.close();
  }
}

/** The schema of the SQLite file `file` (every table, index, view and trigger with its SQL) and its version. */
export function schemaOf(file: string): { version: number; objects: unknown[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      objects: db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all(),
    };
  } finally {
    db.close();
  }
}
