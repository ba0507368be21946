import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc } from '../../../shared/doc/create.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { deleteRow, insertRow, insertRows, moveRow, setCell } from '../../../shared/doc/rows.js';
import { checkUpdate, type UpdateVerdict } from '../../../shared/validate/check-update.js';
import { fitsWithin, knownSize } from '../../../shared/validate/doc-size.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { updateOf } from '../../support/update-of.js';

const init = { title: 'Aktivitetsplan 2026', ownerUnit: 'vc-rinkeby', schemaVersion: 1 };

/** A server doc with one row, and a client replica of it. */
function pair(): { server: Y.Doc; client: Y.Doc; rowId: string } {
  const server = createDoc('activity-plan', init);
  const rowId = insertRow(server, { title: 'Hälsodag', status: 'planerad' });
  const client = docFromState(encodeState(server));
  return { server, client, rowId };
}

/** The V1 update `edit` makes on `client`, as y-websocket would send it. */
function refusal(verdict: UpdateVerdict): { code: string; closeCode: number; sv: string; en: string } {
  if (verdict.ok) throw new Error('expected a refusal');
  return { code: verdict.code, closeCode: verdict.closeCode, ...verdict.message };
}

describe('checkUpdate accepts', () => {
  it('a new row with known columns, listed as created', () => {
    const { server, client } = pair();
    let id = '';
    const u = updateOf(client, () => (id = insertRow(client, { title: 'Promenadgrupp', participantsPlanned: 12, 'goals.motivation': true })));
    expect(checkUpdate(server, u)).toEqual({
      ok: true,
      touchedRows: [],
      createdRows: [id],
      deletedRows: [],
      metaKeys: [],
      cells: [
        { rowId: id, column: 'title', value: 'Promenadgrupp' },
        { rowId: id, column: 'participantsPlanned', value: 12 },
        { rowId: id, column: 'goals.motivation', value: true },
      ],
      comments: { created: new Map(), changed: new Map(), deleted: new Set() },
    });
  });

  it('an edit of an existing cell, finding its row through the doc store', () => {
    const { server, client, rowId } = pair();
    const u = updateOf(client, () => setCell(client, rowId, 'title', 'Hälsodag i parken'));
    expect(checkUpdate(server, u)).toMatchObject({ ok: true, touchedRows: [rowId], createdRows: [], deletedRows: [] });
  });

  it('a new cell in an existing row, and a move, as touches of that row', () => {
    const { server, client, rowId } = pair();
    const other = insertRow(server, { title: 'Annan' });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    const cell = updateOf(client, () => setCell(client, rowId, 'responsible', 'Eva'));
    expect(checkUpdate(server, cell)).toMatchObject({ touchedRows: [rowId], cells: [{ rowId, column: 'responsible', value: 'Eva' }] });
    Y.applyUpdate(server, cell);
    expect(checkUpdate(server, updateOf(client, () => moveRow(client, other, { after: null })))).toMatchObject({
      ok: true,
      touchedRows: [other],
    });
  });

  it('a row deletion, listed as deleted', () => {
    const { server, client, rowId } = pair();
    const u = updateOf(client, () => deleteRow(client, rowId));
    expect(checkUpdate(server, u)).toMatchObject({ ok: true, deletedRows: [rowId], touchedRows: [] });
  });

  it('a removed cell, as a touch of its row', () => {
    const { server, client, rowId } = pair();
    const u = updateOf(client, () => (client.getMap<Y.Map<unknown>>('rows').get(rowId) as Y.Map<unknown>).delete('status'));
    expect(checkUpdate(server, u)).toMatchObject({ ok: true, touchedRows: [rowId], deletedRows: [] });
  });

  it('a row created under an existing id, as a replacement: created and deleted', () => {
    const { server, client, rowId } = pair();
    const u = updateOf(client, () => client.getMap('rows').set(rowId, new Y.Map()));
    expect(checkUpdate(server, u)).toMatchObject({ ok: true, createdRows: [rowId], deletedRows: [rowId] });
  });

  it('an edit against a doc loaded from storage, whose roots are not yet typed', () => {
    const { server, client, rowId } = pair();
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(server));
    const u = updateOf(client, () => setCell(client, rowId, 'title', 'ny'));
    expect(checkUpdate(loaded, u)).toMatchObject({ ok: true, touchedRows: [rowId] });
  });

  it('a whole new document, learning its kind from the meta written in the same update', () => {
    const doc = createDoc('partners', init);
    insertRows(doc, [{ name: 'Friskis & Svettis' }, { name: 'Studieförbundet Vuxenskolan' }]);
    expect(checkUpdate(new Y.Doc(), Y.encodeStateAsUpdate(doc))).toMatchObject({ ok: true, metaKeys: expect.arrayContaining(['kind', 'title']) });
  });

  it('a V2 update and an update the doc already has', () => {
    const { server, client, rowId } = pair();
    const u = updateOf(client, () => setCell(client, rowId, 'status', 'pagaende'));
    expect(checkUpdate(server, Y.convertUpdateFormatV1ToV2(u), { v2: true })).toMatchObject({ ok: true, touchedRows: [rowId] });
    Y.applyUpdate(server, u);
    expect(checkUpdate(server, u)).toMatchObject({ ok: true, touchedRows: [], createdRows: [] });
  });

  it('a string of exactly 2,000 characters', () => {
    const { server, client, rowId } = pair();
    expect(checkUpdate(server, updateOf(client, () => setCell(client, rowId, 'targetGroup', 'a'.repeat(2000)))).ok).toBe(true);
  });
});

