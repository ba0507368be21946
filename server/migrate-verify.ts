/**
 * Verifying a migration (`migrate.ts`): an SQLite file against the PostgreSQL database it was
 * copied into, every workspace's records as the server reads them, every document's state and the
 * audit trail's content, each compared by value or by SHA-256. Reads only.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import type pg from 'pg';
import * as Y from 'yjs';
import { storedDocs } from './migrate-doc-texts.js';
import { openSqliteStorage } from './storage/sqlite.js';
import type { DocRef, Storage } from './storage/storage.js';
import { applyStoredHistory } from './sync/stored-history.js';
import { RECORD_LIST_WORDS, verifiedWords } from './migrate-words.js';
import type { Localized } from '../shared/schema/types.js';

/** A progress line (`verified 50/120 documents`), for the operator, in both languages. */
export type VerifyProgress = (line: Localized) => void;

/** What a verification found: the documents compared, and what differs (none when the copy is right). */
export interface Verification {
  documents: number;
  mismatched: string[];
}

/** The per-workspace record lists compared, with the words a mismatch is reported in (the English; `mismatchWords` says them in Swedish). */
const RECORDS: readonly [string, (s: Storage, workspace: string) => Promise<unknown>][] = [
  [RECORD_LIST_WORDS.units.en, (s, ws) => s.listUnits(ws)],
  [RECORD_LIST_WORDS.docs.en, (s, ws) => s.listDocs(ws)],
  [RECORD_LIST_WORDS.members.en, (s, ws) => s.listMembers(ws)],
  [RECORD_LIST_WORDS.tokens.en, (s, ws) => s.listTokens(ws)],
  [RECORD_LIST_WORDS.removals.en, (s, ws) => s.listRemovals(ws)],
];

/**
 * Compare the SQLite file `from` (of this build's schema) with `target` and the pool on the same
 * PostgreSQL database: the audit digest ({@link auditDigest}), the workspaces, each workspace's
 * record lists and the state ({@link stateHash}) of every document the file holds state for.
 * Mismatches are named `audit`, `workspaces`, `<workspace>: <records>` or `<workspace>/<doc>`.
 */
export async function verifyStores(from: string, target: Storage, pool: pg.Pool, progress: VerifyProgress): Promise<Verification> {
  const source = openSqliteStorage(from, { readonly: true });
  try {
    const refs: DocRef[] = [];
    const mismatched: string[] = [];
    const [sourceAudit, targetAudit] = await auditDigest(from, pool);
    if (sourceAudit !== targetAudit) mismatched.push('audit');
    const workspaces = await source.listWorkspaces();
    if (!isDeepStrictEqual(workspaces, await target.listWorkspaces())) mismatched.push('workspaces');
    for (const ws of workspaces) {
      for (const [what, list] of RECORDS) {
        if (!isDeepStrictEqual(await list(source, ws.id), await list(target, ws.id))) mismatched.push(`${ws.id}: ${what}`);
      }
    }
    refs.push(...storedDocs(from));
    for (const [i, ref] of refs.entries()) {
      const [a, b] = [await stateHash(source, ref), await stateHash(target, ref)];
      if (a !== b) mismatched.push(`${ref.workspace}/${ref.doc}`);
      if ((i + 1) % 50 === 0 || i + 1 === refs.length) progress(verifiedWords(i + 1, refs.length));
    }
    return { documents: refs.length, mismatched };
  } finally {
    await source.close();
  }
}

/** The audit columns a digest covers, in this order: every column but the row id, which PostgreSQL numbers afresh. */
const AUDIT_COLUMNS = 'at, workspace, doc, member_id, action, bytes, detail';
/** Audit rows read per PostgreSQL query while digesting. */
const AUDIT_PAGE = 5000;

/** One audit row as the digest reads it: the JSON array of {@link AUDIT_COLUMNS}' values and a newline. */
const auditLine = (r: Record<string, unknown>): string =>
  `${JSON.stringify([r.at, r.workspace, r.doc ?? null, r.member_id ?? null, r.action, Number(r.bytes), r.detail ?? null])}\n`;

/**
 * SHA-256 (hex) of every audit row of the SQLite file `from` and of the PostgreSQL database behind
 * `pool`, each read in row-id order (the copy keeps that order; the ids themselves differ):
 * `[source, target]`. A row changed, dropped, added or moved on either side makes them differ.
 * Reads only; PostgreSQL is read in pages of {@link AUDIT_PAGE} rows.
 */
export async function auditDigest(from: string, pool: pg.Pool): Promise<[string, string]> {
  const source = new Database(from, { readonly: true, fileMustExist: true });
  const a = createHash('sha256');
  try {
    for (const row of source.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit ORDER BY id`).iterate() as IterableIterator<Record<string, unknown>>) a.update(auditLine(row));
  } finally {
    source.close();
  }
  const b = createHash('sha256');
  for (let after = '0'; ; ) {
    const { rows } = await pool.query<Record<string, unknown> & { id: string }>(`SELECT id, ${AUDIT_COLUMNS} FROM audit WHERE id > $1 ORDER BY id LIMIT ${AUDIT_PAGE}`, [after]);
    for (const row of rows) b.update(auditLine(row));
    if (rows.length < AUDIT_PAGE) break;
    after = (rows[rows.length - 1] as { id: string }).id;
  }
  return [a.digest('hex'), b.digest('hex')];
}

/**
 * SHA-256 of a document's state as a room would load it from `store`, plus its last sequence and stored take-backs.
 *
 * @throws DamagedHistoryError naming `ref` and the stored part of `store` that does not decode
 */
export async function stateHash(store: Storage, ref: DocRef): Promise<string> {
  const stored = await store.loadDoc(ref);
  const doc = new Y.Doc();
  try {
    applyStoredHistory(doc, ref, stored);
    const hash = createHash('sha256').update(Y.encodeStateAsUpdate(doc)).update(String(stored.lastSeq));
    for (const tb of stored.takeBacks ?? []) hash.update(String(tb.byteLength)).update(tb);
    return hash.digest('hex');
  } finally {
    doc.destroy();
  }
}
