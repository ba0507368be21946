/**
 * Values of the wrong type that the shared check refuses in one part of the document are taken
 * back with a notice, the socket kept, like the composites of `refused-parts.test.ts`: a list, a
 * text or a bare value where the settings map belongs (a client typing the `meta` root as a
 * Y.Array or a Y.Text), the same where the comments map belongs, a setting of the wrong type
 * (a number as the title), a row's position that is not a text. Each used to close the socket
 * with 4400 "malformed", the value left in the author's copy as if saved.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { metaMap, rowsMap } from '../../../shared/doc/create.js';
import type { Notice } from '../../../shared/protocol/notices.js';
import type { NoticedClient } from '../scale/noticed-clients.js';
import { stockClient } from '../../support/stock-client.js';
import { eventually, TOKENS, WS } from './support.js';
import { sleep, takeBackServer } from './take-backs-fixture.js';

const fixture = takeBackServer();
const REF = { workspace: WS, doc: 'county' };

const refusal = (n: Notice | undefined): Extract<Notice, { type: 'refusal' }>['refusal'] => {
  if (n?.type !== 'refusal') throw new Error(`not a refusal notice: ${JSON.stringify(n)}`);
  return n.refusal;
};

/** A client whose doc types root `root` as `make` does before it connects, synced; and the close codes it sees. */
async function typedAs(port: number, root: string, make: (doc: Y.Doc, root: string) => unknown): Promise<NoticedClient & { closes: number[] }> {
  const notices: Notice[] = [];
  const provider = stockClient(port, 'county', TOKENS.coordinator, { notices, prepare: (doc) => void make(doc, root) });
  fixture.providers.push(provider);
  const closes: number[] = [];
  provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? 0));
  await eventually(() => provider.synced, 10_000, 'the client to sync');
  return { provider, doc: provider.doc, notices, closes };
}

/** The live items of a root's list (not its map entries). */
function listItems(doc: Y.Doc, root: string): number {
  let n = 0;
  for (let item = (doc.share.get(root) as Y.AbstractType<unknown>)._start; item !== null; item = item.right) if (!item.deleted) n++;
  return n;
}

describe('a value of the wrong type in one part', () => {
  it('takes back a list, a text or a bare value where the settings or comments map belongs, with a notice', async () => {
    const server = await fixture.start();
    const port = Number(new URL(server.url).port);
    const { b } = await fixture.ownerRowSeen();
    const shapes: Array<[string, string, (doc: Y.Doc, root: string) => void, RegExp]> = [
      ['a list', 'meta', (doc, root) => doc.getArray(root).push([Y.Array.from(['inre'])]), /inställningar är namngivna fält.*dokumentets inställningar togs tillbaka/],
      ['a text', 'meta', (doc, root) => doc.getText(root).insert(0, 'Rubrik'), /inställningar är namngivna fält/],
      ['a bare value', 'meta', (doc, root) => doc.getArray(root).push([42]), /inställningar är namngivna fält/],
      ['a list', 'comments', (doc, root) => doc.getArray(root).push(['en kommentar']), /Kommentarerna är namngivna poster.*kommentarerna togs tillbaka/],
    ];
    for (const [what, root, write, words] of shapes) {
      const c = await typedAs(port, root, (doc, r) => (root === 'meta' && what === 'a text' ? doc.getText(r) : doc.getArray(r)));
      const ws = c.provider.ws;
      write(c.doc, root);
      expect(listItems(c.doc, root), `${what} in ${root} written`).toBeGreaterThan(0);
      await eventually(() => c.notices.length === 1 && listItems(c.doc, root) === 0, 5000, `${what} in ${root} taken back`);
      expect(refusal(c.notices[0])).toMatchObject({ closeCode: 4422, code: 'wrong-type' });
      expect(refusal(c.notices[0]).message.sv).toMatch(words);
      await sleep(100);
      expect(c.closes, `${what} in ${root}: no close`).toEqual([]);
      expect(c.provider.ws).toBe(ws);
      const stored = await server.sync.registry.withDoc(REF, (room) => listItems(room.doc, root));
      expect(stored, `${what} in ${root}: nothing of it kept by the server`).toBe(0);
    }
    // The settings themselves were never touched: B still reads the title.
    expect(metaMap(b.doc).get('kind')).toBe('action-plan');
  });

  it("takes back a setting of the wrong type and a row's position that is not a text, and keeps the rest of the update", async () => {
    const server = await fixture.start();
    const { a, b } = await fixture.ownerRowSeen();
    const closes: number[] = [];
    a.provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? 0));
    const title = metaMap(a.doc).get('title');
    const pos = rowsMap(a.doc).get('r1')?.get('_pos');
    a.doc.transact(() => {
      rowsMap(a.doc).get('r1')?.set('_pos', 7);
      rowsMap(a.doc).set('n1', new Y.Map<unknown>(Object.entries({ unit: 'clinic-a', measure: 'Samma ändring', _pos: 'b0' })));
    });
    await eventually(() => a.notices.length === 1 && rowsMap(a.doc).get('r1')?.get('_pos') === pos, 5000, 'the position taken back');
    expect(refusal(a.notices[0])).toMatchObject({ closeCode: 4422, code: 'wrong-type' });
    expect(refusal(a.notices[0]).message.en).toMatch(/position \(_pos\) must be a text.*row r1 was taken back/);
    await eventually(() => rowsMap(b.doc).get('n1')?.get('measure') === 'Samma ändring', 5000, 'the row of the same update kept');
    const c = await fixture.open(TOKENS.coordinator);
    metaMap(c.doc).set('title', 2026);
    await eventually(() => c.notices.length === 1 && metaMap(c.doc).get('title') === title, 5000, 'the title taken back');
    expect(refusal(c.notices[0]).message.sv).toMatch(/Dokumentfältet «title» har fel typ av värde.*dokumentets inställningar togs tillbaka/);
    const room = await server.sync.registry.withDoc(REF, (r) => [metaMap(r.doc).get('title'), rowsMap(r.doc).get('r1')?.get('_pos')]);
    expect(room).toEqual([title, pos]);
    await sleep(100);
    expect(closes).toEqual([]);
  });
});