describe('checkUpdate refuses', () => {
  it.each<[string, unknown]>([
    ['another kind', 'partners'],
    ['a made-up kind', 'no-such-kind'],
    ['a number', 7],
  ])('changing the kind of an existing document to %s', (_, value) => {
    const { server, client } = pair();
    const r = refusal(checkUpdate(server, updateOf(client, () => client.getMap('meta').set('kind', value))));
    expect(r).toMatchObject({ code: 'kind-change', closeCode: 4422 });
    expect(r.en).toContain('cannot be changed');
  });

  it('but accepts writing the same kind again', () => {
    const { server, client } = pair();
    expect(checkUpdate(server, updateOf(client, () => client.getMap('meta').set('kind', 'activity-plan'))).ok).toBe(true);
  });

  it.each<[string, (client: Y.Doc) => void]>([
    ['a map', (client) => client.getMap('other').set('x', 1)],
    ['an array', (client) => client.getArray('list').push([1])],
    ['a text', (client) => client.getText('notes').insert(0, 'hej')],
  ])('writes outside meta and rows: %s', (_, edit) => {
    const { server, client } = pair();
    expect(refusal(checkUpdate(server, updateOf(client, () => edit(client))))).toMatchObject({ code: 'outside-root', closeCode: 4422 });
  });

  it.each<[string, (client: Y.Doc, row: Y.Map<unknown>) => void]>([
    ['a Y.Map in a cell', (_, row) => row.set('title', new Y.Map())],
    ['bytes in a cell', (_, row) => row.set('title', new Uint8Array([1, 2]))],
    ['an object in a cell', (_, row) => row.set('title', { nested: 1 })],
    ['an array in a cell', (_, row) => row.set('title', [1, 2])],
    // A guid of its own: a random one reads as a samordningsnummer about once in 2,500
    // (`…-0470-4402-…` is `49-0470-4402`), refused then as a number, not as non-primitive.
    ['a subdocument in a cell', (_, row) => row.set('title', new Y.Doc({ guid: 'a-subdocument' }))],
    ['a primitive as a row', (client) => client.getMap('rows').set('bare', 'not a row map')],
    ['a Y.Array in meta', (client) => client.getMap('meta').set('title', new Y.Array())],
  ])('a non-primitive value: %s', (_, edit) => {
    const { server, client, rowId } = pair();
    const row = client.getMap<Y.Map<unknown>>('rows').get(rowId) as Y.Map<unknown>;
    expect(refusal(checkUpdate(server, updateOf(client, () => edit(client, row)))).code).toBe('non-primitive');
  });

  it('anything written inside a nested type', () => {
    const { server, client, rowId } = pair();
    const row = client.getMap<Y.Map<unknown>>('rows').get(rowId) as Y.Map<unknown>;
    const nested = new Y.Map<unknown>();
    row.set('title', nested);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
    expect(refusal(checkUpdate(server, updateOf(client, () => nested.set('x', 1)))).code).toBe('non-primitive');
  });

  it('a column the kind does not have, and any cell in a doc without kind', () => {
    const { server, client, rowId } = pair();
    const u = updateOf(client, () => setCell(client, rowId, 'shoeSize', 42));
    expect(refusal(checkUpdate(server, u))).toMatchObject({ code: 'unknown-column', closeCode: 4422 });
    expect(refusal(checkUpdate(server, u)).en).toContain('shoeSize');
    const bare = new Y.Doc();
    const withoutKind = updateOf(bare, () => insertRow(bare, { title: 'x' }));
    expect(refusal(checkUpdate(new Y.Doc(), withoutKind)).code).toBe('unknown-column');
    expect(checkUpdate(new Y.Doc(), withoutKind, { kind: 'activity-plan' }).ok).toBe(true);
  });

  it('a column the kind does not have, named without the identity number its shortening makes', () => {
    const { server, client, rowId } = pair();
    // Eleven digits are no number; the message shows 40 characters, which end in 850101-1236.
    const column = `${'a'.repeat(30)}85010112367`;
    expect(findPersonnummer(column)).toBeNull();
    const r = refusal(checkUpdate(server, updateOf(client, () => setCell(client, rowId, column, 1))));
    expect(r.code).toBe('unknown-column');
    expect(findPersonnummer(r.en)).toBeNull();
    expect(findPersonnummer(r.sv)).toBeNull();
    expect(r.en).toContain(`${'a'.repeat(30)}[personnummer]`);
  });

  it('a string over 2,000 characters, in a cell or in meta', () => {
    const { server, client, rowId } = pair();
    const long = 'a'.repeat(2001);
    expect(refusal(checkUpdate(server, updateOf(client, () => setCell(client, rowId, 'targetGroup', long))))).toMatchObject({
      code: 'string-too-long',
      closeCode: 4422,
    });
    const fresh = pair();
    expect(refusal(checkUpdate(fresh.server, updateOf(fresh.client, () => fresh.client.getMap('meta').set('title', long)))).code).toBe(
      'string-too-long',
    );
  });

  it('a personnummer in a cell, saying which column and never the number', () => {
    const { server, client, rowId } = pair();
    const r = refusal(checkUpdate(server, updateOf(client, () => setCell(client, rowId, 'responsible', 'Eva, 850101-1236'))));
    expect(r).toMatchObject({ code: 'personnummer', closeCode: 4422 });
    expect(r.sv).toContain('responsible');
    expect(r.sv + r.en).not.toMatch(/850101|1236/);
  });

  it.each<[string, (client: Y.Doc, rowId: string) => void]>([
    ['meta', (client) => client.getMap('meta').set('title', 'Plan för 19850101-1236')],
    ['a row id', (client) => insertRow(client, { title: 'x' }, { id: '850101-1236' })],
    ['a column name', (client, rowId) => (client.getMap<Y.Map<unknown>>('rows').get(rowId) as Y.Map<unknown>).set('8501011236', 'x')],
    ['an integer cell', (client, rowId) => setCell(client, rowId, 'participantsPlanned', 198501011236)],
    // What a spreadsheet makes of 850101,1236 typed into a number column in Swedish.
    ['a decimal cell', (client, rowId) => setCell(client, rowId, 'participantsPlanned', 850101.1236)],
    ['a decimal cell with the century', (client, rowId) => setCell(client, rowId, 'participantsPlanned', -19850101.1236)],
    // Look-alike letters in the date part, the first before a pair where a separator could go.
    ['a cell with look-alike letters', (client, rowId) => setCell(client, rowId, 'responsible', 'Eva 850I0I-1236')],
    // A formatted number cell as a spreadsheet writes it into a CSV file: thousands groups.
    // Stored reversed behind a right-to-left override, shown as 850101-1236.
    ['a cell shown through a right-to-left override', (client, rowId) => setCell(client, rowId, 'responsible', 'Eva \u202e6321-101058')],
    // Arabic text: its numbers are shown in reverse order, 850101 1236.
    ['a cell of right-to-left text', (client, rowId) => setCell(client, rowId, 'responsible', 'رقم 1236 850101')],
    ['a cell with the number in thousands groups', (client, rowId) => setCell(client, rowId, 'responsible', 'Eva 8\u00a0501\u00a0011\u00a0236')],
  ])('a personnummer in %s', (_, edit) => {
    const { server, client, rowId } = pair();
    const r = refusal(checkUpdate(server, updateOf(client, () => edit(client, rowId))));
    expect(r.code).toBe('personnummer');
    expect(r.sv + r.en).not.toMatch(/850101/);
  });

  it('a bare 10-digit number that may be a phone, telling how to write phones', () => {
    const { server, client, rowId } = pair();
    const r = refusal(checkUpdate(server, updateOf(client, () => setCell(client, rowId, 'responsible', '0701231235'))));
    expect(r.code).toBe('personnummer');
    expect(r.sv).toContain('070-123 45 67');
    expect(r.en).toContain('070-123 45 67');
    const fresh = pair();
    const written = updateOf(fresh.client, () => setCell(fresh.client, fresh.rowId, 'responsible', '070-123 12 35'));
    expect(checkUpdate(fresh.server, written).ok).toBe(true);
  });

  it('more than 50,000 rows after the update', () => {
    const server = createDoc('activity-plan', init);
    const client = new Y.Doc();
    const rows = client.getMap<Y.Map<unknown>>('rows');
    client.transact(() => {
      for (let i = 0; i < 50_001; i++) rows.set(`r${i}`, new Y.Map());
    });
    expect(refusal(checkUpdate(server, Y.encodeStateAsUpdate(client)))).toMatchObject({ code: 'too-many-rows', closeCode: 4413 });
  }, 30_000);

  it('rows over a lower limit, counting the rows the update deletes', () => {
    const { server, client } = pair();
    const limits = { maxRows: 2 };
    expect(checkUpdate(server, updateOf(client, () => insertRow(client, {})), { limits }).ok).toBe(true);
    const fresh = pair();
    const two = updateOf(fresh.client, () => insertRows(fresh.client, [{}, {}]));
    expect(refusal(checkUpdate(fresh.server, two, { limits })).code).toBe('too-many-rows');
    const other = pair();
    const swap = updateOf(other.client, () => {
      deleteRow(other.client, other.rowId);
      insertRow(other.client, {});
    });
    expect(checkUpdate(other.server, swap, { limits: { maxRows: 1 } }).ok).toBe(true);
  });

  it('a doc that would grow over the size limit', () => {
    const { server, client, rowId } = pair();
    const size = Y.encodeStateAsUpdate(server).byteLength;
    const u = updateOf(client, () => setCell(client, rowId, 'targetGroup', 'x'.repeat(500)));
    expect(checkUpdate(server, u, { limits: { maxDocBytes: size + u.byteLength } }).ok).toBe(true);
    expect(refusal(checkUpdate(server, u, { limits: { maxDocBytes: size + 100 } }))).toMatchObject({
      code: 'doc-too-large',
      closeCode: 4413,
    });
  });

  it('garbage bytes, truncated updates and updates whose dependencies are missing, as malformed', () => {
    const { server, client, rowId } = pair();
    expect(refusal(checkUpdate(server, new Uint8Array([1, 2, 3, 250, 251])))).toMatchObject({ code: 'malformed', closeCode: 4400 });
    const u = updateOf(client, () => setCell(client, rowId, 'title', 'x'));
    expect(refusal(checkUpdate(server, u.slice(0, u.length - 3))).code).toBe('malformed');
    const first = updateOf(client, () => insertRow(client, { title: 'a' }));
    const second = updateOf(client, () => setCell(client, [...client.getMap('rows').keys()].pop() as string, 'title', 'b'));
    void first;
    expect(refusal(checkUpdate(server, second)).code).toBe('malformed');
  });

  it('never throws, whatever the bytes', () => {
    const { server } = pair();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, v2) => {
        expect(typeof checkUpdate(server, bytes, { v2 }).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});

describe('fitsWithin', () => {
  it('measures once, over-estimates by the applied updates, and re-measures near the limit', () => {
    const doc = createDoc('activity-plan', init);
    const exact = (): number => Y.encodeStateAsUpdate(doc).byteLength;
    expect(fitsWithin(doc, 0, exact())).toBe(true);
    expect(fitsWithin(doc, 1, exact())).toBe(false);
    const id = insertRow(doc, { title: 'x'.repeat(100) });
    for (let i = 0; i < 20; i++) setCell(doc, id, 'title', `${i}`.repeat(100));
    expect(fitsWithin(doc, 0, exact())).toBe(true);
    expect(fitsWithin(doc, 10, exact())).toBe(false);
  });

  it('starts from a size learned elsewhere instead of measuring, adds updates to it, and stays exact at the limit', () => {
    const wrong = createDoc('activity-plan', init);
    // A seed below the real size is taken as it is (so a seed must be exact): proof that nothing was measured.
    knownSize(wrong, 10);
    expect(fitsWithin(wrong, 0, 10)).toBe(true);
    const doc = createDoc('activity-plan', init);
    const exact = (): number => Y.encodeStateAsUpdate(doc).byteLength;
    knownSize(doc, exact());
    knownSize(doc, 10); // Ignored: the size is followed already.
    expect(fitsWithin(doc, 0, exact())).toBe(true);
    expect(fitsWithin(doc, 1, exact())).toBe(false);
    const id = insertRow(doc, { title: 'x'.repeat(100) });
    for (let i = 0; i < 20; i++) setCell(doc, id, 'title', `${i}`.repeat(100));
    expect(fitsWithin(doc, 0, exact())).toBe(true);
    expect(fitsWithin(doc, 1, exact())).toBe(false);
  });
  it('stays an upper bound when updates split items and grow the doc by more than they weigh', () => {
    // Deleting every other character of a long text: each few-byte delete cuts an item in two.
    const source = new Y.Doc();
    const text = source.getText('t');
    text.insert(0, 'x'.repeat(4000));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    const exact = (): number => Y.encodeStateAsUpdate(doc).byteLength;
    knownSize(doc, exact());
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 1; i < text.length; i++) text.delete(i, 1);
    let weight = 0;
    for (const u of updates) {
      weight += u.byteLength;
      Y.applyUpdate(doc, u);
    }
    const size = exact();
    expect(size - 4015).toBeGreaterThan(weight); // the doc grew by more than the updates weigh
    expect(fitsWithin(doc, 0, size - 1)).toBe(false);
    expect(fitsWithin(doc, 0, size)).toBe(true);
  });
});
