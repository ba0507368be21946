/**
 * Which item a map key holds once an update lands, decided by Yjs itself. A key's value is the
 * last item of its chain (every write of the key, deleted ones too, in Yjs' order). A write made
 * without seeing the value the doc now holds (a concurrent write: its left origin is an older
 * item, or none) is placed among the chain's items by Yjs' rule (YATA: items after the same
 * origin are ordered by client id), so the update's value may lose to the one stored, or win.
 *
 * Rather than copy that rule (a copy drifts from the library's), {@link keyWinner} runs Yjs' own
 * `Item.integrate` on stand-ins in a scratch document: the doc's chain for the key as it stands,
 * then the update's items for it, each with its id, origins and a placeholder content. Cost: a
 * scratch document and one stand-in per item of the key's chain (every value it ever held), so
 * callers ask only for a key the update writes concurrently (see `settled-cells.ts`).
 */
import * as Y from 'yjs';

const KEY = 'k';

function byId(a: Y.Item, b: Y.Item): number {
  return a.id.client - b.id.client || a.id.clock - b.id.clock;
}

function idKey(client: number, clock: number): string {
  return `${client}:${clock}`;
}

/**
 * Each item of `items` cut in stand-ins of length one (as Yjs splits an item where another's
 * origin points into it), in `map` under {@link KEY}, not yet linked: the first keeps the item's
 * origin, each next one's is the one before.
 */
function standIns(items: readonly Y.Item[], map: Y.Map<unknown>, of: Map<Y.Item, Y.Item>): Y.Item[] {
  const out: Y.Item[] = [];
  for (const item of items) {
    const { client, clock } = item.id;
    for (let k = 0; k < item.length; k++) {
      const origin = k === 0 ? item.origin : Y.createID(client, clock + k - 1);
      const content = item.deleted ? new Y.ContentDeleted(1) : new Y.ContentAny([null]);
      const copy = new Y.Item(Y.createID(client, clock + k), null, origin, null, item.rightOrigin, map, KEY, content);
      if (item.deleted) copy.markDeleted();
      of.set(copy, item);
      out.push(copy);
    }
  }
  return out;
}

/** Adds `struct` to `store`, a collected range first over any clock of its client before it that the store lacks. */
function append(store: Y.Doc['store'], struct: Y.Item | null, client: number, clock: number): void {
  const structs = store.clients.get(client) ?? [];
  const last = structs[structs.length - 1];
  const end = last === undefined ? 0 : last.id.clock + last.length;
  if (end < clock) structs.push(new Y.GC(Y.createID(client, end), clock - end));
  if (struct !== null) structs.push(struct);
  // Yjs reads every client's list as non-empty (its state vector).
  if (structs.length > 0) store.clients.set(client, structs);
}

/**
 * The item the key holds once `incoming` (an update's items writing that key, in any order) land
 * beside the doc's: `current` is the item the doc's map holds for the key now (deleted or not;
 * undefined: the key was never written), its chain read leftwards from it. The answer is one of
 * `current` or `incoming`, or null when the key holds nothing. An incoming item naming an origin
 * that neither the chain nor the update has (which the walk refuses as malformed) is left out.
 * Whether the winner is deleted is the caller's to ask (the update's delete set may delete it).
 */
export function keyWinner(current: Y.Item | undefined, incoming: readonly Y.Item[]): Y.Item | null {
  const scratch = new Y.Doc({ gc: false });
  const map = scratch.getMap(KEY);
  const of = new Map<Y.Item, Y.Item>();
  const chain: Y.Item[] = [];
  for (let o: Y.Item | null = current ?? null; o !== null; o = o.left) chain.push(o);
  chain.reverse();
  const settled = standIns(chain, map, of);
  const at = new Map<string, Y.Item>();
  let winner: Y.Item | undefined;
  scratch.transact((tr) => {
    // The doc's chain is linked as it stands: its order is settled.
    for (let i = 0; i < settled.length; i++) {
      const copy = settled[i] as Y.Item;
      copy.left = settled[i - 1] ?? null;
      copy.right = settled[i + 1] ?? null;
      at.set(idKey(copy.id.client, copy.id.clock), copy);
    }
    const last = settled[settled.length - 1];
    if (last !== undefined) map._map.set(KEY, last);
    for (const copy of [...settled].sort(byId)) append(scratch.store, copy, copy.id.client, copy.id.clock);
    // The update's items as Yjs integrates them: a client's in clock order, each once what it names is there.
    const pending = standIns([...incoming].sort(byId), map, of);
    const find = (id: Y.ID | null): Y.Item | null | undefined => (id === null ? null : at.get(idKey(id.client, id.clock)));
    for (let progress = true; progress && pending.length > 0; ) {
      progress = false;
      for (let i = 0; i < pending.length; i++) {
        const copy = pending[i] as Y.Item;
        const before = pending[i - 1];
        if (before !== undefined && before.id.client === copy.id.client) continue;
        const left = find(copy.origin);
        const right = find(copy.rightOrigin);
        if (left === undefined || right === undefined) continue;
        pending.splice(i--, 1);
        copy.left = left;
        copy.right = right;
        append(scratch.store, null, copy.id.client, copy.id.clock);
        copy.integrate(tr, 0);
        at.set(idKey(copy.id.client, copy.id.clock), copy);
        progress = true;
      }
    }
    // Read before the transaction ends: its clean-up may merge stand-ins.
    winner = map._map.get(KEY);
  });
  return winner === undefined ? null : (of.get(winner) ?? null);
}
