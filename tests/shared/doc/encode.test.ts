import { describe, expect, it } from 'vitest';
import { createDoc, metaOf } from '../../../shared/doc/create.js';
import { applyState, docFromState, encodeState, encodeStateVector } from '../../../shared/doc/encode.js';
import { rowsOf } from '../../../shared/doc/row-index.js';
import { insertRows, setCell } from '../../../shared/doc/rows.js';

describe('encode', () => {
  it('round-trips a doc through its V2 state', () => {
    const doc = createDoc('partners', { title: 'Partners', ownerUnit: 'lan-06', schemaVersion: 1 });
    insertRows(doc, [{ name: 'Friskis & Svettis' }, { name: 'Studieförbundet' }]);
    const copy = docFromState(encodeState(doc));
    expect(metaOf(copy)).toEqual(metaOf(doc));
    expect(rowsOf(copy)).toEqual(rowsOf(doc));
  });

  it('encodes only what a peer misses, given its state vector', () => {
    const doc = createDoc('partners', { title: 'P', ownerUnit: 'u', schemaVersion: 1 });
    const [id] = insertRows(doc, [{ name: 'a' }]);
    const copy = docFromState(encodeState(doc));
    setCell(doc, id as string, 'name', 'b');
    const diff = encodeState(doc, encodeStateVector(copy));
    expect(diff.byteLength).toBeLessThan(encodeState(doc).byteLength);
    applyState(copy, diff);
    expect(rowsOf(copy)[0]?.values.name).toBe('b');
  });
});
