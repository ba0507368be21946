import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { shortText } from './short-text.js';
import { any, field } from './update-string-spans.js';

/** A struct of an update or of the doc, found by id. */
export type Found = Y.Item | Y.GC;

/**
 * Where an item of an update lands once integrated, learned without integrating it:
 * - `root`: directly in a root type (`key` is the map key, null for a list insert),
 * - `child`: in the type held by item `parent`,
 * - `dead`: its parent is garbage-collected, so Yjs will drop it,
 * - `missing`: it refers to a struct neither the update nor the doc has.
 */
export type Parent =
  | { at: 'root'; root: string; key: string | null }
  | { at: 'child'; parent: Y.Item; key: string | null }
  | { at: 'dead' }
  | { at: 'missing' };

/** The delete set of a decoded update. */
export type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/** An update's structs and delete set, decoded once. */
export interface DecodedUpdate {
  structs: Array<Y.Item | Y.GC | Y.Skip>;
  ds: DeleteSet;
  /**
   * Where the update's length-prefixed fields stand in its bytes, as `stringSpans` of
   * `update-string-spans.ts` gives them (`[start, end)` pairs in order, empty fields left out),
   * noted as the decode read them: for the raw-byte net, which then reads no run across a
   * string's edge. V1 only; null for V2 and for a value `stringSpans` does not read (nested past
   * its depth), as `stringSpans` says null then; absent where the structs were decoded otherwise.
   */
  spans?: readonly number[] | null;
}

/** What {@link decodeWholeUpdate} needs of the decoder Yjs built: what it left unread, and the spans it noted (V1). */
interface Watched {
  restDecoder: decoding.Decoder;
  spans?: number[] | null;
}

/** The decoder Yjs last built, so that what it left unread can be seen after `decodeUpdate`. */
let lastDecoder: Watched | null = null;

function remember(decoder: Watched): void {
  lastDecoder = decoder;
}

/**
 * Yjs' V1 update decoder, reading a short string of one- and two-byte characters (a key, a name, a
 * `Y.ContentAny` string value) from its bytes instead of through a `TextDecoder` call on a fresh
 * view (`shortText`, `short-text.ts`): the same values, several times cheaper for what an edit
 * holds. Everything else is read as Yjs reads it. Used by the check's decode and by {@link applyUpdateV1}, so an edit's strings cost no
 * `TextDecoder` call either time.
 */
class ShortTextDecoderV1 extends Y.UpdateDecoderV1 {
  override readString(): string {
    return shortText(this.restDecoder) ?? super.readString();
  }

  override readKey(): string {
    return shortText(this.restDecoder) ?? super.readKey();
  }

  /** A value of `Y.ContentAny`: a string (type byte {@link ANY_STRING}) read as {@link readString} is; any other value as Yjs reads it. */
  override readAny(): unknown {
    const d = this.restDecoder;
    if (d.arr[d.pos] === ANY_STRING) {
      d.pos++;
      const text = shortText(d);
      if (text !== null) return text;
      d.pos--;
    }
    return super.readAny() as unknown;
  }
}

/**
 * {@link ShortTextDecoderV1} noting where each length-prefixed field stands as Yjs reads it
 * (every field `stringSpans` reads is read through one of these five methods), so that the check
 * learns the update's layout from the decode it makes anyway, not from a second read of the bytes.
 */
class WatchedDecoderV1 extends ShortTextDecoderV1 {
  spans: number[] | null = [];

  constructor(decoder: decoding.Decoder) {
    super(decoder);
    remember(this);
  }

  override readString(): string {
    this.noteField();
    return super.readString();
  }

  override readKey(): string {
    this.noteField();
    return super.readKey();
  }

  override readJSON(): unknown {
    this.noteField();
    return super.readJSON() as unknown;
  }

  override readBuf(): Uint8Array {
    this.noteField();
    return super.readBuf();
  }

  override readAny(): unknown {
    const spans = this.spans;
    const d = this.restDecoder;
    const at = d.pos;
    if (spans !== null) {
      try {
        any(d, spans);
      } catch {
        // Past `stringSpans`' depth: it says null, and so is the layout here. Yjs reads on (and throws where the bytes end).
        this.spans = null;
      }
      d.pos = at;
    }
    return super.readAny();
  }

  /** Notes the field at the decoder's position, leaving the position where it was. */
  private noteField(): void {
    const spans = this.spans;
    if (spans === null) return;
    const d = this.restDecoder;
    const at = d.pos;
    try {
      field(d, spans);
    } catch {
      this.spans = null;
    }
    d.pos = at;
  }
}

/** The type byte lib0's `writeAny` puts before a string (its `readAny` case 119). */
const ANY_STRING = 119;

class WatchedDecoderV2 extends Y.UpdateDecoderV2 {
  constructor(decoder: decoding.Decoder) {
    super(decoder);
    remember(this);
  }
}

/**
 * Decodes a whole update (V1, or V2 when `v2`), or returns null when the bytes are not exactly
 * one: Yjs itself stops reading after the delete set and ignores whatever follows, so bytes after
 * a complete update would pass unseen. Throws on bytes Yjs cannot decode.
 */
