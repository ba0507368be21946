/**
 * `checkUpdate`'s refusal of cells alone (`only`): a column the kind lacks or a cell's text over
 * the limit names the rows and the rest's verdict, so the server can take those rows back; any
 * other fault of the same update (a personnummer anywhere) still refuses it whole; the doc's
 * placeholder of such a cell taken back passes when sent again.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { createDoc } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';

function county(): { server: Y.Doc; client: Y.Doc } {
  const server = createDoc('action-plan', { title: 'Länsplan', ownerUnit: 'county', schemaVersion: 1 });
  const row = new Y.Map<unknown>(Object.entries({ unit: 'clinic-a', measure: 'Hälsodag', _pos: 'a0' }));
  rowsMap(server).set('r1', row);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

function edit(client: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  client.transact(change);
  return Y.encodeStateAsUpdate(client, before);
}

describe('checkUpdate: cells refused alone', () => {
  it('names the rows of a column the kind lacks and gives the verdict of the rest', () => {
    const { server, client } = county();
    const update = edit(client, () => {
      rowsMap(client).get('r1')?.set('title', 'Ingen kolumn');
      rowsMap(client).set('r2', new Y.Map<unknown>(Object.entries({ unit: 'clinic-a', measure: 'Promenad', _pos: 'b0' })));
    });
    const verdict = checkUpdate(server, update);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.code).toBe('unknown-column');
    expect(verdict.only?.rows).toEqual(['r1']);
    expect(verdict.only?.rest.createdRows).toEqual(['r2']);
    expect(verdict.only?.rest.cells).toContainEqual({ rowId: 'r2', column: 'measure', value: 'Promenad' });
  });

  it('refuses the update whole when another cell of it holds a personnummer', () => {
    const { server, client } = county();
    const update = edit(client, () => {
      rowsMap(client).get('r1')?.set('title', 'Ingen kolumn');
      rowsMap(client).get('r1')?.set('measure', 'Patient 19121212-1212');
    });
    const verdict = checkUpdate(server, update);
    expect(verdict).toMatchObject({ ok: false, code: 'personnummer' });
    expect(verdict.ok ? null : verdict.only).toBeUndefined();
  });

  it('passes the placeholder of a cell taken back when it is sent again', () => {
    const { server, client } = county();
    const update = edit(client, () => rowsMap(client).get('r1')?.set('title', 'Ingen kolumn'));
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
    server.transact(() => {
      Y.applyUpdate(server, update);
      rowsMap(server).get('r1')?.delete('title');
    });
    const again = Y.encodeStateAsUpdate(server);
    expect(checkUpdate(server, again)).toMatchObject({ ok: true });
    expect(checkUpdate(fresh, update)).toMatchObject({ ok: false, code: 'unknown-column' });
  });

  it('names the row of a composite value in a cell, nested at any depth, and the column it was written in', () => {
    const { server, client } = county();
    const update = edit(client, () => {
      const inner = new Y.Map<unknown>([['djup', Y.Array.from(['a', 'b'])]]);
      rowsMap(client).get('r1')?.set('measure', inner);
      rowsMap(client).set('r2', new Y.Map<unknown>(Object.entries({ unit: 'clinic-a', measure: 'Promenad', _pos: 'b0' })));
    });
    const verdict = checkUpdate(server, update);
    expect(verdict).toMatchObject({ ok: false, code: 'non-primitive', only: { rows: ['r1'], meta: false, comments: false } });
    expect(verdict.ok ? '' : verdict.message.sv).toContain('kolumnen «measure»');
    expect(verdict.ok ? null : verdict.only?.rest.createdRows).toEqual(['r2']);
  });

  it('names the settings for an unknown or over-long setting, and the comments for a comment of the wrong shape', () => {
    const { server, client } = county();
    const meta = edit(client, () => {
      client.getMap('meta').set('färg', 'blå');
      client.getMap('meta').set('title', 'x'.repeat(2001));
    });
    expect(checkUpdate(server, meta)).toMatchObject({ ok: false, code: 'unknown-field', only: { rows: [], meta: true, comments: false } });
    const other = county();
    const comment = edit(other.client, () => {
      other.client.getMap('comments').set('k1', new Y.Map<unknown>(Object.entries({ row: 'r1', author: 'm-b', at: '2026-01-01T00:00:00.000Z', text: '' })));
      rowsMap(other.client).get('r1')?.set('measure', 'Kvar');
    });
    const verdict = checkUpdate(other.server, comment);
    expect(verdict).toMatchObject({ ok: false, code: 'comment-invalid', only: { rows: [], meta: false, comments: true } });
    // The rest keeps its cell and writes no comment.
    expect(verdict.ok ? null : verdict.only?.rest.cells).toContainEqual({ rowId: 'r1', column: 'measure', value: 'Kvar' });
    expect(verdict.ok ? null : verdict.only?.rest.comments.created.size).toBe(0);
  });
});
