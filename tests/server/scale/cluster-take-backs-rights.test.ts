/**
 * Rights of a set in a row map a refused delete deleted, across processes (PostgreSQL + Redis):
 * editor B's delete of owner A's row is refused and taken back on process 0 (the row lives on as
 * the server's copy); then a set of a cell of that row, made on the state from before the delete,
 * comes from editor B, who may not write the row, through process 1. It lands in the deleted row
 * map there; process 1 does not copy it into the live row (B may not write it) and collects its
 * value before storing the update. Process 0, which took the delete back and writes again what
 * other processes stored (`TakeBacks.applyStored`, which has no author to ask), must not copy it
 * either: nobody ever sees B's value. Stock y-websocket clients.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { encodeUpdate } from '../../../server/sync/protocol.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { useCluster } from '../../support/cluster.js';
import { eventually } from '../../support/eventually.js';
import { servicesMissing } from '../../support/services.js';
import { TOKENS } from '../sync/seed.js';
import { measure, openNoticed, type NoticedClient } from './noticed-clients.js';

const missing = servicesMissing();
const DOC = 'county';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(missing !== null)('rights of a set in a row a refused delete deleted, across processes (PostgreSQL + Redis)', () => {
  const cluster = useCluster({ db: 'take_backs_rights', nodes: 2 });

  const open = (at: number, token: string, clientID?: number): Promise<NoticedClient> => openNoticed(cluster.node(at).port, DOC, token, cluster.providers, clientID);

  it("another unit's cell set, sent through another process into the row a refused delete deleted, is copied into the live row by no process", async () => {
    const row = 'rr';
    const a = await open(0, TOKENS.editorA, 100);
    insertRow(a.doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: row });
    const b = await open(0, TOKENS.editorB, 200);
    await eventually(() => measure(b.doc, row) === 'Hälsodag', 5000, 'B sees the row');
    // B's state from before the delete: the row map B's later set names.
    const shadow = new Y.Doc();
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(b.doc));
    shadow.clientID = 300;
    rowsMap(b.doc).delete(row);
    await eventually(() => b.notices.length === 1 && measure(b.doc, row) === 'Hälsodag', 5000, "B's delete taken back");
    // Process 1 holds the take-back: its client sees the row put back (the copy, written by the server).
    const there = await open(1, TOKENS.editorB, 400);
    await eventually(() => measure(there.doc, row) === 'Hälsodag' && rowsMap(there.doc)._map.get(row)?.id.client !== 100, 5000, 'process 1 holds the row put back');
    const sv = Y.encodeStateVector(shadow);
    setCells(shadow, row, { measure: 'Kapad' });
    there.provider.ws?.send(encodeUpdate(Y.encodeStateAsUpdate(shadow, sv)));
    await sleep(1000);
    // Taken as changing nothing where it lands, so it is stored and reaches process 0 (the path this
    // guards); B is told the cell was not saved, the row being gone where it landed (no close).
    expect(there.notices.map((n) => n.type === 'refusal' && n.refusal.code)).toEqual(['row-gone']);
    expect(there.provider.wsconnected).toBe(true);
    const readers = [await open(0, TOKENS.viewer), await open(1, TOKENS.viewer)];
    for (const c of [a, b, there, ...readers]) expect(measure(c.doc, row)).toBe('Hälsodag');
    // The owner still writes the row as it is, on either process.
    setCells(a.doc, row, { measure: 'Senare' });
    await eventually(() => readers.every((c) => measure(c.doc, row) === 'Senare'), 8000, "A's later edit everywhere");
  }, 90_000);
});
