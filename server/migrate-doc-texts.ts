/**
 * What `samplan migrate` refuses to carry inside documents: the state of every document the SQLite
 * source holds (those with a record and those without one, such as a workspace's rounds,
 * `~rounds`), read as a room reads it (`loadStored` of `sync/load-doc.ts`), every text in it
 * scanned with the guard the server runs on every update (`findPersonnummer`,
 * `shared/validate/personnummer.ts`): cells, row ids and column names, `meta` fields, comments,
 * the rounds' JSON texts (titles, close and reopen reasons, maturity comments) and their keys.
 * A document title is judged as every name is (`findTextFault` of `shared/validate/text-fault.ts`),
 * as `meta.title` is when an update writes it. An older Samplan, or the `sqlite3` shell, could have
 * stored what today's server refuses; the copy of `update_log` is byte for byte, past every check.
 *
 * One pass per document, each loaded once: linear in the size of the stored state.
 */
import Database from 'better-sqlite3';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';
import { scanDocHistory } from './history-scan.js';
import { refusedTextsOf } from './doc-texts.js';
import { silentLogger } from './logger.js';
import type { RefusedRecord } from './migrate-refused.js';
import { scannedWords } from './migrate-words.js';
import type { Localized } from '../shared/schema/types.js';
import { openSqliteStorage } from './storage/sqlite.js';
import type { DocRef } from './storage/storage.js';
import { loadStored } from './sync/load-doc.js';

export { refusedTextsOf } from './doc-texts.js';

/** The mask a key or a path element holding an identity number is shown with. */
const MASK = '[personnummer]';
const masked = (text: string): string => redactPersonnummer(text, MASK);

/**
 * Every document the SQLite file `from` holds state for, in (workspace, doc) order: those with a
 * record, and those without one that have updates or a snapshot, such as a workspace's rounds
 * (`~rounds`, `rounds-store.ts`), which the server writes under no document record. The schema
 * must be current (version 8 or later: `doc_keys`, `update_rows`). Reads only.
 */
export function storedDocs(from: string): DocRef[] {
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT workspace, doc FROM docs
         UNION SELECT workspace, doc FROM snapshots
         UNION SELECT k.workspace, k.doc FROM doc_keys k
           WHERE EXISTS (SELECT 1 FROM update_rows u WHERE u.id >= k.id * 4294967296 AND u.id < (k.id + 1) * 4294967296)
         ORDER BY workspace, doc`,
      )
      .all() as DocRef[];
  } finally {
    db.close();
  }
}

/**
 * Every text the guard refuses in the documents of the SQLite file `from` (of the current schema),
 * as records of table `document`, keyed `workspace/doc` (an identity number masked), the field the
 * path of the text in the document; the document's id itself is field `id`. Then, as records of
 * table `history` with the same key, each place of the document's stored history that holds a
 * personnummer (`scanDocHistory`: `update <seq>`, `snapshot`, `checkpoint <seq>`, `take-back <n>`),
 * text deleted from the live state but copied with `update_log` all the same. Reports
 * `scanned <n>/<total> documents` (in both languages) every 50 documents and at the end. Reads only. Rejects with
 * what the store throws (a document whose stored updates Yjs cannot read).
 */
export async function refusedDocTexts(from: string, progress: (line: Localized) => void = () => undefined): Promise<RefusedRecord[]> {
  const refs = storedDocs(from);
  const refused: RefusedRecord[] = [];
  if (refs.length === 0) return refused;
  const store = openSqliteStorage(from, { readonly: true });
  const logger = silentLogger();
  try {
    for (const [i, ref] of refs.entries()) {
      const key = masked(`${ref.workspace}/${ref.doc}`);
      if (key !== `${ref.workspace}/${ref.doc}`) refused.push({ table: 'document', key, field: 'id', reason: 'a personnummer' });
      const { doc } = await loadStored(ref, await store.loadDoc(ref), logger);
      for (const [field, reason] of refusedTextsOf(doc)) refused.push({ table: 'document', key, field, reason });
      doc.destroy();
      // Text deleted from the live state stays in the history copied byte for byte (`history-scan.ts`).
      for (const place of await scanDocHistory(store, ref)) refused.push({ table: 'history', key, field: place, reason: 'a personnummer' });
      if ((i + 1) % 50 === 0 || i + 1 === refs.length) progress(scannedWords(i + 1, refs.length));
    }
  } finally {
    await store.close();
  }
  return refused;
}
