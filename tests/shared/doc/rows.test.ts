import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createDoc, metaOf, setMeta } from '../../../shared/doc/create.js';
import { newRowId, randomString, unflaggedId } from '../../../shared/doc/ids.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { getRow, rowCount, rowsOf } from '../../../shared/doc/row-index.js';
import { deleteRow, deleteRows, insertRow, insertRows, moveRow, setCell, setCells } from '../../../shared/doc/rows.js';

const init = { title: 'Aktivitetsplan 2026', ownerUnit: 'vc-rinkeby', schemaVersion: 1 };
const names = (doc: Y.Doc): unknown[] => rowsOf(doc).map((r) => r.values.name);

describe('createDoc and meta', () => {
  it('writes kind, schemaVersion, title and owner unit', () => {
    const doc = createDoc('activity-plan', init);
    expect(metaOf(doc)).toEqual({ kind: 'activity-plan', ...init });
    expect(rowCount(doc)).toBe(0);
  });

  it('has no meta for an empty or unknown-kind doc', () => {
    const doc = new Y.Doc();
    expect(metaOf(doc)).toBeNull();
    doc.getMap('meta').set('kind', 'shopping-list');
    expect(metaOf(doc)).toBeNull();
  });

  it('setMeta writes only changed fields', () => {
    const doc = createDoc('partners', init);
    let updates = 0;
    doc.on('update', () => updates++);
    setMeta(doc, { title: init.title });
    expect(updates).toBe(0);
    setMeta(doc, { title: 'Samverkansaktörer' });
    expect(updates).toBe(1);
    expect(metaOf(doc)?.title).toBe('Samverkansaktörer');
  });
});

describe('newRowId', () => {
  it('makes 12-character base62 ids that differ and start with a letter', () => {
    const ids = new Set(Array.from({ length: 1000 }, newRowId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][0-9A-Za-z]{11}$/);
  });

  it('draws every character of the alphabet about equally often', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) for (const ch of randomString('abcd', 1)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    for (const n of counts.values()) expect(Math.abs(n - 5000)).toBeLessThan(400);
  });
});

/** The bytes `randomString` turns into `text` over `alphabet` (each below the redraw limit). */
const bytesFor = (text: string, alphabet: string): number[] => [...text].map((c) => alphabet.indexOf(c));
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

describe('newRowId and the personnummer guard', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Makes the next id drawn `id` (its first character a letter), then lets chance draw again. */
  function forceNextId(id: string): void {
    const fill = (codes: number[]) => (array: Uint8Array) => {
      array.set(codes.slice(0, array.length));
      return array;
    };
    vi.spyOn(globalThis.crypto, 'getRandomValues')
      .mockImplementationOnce(fill(bytesFor(id.slice(0, 1), LETTERS)) as typeof crypto.getRandomValues)
      .mockImplementationOnce(fill(bytesFor(id.slice(1), '0123456789' + LETTERS)) as typeof crypto.getRandomValues);
  }

  it.each(['P850101x1236', 'a850101b1236', 'a10O3126248Z', 'Zx8501011236'])('draws again where chance spells %j, a number the guard reads', (spelled) => {
    expect(findPersonnummer(spelled)).not.toBeNull();
    forceNextId(spelled);
    const id = newRowId();
    expect(id).not.toBe(spelled);
    expect(id).toMatch(/^[A-Za-z][0-9A-Za-z]{11}$/);
    expect(findPersonnummer(id)).toBeNull();
  });

  it('keeps an id chance spells that holds no number (the forcing itself works)', () => {
    forceNextId('Pa50101x1236');
    expect(newRowId()).toBe('Pa50101x1236');
  });

  it('unflaggedId draws until the guard reads no number, and returns the first such draw', () => {
    const draws = ['P850101x1236', 'X19850101y1236', 'Rinkeby-12', 'never drawn'];
    const draw = vi.fn(() => draws.shift() as string);
    expect(unflaggedId(draw)).toBe('Rinkeby-12');
    expect(draw).toHaveBeenCalledTimes(3);
  });
});

