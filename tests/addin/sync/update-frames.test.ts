import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UpdateTooLargeError, updatesSince } from '../../../addin/sync/update-frames.js';
import { createDoc, deleteRows, insertRows, rowsOf, setCells } from '../../../shared/doc/index.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';

const rowsOfSize = (n: number, chars: number) => Array.from({ length: n }, (_, i) => ({ title: `Rad ${i} `.padEnd(chars, 'x') }));
const plain = (doc: Y.Doc) => rowsOf(doc).map((r) => ({ id: r.id, values: r.values }));

/** Applies `frames` in order to `target`, each checked first as the server does; returns the frames' sizes. */
function deliver(target: Y.Doc, frames: Uint8Array[]): number[] {
  for (const frame of frames) {
    const verdict = checkUpdate(target, frame);
    expect(verdict.ok, verdict.ok ? '' : verdict.message.en).toBe(true);
    Y.applyUpdate(target, frame);
    // Nothing waits for a struct that has not arrived: each frame integrates on its own.
    expect(target.store.pendingStructs).toBeNull();
  }
  return frames.map((f) => f.byteLength);
}

describe('updatesSince', () => {
  it('is the plain update when it fits', () => {
    const doc = createDoc('activity-plan', { title: 'P', ownerUnit: 'clinic-a', schemaVersion: 2 });
    insertRows(doc, rowsOfSize(10, 50));
    const frames = updatesSince(doc, new Uint8Array([0]), 100_000);
    expect(frames).toEqual([Y.encodeStateAsUpdate(doc, new Uint8Array([0]))]);
  });

  it('cuts a large state into frames under the limit that rebuild it exactly, deletes included', () => {
    const doc = createDoc('activity-plan', { title: 'P', ownerUnit: 'clinic-a', schemaVersion: 2 });
    const ids = insertRows(doc, rowsOfSize(2000, 300));
    deleteRows(doc, ids.slice(0, 100));
    const target = new Y.Doc();
    const sizes = deliver(target, updatesSince(doc, Y.encodeStateVector(target), 50_000));
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50_000);
    expect(plain(target)).toEqual(plain(doc));
    expect(rowsOf(target)).toHaveLength(1900);
  });

  it('orders the runs of several clients so that each frame finds what it builds on', () => {
    // Session one writes rows; session two (another client id) edits them and adds more; a
    // receiver that has only the doc's metadata gets both in frames.
    const first = createDoc('activity-plan', { title: 'P', ownerUnit: 'clinic-a', schemaVersion: 2 });
    const receiver = new Y.Doc();
    Y.applyUpdate(receiver, Y.encodeStateAsUpdate(first));
    const ids = insertRows(first, rowsOfSize(300, 300));
    const second = new Y.Doc();
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    second.transact(() => {
      for (const id of ids) (second.getMap('rows').get(id) as Y.Map<unknown>).set('responsible', 'Anna '.padEnd(200, 'y'));
    });
    insertRows(second, rowsOfSize(100, 300), { after: ids[10] as string });
    // Put the later client first in the store's iteration order, the hard case.
    const clients = second.store.clients;
    const entries = [...clients.entries()].sort(([a], [b]) => (a === second.clientID ? -1 : b === second.clientID ? 1 : 0));
    clients.clear();
    for (const [k, v] of entries) clients.set(k, v);
    const sizes = deliver(receiver, updatesSince(second, Y.encodeStateVector(receiver), 40_000));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(40_000);
    expect(plain(receiver)).toEqual(plain(second));
  });

  it('puts a long value written after smaller ones in a frame of its own, under the limit', () => {
    const doc = createDoc('activity-plan', { title: 'P', ownerUnit: 'clinic-a', schemaVersion: 2 });
    const target = new Y.Doc();
    Y.applyUpdate(target, Y.encodeStateAsUpdate(doc));
    const ids = insertRows(doc, rowsOfSize(5, 100));
    setCells(doc, ids[0] as string, { comment: 'y'.repeat(1900) });
    setCells(doc, ids[1] as string, { comment: 'z'.repeat(1900) });
    const sizes = deliver(target, updatesSince(doc, Y.encodeStateVector(target), 2500));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2500);
    expect(plain(target)).toEqual(plain(doc));
  });

  it('says so when one struct alone is over the limit', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(100_000));
    expect(() => updatesSince(doc, new Uint8Array([0]), 50_000)).toThrow(UpdateTooLargeError);
  });
});
