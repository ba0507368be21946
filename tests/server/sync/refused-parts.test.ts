/**
 * The shared check's refusals of one part of the document are taken back like a cell of a column
 * the kind lacks (`refused-cells.test.ts`): a composite value (map, list, text, object) in a cell,
 * an unknown setting or an over-long one, a comment of the wrong shape. The author is told in
 * words naming what and the part taken back, its copy converges to the stored state, the socket
 * stays open and the rest of the same update stays taken. Each used to close the socket with 4422
 * and no notice, the value left in the author's copy. A personnummer anywhere still closes.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { metaMap, rowsMap } from '../../../shared/doc/create.js';
import { setCells } from '../../../shared/doc/index.js';
import { commentsMap } from '../../../shared/comments/comments.js';
import type { Notice } from '../../../shared/protocol/notices.js';
import type { NoticedClient } from '../scale/noticed-clients.js';
import { eventually, TOKENS, WS } from './support.js';
import { sleep, takeBackServer } from './take-backs-fixture.js';

const fixture = takeBackServer();
const REF = { workspace: WS, doc: 'county' };

const refusal = (n: Notice | undefined): Extract<Notice, { type: 'refusal' }>['refusal'] => {
  if (n?.type !== 'refusal') throw new Error(`not a refusal notice: ${JSON.stringify(n)}`);
  return n.refusal;
};

/** The close codes `c` sees, as they come. */
function closesOf(c: NoticedClient): number[] {
  const closes: number[] = [];
  c.provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? 0));
  return closes;
}

/** The room's doc as JSON (rows, meta, comments), to compare with a client's. */
const stored = (server: Awaited<ReturnType<typeof fixture.start>>): Promise<string> =>
  server.sync.registry.withDoc(REF, (room) => JSON.stringify([rowsMap(room.doc).toJSON(), metaMap(room.doc).toJSON(), commentsMap(room.doc).toJSON()]));
const copyOf = (doc: Y.Doc): string => JSON.stringify([rowsMap(doc).toJSON(), metaMap(doc).toJSON(), commentsMap(doc).toJSON()]);

describe('a part the shared check refuses alone', () => {
  it('takes back a map, a list, a text or an object written in a cell, with a notice, and keeps the rest of the update', async () => {
    const server = await fixture.start();
    const { a, b } = await fixture.ownerRowSeen();
    const closes = closesOf(a);
    const ws = a.provider.ws;
    const composites: Array<[string, () => unknown]> = [
      ['map', () => new Y.Map<unknown>([['inre', 'värde']])],
      ['list', () => Y.Array.from(['ett', 'två'])],
      ['text', () => new Y.Text('text')],
      ['object', () => ({ inre: 'värde' })],
    ];
    for (const [i, [name, make]] of composites.entries()) {
      a.doc.transact(() => {
        (rowsMap(a.doc).get('r1') as Y.Map<unknown>).set('measure', make());
        rowsMap(a.doc).set(`n${i}`, new Y.Map<unknown>(Object.entries({ unit: 'clinic-a', measure: `Ny ${name}`, _pos: `b${i}` })));
      });
      await eventually(() => a.notices.length === i + 1 && rowsMap(a.doc).get('r1')?.get('measure') === 'Hälsodag', 5000, `the ${name} taken back at A`);
      const told = refusal(a.notices[i]);
      expect(told).toMatchObject({ closeCode: 4422, code: 'non-primitive' });
      expect(told.message.sv).toMatch(/sammansatt värde i kolumnen «measure».*rad r1 togs tillbaka/);
      expect(told.message.en).toMatch(/composite value to column "measure".*row r1 was taken back/);
      await eventually(() => rowsMap(b.doc).get(`n${i}`)?.get('measure') === `Ny ${name}`, 5000, `the row made with the ${name} kept and relayed`);
    }
    expect(copyOf(a.doc)).toBe(await stored(server));
    expect(copyOf(b.doc)).toBe(await stored(server));
    expect(rowsMap(b.doc).get('r1')?.get('measure')).toBe('Hälsodag');
    setCells(a.doc, 'r1', { measure: 'Efteråt' });
    await eventually(() => rowsMap(b.doc).get('r1')?.get('measure') === 'Efteråt', 5000, "A's later edit at B");
    expect(closes).toEqual([]);
    expect(a.provider.ws).toBe(ws);
  });

  it('takes back an unknown setting and a setting over the length limit, with a notice naming the settings', async () => {
    const server = await fixture.start();
    const { b } = await fixture.ownerRowSeen();
    const c = await fixture.open(TOKENS.coordinator);
    const closes = closesOf(c);
    const title = metaMap(c.doc).get('title');
    metaMap(c.doc).set('färg', 'blå');
    await eventually(() => c.notices.length === 1 && !metaMap(c.doc).has('färg'), 5000, 'the unknown setting taken back');
    expect(refusal(c.notices[0])).toMatchObject({ closeCode: 4422, code: 'unknown-field' });
    expect(refusal(c.notices[0]).message.sv).toMatch(/inget fält «färg».*dokumentets inställningar togs tillbaka/);
    c.doc.transact(() => {
      metaMap(c.doc).set('title', 'x'.repeat(2001));
      rowsMap(c.doc).set('r9', new Y.Map<unknown>(Object.entries({ unit: 'clinic-b', measure: 'Samma ändring', _pos: 'c0' })));
    });
    await eventually(() => c.notices.length === 2 && metaMap(c.doc).get('title') === title, 5000, 'the long title taken back');
    expect(refusal(c.notices[1])).toMatchObject({ code: 'string-too-long' });
    expect(refusal(c.notices[1]).message.en).toMatch(/document field "title" is longer than 2,000.*document's settings was taken back/);
    await eventually(() => rowsMap(b.doc).get('r9')?.get('measure') === 'Samma ändring', 5000, 'the row of the same update kept');
    expect(metaMap(b.doc).get('title')).toBe(title);
    expect(copyOf(c.doc)).toBe(await stored(server));
    await sleep(200);
    expect(closes).toEqual([]);
  });

  it('takes back a comment of the wrong shape, with a notice', async () => {
    const server = await fixture.start();
    const { a, b } = await fixture.ownerRowSeen();
    const closes = closesOf(b);
    b.doc.transact(() => {
      commentsMap(b.doc).set('k1', new Y.Map<unknown>(Object.entries({ row: 'r1', author: 'm-b', at: new Date().toISOString(), text: '' })));
    });
    await eventually(() => b.notices.length === 1 && !commentsMap(b.doc).has('k1'), 5000, 'the empty comment taken back');
    expect(refusal(b.notices[0])).toMatchObject({ closeCode: 4422, code: 'comment-invalid' });
    expect(refusal(b.notices[0]).message.sv).toMatch(/kommentarerna togs tillbaka/);
    expect(commentsMap(a.doc).has('k1')).toBe(false);
    expect(copyOf(b.doc)).toBe(await stored(server));
    await sleep(200);
    expect(closes).toEqual([]);
  });

  it('still closes the socket when a composite value holds a personnummer', async () => {
    const server = await fixture.start();
    const { a } = await fixture.ownerRowSeen();
    const closes = closesOf(a);
    (rowsMap(a.doc).get('r1') as Y.Map<unknown>).set('measure', new Y.Map<unknown>([['inre', 'Patient 19121212-1212']]));
    await eventually(() => closes.includes(4422), 5000, 'the close');
    const log = await server.storage.loadDoc(REF);
    for (const bytes of [log.snapshot ?? new Uint8Array(), ...log.updates]) expect(Buffer.from(bytes).toString('utf8')).not.toContain('19121212');
  });
});
