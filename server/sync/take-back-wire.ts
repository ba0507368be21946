/**
 * Take-backs (`take-backs.ts`) as bytes, so that the process that took a refused change back can
 * tell the other processes holding the document (through the fan-out), and each of them writes an
 * allowed concurrent edit again when that edit reaches it first. A take-back names Yjs items by
 * their ids and maps by the id of their item (or a root map by its name), never by content: the
 * message holds no value of the document. Ids name the same items in every process, so the other
 * side looks them up in its own doc; one it does not have yet (the take-back's update is still on
 * its way) is looked up again later ({@link resolveTakeBack} answers 'later').
 *
 * The cluster's part of the take-backs, as the room (`take-backs.ts`) carries it out:
 *
 * In a cluster (PostgreSQL + Redis) the allowed edit may reach a process other than the one that
 * took the change back, and the process that integrates a set that lost drops its value at once
 * (Yjs collects deleted content when the transaction ends, before the update is stored): only
 * that process can write it again. So every process holding the document remembers the
 * take-back. Each take-back is stored with the document, in the transaction of the update that
 * writes it (its ids only, `take-back-wire.ts`; storage keeps the newest within the bound below
 * of a document, and deletes them with the document), and a room takes in what is stored when it loads the document, in the same read as
 * the snapshot and tail, before it accepts any update (`load-doc.ts`, which also keeps from
 * collection the deleted row maps stored take-backs name, so a cell edit of such a row still
 * finds it). So a process that restarts, or loads the document for the first time, knows every
 * take-back made before it loaded. The room that made one also shares it through the fan-out
 * (`take-back-wire.ts`), the fast path for the processes holding the document already: they take
 * it in (`TakeBacks.receive`) and look its items up once their doc holds them. A set that
 * was stored before a process heard of the take-back and lost to it only when that process
 * applied the take-back is written again by the process that has it in memory when the stored
 * update reaches it (`TakeBacks.applyStored`). A stored update names no author, so that
 * process cannot ask about rights; it need not: a set that landed in the deleted row map where it
 * was integrated had its content collected there before it was stored (the copy, if any, was
 * made there, rights checked), so what reaches `applyStored` with a value was checked against the
 * live row by the process that integrated it.
 *
 * A take-back made while the fan-out (Redis) is down reaches the other processes through storage:
 * a process that reads other processes' updates from storage while the fan-out is down, or at its
 * first catch-up after the fan-out came back (`CommitLog.catchUp`), reads the take-backs stored
 * with them first, so it applies none of them as a plain update. As a safety net for a take-back
 * a process still applies as one (its message lost while the fan-out seemed up), every process
 * keeps the value of a set of an allowed update that loses, as it is integrated, to a value the
 * process held already (`keepLostSets`): the stored update carries it, and a process that
 * remembers the take-back writes it again when the update reaches it (`applyStored`). The cost is
 * the content of such concurrent losers (rare: two edits of one cell at once) kept, deleted, in
 * the doc.
 *
 * Another process's take-back in a row while it lived there is told from an edit by the take-backs
 * this process knows: heard through the fan-out (published before its update), read from storage
 * while the fan-out is or was down, and read from storage before applying any stored update that
 * holds a set in a row a refused delete deleted that is not a take-back known here
 * (`TakeBacks.needsStored`; `CommitLog` then takes the update from storage, as on a gap), so a
 * take-back whose message was lost while the fan-out seemed up is not copied into the row's copy
 * over an edit made there. A take-back of a cell whose message was lost is still applied as a plain
 * update by the processes that missed it: an allowed edit that loses to it there is kept
 * (`keepLostSets`), and that process then reads the stored take-backs and writes it again
 * (`RoomApply.lookBack`, in a cluster), as does the process that made the take-back when the
 * update reaches it, or the next load.
 *
 * Layout (lib0 encoding): a count, then per take-back its kind (0 key, 1 row), the time it was
 * made (ms since 1970, as float64), and for a key the map, the key, the take-back's and the
 * refused item's ids (each optional) and the state vector from before the refused update
 * (`Y.encodeStateVector`); for a row the ids of the deleted row map's item and of its copy's.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { TakeBack } from './take-back-types.js';

/** A take-back as the other processes read it: ids instead of live types. */
export type WireTakeBack =
  | { kind: 'key'; at: number; map: string | Y.ID; key: string; takeBack: Y.ID | null; refused: Y.ID | null; before: Map<number, number> }
  | { kind: 'row'; at: number; old: Y.ID; copy: Y.ID };

function writeId(e: encoding.Encoder, id: Y.ID | null): void {
  encoding.writeVarUint(e, id === null ? 0 : 1);
  if (id === null) return;
  encoding.writeVarUint(e, id.client);
  encoding.writeVarUint(e, id.clock);
}

