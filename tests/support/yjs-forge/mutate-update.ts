/**
 * Structure-aware mutation of real Yjs updates, for fuzzing `checkUpdate` and the sync server:
 * an update is decoded, one struct or the delete set is altered the way a hostile client could
 * (other content of every kind, another parent, key or id, an id the server already has, a
 * delete of something else, bytes after the end), and encoded again. Byte-level mutations are
 * mixed in. Each mutated update carries `marker` in a text where it can, so a test can search
 * storage for any byte of a refused frame.
 */
import * as Y from 'yjs';
import { encodeStructs, everyContent, type ForgedDelete } from './forge-update.js';

/** A random number in [0, 1). */
export type Random = () => number;

/** mulberry32: a seeded PRNG, so a failing run can be repeated. */
export function prng(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PNR_SPELLINGS = ['19121212-1212', '191212121212', '121212-1212', '1212121212'];

function pick<T>(random: Random, xs: readonly T[]): T {
  return xs[Math.floor(random() * xs.length)] as T;
}

/** Some item of the doc, or null when it has none. */
function docItem(random: Random, doc: Y.Doc): Y.Item | null {
  const clients = [...doc.store.clients.values()];
  if (clients.length === 0) return null;
  const structs = pick(random, clients);
  const s = pick(random, structs);
  return s instanceof Y.Item ? s : null;
}

function contentPool(random: Random, marker: string): Y.Item['content'][] {
  const pnr = pick(random, PNR_SPELLINGS);
  return [
    ...everyContent(`${marker} ${pnr}`).map(([, c]) => c),
    ...everyContent(marker).map(([, c]) => c),
    new Y.ContentAny([`${marker} ${pnr}`]),
    new Y.ContentAny([marker]),
    new Y.ContentAny([198501011236]),
    new Y.ContentAny([null]),
    new Y.ContentAny([marker.repeat(200)]),
    new Y.ContentDeleted(1),
    new Y.ContentType(new Y.Map()),
  ];
}

function keyPool(random: Random, marker: string): (string | null)[] {
  return ['title', 'comment', 'unit', 'kind', 'schemaVersion', '_pos', `${marker}-key`, pick(random, PNR_SPELLINGS), 'k'.repeat(200), null];
}

/** Alters one item of `structs` in place, or replaces it; returns the structs to encode. */
function alterItem(random: Random, doc: Y.Doc, structs: Array<Y.Item | Y.GC | Y.Skip>, marker: string): void {
  const at = Math.floor(random() * structs.length);
  const item = structs[at];
  if (!(item instanceof Y.Item)) return;
  const target = docItem(random, doc);
  const parents: (string | Y.ID)[] = ['rows', 'meta', `${marker}-root`, pick(random, PNR_SPELLINGS)];
  if (target) parents.push(target.id);
  const other = pick(random, structs);
  parents.push(other.id);
  switch (Math.floor(random() * 5)) {
    case 0:
      item.content = pick(random, contentPool(random, marker));
      return;
    case 1:
      item.origin = null;
      item.rightOrigin = null;
      item.parent = pick(random, parents) as never;
      item.parentSub = pick(random, keyPool(random, marker));
      return;
    case 2:
      item.origin = target ? target.id : other.id;
      return;
    case 3: {
      // The id of a struct the server already has, with this content: a re-send with other content.
      if (!target) return;
      const resent = new Y.Item(target.id, null, item.origin, null, item.rightOrigin, item.parent, item.parentSub, item.content);
      structs.splice(at, 1, resent);
      return;
    }
    default:
      item.content = new Y.ContentAny([`${marker} ${pick(random, PNR_SPELLINGS)}`]);
  }
}

function alterDeletes(random: Random, doc: Y.Doc, deletes: ForgedDelete[]): void {
  const target = docItem(random, doc);
  if (random() < 0.3) deletes.splice(0);
  else if (target) deletes.push([target.id.client, target.id.clock, 1 + Math.floor(random() * 3)]);
  else deletes.push([Math.floor(random() * 1e6), 0, 1]);
}

function byteMutation(random: Random, update: Uint8Array, marker: string): Uint8Array {
  const frame = Array.from(update);
  const at = Math.floor(random() * frame.length);
  const text = new TextEncoder().encode(`${marker} ${pick(random, PNR_SPELLINGS)}`);
  switch (Math.floor(random() * 4)) {
    case 0:
      frame[at] = Math.floor(random() * 256);
      break;
    case 1:
      frame.splice(at, 1 + Math.floor(random() * 4));
      break;
    case 2:
      frame.splice(at, text.length, ...text);
      break;
    default:
      frame.push(...text);
  }
  return Uint8Array.from(frame);
}

/**
 * A mutation of `update` (a real update made against `doc`'s state), carrying `marker`. Never
 * throws; may return bytes that are no update at all.
 */
export function mutateUpdate(random: Random, doc: Y.Doc, update: Uint8Array, marker: string): Uint8Array {
  if (random() < 0.25) return byteMutation(random, update, marker);
  const { structs, ds } = Y.decodeUpdate(update);
  const deletes: ForgedDelete[] = [];
  for (const [client, ranges] of ds.clients) for (const r of ranges) deletes.push([client, r.clock, r.len]);
  const rounds = 1 + Math.floor(random() * 2);
  for (let i = 0; i < rounds; i++) {
    if (structs.length > 0 && random() < 0.8) alterItem(random, doc, structs, marker);
    else alterDeletes(random, doc, deletes);
  }
  try {
    const encoded = encodeStructs(structs, deletes);
    return random() < 0.1 ? Uint8Array.from([...encoded, ...new TextEncoder().encode(marker)]) : encoded;
  } catch {
    return byteMutation(random, update, marker);
  }
}

/** The V1 update `edit` makes on a copy of `base` (so callers need no Yjs of their own). */
export function editUpdate(base: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(copy);
  edit(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

/** The whole state of `doc` as a V1 update. */
export function stateUpdate(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}
