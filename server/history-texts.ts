/**
 * A stored part of a document's history read for a personnummer as the guard reads texts: decoded
 * as what it is and each text in it read alone, by `findPersonnummer`, as the door read it when it
 * was written. Yjs bytes (an update, a snapshot, a checkpoint, the update inside the fresh
 * clients' state) are decoded as V1 and as V2, the format the place is written in first: keys,
 * root names, values (a JSON text by its fields, `stored-value.ts`), binary values, formats, embeds,
 * XML names, sub-document ids, and the text of string items in the order they stand (one typed
 * in pieces, by one client or several, is read as one text, as a reader of the document sees it).
 * The fresh clients' state (`fresh-state.ts`) is read as its kind, its title and its update;
 * a take-back (`take-back-wire.ts`) as its map's name and its key.
 *
 * Read as bytes, the raw-byte net (`findPersonnummerInBytes`) joins what the encoding sets side by
 * side and reads a whole part in every legacy 8-bit encoding when any byte of it is no UTF-8 (as
 * every Yjs encoding holds some): a reason's UTF-8 en dash (E2 80 93) becomes `â€“`, a V2 encoding
 * writes all strings of the part as one (`titlefödd 850101 nr 1236` hides the label `född`). Yjs
 * strings are UTF-8 by its format, so decoded texts are read as UTF-8 only. The raw-byte net stays
 * the fallback for bytes that decode as neither one whole update nor a take-back or fresh state:
 * their layout is not known, and every byte is read, UTF-8 first (`findPersonnummerUtf8First`: only
 * the bytes that are no UTF-8 are read in the legacy 8-bit encodings, as a text file is read),
 * then as UTF-16 (`raw-scan-utf16.ts`).
 *
 * A row or comment id, a comment's `row` and a partner cell of a drawn id's shape are ids, not
 * read by the guard (`id-places.ts`); a cell or comment field whose entry another update made is
 * told by its key alone.
 *
 * What is found is told as a {@link Holder}: the items (by id) carrying the text, a root's name, a
 * field of the fresh state, a take-back's key, or bytes no decoding reads; {@link liveIn} asks a
 * document's live state whether it still holds each.
 */
import * as Y from 'yjs';
import { findPersonnummer } from '../shared/validate/personnummer.js';
import { findPersonnummerInBinary } from '../shared/validate/raw-scan-binary.js';
import { findPersonnummerUtf8First } from '../shared/validate/raw-scan-utf8-first.js';
import { decodeWholeUpdate, type DecodedUpdate } from '../shared/validate/update-structs.js';
import { isIdKey, isIdValue } from './id-places.js';
import { storedValueHolds } from './stored-value.js';
import { decodeFresh } from './sync/fresh-state.js';
import { decodeTakeBacks } from './sync/take-back-wire.js';

/** Clocks `clock` … `clock + length - 1` of `client`: an item of a stored update. */
export interface Span {
  client: number;
  clock: number;
  length: number;
}

/** What carries a text holding a personnummer in a stored part. */
export type Holder =
  /** Items, by their ids: one item's key or value, or string items read in order as one text. */
  | { in: 'items'; spans: readonly Span[] }
  /** The name of a root type. */
  | { in: 'root'; name: string }
  /** The kind or title a fresh state carries beside its update. */
  | { in: 'fresh'; key: 'kind' | 'title'; text: string }
  /** A take-back's key in a map (a root by its name, or a nested map by its item's id). */
  | { in: 'take-back'; map: string | Y.ID; key: string }
  /** Bytes that decode in no known layout, read by the raw-byte net. */
  | { in: 'bytes' };

/** What reading a stored part found, and whether it is one whole encoding in the format it is stored in. */
export interface Read {
  holders: Holder[];
  /** False when the part does not decode as exactly one of what its place stores (then the caller names the damage). */
  whole: boolean;
}

const holds = (text: string): boolean => findPersonnummer(text) !== null;

/**
 * The holders of Yjs bytes `bytes` stored as V2 when `v2`, else V1: decoded in that format and,
 * failing that, in the other (a part written by another tool); bytes that decode in neither as one
 * whole update have what decodes read and every byte read by the raw-byte net. Never throws.
 */
export function readYjs(bytes: Uint8Array, v2: boolean): Read {
  for (const format of [v2, !v2]) {
    const decoded = decodeWhole(bytes, format);
    if (decoded !== null) return { holders: holdersIn(decoded), whole: format === v2 };
  }
  const holders: Holder[] = [];
  for (const format of [v2, !v2]) {
    const partial = decodePartial(bytes, format);
    if (partial === null) continue;
    holders.push(...holdersIn(partial));
    break;
  }
  if (findPersonnummerUtf8First(bytes) !== null) holders.push({ in: 'bytes' });
  return { holders, whole: false };
}

function decodeWhole(bytes: Uint8Array, v2: boolean): DecodedUpdate | null {
  try {
    return decodeWholeUpdate(bytes, v2);
  } catch {
    return null;
  }
}

