/**
 * `rootMap(doc, name)` is `doc.getMap(name)`: the same map when the root is one, a new one when
 * absent, a placeholder root (from an update applied before the root was asked for) typed, and
 * Yjs' error for a root of another type. A root that already is a map is read without `Doc.get`
 * (which made a closure per call: three per edit in the update check), and so are `rowsMap` and
 * `metaMap`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createDoc, metaMap, rootMap, rowsMap } from '../../../shared/doc/create.js';
import { insertRow } from '../../../shared/doc/index.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rootMap', () => {
  it('gives what doc.getMap gives', () => {
    const doc = new Y.Doc();
    const made = rootMap(doc, 'ny');
    expect(made).toBeInstanceOf(Y.Map);
    expect(doc.getMap('ny')).toBe(made);
    expect(rootMap(doc, 'ny')).toBe(made);
  });

  it('types a placeholder root as getMap does', () => {
    const source = createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'vc-a', schemaVersion: 1 });
    insertRow(source, { title: 'Hälsodag' }, { id: 'rad-1' });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    expect(doc.share.get('rows')?.constructor).toBe(Y.AbstractType);
    const rows = rootMap<Y.Map<unknown>>(doc, 'rows');
    expect(rows).toBeInstanceOf(Y.Map);
    expect([...rows.keys()]).toEqual(['rad-1']);
    expect(doc.getMap('rows')).toBe(rows);
  });

  it('throws as getMap does for a root of another type', () => {
    const doc = new Y.Doc();
    doc.getArray('lista');
    expect(() => doc.getMap('lista')).toThrow();
    expect(() => rootMap(doc, 'lista')).toThrow();
  });

  it('reads a root that is a map without Doc.get, in rowsMap and metaMap too', () => {
    const doc = createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'vc-a', schemaVersion: 1 });
    const rows = doc.getMap('rows');
    const meta = doc.getMap('meta');
    const get = vi.spyOn(doc, 'get');
    expect(rowsMap(doc)).toBe(rows);
    expect(metaMap(doc)).toBe(meta);
    expect(rootMap(doc, 'rows')).toBe(rows);
    expect(get).not.toHaveBeenCalled();
  });
});
