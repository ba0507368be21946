/**
 * A whole-document update applied a piece at a time (`update-pieces.ts`) leaves the doc one apply
 * of it leaves: every kind of struct V1 writes (texts with characters of four bytes, formats,
 * embeds, values of every type lib0 writes, nested maps, XML elements, a subdocument, deletions and
 * their collected structs), from several clients whose edits refer to each other's.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyUpdateInPieces } from '../../../server/sync/update-pieces.js';

const eachTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A doc written by three clients, in turns and concurrently, with every kind of content. */
function writtenDoc(): Y.Doc {
  const [a, b, c] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const sync = () => {
    for (const from of [a, b, c]) for (const to of [a, b, c]) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
  };
  const rows = a.getMap<Y.Map<unknown>>('rows');
  for (let i = 0; i < 200; i++) {
    const row = new Y.Map<unknown>();
    rows.set(`r${i}`, row);
    row.set('title', `Aktivitet ${i} — hälsodag 🏃‍♀️`);
    row.set('participants', i * 3);
    row.set('share', i / 7);
    row.set('done', i % 2 === 0);
    row.set('nothing', null);
    row.set('comment', 'promenad '.repeat(40 + (i % 13)));
  }
  a.getMap('meta').set('extra', { list: [1, 'två', { tre: 3 }], bytes: new Uint8Array([1, 2, 3]), big: 12345678901234n, undef: undefined });
  const text = a.getText('notes');
  text.insert(0, 'Anteckning med 😀 och ö');
  text.format(0, 10, { bold: true });
  text.insertEmbed(5, { image: 'bild.png' });
  a.getXmlFragment('xml').insert(0, [new Y.XmlElement('stycke'), new Y.XmlText('text')]);
  a.getArray('json').insert(0, [new Y.Doc({ guid: 'under' })]);
  sync();
  // Edits of other clients in A's rows, and deletions, concurrently.
  for (let i = 0; i < 200; i += 3) (b.getMap<Y.Map<unknown>>('rows').get(`r${i}`) as Y.Map<unknown>).set('title', `B ändrade ${i}`);
  for (let i = 1; i < 200; i += 5) (c.getMap<Y.Map<unknown>>('rows').get(`r${i}`) as Y.Map<unknown>).set('comment', `C skrev ${i}`);
  for (let i = 2; i < 200; i += 11) c.getMap('rows').delete(`r${i}`);
  b.getText('notes').insert(3, 'B:');
  c.getText('notes').delete(0, 2);
  sync();
  const list = a.getArray<number>('order');
  for (let round = 0; round < 20; round++) {
    a.getArray<number>('order').insert(0, [round]);
    b.getArray<number>('order').insert(b.getArray('order').length, [100 + round]);
    c.getArray<number>('order').insert(Math.min(1, c.getArray('order').length), [200 + round]);
    if (round % 4 === 3) sync();
  }
  sync();
  expect(list.length).toBe(60);
  return a;
}

describe('an update applied in pieces', () => {
  it('leaves the doc one apply of it leaves', async () => {
    const source = writtenDoc();
    const whole = Y.encodeStateAsUpdate(source);
    const once = new Y.Doc();
    Y.applyUpdate(once, whole);
    const pieces = new Y.Doc();
    let transactions = 0;
    pieces.on('afterTransaction', () => transactions++);
    await applyUpdateInPieces(pieces, whole, eachTurn, 256);
    expect(transactions).toBeGreaterThan(20);
    expect(Y.encodeStateVector(pieces)).toEqual(Y.encodeStateVector(once));
    expect(Y.encodeStateAsUpdate(pieces)).toEqual(Y.encodeStateAsUpdate(once));
    expect(pieces.getMap('rows').toJSON()).toEqual(source.getMap('rows').toJSON());
    expect(pieces.getText('notes').toDelta()).toEqual(source.getText('notes').toDelta());
    expect(pieces.getArray('order').toArray()).toEqual(source.getArray('order').toArray());
    expect(pieces.getMap('meta').toJSON()).toEqual(source.getMap('meta').toJSON());
    expect(pieces.store.pendingStructs).toBeNull();
  });

  it('leaves it so in pieces of every size', async () => {
    const whole = Y.encodeStateAsUpdate(writtenDoc());
    const once = new Y.Doc();
    Y.applyUpdate(once, whole);
    for (const size of [1, 4_000, 1 << 20]) {
      const pieces = new Y.Doc();
      await applyUpdateInPieces(pieces, whole, eachTurn, size);
      expect(Y.encodeStateAsUpdate(pieces), `pieces of ${size} bytes`).toEqual(Y.encodeStateAsUpdate(once));
    }
  });

  it('applies nothing of bytes that are no update', async () => {
    const whole = Y.encodeStateAsUpdate(writtenDoc());
    const doc = new Y.Doc();
    await expect(applyUpdateInPieces(doc, whole.subarray(0, whole.length >> 1), eachTurn)).rejects.toThrow(RangeError);
    expect(doc.store.clients.size).toBe(0);
  });
});
