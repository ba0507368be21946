import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, threadOf } from '../../../shared/comments/comments.js';
import { insertRows, rowsOf } from '../../../shared/doc/index.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { eventually } from '../../server/sync/support.js';
import { connectTo, serverPerTest, statusLog } from './support.js';

const t = serverPerTest();

const holds = (doc: Y.Doc, text: string): boolean => Buffer.from(Y.encodeStateAsUpdate(doc)).includes(Buffer.from(text));

describe('the pane checks a comment like any local change', () => {
  it('sends a comment to the other pane, and takes back one holding a personnummer from any writer, staying connected', async () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ca = connectTo(t.server, a, t.open, { checkUpdate: (before, update) => checkUpdate(before, update) });
    const cb = connectTo(t.server, b, t.open);
    await Promise.all([ca.whenSynced(), cb.whenSynced()]);
    const [row] = insertRows(a, [{ title: 'Hälsodag' }]) as [string];
    await eventually(() => rowsOf(b).length === 1);
    const seen = statusLog(ca);

    // Written straight into the doc, past the composer's own check (another add-in, a script).
    addComment(a, { row, author: 'm-coord', text: 'Ring 811218-9876 i morgon' });
    expect(ca.status.lastRefusal?.message.sv).toMatch(/^Kommentaren innehåller ett personnummer/);
    expect(threadOf(a, row)).toEqual([]);
    expect(holds(a, '9876')).toBe(false);

    addComment(a, { row, author: 'm-coord', text: 'Vem bokar lokalen?' });
    await eventually(() => threadOf(b, row).length === 1, 3000, 'the comment to arrive');
    expect(threadOf(b, row)[0]).toMatchObject({ author: 'm-coord', text: 'Vem bokar lokalen?' });
    expect(holds(b, '9876')).toBe(false);
    expect(seen.map((s) => s.state)).not.toContain('refused');
  });
});