export function decodeWholeUpdate(update: Uint8Array, v2 = false): DecodedUpdate | null {
  lastDecoder = null;
  const decoded = Y.decodeUpdateV2(update, v2 ? WatchedDecoderV2 : WatchedDecoderV1);
  const rest = lastDecoder as Watched | null;
  lastDecoder = null;
  if (rest === null || decoding.hasContent(rest.restDecoder)) return null;
  return { structs: decoded.structs, ds: decoded.ds, spans: rest.spans ?? null };
}

/**
 * How many bytes follow the one update (V1, or V2 when `v2`) that `update` starts with: 0 when the
 * bytes are exactly one update (what {@link decodeWholeUpdate} asks), more for bytes Yjs would
 * apply while ignoring the rest. Throws on bytes Yjs cannot decode.
 */
export function bytesAfterUpdate(update: Uint8Array, v2 = false): number {
  lastDecoder = null;
  Y.decodeUpdateV2(update, v2 ? WatchedDecoderV2 : WatchedDecoderV1);
  const rest = lastDecoder as Watched | null;
  lastDecoder = null;
  // The decode above always builds its decoder; were it not seen, nothing could be said to be left over.
  return rest === null ? 0 : rest.restDecoder.arr.length - rest.restDecoder.pos;
}

/**
 * `Y.applyUpdate(doc, update, origin)` (an update in the V1 encoding, as y-websocket sends it), its
 * short strings read without a `TextDecoder` call ({@link ShortTextDecoderV1}): the same doc
 * and the same `update` event. Yjs (13.6) integrates only structs it decodes itself, so the check's
 * decoded structs cannot be handed over; this makes the second decode as cheap as the first.
 * Throws what `Y.applyUpdate` throws.
 */
export function applyUpdateV1(doc: Y.Doc, update: Uint8Array, origin?: unknown): void {
  Y.applyUpdateV2(doc, update, origin, ShortTextDecoderV1);
}

/** Whether a client's structs are in clock order. */
function byClock(list: readonly Found[]): boolean {
  for (let i = 1; i < list.length; i++) if ((list[i] as Found).id.clock < (list[i - 1] as Found).id.clock) return false;
  return true;
}

/** Looks structs up by id: the doc's store for what it already has, else the update's own. */
export class StructLookup {
  private readonly own = new Map<number, Found[]>();
  /** What {@link parentOf} learned from neighbours; made when first needed. */
  private memo: Map<Y.Item, Parent> | null = null;
  /** The doc's root types by their name, gathered when first asked. */
  private roots: Map<unknown, string> | null = null;

  constructor(
    private readonly doc: Y.Doc,
    structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>,
  ) {
    for (const s of structs) {
      if (s instanceof Y.Skip) continue;
      const list = this.own.get(s.id.client);
      if (list === undefined) this.own.set(s.id.client, [s]);
      else list.push(s);
    }
    // Yjs reads a client's structs in clock order; only a forged update naming a client twice needs sorting.
    for (const list of this.own.values()) if (!byClock(list)) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  /** The name `doc` shares `type` under ('' when it is no root of the doc). */
  private rootName(type: Y.AbstractType<unknown>): string {
    if (this.roots === null) {
      this.roots = new Map();
      for (const [name, shared] of this.doc.share) this.roots.set(shared, name);
    }
    return this.roots.get(type) ?? '';
  }

  /** True when the doc already holds all of `struct` (applying it again changes nothing). */
  known(struct: Found): boolean {
    return struct.id.clock + struct.length <= Y.getState(this.doc.store, struct.id.client);
  }

  /** The struct containing `id`, or undefined. */
  find(id: Y.ID): Found | undefined {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const structs = this.doc.store.clients.get(id.client) as Found[];
      return structs[Y.findIndexSS(structs, id.clock)];
    }
    const list = this.own.get(id.client);
    if (list === undefined) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid] as Found;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  /**
   * Where `item` (of the update or of the doc) lives. Only an item without a parent of its own is
   * remembered: its answer comes from its neighbours, possibly a chain of them; the others cost a
   * lookup or two.
   */
  parentOf(item: Y.Item): Parent {
    const parent = item.parent;
    if (parent instanceof Y.AbstractType) {
      const up = parent._item;
      if (up === null) return { at: 'root', root: this.rootName(parent), key: item.parentSub };
      return { at: 'child', parent: up, key: item.parentSub };
    }
    if (typeof parent === 'string') return { at: 'root', root: parent, key: item.parentSub };
    if (parent instanceof Y.ID) {
      const up = this.find(parent);
      if (up === undefined) return { at: 'missing' };
      return up instanceof Y.Item ? { at: 'child', parent: up, key: item.parentSub } : { at: 'dead' };
    }
    this.memo ??= new Map();
    const cached = this.memo.get(item);
    if (cached !== undefined) return cached;
    const found = this.fromNeighbours(item);
    this.memo.set(item, found);
    return found;
  }

  private fromNeighbours(item: Y.Item): Parent {
    // No parent given: Yjs copies it from the left (else right) neighbour; a GC neighbour drops it.
    const left = item.origin === null ? null : this.find(item.origin);
    const right = item.rightOrigin === null ? null : this.find(item.rightOrigin);
    if (left === undefined || right === undefined) return { at: 'missing' };
    if (left instanceof Y.GC || right instanceof Y.GC) return { at: 'dead' };
    const neighbour = left ?? right;
    if (neighbour === null) return { at: 'missing' };
    const there = this.parentOf(neighbour);
    return there.at === 'root' || there.at === 'child' ? { ...there, key: neighbour.parentSub ?? there.key } : there;
  }
}
