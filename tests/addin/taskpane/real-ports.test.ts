import { describe, expect, it } from 'vitest';
import { createDoc, insertRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { restoreRows } from '../../../addin/taskpane/real-ports.js';

describe('restoreRows', () => {
  it('writes a past version into the live doc as one new change, keeping row ids and order', () => {
    const doc = createDoc('partners', { title: 'P', ownerUnit: 'sll', schemaVersion: 1 });
    const a = insertRow(doc, { name: 'Friskis' });
    const b = insertRow(doc, { name: 'Kommunen' });
    const past = rowsOf(doc).map((r) => ({ id: r.id, values: { ...r.values } }));
    setCell(doc, a, 'name', 'Friskis & Svettis');
    const c = insertRow(doc, { name: 'Ny' });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    restoreRows(doc, past);
    expect(transactions).toBe(1);
    expect(rowsOf(doc).map((r) => [r.id, r.values.name])).toEqual([
      [a, 'Friskis'],
      [b, 'Kommunen'],
    ]);
    expect(rowsOf(doc).some((r) => r.id === c)).toBe(false);
  });

  it("restores one row only, leaving everyone else's later edits as they are", () => {
    const doc = createDoc('partners', { title: 'P', ownerUnit: 'sll', schemaVersion: 1 });
    const a = insertRow(doc, { name: 'Friskis' });
    const b = insertRow(doc, { name: 'Kommunen' });
    const past = rowsOf(doc).map((r) => ({ id: r.id, values: { ...r.values } }));
    setCell(doc, a, 'name', 'Friskis & Svettis');
    setCell(doc, b, 'name', 'Kommunen Botkyrka');
    const c = insertRow(doc, { name: 'Ny' });
    restoreRows(doc, past, [a]);
    expect(rowsOf(doc).map((r) => [r.id, r.values.name])).toEqual([
      [a, 'Friskis'],
      [b, 'Kommunen Botkyrka'],
      [c, 'Ny'],
    ]);
    // A row deleted later comes back where it was; a row added later goes only when named.
    restoreRows(doc, past, [c]);
    expect(rowsOf(doc).map((r) => r.id)).toEqual([a, b]);
  });
});
