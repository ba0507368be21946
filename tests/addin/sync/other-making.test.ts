/**
 * The pane's side of a document deleted and made again under its id: a copy of the deleted one
 * does not merge the new document's state when the server answers its sync step 1 (the server
 * refuses the copy in turn with 4410), so the copy holds only its own rows. A copy of the same
 * making and a doc that never synced take the server's state as before.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { SendGate } from '../../../addin/sync/send-gate.js';
import { createDoc, insertRows, rowsOf } from '../../../shared/doc/index.js';
import { MADE_FIELD, markMade, metaMap } from '../../../shared/doc/create.js';
import { markOnLoad } from '../../../shared/doc/made-mark.js';

const made = (titles: string[]) => {
  const doc = createDoc('activity-plan', { title: 'P', ownerUnit: 'vc-a', schemaVersion: 2 });
  markMade(doc);
  insertRows(doc, titles.map((title) => ({ title })));
  return doc;
};

/** A gate on `doc` that sends nothing anywhere. */
function gate(doc: Y.Doc): SendGate {
  return new SendGate(doc, () => ({ ok: true }) as never, () => true, {
    send: () => false,
    store: () => undefined,
    refused: () => undefined,
    pendingChanged: () => undefined,
  }, 1 << 20);
}

/** The server's sync step 2 bringing `doc` to `server`'s state. */
function step2(server: Y.Doc, doc: Y.Doc): decoding.Decoder {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)));
  return decoding.createDecoder(encoding.toUint8Array(e));
}

describe('a server step 2 of another making', () => {
  it('is not merged into a copy of the deleted document', () => {
    const copy = made(['Gammal rad']);
    const server = made(['Ny rad']);
    expect(gate(copy).receive(step2(server, copy), 'server')).toBe(false);
    expect(rowsOf(copy).map((r) => r.values.title)).toEqual(['Gammal rad']);
  });

  it('is merged into a copy of the same making and into a doc that never synced', () => {
    const server = made(['Rad']);
    const same = new Y.Doc();
    Y.applyUpdate(same, Y.encodeStateAsUpdate(server));
    insertRows(server, [{ title: 'Ny' }]);
    expect(gate(same).receive(step2(server, same), 'server')).toBe(true);
    expect(rowsOf(same).map((r) => r.values.title)).toEqual(['Rad', 'Ny']);
    const fresh = new Y.Doc();
    insertRows(fresh, [{ title: 'Före synk' }]);
    expect(gate(fresh).receive(step2(server, fresh), 'server')).toBe(true);
    expect(rowsOf(fresh).map((r) => r.values.title).sort()).toEqual(['Ny', 'Rad', 'Före synk'].sort());
  });

  it('is merged into a copy kept from before the server marked the document on load, not into a copy of an earlier making', () => {
    const unmarked = (titles: string[]) => {
      const doc = createDoc('activity-plan', { title: 'P', ownerUnit: 'vc-a', schemaVersion: 2 });
      insertRows(doc, titles.map((title) => ({ title })));
      return doc;
    };
    const server = unmarked(['Rad']);
    const kept = new Y.Doc();
    Y.applyUpdate(kept, Y.encodeStateAsUpdate(server));
    const earlier = unmarked(['Gammal rad']);
    expect(markOnLoad(server)).not.toBeNull();
    insertRows(server, [{ title: 'Ny' }]);
    expect(gate(kept).receive(step2(server, kept), 'server')).toBe(true);
    expect(rowsOf(kept).map((r) => r.values.title)).toEqual(['Rad', 'Ny']);
    expect(metaMap(kept).get(MADE_FIELD)).toBe(1);
    expect(gate(earlier).receive(step2(server, earlier), 'server')).toBe(false);
    expect(rowsOf(earlier).map((r) => r.values.title)).toEqual(['Gammal rad']);
  });
});
