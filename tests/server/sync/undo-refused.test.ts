import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { createDoc, setMeta } from '../../../shared/doc/create.js';
import { deleteRow, insertRow, setCells } from '../../../shared/doc/index.js';
import { metaMap, rowsMap } from '../../../shared/doc/create.js';

const UNDO = Symbol('test-undo');

/** The doc as JSON, both roots read as maps (Yjs leaves a root untyped until it is asked for). */
function json(doc: Y.Doc): string {
  metaMap(doc);
  rowsMap(doc);
  return JSON.stringify(doc.toJSON());
}

/** A server doc with two rows and a client that holds the same state. */
function pair(): { server: Y.Doc; client: Y.Doc } {
  const server = createDoc('action-plan', { title: 'Handlingsplan', ownerUnit: 'county', schemaVersion: 1 });
  insertRow(server, { unit: 'clinic-a', measure: 'Hälsodag', comment: 'vår' }, { id: 'ra' });
  insertRow(server, { unit: 'clinic-b', measure: 'Promenadgrupp' }, { id: 'rb' });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

/** The client's change as the update it sends. */
function change(client: Y.Doc, edit: (d: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  edit(client);
  return Y.encodeStateAsUpdate(client, before);
}

/** Undo `update` on the server, hand the undo to the client; both must equal what the server had. */
function refuseAndConverge(server: Y.Doc, client: Y.Doc, update: Uint8Array): Uint8Array {
  const expected = json(server);
  const undo = applyAndUndo(server, update, UNDO);
  expect(undo).not.toBeNull();
  Y.applyUpdate(client, undo as Uint8Array);
  expect(json(server)).toBe(expected);
  expect(json(client)).toBe(expected);
  // The same structs on both sides: later edits of either integrate on the other.
  expect(Y.encodeStateVector(client)).toEqual(Y.encodeStateVector(server));
  return undo as Uint8Array;
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('applyAndUndo', () => {
  it('puts overwritten cells back, and neither the undo nor the doc keeps the refused value', () => {
    const { server, client } = pair();
    const update = change(client, (d) => setCells(d, 'rb', { measure: 'Övertagen rad', unit: 'clinic-a' }));
    const undo = refuseAndConverge(server, client, update);
    expect(text(undo)).not.toContain('vertagen');
    expect(text(Y.encodeStateAsUpdate(server))).not.toContain('vertagen');
    expect(text(Y.encodeStateAsUpdate(client))).not.toContain('vertagen');
  });

  it('removes a row the refused update created and brings back rows and cells it deleted', () => {
    const { server, client } = pair();
    refuseAndConverge(server, client, change(client, (d) => insertRow(d, { unit: 'clinic-b', measure: 'Ny rad' }, { id: 'rc' })));
    refuseAndConverge(server, client, change(client, (d) => deleteRow(d, 'rb')));
    refuseAndConverge(server, client, change(client, (d) => rowsMap(d).get('ra')?.delete('comment')));
    expect(rowsMap(client).get('rb')?.get('measure')).toBe('Promenadgrupp');
    expect(rowsMap(client).get('ra')?.get('comment')).toBe('vår');
  });

  it('restores a row replaced by a new row under the same id, and the document settings', () => {
    const { server, client } = pair();
    refuseAndConverge(server, client, change(client, (d) => {
      const row = new Y.Map<unknown>();
      row.set('unit', 'clinic-b');
      rowsMap(d).set('ra', row);
    }));
    refuseAndConverge(server, client, change(client, (d) => setMeta(d, { title: 'Annan titel', ownerUnit: 'clinic-b' })));
    expect(rowsMap(client).get('ra')?.get('measure')).toBe('Hälsodag');
  });

  it('keeps edits flowing both ways after an undo, including on the cell that was refused', () => {
    const { server, client } = pair();
    refuseAndConverge(server, client, change(client, (d) => setCells(d, 'rb', { measure: 'Vägrad' })));
    // The client writes its own row, and again the refused cell; the server builds on both.
    const own = change(client, (d) => setCells(d, 'ra', { measure: 'Hälsodag i Tensta' }));
    Y.applyUpdate(server, own);
    expect(server.store.pendingStructs).toBeNull();
    refuseAndConverge(server, client, change(client, (d) => setCells(d, 'rb', { measure: 'Vägrad igen' })));
    const fromServer = change(server, (d) => setCells(d, 'rb', { measure: 'Promenad i Husby' }));
    Y.applyUpdate(client, fromServer);
    expect(client.store.pendingStructs).toBeNull();
    expect(rowsMap(client).get('rb')?.get('measure')).toBe('Promenad i Husby');
    expect(json(client)).toBe(json(server));
  });

  it('with a refused part named, takes back only that part and keeps the rest', () => {
    const { server, client } = pair();
    const update = change(client, (d) => {
      setCells(d, 'ra', { measure: 'Hälsodag i Tensta' });
      setCells(d, 'rb', { measure: 'Vägrad' });
      insertRow(d, { unit: 'clinic-a', measure: 'Ny egen rad' }, { id: 'rc' });
    });
    const undo = applyAndUndo(server, update, UNDO, (path) => path[0] === 'rows' && path[1] === 'rb');
    Y.applyUpdate(client, undo as Uint8Array);
    expect(json(client)).toBe(json(server));
    expect(rowsMap(server).get('rb')?.get('measure')).toBe('Promenadgrupp');
    expect(rowsMap(server).get('ra')?.get('measure')).toBe('Hälsodag i Tensta');
    expect(rowsMap(server).get('rc')?.get('measure')).toBe('Ny egen rad');
    expect(text(Y.encodeStateAsUpdate(server))).not.toContain('Vägrad');
  });

  it('returns null for an update that changes nothing', () => {
    const { server, client } = pair();
    expect(applyAndUndo(server, Y.encodeStateAsUpdate(client), UNDO)).toBeNull();
  });
});