function readId(d: decoding.Decoder): Y.ID | null {
  if (decoding.readVarUint(d) === 0) return null;
  return Y.createID(decoding.readVarUint(d), decoding.readVarUint(d));
}

/** The id of a type's item, or its root name; null for a type that is neither (not integrated, or of a doc since replaced). */
function typeRef(type: Y.AbstractType<unknown>): string | Y.ID | null {
  if (type._item !== null) return type._item.id;
  for (const [name, root] of type.doc?.share ?? []) if (root === type) return name;
  return null;
}

/**
 * Encode take-backs made at the times given (ms since 1970). Those whose maps are not in a doc are
 * left out. Returns null when none is left. Never throws.
 */
export function encodeTakeBacks(entries: readonly { at: number; tb: TakeBack }[]): Uint8Array | null {
  const e = encoding.createEncoder();
  const parts: ((e: encoding.Encoder) => void)[] = [];
  for (const { at, tb } of entries) {
    if (tb.kind === 'key') {
      const map = typeRef(tb.map as Y.AbstractType<unknown>);
      if (map === null) continue;
      parts.push((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeFloat64(e, at);
        if (typeof map === 'string') {
          encoding.writeVarUint(e, 0);
          encoding.writeVarString(e, map);
        } else {
          encoding.writeVarUint(e, 1);
          writeId(e, map);
        }
        encoding.writeVarString(e, tb.key);
        writeId(e, tb.takeBack);
        writeId(e, tb.refused);
        encoding.writeVarUint8Array(e, Y.encodeStateVector(tb.before));
      });
    } else {
      const old = tb.old._item?.id;
      const copy = tb.copy._item?.id;
      if (!old || !copy) continue;
      parts.push((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeFloat64(e, at);
        writeId(e, old);
        writeId(e, copy);
      });
    }
  }
  if (parts.length === 0) return null;
  encoding.writeVarUint(e, parts.length);
  for (const part of parts) part(e);
  return encoding.toUint8Array(e);
}

/** Decode {@link encodeTakeBacks}' bytes; null for bytes that are not take-backs. */
export function decodeTakeBacks(bytes: Uint8Array): WireTakeBack[] | null {
  try {
    const d = decoding.createDecoder(bytes);
    const out: WireTakeBack[] = [];
    for (let n = decoding.readVarUint(d); n > 0; n--) {
      const kind = decoding.readVarUint(d);
      const at = decoding.readFloat64(d);
      if (kind === 1) {
        const [old, copy] = [readId(d), readId(d)];
        if (!old || !copy) return null;
        out.push({ kind: 'row', at, old, copy });
        continue;
      }
      if (kind !== 0) return null;
      const map = decoding.readVarUint(d) === 0 ? decoding.readVarString(d) : readId(d);
      if (map === null) return null;
      const key = decoding.readVarString(d);
      const takeBack = readId(d);
      const refused = readId(d);
      const before = Y.decodeStateVector(decoding.readVarUint8Array(d));
      out.push({ kind: 'key', at, map, key, takeBack, refused, before });
    }
    return out;
  } catch {
    return null;
  }
}

/** The item `id` names in `doc`: 'later' when the doc does not hold it yet. */
function itemOf(doc: Y.Doc, id: Y.ID): Y.Item | 'later' | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return 'later';
  const struct = Y.getItem(doc.store, id) as Y.AbstractStruct;
  return struct instanceof Y.Item ? struct : null;
}

/** The map `ref` names in `doc`: 'later' when the doc does not hold its item yet; null when it is no (longer a) map. */
function mapOf(doc: Y.Doc, ref: string | Y.ID): Y.Map<unknown> | 'later' | null {
  if (typeof ref === 'string') return doc.share.has(ref) ? doc.getMap(ref) : 'later';
  const item = itemOf(doc, ref);
  if (item === 'later' || item === null) return item;
  return item.content instanceof Y.ContentType && item.content.type instanceof Y.Map ? (item.content.type as Y.Map<unknown>) : null;
}

/**
 * The take-back `wire` names, in `doc`: 'later' while the doc lacks an item it names (its update
 * has not been applied here yet), null when it can no longer be (a row map collected).
 */
export function resolveTakeBack(doc: Y.Doc, wire: WireTakeBack): TakeBack | 'later' | null {
  if (wire.kind === 'key') {
    const map = mapOf(doc, wire.map);
    if (map === 'later' || map === null) return map;
    for (const id of [wire.takeBack, wire.refused]) if (id !== null && id.clock >= Y.getState(doc.store, id.client)) return 'later';
    return { kind: 'key', map, key: wire.key, takeBack: wire.takeBack, refused: wire.refused, before: wire.before };
  }
  const [old, copy] = [mapOf(doc, wire.old), mapOf(doc, wire.copy)];
  if (old === 'later' || copy === 'later') return 'later';
  if (old === null || copy === null) return null;
  return { kind: 'row', old, copy };
}