/** The structs Yjs reads from `bytes`, bytes after them ignored; null when it cannot read them. */
function decodePartial(bytes: Uint8Array, v2: boolean): DecodedUpdate | null {
  try {
    return v2 ? Y.decodeUpdateV2(bytes) : Y.decodeUpdate(bytes);
  } catch {
    return null;
  }
}

/**
 * The holders of a fresh state's bytes (`StoredDoc.fresh`): its kind, its title and its V1
 * update; bytes of no known format, or that fail their checksum, are read by the raw-byte net.
 */
export function readFresh(bytes: Uint8Array): Read {
  const fresh = decodeFresh(bytes);
  if (fresh === null) return { holders: findPersonnummerUtf8First(bytes) === null ? [] : [{ in: 'bytes' }], whole: false };
  const holders: Holder[] = [];
  if (holds(fresh.kind)) holders.push({ in: 'fresh', key: 'kind', text: fresh.kind });
  if (fresh.title !== undefined && holds(fresh.title)) holders.push({ in: 'fresh', key: 'title', text: fresh.title });
  const update = readYjs(fresh.update, false);
  return { holders: [...holders, ...update.holders], whole: update.whole };
}

/** The holders of one stored take-back's bytes: its map's name and its key; bytes that are no take-back are read by the raw-byte net. */
export function readTakeBack(bytes: Uint8Array): Read {
  const wire = decodeTakeBacks(bytes);
  if (wire === null) return { holders: findPersonnummerUtf8First(bytes) === null ? [] : [{ in: 'bytes' }], whole: false };
  const holders: Holder[] = [];
  for (const t of wire) {
    if (t.kind !== 'key') continue;
    if (typeof t.map === 'string' && holds(t.map)) holders.push({ in: 'root', name: t.map });
    if (holds(t.key) && !(typeof t.map === 'string' && isIdKey(t.map, t.key))) holders.push({ in: 'take-back', map: t.map, key: t.key });
  }
  return { holders, whole: true };
}

const spanOf = (item: Y.Item): Span => ({ client: item.id.client, clock: item.id.clock, length: item.length });

/** True when `content` (of an item other than a string's) holds a personnummer in a text or value it carries. */
function contentHolds(content: Y.Item["content"]): boolean {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return content.getContent().some((v) => storedValueHolds(v));
  if (content instanceof Y.ContentBinary) return findPersonnummerInBinary(content.content) !== null;
  if (content instanceof Y.ContentFormat) return holds(content.key) || storedValueHolds(content.value);
  if (content instanceof Y.ContentEmbed) return storedValueHolds(content.embed);
  if (content instanceof Y.ContentDoc) return holds(content.doc?.guid ?? '') || storedValueHolds(content.opts);
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (type instanceof Y.XmlElement) return holds(type.nodeName);
    if (type instanceof Y.XmlHook) return holds(type.hookName);
  }
  return false;
}

/**
 * The root whose entry the map `s` is an item of is in (`rows` for a cell, `comments` for a
 * comment's field), when the entry is among `structs`; null when not known here.
 */
function entryRoot(s: Y.Item, byId: () => ReadonlyMap<string, Y.Item>): string | null {
  if (!(s.parent instanceof Y.ID)) return null;
  const entry = byId().get(idKey(s.parent.client, s.parent.clock));
  return entry !== undefined && typeof entry.parent === 'string' ? entry.parent : null;
}

/**
 * True when `s` is an id in an id's place, of a drawn id's shape (`id-places.ts`): a value in a
 * comment's `row` or a partner cell. Its key (a row or comment id) is judged apart, by `isIdKey`.
 */
function idValueAt(s: Y.Item, byId: () => ReadonlyMap<string, Y.Item>): boolean {
  if (s.parentSub === null || !(s.content instanceof Y.ContentAny) || s.content.arr.length !== 1 || typeof s.parent === 'string') return false;
  return isIdValue(entryRoot(s, byId), s.parentSub, s.content.arr[0]);
}

/** Every text of a decoded update that holds a personnummer, by what carries it. */
function holdersIn(decoded: DecodedUpdate): Holder[] {
  const out: Holder[] = [];
  const strings: Y.Item[] = [];
  let items: Map<string, Y.Item> | null = null;
  const byId = (): ReadonlyMap<string, Y.Item> => {
    if (items === null) {
      items = new Map();
      for (const s of decoded.structs) if (s instanceof Y.Item) items.set(idKey(s.id.client, s.id.clock), s);
    }
    return items;
  };
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue;
    if (typeof s.parent === 'string' && holds(s.parent)) out.push({ in: 'root', name: s.parent });
    // A row or comment id of a drawn shape is the entry's key, no identity (`id-places.ts`).
    const idEntry = typeof s.parent === 'string' && s.parentSub !== null && isIdKey(s.parent, s.parentSub);
    if (s.parentSub !== null && !idEntry && holds(s.parentSub)) out.push({ in: 'items', spans: [spanOf(s)] });
    if (s.content instanceof Y.ContentString) strings.push(s);
    else if (!idValueAt(s, byId) && contentHolds(s.content)) out.push({ in: 'items', spans: [spanOf(s)] });
  }
  for (const run of stringRuns(strings)) if (holds(run.text)) out.push({ in: 'items', spans: run.items.map(spanOf) });
  return out;
}

