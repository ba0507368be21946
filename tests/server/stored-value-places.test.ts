/**
 * A byte array inside a stored JSON value (a `Uint8Array` in a cell's object or list, which Yjs
 * writes as bytes) is read by `samplan history scan` and `samplan migrate` as the door's walk
 * reads it (`binariesOf`, `findPersonnummerInBinary`), not as an object of byte values; the live
 * state's scan (`refusedTextsOf`) reads binary content and a sub-document's options too, as the
 * door's walk does. The door refused such a number, so one stored before it did, or under an
 * older guard, is named too.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { refusedTextsOf } from '../../server/doc-texts.js';
import { readYjs } from '../../server/history-texts.js';
import { scanStoredValue } from '../../server/stored-value.js';
import { checkUpdate } from '../../shared/validate/check-update.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const utf16 = (text: string): Uint8Array => new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf16le'));

/** An activity plan's state with no rows: the server's. */
function plan(): Y.Doc {
  const server = new Y.Doc();
  server.getMap('meta').set('kind', 'activity-plan');
  return server;
}

/** The V1 update that makes row r1 and gives it `put` on a copy of `server`. */
function rowUpdate(server: Y.Doc, put: (row: Y.Map<unknown>) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    const row = new Y.Map<unknown>();
    doc.getMap('rows').set('r1', row);
    row.set('_pos', 'a0');
    put(row);
  });
  return Y.encodeStateAsUpdate(doc, before);
}

/** The door's verdict code of `update` on `server`, or `ok`. */
const doorSays = (server: Y.Doc, update: Uint8Array): string => {
  const verdict = checkUpdate(server, update);
  return verdict.ok ? 'ok' : verdict.code;
};

const paths = (value: unknown): string[] => {
  const found: string[] = [];
  scanStoredValue(value, ['rows', 'r1', 'extra'], (p) => found.push(p.join('/')));
  return found;
};

describe('bytes in a stored value', () => {
  it.each([
    ['a list', (b: Uint8Array) => [b], 'rows/r1/extra/0'],
    ['an object in a list', (b: Uint8Array) => [1, { fil: b }], 'rows/r1/extra/1/fil'],
  ])('a number in bytes in %s is named where the door refused it', (_what, wrap, path) => {
    for (const bytes of [utf8('Eva 850101-1236'), utf16('Eva 850101-1236')]) {
      const server = plan();
      const update = rowUpdate(server, (row) => row.set('extra', wrap(bytes)));
      expect(doorSays(server, update)).toBe('personnummer');
      expect(readYjs(update, false).holders).toEqual([expect.objectContaining({ in: 'items' })]);
      expect(paths(wrap(bytes))).toEqual([path]);
    }
  });

  it('names no bytes without a number', () => {
    const bytes = Uint8Array.from({ length: 512 }, (_, i) => (i * 37 + 11) & 0xff);
    for (const value of [[bytes], [1, { fil: utf8('Promenad 2026-03-02 kl 09:14') }]]) {
      expect(readYjs(rowUpdate(plan(), (row) => row.set('extra', value)), false).holders).toEqual([]);
      expect(paths(value)).toEqual([]);
    }
  });
});

describe("the live state's texts", () => {
  /** The live state of a plan whose row r1 got `put`, as a room loads it from its stored update. */
  function liveWith(put: (row: Y.Map<unknown>) => void): Y.Doc {
    const server = plan();
    Y.applyUpdate(server, rowUpdate(server, put));
    return server;
  }

  it.each([
    ['binary content', (row: Y.Map<unknown>) => row.set('bin', utf8('Eva 850101-1236')), 'rows/r1/bin'],
    ['binary content as UTF-16', (row: Y.Map<unknown>) => row.set('bin', utf16('Eva 850101-1236')), 'rows/r1/bin'],
    ["a sub-document's options", (row: Y.Map<unknown>) => row.set('sub', new Y.Doc({ guid: 'g1', meta: { vem: 'Eva 850101-1236' } })), 'rows/r1/sub/meta/vem'],
  ])('names a number in %s, which the door refuses', (_what, put, path) => {
    const server = plan();
    expect(doorSays(server, rowUpdate(server, put))).toBe('personnummer');
    expect(refusedTextsOf(liveWith(put))).toEqual([[path, 'a personnummer']]);
  });

  it('names nothing in binary content or options without a number', () => {
    const live = liveWith((row) => {
      row.set('bin', Uint8Array.from({ length: 512 }, (_, i) => (i * 37 + 11) & 0xff));
      row.set('sub', new Y.Doc({ guid: 'g2', meta: { vem: 'Promenadgruppen 2026-03-02' } }));
    });
    expect(refusedTextsOf(live)).toEqual([]);
  });
});
