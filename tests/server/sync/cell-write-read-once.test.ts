/**
 * A one-cell write is read once per offer: what the check's quick path read (`readCellWrite`,
 * `cell-write.ts`) is taken from its verdict (`cellWriteRead`) by the room's as-is apply
 * (`asIsWrite`, `emits-as-is.ts`) instead of being read again. A read that no longer holds for
 * the doc (its clock taken meanwhile, another doc's) is read again, and bytes that are not the
 * read's own are not taken as it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import type { Room } from '../../../server/sync/room.js';
import { asIsWrite } from '../../../server/sync/emits-as-is.js';
import { cellWriteRead, readCellWrite } from '../../../shared/validate/cell-write.js';
import type * as CellWriteModule from '../../../shared/validate/cell-write.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { createDoc } from '../../../shared/doc/create.js';
import { startTestServer, WS, type TestServer } from './support.js';

const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../shared/validate/cell-write.js', async (importOriginal) => {
  const real = await importOriginal<typeof CellWriteModule>();
  return {
    ...real,
    readCellWrite: (...args: Parameters<typeof real.readCellWrite>) => {
      reads.count++;
      return real.readCellWrite(...args);
    },
  };
});

let server: TestServer;
afterEach(async () => {
  await server?.stop();
});

/** The update that `change` makes to a copy of `doc`. */
function edit(doc: Y.Doc, change: (d: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

/** The update `change` makes to `doc` as Yjs emits it (what a client sends). */
function sent(doc: Y.Doc, change: (d: Y.Doc) => void): Uint8Array {
  let out: Uint8Array | null = null;
  const take = (u: Uint8Array): void => void (out = u);
  doc.on('update', take);
  change(doc);
  doc.off('update', take);
  if (out === null) throw new Error('the change wrote nothing');
  return out;
}

const ME = { memberId: null, principal: null };

describe('a one-cell write offered to a room', () => {
  it('is read once, by the check, and applied as it came from that read', async () => {
    server = await startTestServer();
    await server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, async (room: Room) => {
      const row = room.offer(edit(room.doc, (d) => insertRow(d, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'rowA' })), ME, null);
      if (row.ok) await row.persisted;
      // A client's writes as it sends them: each transaction's update.
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
      for (const measure of ['Ett', 'Två', 'Tre']) {
        const update = sent(client, (d) => setCells(d, 'rowA', { measure }));
        const emitted: Uint8Array[] = [];
        const listen = (u: Uint8Array): void => void emitted.push(u);
        room.doc.on('update', listen);
        reads.count = 0;
        const taken = room.offer(update, ME, null);
        expect(taken.ok).toBe(true);
        if (taken.ok) await taken.persisted;
        expect((room.doc.getMap('rows').get('rowA') as Y.Map<unknown>).get('measure')).toBe(measure);
        room.doc.off('update', listen);
        // Applied as it came (the room's listeners were handed the incoming bytes), from one read.
        expect(emitted).toEqual([update]);
        expect(reads.count).toBe(1);
      }
    });
  });
});

describe('asIsWrite given the check read', () => {
  function plan(): { doc: Y.Doc; client: Y.Doc } {
    const doc = createDoc('action-plan', { title: 'Plan', ownerUnit: 'county', schemaVersion: 1 });
    insertRow(doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'rowA' });
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    return { doc, client };
  }

  it('takes the read while it holds, and reads again when the doc took its clock meanwhile', () => {
    const { doc, client } = plan();
    const update = sent(client, (d) => setCells(d, 'rowA', { measure: 'Ny' }));
    const verdict = checkUpdate(doc, update);
    const read = cellWriteRead(verdict);
    expect(read).toBeDefined();
    reads.count = 0;
    expect(asIsWrite(doc, update, read)).toBe(read);
    expect(reads.count).toBe(0);
    // The same client's write applied meanwhile: the read's clock is no longer the next; read again (and refused).
    Y.applyUpdate(doc, update);
    expect(asIsWrite(doc, update, read)).toBeNull();
    expect(reads.count).toBe(1);
  });

  it("does not take another doc's read, nor a read for other bytes", () => {
    const { doc, client } = plan();
    const other = plan();
    // Another value written by a copy of the client, read against this doc: not the encoding of `update`.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(client));
    const elsewhere = readCellWrite(doc, sent(copy, (d) => setCells(d, 'rowA', { measure: 'Annan' })));
    expect(elsewhere).not.toBeNull();
    const update = sent(client, (d) => setCells(d, 'rowA', { measure: 'Ny' }));
    const foreign = readCellWrite(other.doc, sent(other.client, (d) => setCells(d, 'rowA', { measure: 'Ny' })));
    expect(foreign).not.toBeNull();
    reads.count = 0;
    const got = asIsWrite(doc, update, foreign ?? undefined);
    expect(got).not.toBeNull();
    expect(got).not.toBe(foreign);
    expect((got?.row.parent as Y.AbstractType<unknown>).doc).toBe(doc);
    expect(reads.count).toBe(1);
    expect(asIsWrite(doc, update, elsewhere ?? undefined)).toBeNull();
  });
});