const idKey = (client: number, clock: number): string => `${client}:${clock}`;

/**
 * The texts string items make read in the order they stand: an item follows the one whose last
 * character is its origin (typed after it), or, having none, comes before the one its right
 * origin names (typed in front of it). Each item follows at most one; where several follow one
 * (typed at one place at once), each way through is read. Linear in the items but for such forks.
 */
function stringRuns(items: readonly Y.Item[]): { text: string; items: Y.Item[] }[] {
  if (items.length === 0) return [];
  const byLast = new Map<string, Y.Item>();
  const byFirst = new Map<string, Y.Item>();
  for (const item of items) {
    byLast.set(idKey(item.id.client, item.id.clock + item.length - 1), item);
    byFirst.set(idKey(item.id.client, item.id.clock), item);
  }
  const next = new Map<Y.Item, Y.Item[]>();
  const follows = new Set<Y.Item>();
  const link = (before: Y.Item, after: Y.Item): void => {
    if (before === after || follows.has(after)) return;
    follows.add(after);
    const list = next.get(before);
    if (list === undefined) next.set(before, [after]);
    else list.push(after);
  };
  for (const item of items) {
    const before = item.origin === null ? undefined : byLast.get(idKey(item.origin.client, item.origin.clock));
    if (before !== undefined) link(before, item);
  }
  for (const item of items) {
    if (follows.has(item) || item.rightOrigin === null) continue;
    const after = byFirst.get(idKey(item.rightOrigin.client, item.rightOrigin.clock));
    if (after !== undefined && after.origin === null) link(item, after);
  }
  const runs: { text: string; items: Y.Item[] }[] = [];
  const seen = new Set<Y.Item>();
  const walk = (start: Y.Item): void => {
    // Depth first, without recursion: a run typed one character at a time is as long as the text.
    const stack: { item: Y.Item; path: Y.Item[]; text: string }[] = [{ item: start, path: [], text: '' }];
    while (stack.length > 0) {
      const { item, path, text } = stack.pop() as { item: Y.Item; path: Y.Item[]; text: string };
      if (seen.has(item)) continue;
      seen.add(item);
      const here = [...path, item];
      const read = text + (item.content as Y.ContentString).str;
      const after = next.get(item) ?? [];
      if (after.length === 0) runs.push({ text: read, items: here });
      for (const a of after) stack.push({ item: a, path: here, text: read });
    }
  };
  for (const item of items) if (!follows.has(item)) walk(item);
  // Items that only follow one another in a ring (forged origins) have no first: read from any.
  for (const item of items) if (!seen.has(item)) walk(item);
  return runs;
}

/** The struct of `doc` holding clock `clock` of `client`, or undefined when the doc has none there. */
function structAt(doc: Y.Doc, client: number, clock: number): Y.Item | Y.GC | undefined {
  if (clock >= Y.getState(doc.store, client)) return undefined;
  const structs = doc.store.clients.get(client) as (Y.Item | Y.GC)[];
  return structs[Y.findIndexSS(structs, clock)];
}

/** True when `doc` holds some clock of `span` as an item it has not deleted. */
function spanLive(doc: Y.Doc, span: Span): boolean {
  for (let clock = span.clock; clock < span.clock + span.length; ) {
    const struct = structAt(doc, span.client, clock);
    if (struct === undefined) return false;
    if (struct instanceof Y.Item && !struct.deleted) return true;
    clock = struct.id.clock + struct.length;
  }
  return false;
}

/** The entries of the map a take-back names in `doc` (a root by its name, a nested map by its item's id), by key. */
function entriesOf(doc: Y.Doc, ref: string | Y.ID): Map<string, Y.Item> | undefined {
  if (typeof ref === 'string') return doc.share.get(ref)?._map;
  const struct = structAt(doc, ref.client, ref.clock);
  return struct instanceof Y.Item && !struct.deleted && struct.content instanceof Y.ContentType ? struct.content.type._map : undefined;
}

/**
 * Whether the live state `doc` still holds what a {@link Holder} names: every item of it (some
 * clock of each, not deleted), a root with content, the same kind or title in `meta`, the
 * take-back's key in its map. Bytes no decoding reads are not known to be live: false.
 */
export function liveIn(doc: Y.Doc): (holder: Holder) => boolean {
  return (holder) => {
    switch (holder.in) {
      case 'items':
        return holder.spans.every((span) => spanLive(doc, span));
      case 'root': {
        const type = doc.share.get(holder.name);
        return type !== undefined && (type._start !== null || [...type._map.values()].some((item) => !item.deleted));
      }
      case 'fresh':
        return doc.share.has('meta') && doc.getMap('meta').get(holder.key) === holder.text;
      case 'take-back': {
        const entry = entriesOf(doc, holder.map)?.get(holder.key);
        return entry !== undefined && !entry.deleted;
      }
      case 'bytes':
        return false;
    }
  };
}
