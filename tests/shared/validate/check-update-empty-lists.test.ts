/**
 * `checkUpdate` makes no set, list or map for what an update leaves empty: the lists an update
 * leaves empty are one shared frozen array, and an update that does nothing to comments gets the
 * shared empty comment effects instead of new maps. A verdict still owns what it lists: a later
 * check, accepted or refused, changes nothing of it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc, insertRow, setCell } from '../../../shared/doc/index.js';
import { checkUpdate, type UpdateAccepted } from '../../../shared/validate/check-update.js';

/** A server doc with rows `a` and `b`; `edit` returns the update of a transaction of a fresh client of it. */
function setUp(): { server: Y.Doc; edit: (fn: (doc: Y.Doc) => void) => Uint8Array } {
  const server = createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'vc-a', schemaVersion: 1 });
  insertRow(server, { title: 'Promenad' }, { id: 'a' });
  insertRow(server, { title: 'Hälsodag' }, { id: 'b' });
  const edit = (fn: (doc: Y.Doc) => void): Uint8Array => {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    let out: Uint8Array | null = null;
    const listen = (u: Uint8Array): void => void (out = u);
    client.on('update', listen);
    fn(client);
    client.off('update', listen);
    return out as unknown as Uint8Array;
  };
  return { server, edit };
}

/** The verdict of an update `checkUpdate` accepts; the update is then applied, as a room does. */
function accepted(doc: Y.Doc, update: Uint8Array): UpdateAccepted {
  const v = checkUpdate(doc, update);
  if (!v.ok) throw new Error(`refused: ${v.code} ${v.message.en}`);
  Y.applyUpdate(doc, update);
  return v;
}

describe('checkUpdate and what an update leaves empty', () => {
  it('gives each verdict lists of its own that a later check leaves as they were', () => {
    const { server, edit } = setUp();
    const first = accepted(server, edit((d) => setCell(d, 'a', 'comment', 'ett')));
    const second = accepted(server, edit((d) => setCell(d, 'b', 'comment', 'två')));
    const third = accepted(server, edit((d) => insertRow(d, { title: 'Ny' }, { id: 'c' })));
    expect(first.touchedRows).toEqual(['a']);
    expect(first.cells).toEqual([{ rowId: 'a', column: 'comment', value: 'ett' }]);
    expect(second.touchedRows).toEqual(['b']);
    expect(second.cells).toEqual([{ rowId: 'b', column: 'comment', value: 'två' }]);
    expect(third.createdRows).toEqual(['c']);
    expect(third.touchedRows).toEqual([]);
    expect(first.cells).not.toBe(second.cells);
  });

  it('shares one frozen empty list and empty comment effects among verdicts', () => {
    const { server, edit } = setUp();
    const one = accepted(server, edit((d) => setCell(d, 'a', 'comment', 'ett')));
    const two = accepted(server, edit((d) => setCell(d, 'b', 'comment', 'två')));
    expect(one.createdRows).toHaveLength(0);
    expect(one.createdRows).toBe(two.createdRows);
    expect(one.deletedRows).toBe(two.metaKeys);
    expect(Object.isFrozen(one.createdRows)).toBe(true);
    expect(one.comments).toBe(two.comments);
    expect(one.comments.created.size + one.comments.changed.size + one.comments.deleted.size).toBe(0);
  });

  it('judges after a refused or malformed update as before it', () => {
    const { server, edit } = setUp();
    const before = accepted(server, edit((d) => setCell(d, 'a', 'comment', 'ett')));
    expect(checkUpdate(server, edit((d) => setCell(d, 'a', 'comment', '19121212-1212'))).ok).toBe(false);
    expect(checkUpdate(server, new Uint8Array([1, 1, 200, 1, 0, 40])).ok).toBe(false);
    const after = accepted(server, edit((d) => setCell(d, 'b', 'comment', 'två')));
    expect(before.touchedRows).toEqual(['a']);
    expect(after.touchedRows).toEqual(['b']);
    expect(after.cells).toEqual([{ rowId: 'b', column: 'comment', value: 'två' }]);
  });
});
