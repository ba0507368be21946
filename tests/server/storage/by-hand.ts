/**
 * An SQLite file changed as a person changes it in the `sqlite3` shell (a row of `doc_keys` given
 * another key, removed, two keys swapped), and read so, for the tests of what a store does with
 * the documents it then meets: each on a connection of its own, closed before it returns.
 */
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { DocRef, StoredDoc } from '../../../server/storage/storage.js';

/** Runs `sql` with `params` on `file` as a hand in the `sqlite3` shell would. */
export function byHand(file: string, sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/** Runs `statements` on `file` as a hand would, in one transaction (a swap of two keys). */
export function byHandTogether(file: string, ...statements: string[]): void {
  const db = new Database(file);
  try {
    db.transaction(() => {
      for (const sql of statements) db.prepare(sql).run();
    })();
  } finally {
    db.close();
  }
}

/** Gives `ref`'s row of `doc_keys` in `file` the key `key` by hand (`UPDATE doc_keys SET id = …`). */
export function keyByHand(file: string, ref: DocRef, key: number): void {
  byHand(file, 'UPDATE doc_keys SET id = ? WHERE workspace = ? AND doc = ?', key, ref.workspace, ref.doc);
}

/** Reads `file` on a read-only connection of its own with `read`. */
function reading<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** How many rows of `update_rows` in `file` are under `key`. */
export function rowsUnder(file: string, key: number): number {
  return reading(file, (db) => Number(db.prepare('SELECT count(*) FROM update_rows WHERE id >> 32 = ?').pluck().get(key)));
}

/** The rows of `update_rows` in `file` as [key, seq, first byte of the update], in key order. */
export function rowsIn(file: string): number[][] {
  return reading(file, (db) =>
    (db.prepare('SELECT id >> 32 AS key, id & 4294967295 AS seq, data FROM update_rows ORDER BY id').all() as { key: number; seq: number; data: Buffer }[]).map((r) => [r.key, r.seq, r.data[0] as number]),
  );
}

/** `file`'s rows of `doc_keys`, as [id, doc], by id. */
export function keysIn(file: string): unknown[] {
  return reading(file, (db) => db.prepare('SELECT id, doc FROM doc_keys ORDER BY id').raw().all());
}

/** A Yjs update (V1) setting `key` of the map `meta` to `value` on `doc`. */
export function set(doc: Y.Doc, key: string, value: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getMap('meta').set(key, value);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The map `meta` of a load. */
export function metaOf(stored: StoredDoc): Record<string, unknown> {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc.getMap('meta').toJSON();
}
