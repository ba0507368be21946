import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COMMENT_MAX_LENGTH, COMMENTS_ROOT } from '../../../shared/comments/comment-schema.js';
import { addComment, commentCounts, deleteComment, editComment, threadOf } from '../../../shared/comments/comments.js';
import { createDoc } from '../../../shared/doc/create.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { deleteRow, insertRow } from '../../../shared/doc/rows.js';
import { checkUpdate, type UpdateVerdict } from '../../../shared/validate/check-update.js';
import { FLAGGED } from '../../support/personnummer-spellings.js';
import { updateOf } from '../../support/update-of.js';

const init = { title: 'Handlingsplan 2026', ownerUnit: 'lan-stockholm', schemaVersion: 1 };

function pair(): { server: Y.Doc; client: Y.Doc; rowId: string } {
  const server = createDoc('action-plan', init);
  const rowId = insertRow(server, { unit: 'vc-tensta', measure: 'Hälsodag' });
  return { server, client: docFromState(encodeState(server)), rowId };
}

function codeOf(v: UpdateVerdict): string {
  return v.ok ? 'ok' : v.code;
}

/** A comment written straight into the map, bypassing `addComment`'s own check. */
function rawComment(doc: Y.Doc, fields: Record<string, unknown>, id = 'cForged0001'): void {
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(fields)) entry.set(k, v);
    doc.getMap(COMMENTS_ROOT).set(id, entry);
  });
}

describe('checkUpdate on comments', () => {
  it('accepts a new comment on an existing row and lists it as created', () => {
    const { server, client, rowId } = pair();
    let id = '';
    const u = updateOf(client, () => (id = addComment(client, { row: rowId, author: 'nina', text: 'Vem bokar lokalen? @{anna}' })));
    const v = checkUpdate(server, u);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.comments.created.get(id)).toMatchObject({ row: rowId, author: 'nina', text: 'Vem bokar lokalen? @{anna}' });
    expect(v.touchedRows).toEqual([]);
    expect(v.cells).toEqual([]);
  });

  it.each(FLAGGED)('refuses a comment holding %j, in words, naming the comment', (text) => {
    const { server, client, rowId } = pair();
    const u = updateOf(client, () => addComment(client, { row: rowId, author: 'nina', text: `Ring om ${text}` }));
    const v = checkUpdate(server, u);
    expect(codeOf(v)).toBe('personnummer');
    // A birth word before a date with a clock time is refused as a birth date with a time (`personnummer-birth-time.test`).
    if (!v.ok) expect(v.message.sv).toMatch(/^Kommentaren innehåller ett ((person|samordnings)nummer|födelsedatum med klockslag)/);
  });

  it('refuses an edit that puts a personnummer in an existing comment', () => {
    const { server, client, rowId } = pair();
    const id = addComment(server, { row: rowId, author: 'nina', text: 'Första' });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    expect(codeOf(checkUpdate(server, updateOf(client, () => editComment(client, id, 'Pnr 19850101-1236'))))).toBe('personnummer');
  });

  it('refuses a text over the limit, an empty text, and a comment missing its author', () => {
    const { server, client, rowId } = pair();
    const long = updateOf(client, () => rawComment(client, { row: rowId, author: 'nina', at: new Date().toISOString(), text: 'x'.repeat(COMMENT_MAX_LENGTH + 1) }));
    expect(codeOf(checkUpdate(server, long))).toBe('comment-invalid');
    const { client: c2 } = pair();
    const blank = updateOf(c2, () => rawComment(c2, { row: rowId, author: 'nina', at: new Date().toISOString(), text: '   ' }));
    expect(codeOf(checkUpdate(server, blank))).toBe('comment-invalid');
    const { client: c3 } = pair();
    const anonymous = updateOf(c3, () => rawComment(c3, { row: rowId, at: new Date().toISOString(), text: 'Hej' }));
    expect(codeOf(checkUpdate(server, anonymous))).toBe('comment-invalid');
  });

  it('refuses a comment on a row the document never had, and keeps one on a row deleted meanwhile', () => {
    const { server, client, rowId } = pair();
    const nowhere = updateOf(client, () => rawComment(client, { row: 'rNoSuchRow01', author: 'nina', at: new Date().toISOString(), text: 'Hej' }));
    const v = checkUpdate(server, nowhere);
    expect(codeOf(v)).toBe('comment-invalid');
    if (!v.ok) expect(v.message.en).toMatch(/never had/);
    const c2 = docFromState(encodeState(server));
    deleteRow(server, rowId);
    const late = updateOf(c2, () => addComment(c2, { row: rowId, author: 'nina', text: 'Skrivet offline' }));
    expect(codeOf(checkUpdate(server, late))).toBe('ok');
    Y.applyUpdate(server, late);
    expect(threadOf(server, rowId).map((c) => c.text)).toEqual(['Skrivet offline']);
    expect(commentCounts(server).has(rowId)).toBe(false);
  });

  it('refuses unknown fields, composite values, and changing a comment’s row, author or time', () => {
    const { server, client, rowId } = pair();
    const extra = updateOf(client, () => rawComment(client, { row: rowId, author: 'nina', at: new Date().toISOString(), text: 'Hej', pinned: true }));
    expect(codeOf(checkUpdate(server, extra))).toBe('unknown-field');
    const { client: c2 } = pair();
    const nested = updateOf(c2, () => rawComment(c2, { row: rowId, author: 'nina', at: new Date().toISOString(), text: new Y.Text('Hej') }));
    expect(codeOf(checkUpdate(server, nested))).toBe('non-primitive');
    const id = addComment(server, { row: rowId, author: 'nina', text: 'Första' });
    const c3 = docFromState(encodeState(server));
    const entry = c3.getMap(COMMENTS_ROOT).get(id) as Y.Map<unknown>;
    expect(codeOf(checkUpdate(server, updateOf(c3, () => entry.set('author', 'anna'))))).toBe('comment-invalid');
    expect(codeOf(checkUpdate(server, updateOf(c3, () => entry.delete('at'))))).toBe('comment-invalid');
  });

  it('accepts an edit and a deletion, listing them as changed and deleted', () => {
    const { server, rowId } = pair();
    const id = addComment(server, { row: rowId, author: 'nina', text: 'Första' });
    const client = docFromState(encodeState(server));
    const editUpdate = updateOf(client, () => editComment(client, id, 'Andra'));
    const edit = checkUpdate(server, editUpdate);
    expect(edit).toMatchObject({ ok: true });
    if (edit.ok) expect(edit.comments.changed.get(id)).toMatchObject({ text: 'Andra' });
    Y.applyUpdate(server, editUpdate);
    const gone = checkUpdate(server, updateOf(client, () => deleteComment(client, id)));
    expect(gone.ok && [...gone.comments.deleted]).toEqual([id]);
  });
});

