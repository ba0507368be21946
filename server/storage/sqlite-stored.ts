/**
 * What `samplan history scan` and `drop` (`cli-history.ts`) ask of the SQLite store beyond loading
 * documents: what it holds, read from its tables themselves rather than through the documents' keys
 * and records (the documents any table holds anything of, `listStoredDocs`, `stored-docs.ts`;
 * every text a row holds, `findStoredTexts`, `sqlite-stored-texts.ts`; the update rows under a key
 * no document has, `listKeylessUpdates`, which no load reads), and the deletions that drop history
 * (`replaceHistory`, `dropUnnumberedUpdates`), whose bytes are zeroed as they go.
 */
import type Database from 'better-sqlite3';
import { str, strOrNull, bytes, type Row } from './record-rows.js';
import { sqliteStoredTexts } from './sqlite-stored-texts.js';
import { UPDATE_KEY_SPAN } from './sqlite-statements.js';
import { docRefCheck } from './record-text.js';
import type { SqliteDocKeys } from './sqlite-doc-keys.js';
import type { prepareStatements } from './sqlite-statements.js';
import type { KeylessUpdates, Storage } from './storage.js';
import { SQLITE_STORED_DOCS, sortedRefs } from './stored-docs.js';

/**
 * The rows of `update_rows` whose key no row of `doc_keys` has, by id, with the key and sequence
 * number split in SQL (the id's high and low 32 bits): an id past 2^53 is no exact JS number.
 */
const KEYLESS_ROWS = `SELECT u.id >> 32 AS key, u.id & 4294967295 AS seq, u.at, u.member_id, u.data FROM update_rows u
  WHERE NOT EXISTS (SELECT 1 FROM doc_keys k WHERE k.id = u.id >> 32) ORDER BY u.id`;

/** The rows under key `@key` while no row of `doc_keys` has it. */
const DROP_KEYLESS = `DELETE FROM update_rows WHERE id >= @key * ${UPDATE_KEY_SPAN} AND id < (@key + 1) * ${UPDATE_KEY_SPAN}
  AND NOT EXISTS (SELECT 1 FROM doc_keys WHERE id = @key)`;

/**
 * `fn` run with SQLite's `secure_delete` on (deleted rows' bytes would stay in their pages and in
 * freed pages until reused), then, when it deleted something (`fn` true or a count above 0), the
 * log holding the pages as they were emptied truncated when no reader holds it (a server's open
 * read may keep it until its own checkpoint).
 */
function zeroingDeleted<T extends boolean | number>(db: Database.Database, fn: () => T): T {
  const secure = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  let out: T;
  try {
    out = fn();
  } finally {
    db.pragma(`secure_delete = ${secure === 1 ? 'ON' : 'OFF'}`);
  }
  if (out !== false && out !== 0) db.pragma('wal_checkpoint(TRUNCATE)');
  return out;
}

/** What {@link sqliteStored} runs on: the store's statements, keys, write (`sqlite.ts`) and clock. */
export interface SqliteStoredDeps {
  q: ReturnType<typeof prepareStatements>;
  keys: SqliteDocKeys;
  /** Runs a write as the store runs every write (holding the checkpoint worker's writer gate, a disk fault told by its code). */
  write: <T>(transaction: () => T) => T;
  /** Now, as ISO text. */
  now: () => string;
}

/** The methods above for `db`. */
export function sqliteStored(db: Database.Database, { q, keys, write, now }: SqliteStoredDeps): Required<Pick<Storage, 'listStoredDocs' | 'findStoredTexts' | 'listKeylessUpdates' | 'dropUnnumberedUpdates' | 'replaceHistory'>> {
  const storedDocs = db.prepare(SQLITE_STORED_DOCS);
  const keyless = db.prepare(KEYLESS_ROWS);
  const dropKeyless = db.prepare(DROP_KEYLESS);
  const checkRef = docRefCheck();
  // The document's history as one snapshot at `atSeq`, while that is still its last number (`DocumentStore.replaceHistory`).
  const replaceHistory = db.transaction((workspace: string, doc: string, snapshot: Uint8Array, atSeq: number, dropTakeBacks: readonly Uint8Array[], fresh: Uint8Array) => {
    if (atSeq < 1 || keys.lastSeq(workspace, doc) !== atSeq) return false;
    const key = keys.read(workspace, doc);
    q.deleteUpdates.run(key, key);
    q.deleteSnapshot.run(workspace, doc);
    q.deleteCheckpoints.run(workspace, doc);
    q.putSnapshot.run(workspace, doc, atSeq, now(), snapshot, fresh);
    for (const data of dropTakeBacks) q.deleteTakeBack.run(workspace, doc, data);
    return true;
  });
  return {
    async replaceHistory(ref, snapshot, atSeq, dropTakeBacks, fresh) {
      checkRef(ref);
      return write(() => zeroingDeleted(db, () => replaceHistory.immediate(ref.workspace, ref.doc, snapshot, atSeq, dropTakeBacks, fresh)));
    },
    async listStoredDocs(workspace) {
      return sortedRefs((storedDocs.all({ ws: workspace ?? null }) as Row[]).map((r) => ({ workspace: str(r.workspace), doc: str(r.doc) })));
    },
    findStoredTexts: sqliteStoredTexts(db),
    async listKeylessUpdates() {
      const found: KeylessUpdates[] = [];
      for (const r of keyless.all() as Row[]) {
        const key = Number(r.key);
        const update = { seq: Number(r.seq), at: str(r.at), memberId: strOrNull(r.member_id), update: bytes(r.data) };
        const last = found.at(-1);
        if (last?.key === key) last.updates.push(update);
        else found.push({ key, updates: [update] });
      }
      return found;
    },
    async dropUnnumberedUpdates(target) {
      // Every row under a document's key is counted by its last sequence number.
      if (!('key' in target)) return 0;
      return write(() => zeroingDeleted(db, () => dropKeyless.run({ key: target.key }).changes));
    },
  };
}
