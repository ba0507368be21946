/**
 * What `samplan migrate` refuses to carry inside documents: the state of every document the SQLite
 * source holds (those with a record and those without one, such as a workspace's rounds,
 * `~rounds`), read as a room reads it (`loadStored` of `sync/load-doc.ts`), every text in it
 * scanned with the guard the server runs on every update (`findPersonnummer`,
 * `shared/validate/personnummer.ts`): cells, row ids and column names, `meta` fields, comments,
 * the rounds' JSON texts (titles, close and reopen reasons, maturity comments) and their keys.
 * A document title is judged as every name is (`findTextFault` of `shared/validate/plain-text.ts`),
 * as `meta.title` is when an update writes it. An older Samplan, or the `sqlite3` shell, could have
 * stored what today's server refuses; the copy of `update_log` is byte for byte, past every check.
 *
 * One pass per document, each loaded once: linear in the size of the stored state.
 */
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { findPersonnummerInValue } from '../shared/validate/personnummer.js';
import { findTextFault } from '../shared/validate/plain-text.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';
import { scanDocHistory } from './history-scan.js';
import { silentLogger } from './logger.js';
import type { RefusedRecord } from './migrate-refused.js';
import { openSqliteStorage } from './storage/sqlite.js';
import type { DocRef } from './storage/storage.js';
import { loadStored } from './sync/load-doc.js';

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

/** One refused text of a document: its place as a path (`rows/<row id>/<column>`, `meta/title`). */
type Found = (path: readonly string[], reason: string) => void;

/** A JSON text of an object or array (the rounds store's values) is read as what it holds as well. */
function parsedJson(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Scan a value as stored in a document (a text, a number, a JSON object or array), keys included. */
function scanValue(value: unknown, path: readonly string[], found: Found): void {
  if (typeof value === 'string') {
    // A JSON text is named by the place of what it holds (`closures/<round>/reason`); the text
    // itself is judged as well, in case the number is spelled across what the parse separates.
    const held = parsedJson(value);
    let named = false;
    if (held !== undefined) scanValue(held, path, (p, r) => ((named = true), found(p, r)));
    if (!named && findPersonnummerInValue(value) !== null) found(path, 'a personnummer');
    return;
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (findPersonnummerInValue(value) !== null) found(path, 'a personnummer');
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => scanValue(v, [...path, String(i)], found));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (findPersonnummerInValue(k) !== null) found([...path, k], 'a personnummer');
      else scanValue(v, [...path, k], found);
    }
  }
}

/** Scan the content of one live item at `path`: values, nested types, formats and embeds. */
function scanContent(content: Y.Item["content"], path: readonly string[], found: Found): void {
  if (content instanceof Y.ContentType) return scanType(content.type, path, found);
  if (content instanceof Y.ContentFormat) return scanValue({ [content.key]: content.value }, path, found);
  if (content instanceof Y.ContentEmbed) return scanValue(content.embed, path, found);
  if (content instanceof Y.ContentDoc) return scanValue(content.doc?.guid ?? null, path, found);
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    const values = content.getContent();
    values.forEach((v, i) => scanValue(v, values.length === 1 ? path : [...path, String(i)], found));
  }
}

/**
 * Scan a shared type: every live key and its value, every live element of its sequence, and the
 * text its string items make when read in order (a number typed one character at a time is one
 * text, as the reader of the document sees it).
 */
function scanType(type: Y.AbstractType<unknown>, path: readonly string[], found: Found): void {
  if (type instanceof Y.XmlElement) scanValue(type.nodeName, [...path, '<name>'], found);
  for (const [key, item] of type._map) {
    if (item.deleted) continue;
    if (findPersonnummerInValue(key) !== null) {
      found([...path, key], 'a personnummer');
      continue;
    }
    scanContent(item.content, [...path, key], found);
  }
  let text = '';
  let index = 0;
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (item.content instanceof Y.ContentString) text += item.content.str;
    else scanContent(item.content, [...path, String(index)], found);
    index += item.length;
  }
  if (text !== '') scanValue(text, path, found);
}

/**
 * Every text of `doc` the guard refuses, as `[path, reason]`: a personnummer anywhere, and in
 * `meta.title` also a character no name may hold (its code point, `U+202E`). Path elements holding
 * an identity number are masked; the texts themselves are never returned.
 */
export function refusedTextsOf(doc: Y.Doc): [path: string, reason: string][] {
  const out: [string, string][] = [];
  const found: Found = (path, reason) => out.push([path.map(masked).join('/'), reason]);
  for (const [root, type] of doc.share) {
    if (findPersonnummerInValue(root) !== null) found([root], 'a personnummer');
    else scanType(type as Y.AbstractType<unknown>, [root], found);
  }
  const title = doc.share.get('meta')?._map.get('title');
  if (title && !title.deleted && title.content instanceof Y.ContentAny) {
    const value = title.content.getContent()[0];
    const fault = typeof value === 'string' ? findTextFault(value) : null;
    if (fault !== null && !out.some(([p]) => p === 'meta/title')) out.push(['meta/title', fault.code]);
  }
  return out;
}

/**
 * Every text the guard refuses in the documents of the SQLite file `from` (of the current schema),
 * as records of table `document`, keyed `workspace/doc` (an identity number masked), the field the
 * path of the text in the document; the document's id itself is field `id`. Then, as records of
 * table `history` with the same key, each place of the document's stored history that holds a
 * personnummer (`scanDocHistory`: `update <seq>`, `snapshot`, `checkpoint <seq>`, `take-back <n>`),
 * text deleted from the live state but copied with `update_log` all the same. Reports
 * `scanned <n>/<total> documents` every 50 documents and at the end. Reads only. Rejects with
 * what the store throws (a document whose stored updates Yjs cannot read).
 */
export async function refusedDocTexts(from: string, progress: (line: string) => void = () => undefined): Promise<RefusedRecord[]> {
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
      if ((i + 1) % 50 === 0 || i + 1 === refs.length) progress(`scanned ${i + 1}/${refs.length} documents`);
    }
  } finally {
    await store.close();
  }
  return refused;
}
