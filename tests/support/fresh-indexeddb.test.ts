/**
 * A shared worker's next file starts with an empty fake IndexedDB: an offline copy a file left
 * behind is not found by a later file's pane opening a copy of the same name.
 */
import 'fake-indexeddb/auto';
import { IndexeddbPersistence } from 'y-indexeddb';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { insertRows, rowsOf } from '../../shared/doc/index.js';
import { freshFakeIndexedDb } from './fresh-indexeddb.js';

/** The rows' titles of the offline copy `name` as a pane opening it finds them. */
async function opened(name: string): Promise<unknown[]> {
  const doc = new Y.Doc();
  const idb = new IndexeddbPersistence(name, doc);
  await idb.whenSynced;
  const titles = rowsOf(doc).map((r) => r.values.title);
  await idb.destroy();
  return titles;
}

describe('freshFakeIndexedDb', () => {
  it('empties the fake IndexedDB, so that a copy left by one file is not opened by the next', async () => {
    const left = new Y.Doc();
    const idb = new IndexeddbPersistence('samplan-copy-left', left);
    await idb.whenSynced;
    insertRows(left, [{ title: 'Start' }]);
    await new Promise((r) => setTimeout(r, 50));
    await idb.destroy();
    // As a later file in the same worker found it before the set-up emptied it.
    expect(await opened('samplan-copy-left')).toEqual(['Start']);
    expect(await freshFakeIndexedDb()).toBe(true);
    expect(await opened('samplan-copy-left')).toEqual([]);
  });

  it('leaves a global that is not the fake IndexedDB alone', async () => {
    const g = globalThis as { indexedDB?: unknown };
    const saved = g.indexedDB;
    const other = {};
    g.indexedDB = other;
    try {
      expect(await freshFakeIndexedDb()).toBe(false);
      expect(g.indexedDB).toBe(other);
    } finally {
      g.indexedDB = saved;
    }
  });
});
