/**
 * Takes a refused local transaction back out of a doc, using a copy of the doc as it was before
 * it (`before`). Yjs cannot remove structs, so "back out" means a new transaction that deletes
 * what the refused one inserted and writes back what it overwrote or deleted. Yjs garbage-collects
 * the deleted content at the end of that transaction, so the refused values (a personnummer, a
 * too-long text) are gone from memory and from every later encoding of the doc; what remains of
 * them is an empty placeholder under the same map key.
 */
import * as Y from 'yjs';

/** A shared type as Yjs lists it in `Transaction.changed`. */
type AnyType = Y.Transaction['changed'] extends Map<infer K, unknown> ? K : never;

/** The path of a type from its root: the root's name, then the map keys down to it. */
function pathOf(type: AnyType): string[] | null {
  const keys: string[] = [];
  let t: AnyType = type;
  while (t._item !== null) {
    const item = t._item;
    if (item.parentSub === null || !(item.parent instanceof Y.AbstractType)) return null;
    keys.unshift(item.parentSub);
    t = item.parent as AnyType;
  }
  const root = Y.findRootTypeKey(t);
  return [root, ...keys];
}

/** The map at `path` in `doc`, or undefined when there is none. */
function mapAt(doc: Y.Doc, path: string[]): Y.Map<unknown> | undefined {
  const [root, ...keys] = path;
  if (root === undefined || !doc.share.has(root)) return undefined;
  let node: unknown = doc.getMap(root);
  for (const key of keys) {
    node = node instanceof Y.Map ? node.get(key) : undefined;
  }
  return node instanceof Y.Map ? node : undefined;
}

/** A fresh copy of a value of `before` for writing into the doc (maps copied deeply, other types left out). */
function copyOf(value: unknown): unknown {
  if (!(value instanceof Y.AbstractType)) return value;
  if (!(value instanceof Y.Map)) return undefined;
  const map = new Y.Map<unknown>();
  for (const [key, inner] of value.entries()) {
    const copy = copyOf(inner);
    if (copy !== undefined) map.set(key, copy);
  }
  return map;
}

/** True when `type` was made by the transaction whose state before was `beforeState`. */
function isNew(type: unknown, beforeState: Map<number, number>): boolean {
  if (!(type instanceof Y.AbstractType) || type._item === null) return false;
  const { client, clock } = type._item.id;
  return clock >= (beforeState.get(client) ?? 0);
}

function revertMapKey(map: Y.Map<unknown>, key: string, old: Y.Map<unknown> | undefined, beforeState: Map<number, number>): void {
  if (old === undefined || !old.has(key)) {
    if (map.has(key)) map.delete(key);
    return;
  }
  const previous = old.get(key);
  const current = map.get(key);
  // A row map that was there before stays; its own cells are reverted as a changed type.
  if (current instanceof Y.Map && previous instanceof Y.Map && !isNew(current, beforeState)) return;
  const copy = copyOf(previous);
  if (copy === undefined) map.delete(key);
  else map.set(key, copy);
}

/** Deletes the entries of a list-like type (array, text, XML) that the transaction inserted. */
function revertList(type: AnyType, beforeState: Map<number, number>): void {
  const list = type as unknown as { delete?: (index: number, length: number) => void };
  if (typeof list.delete !== 'function') return;
  let index = 0;
  const cuts: Array<[number, number]> = [];
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    if (item.id.clock >= (beforeState.get(item.id.client) ?? 0)) cuts.push([index, item.length]);
    index += item.length;
  }
  for (const [at, length] of cuts.reverse()) list.delete(at, length);
}

/**
 * Writes, in one transaction with `origin`, the inverse of `tr` on `doc`: every map key `tr`
 * changed is set back to its value in `before` (a doc holding exactly the state before `tr`),
 * or removed when `before` has none; list content `tr` inserted is deleted.
 *
 * @example
 * doc.on('update', (_u, _o, _d, tr) => { if (refused) revertTransaction(doc, shadow, tr, REVERT) });
 */
export function revertTransaction(doc: Y.Doc, before: Y.Doc, tr: Y.Transaction, origin: unknown): void {
  const changes = [...tr.changed.entries()];
  const beforeState = tr.beforeState;
  doc.transact(() => {
    for (const [type, keys] of changes) {
      if (type._item?.deleted) continue;
      const path = pathOf(type);
      if (path === null) continue;
      if (type instanceof Y.Map) {
        const old = mapAt(before, path);
        for (const key of keys) if (key !== null) revertMapKey(type as Y.Map<unknown>, key, old, beforeState);
      } else if (keys.has(null)) {
        revertList(type, beforeState);
      }
    }
  }, origin);
}
