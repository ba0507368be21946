/**
 * The allow-list of what a Samplan document may contain, struct by struct, and every text a
 * struct carries, whatever its kind of content. `checkUpdate` walks an update with these:
 * `meta` holds the {@link META_FIELDS} as primitives, `rows` holds one plain `Y.Map` per row, and
 * a row holds primitive cells. Everything else Yjs can encode (text, arrays, XML elements and
 * hooks, formatting, embeds, binary, JSON, sub-documents) is refused.
 */
import * as Y from 'yjs';
import type { CellValue } from '../schema/types.js';
import { numberText } from './personnummer.js';
import { MADE_FIELD } from '../doc/create.js';

/** The content of an item, of any kind. */
export type Content = Y.Item['content'];

/** The fields `meta` may hold and the type of each value. */
export const META_FIELDS: ReadonlyMap<string, 'string' | 'number'> = new Map([
  ['kind', 'string'],
  ['schemaVersion', 'number'],
  ['title', 'string'],
  ['ownerUnit', 'string'],
  // Written once by the server when it makes a document (`markMade`); a client may hold it, never write it.
  [MADE_FIELD, 'number'],
]);

/** What an item's content is, as far as the allow-list cares. */
export type Shape =
  | { is: 'deleted' }
  | { is: 'primitive'; value: CellValue }
  | { is: 'row-map' }
  | { is: 'other' };

/** The shape of deleted content. */
export const DELETED: Shape = { is: 'deleted' };
const ROW_MAP: Shape = { is: 'row-map' };
const OTHER: Shape = { is: 'other' };

/**
 * The shape of an item's content. A primitive is a map entry holding exactly one string, finite
 * number, boolean or null; a row map is a plain `Y.Map` (not a subclass such as `Y.XmlHook`).
 */
export function shapeOf(content: Content): Shape {
  if (content instanceof Y.ContentDeleted) return DELETED;
  if (content instanceof Y.ContentAny) {
    if (content.arr.length !== 1) return OTHER;
    const value: unknown = content.arr[0];
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return { is: 'primitive', value };
    if (typeof value === 'number' && Number.isFinite(value)) return { is: 'primitive', value };
    return OTHER;
  }
  if (content instanceof Y.ContentType && content.type.constructor === Y.Map) return ROW_MAP;
  return OTHER;
}

/** Receives each text found in content; returns true to stop. `isName` marks a name, not a value. */
export type TextVisitor = (text: string, isName: boolean) => boolean;

const MAX_DEPTH = 32;

/** Numbers that could be a personnummer written as a number are visited as their text (`numberText`). */
function visitNumber(n: number | bigint, visit: TextVisitor): boolean {
  const text = numberText(n);
  return text === null ? false : visit(text, false);
}

/** Visits every string and every number of ten digits or more (`numberText`) inside a JSON-like value, object keys included. */
export function visitValue(value: unknown, visit: TextVisitor, depth = 0): boolean {
  if (typeof value === 'string') return visit(value, false);
  if (typeof value === 'number' || typeof value === 'bigint') return visitNumber(value, visit);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return false;
  if (value instanceof Uint8Array) return false;
  if (Array.isArray(value)) return value.some((v) => visitValue(v, visit, depth + 1));
  for (const [key, v] of Object.entries(value)) {
    if (visit(key, true) || visitValue(v, visit, depth + 1)) return true;
  }
  return false;
}

/** The name a shared type carries in the update: an XML element's tag or a hook's name. */
function typeName(type: Y.AbstractType<unknown>): string | null {
  if (type instanceof Y.XmlHook) return type.hookName;
  if (type instanceof Y.XmlElement) return type.nodeName;
  return null;
}

/** Visits every text an item's content carries, of any content kind. Binary content is returned for a byte scan. */
export function visitContent(content: Content, visit: TextVisitor): boolean {
  if (content instanceof Y.ContentAny) return visitValue(content.arr, visit);
  if (content instanceof Y.ContentString) return visit(content.str, false);
  if (content instanceof Y.ContentJSON) return visitValue(content.arr, visit);
  if (content instanceof Y.ContentEmbed) return visitValue(content.embed, visit);
  if (content instanceof Y.ContentFormat) return visit(content.key, true) || visitValue(content.value, visit);
  if (content instanceof Y.ContentType) {
    const name = typeName(content.type);
    return name !== null && visit(name, true);
  }
  if (content instanceof Y.ContentDoc) {
    const doc = content.doc as Y.Doc | null;
    return (doc !== null && visit(doc.guid, true)) || visitValue(content.opts, visit);
  }
  return false;
}

/** Adds every byte array inside a JSON-like value (as {@link visitValue} goes through it) to `out`. */
function bytesIn(value: unknown, out: Uint8Array[], depth: number): void {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
  if (value instanceof Uint8Array) out.push(value);
  else if (Array.isArray(value)) for (const v of value) bytesIn(v, out, depth + 1);
  else for (const v of Object.values(value)) bytesIn(v, out, depth + 1);
}

const NO_BYTES: readonly Uint8Array[] = Object.freeze([]);

/**
 * The byte arrays an item's content carries, which a text visitor cannot read: binary content's
 * own, and those inside a value of any kind (a `Uint8Array` in a JSON value of `Y.ContentAny`,
 * an embed, a format), each for a reading of its own, whole (`findPersonnummerInBinary`).
 */
export function binariesOf(content: Content): readonly Uint8Array[] {
  if (content instanceof Y.ContentBinary) return [content.content];
  let value: unknown;
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) value = content.arr;
  else if (content instanceof Y.ContentEmbed) value = content.embed;
  else if (content instanceof Y.ContentFormat) value = content.value;
  else return NO_BYTES;
  // Most values hold only primitives: no list made for them.
  if (value === null || typeof value !== 'object' || (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object'))) return NO_BYTES;
  const out: Uint8Array[] = [];
  bytesIn(value, out, 0);
  return out;
}
