/** Which rows a stored update changed (`rowsOfUpdate`): cells written or removed, rows made or deleted; not a move, meta or a comment. */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createDoc, deleteRow, insertRows, moveRow, setCell } from '../../../shared/doc/index.js';
import { metaMap, rowsMap } from '../../../shared/doc/create.js';
import { rowsOfUpdate } from '../../../server/http/row-change-times.js';

describe('rowsOfUpdate', () => {
  it('names the rows an update wrote into, removed from, made or deleted', () => {
    const client = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'vc-a', schemaVersion: 1 });
    const [a, b, c] = insertRows(client, [{ title: 'A', participantsPlanned: 1 }, { title: 'B', participantsPlanned: 2 }, { title: 'C' }]) as [string, string, string];
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    // As a REST write makes its update (`Y.encodeStateAsUpdate(doc, before)`): every delete the document ever had comes again.
    let seen = Y.createDeleteSet();
    const step = (edit: () => void): Set<string> => {
      const before = Y.encodeStateVector(client);
      edit();
      const update = Y.encodeStateAsUpdate(client, before);
      Y.applyUpdate(server, update);
      const rows = rowsOfUpdate(server, update, seen);
      seen = Y.mergeDeleteSets([seen, Y.decodeUpdate(update).ds]);
      return rows;
    };
    expect(step(() => setCell(client, a, 'participantsPlanned', 5))).toEqual(new Set([a]));
    expect(step(() => rowsMap(client).get(b)?.delete('participantsPlanned'))).toEqual(new Set([b]));
    expect(step(() => setCell(client, b, 'title', 'B2'))).toEqual(new Set([b]));
    expect(step(() => deleteRow(client, c))).toEqual(new Set([c]));
    expect(step(() => insertRows(client, [{ title: 'D' }]))).toHaveProperty('size', 1);
    expect(step(() => moveRow(client, a, { before: null }))).toEqual(new Set());
    expect(step(() => metaMap(client).set('title', 'Ny plan'))).toEqual(new Set());
    expect(step(() => client.transact(() => { setCell(client, a, 'title', 'A2'); setCell(client, b, 'title', 'B3'); }))).toEqual(new Set([a, b]));
  });
});
