/**
 * The texts of a document's live state the guard refuses, each named by its path
 * (`rows/<row id>/<column>`, `meta/title`, `closures/<round>/reason`), never by the text: every
 * cell, row id and column name, `meta` field, comment, the rounds' JSON values (by their fields,
 * `stored-value.ts`) and keys, read as a room holds them. `samplan migrate` refuses a document
 * holding one (`migrate-doc-texts.ts`), `samplan history drop` refuses to drop its history, and
 * `samplan history scan` names where the live state holds one (`history-scan.ts`). A row or
 * comment id, a comment's `row` and a partner cell of a drawn id's shape are ids, not named
 * (`id-places.ts`).
 */
import * as Y from 'yjs';
import { findPersonnummerInValue } from '../shared/validate/personnummer.js';
import { findTextFault } from '../shared/validate/text-fault.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';
import { isIdKey, isIdValue } from './id-places.js';
import { scanStoredValue } from './stored-value.js';

/** The mask a path element holding an identity number is shown with. */
const masked = (text: string): string => redactPersonnummer(text, '[personnummer]');

/** One refused text of a document: its place as a path (`rows/<row id>/<column>`, `meta/title`). */
type Found = (path: readonly string[], reason: string) => void;

/** Scan a value as stored in a document (a text, a number, a JSON object or array), keys included (`stored-value.ts`). */
function scanValue(value: unknown, path: readonly string[], found: Found): void {
  scanStoredValue(value, path, (p) => found(p, 'a personnummer'));
}

/**
 * Scan the content of one live item at `path`: values, nested types, formats, embeds, binary
 * content and a sub-document's id and options (its `meta`), each as the door's walk reads it.
 */
function scanContent(content: Y.Item["content"], path: readonly string[], found: Found): void {
  if (content instanceof Y.ContentType) return scanType(content.type, path, found);
  if (content instanceof Y.ContentFormat) return scanValue({ [content.key]: content.value }, path, found);
  if (content instanceof Y.ContentEmbed) return scanValue(content.embed, path, found);
  if (content instanceof Y.ContentBinary) return scanValue(content.content, path, found);
  if (content instanceof Y.ContentDoc) {
    scanValue(content.doc?.guid ?? null, path, found);
    return scanValue(content.opts, path, found);
  }
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
    // A value in an id's place (a comment's `row`, a partner cell) of a drawn id's shape is an id (`id-places.ts`).
    if (path.length === 2 && item.content instanceof Y.ContentAny && isIdValue(path[0] as string, key, item.content.getContent()[0])) continue;
    if (path.length === 1 && isIdKey(path[0] as string, key)) {
      // A row or comment id of a drawn shape: the key is an id; what it holds is read.
      scanContent(item.content, [...path, key], found);
      continue;
    }
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

