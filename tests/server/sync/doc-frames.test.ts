/**
 * A room's join frames are computed once per document state and shared: the same bytes for every
 * peer while the doc is unchanged, new bytes after any update (a deletion too, which leaves the
 * state vector as it is), and answers that bring a peer exactly to the doc's state. The answer to
 * new clients (the empty state vector) is kept apart from the last other one asked about.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocFrames } from '../../../server/sync/frames.js';
import { decodeMessage } from '../../../server/sync/protocol.js';
import { fitsWithin, sizeFollowed } from '../../../shared/validate/doc-size.js';

function payload(frame: Uint8Array): Uint8Array {
  const message = decodeMessage(frame);
  if (message.type === 'sync-step1') return message.stateVector;
  if (message.type === 'sync-step2') return message.update;
  throw new Error(`unexpected ${message.type}`);
}

function docWith(...values: string[]): Y.Doc {
  const doc = new Y.Doc();
  for (const v of values) doc.getMap('rows').set(v, v);
  return doc;
}

describe('join frames', () => {
  it('follows the doc without listening to its updates, so Yjs encodes none for it', () => {
    // Yjs encodes a transaction's update only when the doc has an `update` observer (`cleanupTransactions`).
    const doc = docWith('a');
    const frames = new DocFrames();
    frames.watch(doc);
    expect(doc._observers.has('update')).toBe(false);
    const sv = frames.step1(doc);
    doc.getMap('rows').set('b', 'b');
    expect(payload(frames.step1(doc))).toEqual(Y.encodeStateVector(doc));
    expect(frames.step1(doc)).not.toBe(sv);
  });

  it('starts the running document size from an answer to an empty state vector, exactly, and from no other', () => {
    const doc = docWith('a', 'b');
    const frames = new DocFrames();
    frames.watch(doc);
    frames.step2(doc, Y.encodeStateVector(docWith('a')));
    expect(sizeFollowed(doc)).toBe(false);
    frames.step2(doc, Y.encodeStateVector(new Y.Doc()));
    expect(sizeFollowed(doc)).toBe(true);
    const exact = Y.encodeStateAsUpdate(doc).byteLength;
    expect(fitsWithin(doc, 0, exact)).toBe(true);
    expect(fitsWithin(doc, 1, exact)).toBe(false);
  });

  it('gives every peer the same bytes while the doc is unchanged, and fresh ones after an update', () => {
    const doc = docWith('a');
    const frames = new DocFrames();
    frames.watch(doc);
    const empty = Y.encodeStateVector(new Y.Doc());
    const first = frames.step2(doc, empty);
    expect(frames.step2(doc, empty.slice())).toBe(first);
    expect(frames.step1(doc)).toBe(frames.step1(doc));
    const sv = frames.step1(doc);
    doc.getMap('rows').set('b', 'b');
    expect(frames.step1(doc)).not.toBe(sv);
    expect(payload(frames.step1(doc))).toEqual(Y.encodeStateVector(doc));
    const peer = new Y.Doc();
    Y.applyUpdate(peer, payload(frames.step2(doc, empty)));
    expect(peer.getMap('rows').toJSON()).toEqual({ a: 'a', b: 'b' });
  });

  it('answers again after a deletion, which leaves the state vector unchanged', () => {
    const doc = docWith('a', 'b');
    const frames = new DocFrames();
    frames.watch(doc);
    const empty = Y.encodeStateVector(new Y.Doc());
    frames.step2(doc, empty);
    const sv = Y.encodeStateVector(doc);
    doc.getMap('rows').delete('a');
    expect(Y.encodeStateVector(doc)).toEqual(sv);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, payload(frames.step2(doc, empty)));
    expect(peer.getMap('rows').toJSON()).toEqual({ b: 'b' });
  });

  it('answers each state vector with what that peer lacks, and a reloaded doc from its own state', () => {
    const doc = docWith('a');
    const frames = new DocFrames();
    frames.watch(doc);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    doc.getMap('rows').set('b', 'b');
    const diff = payload(frames.step2(doc, Y.encodeStateVector(peer)));
    expect(diff).toEqual(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(peer)));
    const reloaded = docWith('z');
    frames.watch(reloaded);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, payload(frames.step2(reloaded, Y.encodeStateVector(new Y.Doc()))));
    expect(fresh.getMap('rows').toJSON()).toEqual({ z: 'z' });
  });

  it("keeps the answer to new clients while clients with a copy ask with the doc's own state vector, in turn", () => {
    const doc = docWith('a', 'b');
    const frames = new DocFrames();
    frames.watch(doc);
    const empty = Y.encodeStateVector(new Y.Doc());
    const own = Y.encodeStateVector(doc);
    const whole = frames.step2(doc, empty);
    const rest = frames.step2(doc, own);
    for (let i = 0; i < 3; i++) {
      expect(frames.step2(doc, empty.slice())).toBe(whole);
      expect(frames.step2(doc, own.slice())).toBe(rest);
    }
    expect(payload(rest)).toEqual(Y.encodeStateAsUpdate(doc, own));
    doc.getMap('rows').set('c', 'c');
    const after = frames.step2(doc, empty);
    expect(after).not.toBe(whole);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, payload(after));
    expect(peer.getMap('rows').toJSON()).toEqual({ a: 'a', b: 'b', c: 'c' });
    expect(payload(frames.step2(doc, own))).toEqual(Y.encodeStateAsUpdate(doc, own));
  });

  it('lets go of what it kept for a state the doc has left, the whole-doc answer too, and keeps serving a storm from one encode', () => {
    const doc = docWith(...Array.from({ length: 200 }, (_, i) => `row-${i}`));
    const frames = new DocFrames();
    frames.watch(doc);
    const empty = Y.encodeStateVector(new Y.Doc());
    const whole = Y.encodeStateAsUpdate(doc);
    frames.step1(doc);
    frames.step2(doc, empty);
    frames.step2(doc, Y.encodeStateVector(doc));
    // A pane keeping its copy offline sends the whole plan back: kept as adding nothing.
    expect(frames.addsNothing(doc, whole)).toBe(true);
    expect(frames.keptBytes).toBeGreaterThan(2 * whole.byteLength);
    doc.getMap('rows').set('row-0', 'changed');
    expect(frames.keptBytes).toBe(0);
    const answer = frames.step2(doc, empty);
    for (let i = 0; i < 3; i++) expect(frames.step2(doc, empty.slice())).toBe(answer);
    expect(frames.keptBytes).toBe(answer.byteLength);
    // A transaction that changes nothing moves the version too: nothing kept is served after it.
    doc.transact(() => undefined);
    expect(frames.keptBytes).toBe(0);
    frames.step2(doc, empty);
    frames.watch(docWith('z'));
    expect(frames.keptBytes).toBe(0);
  });
});
