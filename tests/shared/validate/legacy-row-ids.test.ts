/**
 * A row whose id the guard reads a number in, stored before it did (an older client's `newRowId`,
 * an earlier guard: `P850101x1236` was let through until a letter glued before the date part was
 * read). The id is the row's key and stays: the number is in the document already, and nothing an
 * edit of the row writes stores it anew. So the row stays editable (its cells, its place, its
 * deletion, comments on it); only a new row or a text that writes the number is refused.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, editComment } from '../../../shared/comments/comments.js';
import { createDoc } from '../../../shared/doc/create.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { deleteRow, insertRow, moveRow, setCell } from '../../../shared/doc/rows.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { updateOf } from '../../support/update-of.js';

/** Row ids a random draw can spell that the guard reads a number in. */
const LEGACY_IDS = ['P850101x1236', 'a850101b1236', 'a10O3126248Z'];

/** A server doc holding a row under `legacyId` (written past the guard, as before) and another row, and a client replica. */
function withLegacyRow(legacyId: string): { server: Y.Doc; client: Y.Doc; other: string } {
  const server = createDoc('activity-plan', { title: 'Aktivitetsplan 2026', ownerUnit: 'vc-rinkeby', schemaVersion: 1 });
  insertRow(server, { title: 'Hälsodag' }, { id: legacyId });
  const other = insertRow(server, { title: 'Promenad' });
  return { server, client: docFromState(encodeState(server)), other };
}

describe.each(LEGACY_IDS)('a stored row whose id %j the guard reads a number in', (legacyId) => {
  it('is such an id', () => {
    expect(findPersonnummer(legacyId)).not.toBeNull();
  });

  it('takes a cell edit, a new cell and a removed cell', () => {
    const { server, client } = withLegacyRow(legacyId);
    for (const edit of [() => setCell(client, legacyId, 'title', 'Hälsodag i parken'), () => setCell(client, legacyId, 'responsible', 'Eva'), () => setCell(client, legacyId, 'responsible', null)]) {
      const update = updateOf(client, edit);
      expect(checkUpdate(server, update)).toMatchObject({ ok: true, touchedRows: [legacyId] });
      Y.applyUpdate(server, update);
    }
  });

  it('moves and is deleted', () => {
    const { server, client, other } = withLegacyRow(legacyId);
    const move = updateOf(client, () => moveRow(client, legacyId, { after: other }));
    expect(checkUpdate(server, move)).toMatchObject({ ok: true });
    Y.applyUpdate(server, move);
    expect(checkUpdate(server, updateOf(client, () => deleteRow(client, legacyId)))).toMatchObject({ ok: true, deletedRows: [legacyId] });
  });

  it('takes a comment on it, and an edit of that comment', () => {
    const { server, client } = withLegacyRow(legacyId);
    let id = '';
    const add = updateOf(client, () => (id = addComment(client, { row: legacyId, author: 'eva', text: 'Boka lokal' })));
    expect(checkUpdate(server, add)).toMatchObject({ ok: true });
    Y.applyUpdate(server, add);
    expect(checkUpdate(server, updateOf(client, () => editComment(client, id, 'Lokal bokad')))).toMatchObject({ ok: true });
  });

  it('lets no comment write the number: one on a row the doc never held under such an id, one whose text holds it', () => {
    const { server, client } = withLegacyRow(legacyId);
    const comment = (row: string, text: string): Uint8Array => {
      const other = docFromState(encodeState(server));
      const id = `c${text.length}`;
      return updateOf(other, () => {
        const entry = new Y.Map<unknown>();
        for (const [key, value] of Object.entries({ row, author: 'eva', at: '2026-05-12T08:00:00.000Z', text })) entry.set(key, value);
        other.getMap('comments').set(id, entry);
      });
    };
    expect(checkUpdate(server, comment(`Q${legacyId.slice(1)}`, 'Boka lokal'))).toMatchObject({ ok: false, code: 'personnummer' });
    expect(checkUpdate(server, comment(legacyId, `Ring ${legacyId}`))).toMatchObject({ ok: false, code: 'personnummer' });
    expect(checkUpdate(server, comment(legacyId, 'Boka lokal'))).toMatchObject({ ok: true });
    expect(client.getMap('rows').has(legacyId)).toBe(true);
  });

  it('is no way to write the number anew: a new row under such an id, and a text holding it, are refused', () => {
    const { server, client } = withLegacyRow(legacyId);
    const newRow = updateOf(client, () => insertRow(client, { title: 'Ny' }, { id: `Q${legacyId.slice(1)}` }));
    expect(checkUpdate(server, newRow)).toMatchObject({ ok: false, code: 'personnummer' });
    const again = withLegacyRow(legacyId);
    const inCell = updateOf(again.client, () => setCell(again.client, legacyId, 'title', `Ring ${legacyId}`));
    expect(checkUpdate(again.server, inCell)).toMatchObject({ ok: false, code: 'personnummer' });
  });
});
