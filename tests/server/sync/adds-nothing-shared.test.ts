/**
 * The verdict that an update adds nothing is judged once per document state and bytes
 * (`DocFrames.addsNothing`): the clients of a document that join together and send back the
 * same bytes get the first one's verdict without another decode and scan, and the verdict is
 * never reused for another document, another state of the same document, or other bytes — not
 * even bytes of the same length that differ in one place. A seeded run of edits, pending
 * updates and send-backs compares it with `addsNothing` judged afresh at every step.
 */
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as changesNothing from '../../../server/sync/changes-nothing.js';
import type * as Changes from '../../../server/sync/changes-nothing.js';
import { DocFrames } from '../../../server/sync/frames.js';

vi.mock('../../../server/sync/changes-nothing.js', async (actual) => {
  const real = await actual<typeof Changes>();
  return { ...real, addsNothing: vi.fn(real.addsNothing) };
});
const judged = vi.mocked(changesNothing.addsNothing);
const { addsNothing } = await vi.importActual<typeof Changes>('../../../server/sync/changes-nothing.js');

/** A plan-like doc: `rows` rows of a few cells, one cell overwritten (so the state has a delete set). */
function plan(rows: number, clientID = 1): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const map = doc.getMap<Y.Map<unknown>>('rows');
  for (let i = 0; i < rows; i++) {
    const row = new Y.Map<unknown>();
    map.set(`r${i}`, row);
    row.set('title', `Promenadgrupp ${i}`);
    row.set('planned', 10 + i);
  }
  map.get('r0')?.set('planned', 99);
  return doc;
}

function watched(doc: Y.Doc): DocFrames {
  const frames = new DocFrames();
  frames.watch(doc);
  return frames;
}

describe('the shared verdict that an update adds nothing', () => {
  it('decodes the same bytes once for every client that sends them against the same state', () => {
    const doc = plan(20);
    const frames = watched(doc);
    const back = Y.encodeStateAsUpdate(doc);
    const deleteSet = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
    judged.mockClear();
    for (let client = 0; client < 5; client++) {
      expect(frames.addsNothing(doc, back.slice())).toBe(true);
      expect(frames.addsNothing(doc, deleteSet.slice())).toBe(true);
    }
    expect(judged).toHaveBeenCalledTimes(2);
    // After any transaction the same bytes are judged again.
    doc.getMap<Y.Map<unknown>>('rows').get('r1')?.set('planned', 5);
    expect(frames.addsNothing(doc, back)).toBe(true);
    expect(judged).toHaveBeenCalledTimes(3);
  });

  it('does not reuse a verdict once the doc holds pending structs (the same bytes against another state)', () => {
    const doc = plan(5);
    const frames = watched(doc);
    const back = Y.encodeStateAsUpdate(doc);
    expect(frames.addsNothing(doc, back)).toBe(true);
    // An update whose left neighbour the doc lacks: Yjs keeps it pending, and applying anything retries it.
    const other = new Y.Doc();
    other.clientID = 7;
    Y.applyUpdate(other, back);
    other.getMap<Y.Map<unknown>>('rows').get('r2')?.set('planned', 1);
    const lacking = Y.encodeStateVector(other);
    other.getMap<Y.Map<unknown>>('rows').get('r2')?.set('planned', 2);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, lacking));
    expect(doc.store.pendingStructs).not.toBeNull();
    expect(addsNothing(doc, back)).toBe(false);
    expect(frames.addsNothing(doc, back)).toBe(false);
  });

  it('does not reuse a verdict for another doc (a room reloaded after a failed write)', () => {
    const doc = plan(5);
    const frames = watched(doc);
    const back = Y.encodeStateAsUpdate(doc);
    expect(frames.addsNothing(doc, back)).toBe(true);
    const reloaded = new Y.Doc();
    frames.watch(reloaded);
    expect(frames.addsNothing(reloaded, back)).toBe(false);
  });

  it('does not reuse a verdict for other bytes of the same length', () => {
    const doc = plan(5);
    const frames = watched(doc);
    const back = Y.encodeStateAsUpdate(doc);
    // Every one-byte change of the update that then adds something (or no longer decodes), nearest the middle first.
    const middle = back.byteLength >> 1;
    const changed: Uint8Array[] = [];
    for (let i = 0; i < back.byteLength; i++) {
      const v = back.slice();
      v[i] = v[i]! ^ 0x01;
      if (!addsNothing(doc, v)) changed.push(v);
    }
    changed.sort((a, b) => firstDiff(a, back, middle) - firstDiff(b, back, middle));
    expect(changed.length).toBeGreaterThan(10);
    for (const v of changed) {
      expect(frames.addsNothing(doc, back)).toBe(true);
      expect(frames.addsNothing(doc, v)).toBe(false);
    }
  });

  it('agrees with a fresh verdict at every step of seeded edits, pending updates and send-backs', () => {
    let seed = 13;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const doc = plan(8);
    const frames = watched(doc);
    const writer = new Y.Doc();
    writer.clientID = 42;
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc));
    const held: Uint8Array[] = [];
    let disagreements = 0;
    let trues = 0;
    for (let step = 0; step < 400; step++) {
      const op = next(5);
      if (op === 0) {
        // An edit of the writer, applied now or later (then pending when out of order).
        const sv = Y.encodeStateVector(writer);
        writer.getMap<Y.Map<unknown>>('rows').get(`r${next(8)}`)?.set('planned', next(1000));
        held.push(Y.encodeStateAsUpdate(writer, sv));
        if (next(2) === 0) Y.applyUpdate(doc, held.splice(next(held.length), 1)[0]!);
      } else if (op === 1 && held.length > 0) {
        Y.applyUpdate(doc, held.shift()!);
      } else {
        // What a client sends back: a copy of the doc as it is, or as it was, or its delete set.
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(next(2) === 0 ? doc : writer));
        const bytes = next(2) === 0 ? Y.encodeStateAsUpdate(copy) : Y.encodeStateAsUpdate(copy, Y.encodeStateVector(copy));
        for (let client = 0; client < 3; client++) {
          const fresh = addsNothing(doc, bytes);
          if (frames.addsNothing(doc, bytes.slice()) !== fresh) disagreements++;
          if (fresh) trues++;
        }
      }
    }
    expect(disagreements).toBe(0);
    expect(trues).toBeGreaterThan(50);
  });
});

/** Distance from `middle` of the first byte where `a` and `b` differ. */
function firstDiff(a: Uint8Array, b: Uint8Array, middle: number): number {
  let i = 0;
  while (a[i] === b[i]) i++;
  return Math.abs(i - middle);
}