describe('comment threads', () => {
  it('lists a row’s thread oldest first, counts live rows only, and keeps a deleted row’s thread archived', () => {
    const { server, rowId } = pair();
    const other = insertRow(server, { unit: 'vc-husby', measure: 'Promenad' });
    addComment(server, { row: rowId, author: 'nina', text: 'Andra', at: new Date('2026-03-02T10:00:00Z') });
    addComment(server, { row: rowId, author: 'anna', text: 'Första', at: new Date('2026-03-01T10:00:00Z') });
    addComment(server, { row: other, author: 'anna', text: 'Hej' });
    expect(threadOf(server, rowId).map((c) => c.text)).toEqual(['Första', 'Andra']);
    expect(commentCounts(server)).toEqual(new Map([[rowId, 2], [other, 1]]));
    deleteRow(server, other);
    expect(commentCounts(server)).toEqual(new Map([[rowId, 2]]));
    expect(threadOf(server, other)).toHaveLength(1);
    // Restoring the row from History puts it back under its id: its thread shows again.
    insertRow(server, { unit: 'vc-husby', measure: 'Promenad' }, { id: other });
    expect(commentCounts(server).get(other)).toBe(1);
  });

  it('will not write a comment on a missing row or with an empty text', () => {
    const { server, rowId } = pair();
    expect(() => addComment(server, { row: 'rMissing0001', author: 'nina', text: 'Hej' })).toThrow(RangeError);
    expect(() => addComment(server, { row: rowId, author: 'nina', text: ' ' })).toThrow(TypeError);
  });
});
