import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeMessage } from '../../../server/sync/protocol.js';
import { MAX_ORIGINS_LEFT_OUT, relayBatch, relaySends } from '../../../server/sync/relay.js';
import { getRow, insertRow } from '../../../shared/doc/index.js';

class FakePeer {
  frames: Uint8Array[] = [];
  send(frame: Uint8Array): void {
    this.frames.push(frame);
  }
  /** The rows a fresh doc has after applying everything this peer was sent. */
  rows(ids: string[]): string[] {
    const doc = new Y.Doc();
    for (const frame of this.frames) {
      const message = decodeMessage(frame);
      if (message.type !== 'update') throw new Error(`unexpected ${message.type}`);
      Y.applyUpdate(doc, message.update);
    }
    return ids.filter((id) => getRow(doc, id) !== undefined);
  }
}

function rowUpdate(id: string): Uint8Array {
  const doc = new Y.Doc();
  insertRow(doc, { title: id }, { id });
  return Y.encodeStateAsUpdate(doc);
}

describe('relay of a group commit', () => {
  it('sends a batch as one frame per peer, the same bytes to each, and nobody its own updates', () => {
    const writer = new FakePeer();
    const other = new FakePeer();
    const readers = [new FakePeer(), new FakePeer()];
    const ids = ['a1', 'a2', 'b1'];
    relayBatch(
      [writer, other, ...readers],
      [
        { update: rowUpdate('a1'), origin: writer },
        { update: rowUpdate('a2'), origin: writer },
        { update: rowUpdate('b1'), origin: other },
      ],
    );
    for (const reader of readers) {
      expect(reader.frames).toHaveLength(1);
      expect(reader.rows(ids)).toEqual(ids);
    }
    expect(readers[0]?.frames[0]).toBe(readers[1]?.frames[0]);
    expect(writer.rows(ids)).toEqual(['b1']);
    expect(other.rows(ids)).toEqual(['a1', 'a2']);
  });

  it('sends one update to every peer but its writer as the same bytes, and a server-side one to everyone', () => {
    const writer = new FakePeer();
    const readers = [new FakePeer(), new FakePeer(), new FakePeer()];
    relayBatch([...readers.slice(0, 1), writer, ...readers.slice(1)], [{ update: rowUpdate('a1'), origin: writer }]);
    expect(writer.frames).toEqual([]);
    for (const reader of readers) expect(reader.rows(['a1'])).toEqual(['a1']);
    expect(new Set(readers.map((r) => r.frames[0])).size).toBe(1);
    const all = [writer, ...readers];
    relayBatch(all, [{ update: rowUpdate('s1'), origin: null }]);
    for (const peer of all) expect(peer.rows(['s1'])).toEqual(['s1']);
    expect(new Set(all.map((p) => p.frames[p.frames.length - 1])).size).toBe(1);
  });

  it('hands every peer the same Buffer, which ws sends as it is instead of wrapping it per socket', () => {
    const writer = new FakePeer();
    const readers = [new FakePeer(), new FakePeer()];
    relayBatch([writer, ...readers], [{ update: rowUpdate('a1'), origin: writer }]);
    relayBatch([writer, ...readers], [
      { update: rowUpdate('a2'), origin: writer },
      { update: rowUpdate('a3'), origin: null },
    ]);
    for (const i of [0, 1]) {
      const frame = readers[0]?.frames[i];
      expect(Buffer.isBuffer(frame)).toBe(true);
      expect(readers[1]?.frames[i]).toBe(frame);
    }
    expect(Buffer.isBuffer(writer.frames[0])).toBe(true);
  });

  it('sends nothing to a peer whose own updates are the whole batch', () => {
    const writer = new FakePeer();
    const reader = new FakePeer();
    relayBatch([writer, reader], [{ update: rowUpdate('a1'), origin: writer }]);
    expect(writer.frames).toEqual([]);
    expect(reader.rows(['a1'])).toEqual(['a1']);
  });

  it('sends a batch from many writers to everyone as one frame, echo included, and every peer ends complete', () => {
    const writers = Array.from({ length: MAX_ORIGINS_LEFT_OUT + 1 }, () => new FakePeer());
    const reader = new FakePeer();
    const ids = writers.map((_, i) => `w${i}`);
    relayBatch([...writers, reader], writers.map((w, i) => ({ update: rowUpdate(ids[i] as string), origin: w })));
    for (const peer of [...writers, reader]) {
      expect(peer.frames).toHaveLength(1);
      expect(peer.frames[0]).toBe(reader.frames[0]);
      expect(peer.rows(ids)).toEqual(ids);
    }
  });

  it('counts server-side writes (no origin) as nobody’s', () => {
    const writer = new FakePeer();
    const reader = new FakePeer();
    relayBatch([writer, reader], [{ update: rowUpdate('a1'), origin: writer }, { update: rowUpdate('s1'), origin: null }]);
    expect(writer.rows(['a1', 's1'])).toEqual(['s1']);
    expect(reader.rows(['a1', 's1'])).toEqual(['a1', 's1']);
  });

  it('says beforehand whether a batch sends anything, as relayBatch then does (the commit log flushes the fan-out before it)', () => {
    const many = MAX_ORIGINS_LEFT_OUT + 1;
    const cases: [string, (p: FakePeer[]) => { peers: FakePeer[]; batch: { update: Uint8Array; origin: FakePeer | null }[] }][] = [
      ['no peer', (p) => ({ peers: [], batch: [{ update: rowUpdate('a'), origin: p[0] as FakePeer }] })],
      ['the writer alone', (p) => ({ peers: [p[0] as FakePeer], batch: [{ update: rowUpdate('a'), origin: p[0] as FakePeer }] })],
      ['the writer alone, two updates', (p) => ({ peers: [p[0] as FakePeer], batch: ['a', 'b'].map((id) => ({ update: rowUpdate(id), origin: p[0] as FakePeer })) })],
      ['a writer and a reader', (p) => ({ peers: [p[0] as FakePeer, p[1] as FakePeer], batch: [{ update: rowUpdate('a'), origin: p[0] as FakePeer }] })],
      ['two writers, each the other’s reader', (p) => ({ peers: [p[0] as FakePeer, p[1] as FakePeer], batch: [0, 1].map((i) => ({ update: rowUpdate(`w${i}`), origin: p[i] as FakePeer })) })],
      ['a server-side write to its only peer', (p) => ({ peers: [p[0] as FakePeer], batch: [{ update: rowUpdate('s'), origin: null }] })],
      [`${many} writers and nobody else`, (p) => ({ peers: p.slice(0, many), batch: p.slice(0, many).map((w, i) => ({ update: rowUpdate(`w${i}`), origin: w })) })],
      ['an empty batch', (p) => ({ peers: [p[0] as FakePeer], batch: [] })],
    ];
    const sends: Record<string, boolean> = {};
    for (const [name, make] of cases) {
      const { peers, batch } = make(Array.from({ length: many + 1 }, () => new FakePeer()));
      const said = relaySends(peers, batch);
      relayBatch(peers, batch);
      sends[name] = said;
      expect(said, name).toBe(peers.some((p) => p.frames.length > 0));
    }
    expect(Object.values(sends)).toContain(true);
    expect(Object.values(sends)).toContain(false);
  });
});
