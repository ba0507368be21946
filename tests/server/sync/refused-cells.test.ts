/**
 * A cell the shared check refuses on its own (a column the document kind lacks, a text over the
 * length limit) is taken back like a cell of another unit's row: the author is told in words
 * naming the column and the row, its copy converges to the stored state, the socket stays open,
 * the rest of the same update stays taken, and no other peer ever sees the value. It used to close
 * the socket with 4422 and leave the value in the author's copy (a stock client then reconnects
 * and sends it again).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { rowsMap } from '../../../shared/doc/create.js';
import { setCells } from '../../../shared/doc/index.js';
import type { Notice } from '../../../shared/protocol/notices.js';
import { eventually, WS } from './support.js';
import { sleep, takeBackServer } from './take-backs-fixture.js';

const fixture = takeBackServer();
const REF = { workspace: WS, doc: 'county' };

/** Every value any cell of any row takes in `doc`, as it arrives. */
function valuesSeen(doc: Y.Doc): unknown[] {
  const seen: unknown[] = [];
  rowsMap(doc).observeDeep((events) => {
    for (const e of events) for (const key of e.keys.keys()) if (e.target instanceof Y.Map) seen.push((e.target as Y.Map<unknown>).get(key));
  });
  return seen;
}

const refusal = (n: Notice | undefined): Extract<Notice, { type: 'refusal' }>['refusal'] => {
  if (n?.type !== 'refusal') throw new Error(`not a refusal notice: ${JSON.stringify(n)}`);
  return n.refusal;
};

describe('a cell the shared check refuses alone', () => {
  it("is taken back with a notice naming it when an editor writes a column the kind lacks on another unit's row", async () => {
    const server = await fixture.start();
    const { a, b } = await fixture.ownerRowSeen();
    const closes: number[] = [];
    b.provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? 0));
    const ws = b.provider.ws;
    const seenByA = valuesSeen(a.doc);
    (rowsMap(b.doc).get('r1') as Y.Map<unknown>).set('title', 'Inte en kolumn');
    await eventually(() => b.notices.length === 1 && rowsMap(b.doc).get('r1')?.has('title') === false, 5000, 'the cell taken back at B');
    const told = refusal(b.notices[0]);
    expect(told).toMatchObject({ closeCode: 4422, code: 'unknown-column' });
    expect(told.message.sv).toMatch(/Kolumnen «title» finns inte.*rad r1 togs tillbaka/);
    expect(told.message.en).toMatch(/Column "title" does not exist.*row r1 was taken back/);
    // B's copy is the stored state, over the same socket, and B's later edits of its own rows flow.
    const stored = await server.sync.registry.withDoc(REF, (room) => JSON.stringify(rowsMap(room.doc).toJSON()));
    expect(JSON.stringify(rowsMap(b.doc).toJSON())).toBe(stored);
    setCells(a.doc, 'r1', { measure: 'Efteråt' });
    await eventually(() => rowsMap(b.doc).get('r1')?.get('measure') === 'Efteråt', 5000, "A's later edit at B");
    await sleep(200);
    expect(closes).toEqual([]);
    expect(b.provider.ws).toBe(ws);
    expect(seenByA).not.toContain('Inte en kolumn');
    expect(rowsMap(a.doc).get('r1')?.has('title')).toBe(false);
    const log = await server.storage.loadDoc(REF);
    for (const bytes of [log.snapshot ?? new Uint8Array(), ...log.updates]) expect(Buffer.from(bytes).toString('utf8')).not.toContain('Inte en kolumn');
  });

  it('takes back only the row with a text over the limit and keeps the rest of the same update', async () => {
    const server = await fixture.start();
    const { a, b } = await fixture.ownerRowSeen();
    const seenByB = valuesSeen(b.doc);
    // Offline edits sent together on reconnect: one update.
    a.provider.disconnect();
    (rowsMap(a.doc).get('r1') as Y.Map<unknown>).set('measure', 'y'.repeat(2001));
    rowsMap(a.doc).set('r2', new Y.Map<unknown>(Object.entries({ unit: 'clinic-a', measure: 'Promenad', _pos: 'b0' })));
    a.provider.connect();
    await eventually(() => a.notices.length === 1 && rowsMap(a.doc).get('r1')?.get('measure') === 'Hälsodag', 5000, "A's long text taken back");
    expect(refusal(a.notices[0])).toMatchObject({ code: 'string-too-long' });
    expect(refusal(a.notices[0]).message.sv).toMatch(/längre än 2\u00a0000 tecken.*rad r1 togs tillbaka/);
    await eventually(() => rowsMap(b.doc).get('r2')?.get('measure') === 'Promenad', 5000, "A's other row kept and relayed");
    const stored = await server.sync.registry.withDoc(REF, (room) => JSON.stringify(rowsMap(room.doc).toJSON()));
    expect(JSON.stringify(rowsMap(a.doc).toJSON())).toBe(stored);
    expect(JSON.stringify(rowsMap(b.doc).toJSON())).toBe(stored);
    expect(seenByB.some((v) => typeof v === 'string' && v.length > 2000)).toBe(false);
  });
});
