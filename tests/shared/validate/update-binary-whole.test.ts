/**
 * Binary content in an update (refused as no primitive, and taken back with its part) is read by
 * the raw-byte net, which joins at most four runs of text across control bytes: a label cut by
 * more (`P\u0001e\u0001r\u0001s\u0001onnummer 1995-02-11 00:01`) was read in pieces and the update
 * refused only in part, its bytes kept in the history. The walk reads binary content whole as the
 * guard does too, so the whole update is refused for the personnummer.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc, rowsMap } from '../../../shared/doc/create.js';
import { insertRow } from '../../../shared/doc/rows.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { updateOf } from '../../support/update-of.js';

describe('binary content holding a label cut by many control bytes', () => {
  it('refuses the whole update for the personnummer', () => {
    const doc = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'vc-a', schemaVersion: 1 });
    const id = insertRow(doc, { title: 'Hälsodag' });
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    const bytes = new TextEncoder().encode('P\u0001e\u0001r\u0001s\u0001o\u0001nnummer 1995-02-11 00:01');
    const update = updateOf(doc, () => rowsMap(doc).get(id)?.set('comment', bytes as unknown as string));
    expect(checkUpdate(server, update)).toMatchObject({ ok: false, code: 'personnummer' });
  });
});
