/**
 * Binary content in an update (refused as no primitive, and taken back with its part) is read by
 * the raw-byte net, which joins at most four runs of text across control bytes: a label cut by
 * more (`P\u0001e\u0001r\u0001s\u0001onnummer 1995-02-11 00:01`) was read in pieces and the update
 * refused only in part, its bytes kept in the history. The walk reads binary content whole as the
 * guard does too, so the whole update is refused for the personnummer; so are bytes inside a JSON
 * value (`Y.ContentAny`: an object or list holding a `Uint8Array`), which the walk once skipped.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc, rowsMap } from '../../../shared/doc/create.js';
import { insertRow } from '../../../shared/doc/rows.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { updateOf } from '../../support/update-of.js';

describe('binary content holding a label cut by many control bytes', () => {
  const bytes = new TextEncoder().encode('P\u0001e\u0001r\u0001s\u0001o\u0001nnummer 1995-02-11 00:01');

  /** The verdict on a write of `value` in a cell of a row the server holds. */
  function verdict(value: unknown): ReturnType<typeof checkUpdate> {
    const doc = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'vc-a', schemaVersion: 1 });
    const id = insertRow(doc, { title: 'Hälsodag' });
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    return checkUpdate(server, updateOf(doc, () => rowsMap(doc).get(id)?.set('comment', value as string)));
  }

  it('refuses the whole update for the personnummer', () => {
    expect(verdict(bytes)).toMatchObject({ ok: false, code: 'personnummer' });
  });

  it('refuses the whole update for bytes inside a JSON value, an object or a list', () => {
    expect(verdict({ note: bytes })).toMatchObject({ ok: false, code: 'personnummer' });
    expect(verdict([1, [bytes]])).toMatchObject({ ok: false, code: 'personnummer' });
    // Bytes of no number stay a composite, refused with their row alone.
    expect(verdict({ note: new TextEncoder().encode('Hälsodag 2025-02-11') })).toMatchObject({ ok: false, code: 'non-primitive' });
  });
});