describe('rows', () => {
  it('appends by default and reads rows in order without _pos in values', () => {
    const doc = createDoc('activity-plan', init);
    insertRow(doc, { name: 'a' });
    insertRow(doc, { name: 'b' });
    const c = insertRow(doc, { name: 'c', done: true, count: 3, note: null });
    expect(names(doc)).toEqual(['a', 'b', 'c']);
    expect(getRow(doc, c)?.values).toEqual({ name: 'c', done: true, count: 3, note: null });
    expect(rowCount(doc)).toBe(3);
  });

  it('inserts after, before, first and last', () => {
    const doc = createDoc('activity-plan', init);
    const [a, b] = insertRows(doc, [{ name: 'a' }, { name: 'b' }]);
    insertRow(doc, { name: 'ab' }, { after: a });
    insertRow(doc, { name: 'first' }, { after: null });
    insertRow(doc, { name: 'before-b' }, { before: b });
    insertRow(doc, { name: 'last' }, { before: null });
    expect(names(doc)).toEqual(['first', 'a', 'ab', 'before-b', 'b', 'last']);
  });

  it('inserts several rows in one transaction, keeping their order', () => {
    const doc = createDoc('activity-plan', init);
    const [a] = insertRows(doc, [{ name: 'a' }, { name: 'z' }]);
    let updates = 0;
    doc.on('update', () => updates++);
    insertRows(doc, [{ name: 'b' }, { name: 'c' }, { name: 'd' }], { after: a });
    expect(updates).toBe(1);
    expect(names(doc)).toEqual(['a', 'b', 'c', 'd', 'z']);
  });

  it('uses a given id and refuses a taken one', () => {
    const doc = createDoc('activity-plan', init);
    expect(insertRow(doc, { name: 'a' }, { id: 'row-a' })).toBe('row-a');
    expect(() => insertRow(doc, { name: 'b' }, { id: 'row-a' })).toThrow(RangeError);
  });

  it('refuses non-primitive values and the reserved _pos key', () => {
    const doc = createDoc('activity-plan', init);
    expect(() => insertRow(doc, { name: {} as unknown as string })).toThrow(TypeError);
    const id = insertRow(doc, { name: 'a' });
    expect(() => setCell(doc, id, '_pos', 'a0')).toThrow(RangeError);
  });

  it('setCells writes only the cells that change', () => {
    const doc = createDoc('activity-plan', init);
    const id = insertRow(doc, { name: 'a', count: 1 });
    let updates = 0;
    doc.on('update', () => updates++);
    expect(setCells(doc, id, { name: 'a', count: 1 })).toBe(true);
    expect(updates).toBe(0);
    setCells(doc, id, { name: 'a', count: 2 });
    expect(updates).toBe(1);
    expect(getRow(doc, id)?.values).toEqual({ name: 'a', count: 2 });
    expect(setCell(doc, 'nope', 'name', 'x')).toBe(false);
  });

  it('deletes rows', () => {
    const doc = createDoc('activity-plan', init);
    const [a, b, c] = insertRows(doc, [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect(deleteRow(doc, b as string)).toBe(true);
    expect(deleteRow(doc, b as string)).toBe(false);
    expect(deleteRows(doc, [a as string, c as string, 'nope'])).toBe(2);
    expect(rowCount(doc)).toBe(0);
  });

  it('moves a row by rewriting only its position', () => {
    const doc = createDoc('activity-plan', init);
    const [a, b, c] = insertRows(doc, [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    moveRow(doc, c as string, { after: a });
    expect(names(doc)).toEqual(['a', 'c', 'b']);
    moveRow(doc, a as string, { before: null });
    expect(names(doc)).toEqual(['c', 'b', 'a']);
    moveRow(doc, a as string, { after: null });
    expect(names(doc)).toEqual(['a', 'c', 'b']);
    expect(moveRow(doc, 'nope', { after: b })).toBe(false);
    expect(() => moveRow(doc, a as string, { after: 'nope' })).toThrow(RangeError);
  });

  it('orders rows with equal positions by id, and can insert between them', () => {
    const doc = createDoc('activity-plan', init);
    const rows = doc.getMap<Y.Map<unknown>>('rows');
    doc.transact(() => {
      for (const [id, name] of [['b', 'tied-b'], ['a', 'tied-a'], ['c', 'tied-c']]) {
        const m = new Y.Map<unknown>();
        m.set('_pos', 'a0');
        m.set('name', name);
        rows.set(id as string, m);
      }
    });
    expect(names(doc)).toEqual(['tied-a', 'tied-b', 'tied-c']);
    insertRow(doc, { name: 'between' }, { after: 'a' });
    expect(names(doc)).toEqual(['tied-a', 'between', 'tied-b', 'tied-c']);
    moveRow(doc, 'c', { before: 'b' });
    expect(names(doc)).toEqual(['tied-a', 'between', 'tied-c', 'tied-b']);
  });

  it('returns the same cached array while nothing changes, and a fresh one after an edit', () => {
    const doc = createDoc('activity-plan', init);
    const [a] = insertRows(doc, [{ name: 'a' }, { name: 'b' }]);
    const first = rowsOf(doc);
    expect(rowsOf(doc)).toBe(first);
    setCell(doc, a as string, 'name', 'A');
    const second = rowsOf(doc);
    expect(second).not.toBe(first);
    expect(second.map((r) => r.values.name)).toEqual(['A', 'b']);
  });

  it('reads current rows inside an open transaction', () => {
    const doc = createDoc('activity-plan', init);
    doc.transact(() => {
      insertRow(doc, { name: 'a' });
      insertRow(doc, { name: 'b' });
      expect(names(doc)).toEqual(['a', 'b']);
      expect(rowCount(doc)).toBe(2);
    });
    expect(names(doc)).toEqual(['a', 'b']);
  });

  it('sees rows that arrive from another replica', () => {
    const a = createDoc('activity-plan', init);
    const b = new Y.Doc();
    expect(rowCount(b)).toBe(0);
    insertRows(a, [{ name: 'x' }, { name: 'y' }]);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(names(b)).toEqual(['x', 'y']);
  });

  it('reads the new values inside an observer registered before the first read', () => {
    const a = createDoc('activity-plan', init);
    const b = new Y.Doc();
    const seen: unknown[] = [];
    b.getMap('rows').observeDeep(() => seen.push(rowsOf(b).map((r) => r.values.name).join()));
    a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const id = insertRow(a, { name: 'före' });
    setCell(a, id, 'name', 'efter');
    insertRow(a, { name: 'ny' }, { before: id });
    expect(seen).toEqual(['före', 'efter', 'ny,efter']);
    expect(getRow(b, id)?.values.name).toBe('efter');
  });
});
