import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc } from '../../../shared/doc/create.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { deleteRow, insertRow, moveRow, setCell } from '../../../shared/doc/rows.js';
import { cellColumnKeys } from '../../../shared/schema/index.js';
import { checkUpdate, type UpdateVerdict } from '../../../shared/validate/check-update.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findPersonnummerInBytes } from '../../../shared/validate/raw-scan.js';
import { META_FIELDS } from '../../../shared/validate/update-shape.js';
import { cellItemId, everyContent, forgeUpdate, freshClient, rowItemId } from '../../support/yjs-forge/forge-update.js';
import { mutateUpdate, prng } from '../../support/yjs-forge/mutate-update.js';

const PNR = '19121212-1212';
const init = { title: 'Aktivitetsplan 2026', ownerUnit: 'vc-rinkeby', schemaVersion: 1 };
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A server doc with one row, and a client replica of it. */
function pair(): { server: Y.Doc; client: Y.Doc; rowId: string } {
  const server = createDoc('activity-plan', init);
  const rowId = insertRow(server, { title: 'Hälsodag', status: 'planerad' });
  return { server, client: docFromState(encodeState(server)), rowId };
}

/** The V1 update `edit` makes on `doc`. */
function updateOf(doc: Y.Doc, edit: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  edit();
  return Y.encodeStateAsUpdate(doc, before);
}

function code(verdict: UpdateVerdict): string {
  return verdict.ok ? 'ok' : verdict.code;
}

const TEXTLESS = new Set(['Y.XmlFragment', 'Y.XmlText', 'Y.Text', 'Y.Array']);

describe('checkUpdate against a hostile client', () => {
  it('refuses bytes after a complete update as malformed (4400), the empty update and a sentence included', () => {
    const { server, client, rowId } = pair();
    const sentence = utf8(`Ring patienten ${PNR} om hälsosamtalet`);
    const verdict = checkUpdate(server, Uint8Array.from([0, 0, ...sentence]));
    expect(verdict).toMatchObject({ ok: false, code: 'malformed', closeCode: 4400 });
    const real = updateOf(client, () => setCell(client, rowId, 'title', 'ny'));
    expect(code(checkUpdate(server, real))).toBe('ok');
    expect(code(checkUpdate(server, Uint8Array.from([...real, 0])))).toBe('malformed');
    expect(code(checkUpdate(server, Uint8Array.from([...real, ...real])))).toBe('malformed');
    expect(code(checkUpdate(server, Uint8Array.from([0, 0])))).toBe('ok');
  });

  it.each(everyContent(PNR))('refuses %s holding a personnummer, as a row, a cell and a meta field', (name, content) => {
    const { server, rowId } = pair();
    const client = freshClient(server);
    const expected = TEXTLESS.has(name) ? 'non-primitive' : 'personnummer';
    const places: [string | Y.ID, string][] = [
      ['rows', 'r-forged'],
      [rowItemId(server, rowId), 'title'],
      ['meta', 'title'],
    ];
    for (const [parent, parentSub] of places) {
      const forged = forgeUpdate([{ client, clock: 0, parent, parentSub, content }]);
      expect(code(checkUpdate(server, forged)), `${name} under ${String(parentSub)}`).toBe(expected);
    }
  });

  it.each(everyContent('plain words'))('refuses %s as a row, a cell and a meta field, whatever it holds', (_, content) => {
    const { server, rowId } = pair();
    const client = freshClient(server);
    for (const [parent, parentSub] of [['rows', 'r-forged'], [rowItemId(server, rowId), 'title'], ['meta', 'title']] as const) {
      expect(code(checkUpdate(server, forgeUpdate([{ client, clock: 0, parent, parentSub, content }])))).toBe('non-primitive');
    }
  });

  it('refuses a Y.XmlHook row named with a personnummer or a 100,000-character name', () => {
    const { server } = pair();
    const client = freshClient(server);
    const hook = (name: string): Uint8Array =>
      forgeUpdate([{ client, clock: 0, parent: 'rows', parentSub: 'r-hook', content: new Y.ContentType(new Y.XmlHook(name)) }]);
    expect(code(checkUpdate(server, hook(PNR)))).toBe('personnummer');
    expect(code(checkUpdate(server, hook('x'.repeat(100_000))))).toBe('string-too-long');
    expect(code(checkUpdate(server, hook('hook')))).toBe('non-primitive');
  });

  it('checks writes under a row the server already deleted like any other write', () => {
    const rowMap = (doc: Y.Doc, rowId: string): Y.Map<unknown> => doc.getMap<Y.Map<unknown>>('rows').get(rowId) as Y.Map<unknown>;
    const tries: [string, (client: Y.Doc, rowId: string) => void, string][] = [
      ['a personnummer over an existing cell', (c, r) => setCell(c, r, 'title', `Ring ${PNR}`), 'personnummer'],
      ['a personnummer in a new cell', (c, r) => setCell(c, r, 'comment', `Ring ${PNR}`), 'personnummer'],
      ['an unknown column', (c, r) => setCell(c, r, 'shoeSize', 42), 'unknown-column'],
      // Over a cell the server has collected: Yjs drops it as it lands, so it is taken (and listed as dropped), not refused.
      ['a map over an existing cell', (c, r) => rowMap(c, r).set('title', new Y.Map([['inre', 'x']])), 'ok'],
      ['a personnummer inside a map over an existing cell', (c, r) => rowMap(c, r).set('title', new Y.Map([['inre', `Ring ${PNR}`]])), 'personnummer'],
      ['a text in a new cell', (c, r) => rowMap(c, r).set('comment', new Y.Text('hej')), 'non-primitive'],
      ['a plain value', (c, r) => setCell(c, r, 'comment', 'sen ändring'), 'ok'],
    ];
    for (const [what, edit, expected] of tries) {
      const { server, client, rowId } = pair();
      deleteRow(server, rowId);
      expect(code(checkUpdate(server, updateOf(client, () => edit(client, rowId)))), what).toBe(expected);
    }
    // Accepted, but it changes nothing, so no row is touched and no right is needed.
    const { server, client, rowId } = pair();
    deleteRow(server, rowId);
    expect(checkUpdate(server, updateOf(client, () => setCell(client, rowId, 'comment', 'sen')))).toMatchObject({ ok: true, touchedRows: [], cells: [] });
  });

  it('checks structs the doc already has when they are sent again with other content', () => {
    const { server, rowId } = pair();
    const id = cellItemId(server, rowId, 'title');
    const resend = (content: Y.Item['content']): Uint8Array =>
      forgeUpdate([{ client: id.client, clock: id.clock, parent: rowItemId(server, rowId), parentSub: 'title', content }]);
    expect(code(checkUpdate(server, resend(new Y.ContentAny([`Ring ${PNR}`]))))).toBe('personnummer');
    expect(code(checkUpdate(server, resend(new Y.ContentType(new Y.XmlHook('hook')))))).toBe('non-primitive');
    const harmless = checkUpdate(server, resend(new Y.ContentAny(['annat innehåll'])));
    expect(harmless).toMatchObject({ ok: true, touchedRows: [], createdRows: [], cells: [] });
  });

  it('refuses structs and deletes that refer to what neither the doc nor the update has', () => {
    const { server, rowId } = pair();
    const client = freshClient(server);
    const cell = { parent: rowItemId(server, rowId), parentSub: 'title', content: new Y.ContentAny(['x']) };
    expect(code(checkUpdate(server, forgeUpdate([{ client, clock: 0, ...cell }])))).toBe('ok');
    expect(code(checkUpdate(server, forgeUpdate([{ client, clock: 5, ...cell }])))).toBe('malformed');
    expect(code(checkUpdate(server, forgeUpdate([], [[client, 0, 1]])))).toBe('malformed');
    const title = cellItemId(server, rowId, 'title');
    expect(checkUpdate(server, forgeUpdate([], [[title.client, title.clock, 1]]))).toMatchObject({ ok: true, touchedRows: [rowId] });
    const known = Y.getState(server.store, title.client);
    expect(code(checkUpdate(server, forgeUpdate([], [[title.client, known, 1]])))).toBe('malformed');
    expect(code(checkUpdate(server, forgeUpdate([{ client, clock: 0, parent: Y.createID(client + 1, 0), parentSub: 'x', content: new Y.ContentAny(['x']) }])))).toBe(
      'malformed',
    );
  });

  it('refuses long names, meta fields the model does not have, wrongly typed meta and other roots', () => {
    const { server } = pair();
    const client = freshClient(server);
    const forge = (parent: string, parentSub: string, value: unknown, content?: Y.Item['content']): string =>
      code(checkUpdate(server, forgeUpdate([{ client, clock: 0, parent, parentSub, content: content ?? new Y.ContentAny([value]) }])));
    expect(forge('rows', 'r'.repeat(129), null, new Y.ContentType(new Y.Map()))).toBe('string-too-long');
    expect(forge('rows', 'r'.repeat(128), null, new Y.ContentType(new Y.Map()))).toBe('ok');
    expect(forge('meta', 'notes', 'x')).toBe('unknown-field');
    expect(forge('meta', 'title', 7)).toBe('wrong-type');
    expect(forge('meta', 'schemaVersion', 99)).toBe('ok');
    expect(forge('other', 'x', 1)).toBe('outside-root');
    expect(forge('o'.repeat(200), 'x', 1)).toBe('string-too-long');
    expect(forge(PNR, 'x', 1)).toBe('personnummer');
  });

  it('lists the cells an update writes and removes, a removed unit cell included', () => {
    const server = createDoc('action-plan', { ...init, ownerUnit: 'county' });
    const rowId = insertRow(server, { unit: 'clinic-a', measure: 'Hälsodag' });
    const client = docFromState(encodeState(server));
    const removal = updateOf(client, () => (client.getMap<Y.Map<unknown>>('rows').get(rowId) as Y.Map<unknown>).delete('unit'));
    expect(checkUpdate(server, removal)).toMatchObject({ ok: true, touchedRows: [rowId], cells: [{ rowId, column: 'unit', value: undefined }] });
    const other = docFromState(encodeState(server));
    const moved = updateOf(other, () => moveRow(other, rowId, { after: null }));
    expect(checkUpdate(server, moved)).toMatchObject({ ok: true, touchedRows: [rowId], cells: [] });
  });

  it('lists meta fields removed by a delete, and refuses removing the kind', () => {
    const { server, client } = pair();
    expect(checkUpdate(server, updateOf(client, () => client.getMap('meta').delete('title')))).toMatchObject({ ok: true, metaKeys: ['title'] });
    expect(code(checkUpdate(server, updateOf(docFromState(encodeState(server)), () => void 0)))).toBe('ok');
    const other = docFromState(encodeState(server));
    expect(code(checkUpdate(server, updateOf(other, () => other.getMap('meta').delete('kind'))))).toBe('kind-change');
  });
});

describe('the raw-byte net', () => {
  it('finds a personnummer between the control bytes of an encoding, in UTF-8 and Latin-1', () => {
    expect(findPersonnummerInBytes(Uint8Array.from([0, 3, ...utf8(PNR), 0x77, 2]))).not.toBeNull();
    expect(findPersonnummerInBytes(Uint8Array.from([0xff, ...utf8('Ring 191212121212 nu'), 0xfe]))).not.toBeNull();
    // Two strings of a list, each after its type byte `w`: the byte between is a length, not text.
    expect(findPersonnummerInBytes(Uint8Array.from([0, 1, ...utf8('19121212'), 0x77, 2, ...utf8('-1212')]))).toBeNull();
    // A lone no-break-space byte, which Yjs would store as U+FFFD between the digits.
    expect(findPersonnummerInBytes(Uint8Array.from([0, ...utf8('Ring 121212'), 0xa0, ...utf8('1212 nu')]))).not.toBeNull();
  });

  it('lets an update full of phone numbers, dates, amounts and postal codes through', () => {
    const { server, client, rowId } = pair();
    const u = updateOf(client, () => {
      setCell(client, rowId, 'responsible', 'Eva, 070-123 45 67 eller 08-123 456 78');
      setCell(client, rowId, 'comment', 'Hälsodag 2026-05-12 kl 10-14, 164 40 Kista, kostnad 12 500 kr, org.nr 556677-8899');
      for (let i = 0; i < 30; i++) insertRow(client, { title: `Promenad ${i}`, participantsPlanned: 1000 + i, comment: `2026-0${1 + (i % 9)}-1${i % 10}` });
    });
    expect(code(checkUpdate(server, u))).toBe('ok');
  });
});

/**
 * A server doc with one row and everything fixed (client ids, row ids), so that a seed gives the
 * same mutations on every run and a failure printed with its seed can be replayed.
 */
function fixedPair(): { server: Y.Doc; rowId: string } {
  const server = new Y.Doc();
  server.clientID = 7;
  server.transact(() => {
    const meta = server.getMap('meta');
    meta.set('kind', 'activity-plan');
    meta.set('schemaVersion', init.schemaVersion);
    meta.set('title', init.title);
    meta.set('ownerUnit', init.ownerUnit);
    server.getMap('rows');
  });
  const rowId = insertRow(server, { title: 'Hälsodag', status: 'planerad' }, { id: 'r-halsodag' });
  return { server, rowId };
}

/** Real updates a client makes against the server doc of {@link fixedPair}, to mutate. */
function seeds(server: Y.Doc, rowId: string): Uint8Array[] {
  let client = 100;
  const make = (edit: (c: Y.Doc) => void): Uint8Array => {
    const c = docFromState(encodeState(server));
    c.clientID = client++;
    return updateOf(c, () => edit(c));
  };
  return [
    make((c) => setCell(c, rowId, 'title', 'Hälsodag i parken')),
    make((c) => insertRow(c, { title: 'Promenadgrupp', participantsPlanned: 12, comment: 'tisdagar' }, { id: 'r-promenad' })),
    make((c) => deleteRow(c, rowId)),
    make((c) => moveRow(c, rowId, { after: null })),
    make((c) => c.getMap('meta').set('title', 'Plan 2027')),
    make((c) => {
      insertRow(c, { title: 'a' }, { id: 'r-a' });
      insertRow(c, { title: 'b', status: 'planerad' }, { id: 'r-b' });
      (c.getMap<Y.Map<unknown>>('rows').get(rowId) as Y.Map<unknown>).delete('status');
    }),
    forgeUpdate([{ client: 4242, clock: 0, parent: rowItemId(server, rowId), parentSub: 'comment', content: new Y.ContentAny(['x']) }]),
  ];
}

/** Why `doc` is outside the document model, or null. */
function outsideModel(doc: Y.Doc): string | null {
  const columns = cellColumnKeys('activity-plan');
  for (const name of doc.share.keys()) if (name !== 'meta' && name !== 'rows') return `root ${name}`;
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return 'pending structs';
  for (const [key, value] of doc.getMap('meta')) {
    if (!META_FIELDS.has(key) || typeof value === 'object') return `meta ${key}`;
  }
  for (const [id, row] of doc.getMap('rows')) {
    if (!(row instanceof Y.Map) || row.constructor !== Y.Map) return `row ${id}`;
    for (const [key, value] of row as Y.Map<unknown>) {
      if ((key !== '_pos' && !columns.has(key)) || (value !== null && typeof value === 'object')) return `cell ${key}`;
    }
  }
  return findPersonnummer(JSON.stringify(doc.toJSON())) ? 'personnummer' : null;
}

/** Fixed seeds, so that a run is reproducible; a failure names its seed and frame. */
const SEEDS = [1, 2, 3, 16, 1_000_003];
const PER_SEED = 600;

describe('checkUpdate under structure-aware mutation of real updates', () => {
  it('never throws, and every update it accepts Yjs applies and keeps inside the model', () => {
    const { server, rowId } = fixedPair();
    const state = encodeState(server);
    const corpus = seeds(server, rowId);
    const tally = new Map<string, number>();
    for (const seed of SEEDS) {
      const random = prng(seed);
      for (let i = 0; i < PER_SEED; i++) {
        const bytes = mutateUpdate(random, server, corpus[i % corpus.length] as Uint8Array, `MARK${i}`);
        const verdict = checkUpdate(server, bytes);
        tally.set(code(verdict), (tally.get(code(verdict)) ?? 0) + 1);
        if (!verdict.ok) continue;
        const copy = docFromState(state);
        const where = `seed ${seed}, mutation ${i}, frame ${Buffer.from(bytes).toString('hex')}`;
        let applied: unknown = null;
        try {
          Y.applyUpdate(copy, bytes);
        } catch (err) {
          applied = err;
        }
        expect(applied, `Yjs threw on an accepted update: ${where}`).toBeNull();
        expect(outsideModel(copy), where).toBeNull();
      }
    }
    const refusedBy = (c: string): number => tally.get(c) ?? 0;
    expect(refusedBy('ok'), JSON.stringify([...tally])).toBeGreaterThan(60);
    for (const c of ['malformed', 'personnummer', 'non-primitive']) expect(refusedBy(c), c).toBeGreaterThan(20);
    process.stdout.write(`mutations: ${JSON.stringify([...tally])}\n`);
  }, 120_000);

  it('refuses an item whose origin is itself or a later struct of its own client, which Yjs cannot apply', () => {
    const { server, rowId } = fixedPair();
    const client = freshClient(server);
    const cell = { parent: rowItemId(server, rowId), parentSub: 'comment', content: new Y.ContentAny(['x']) };
    const cases: [string, Uint8Array][] = [
      ['its own id', forgeUpdate([{ client, clock: 0, origin: Y.createID(client, 0), content: new Y.ContentAny(['y']) }])],
      [
        'a later struct of the update',
        forgeUpdate([
          { client, clock: 0, origin: Y.createID(client, 1), content: new Y.ContentAny(['y']) },
          { client, clock: 1, ...cell },
        ]),
      ],
      ['an id nobody has', forgeUpdate([{ client, clock: 0, origin: Y.createID(client + 1, 3), content: new Y.ContentAny(['y']) }])],
    ];
    for (const [what, bytes] of cases) {
      expect(code(checkUpdate(server, bytes)), what).toBe('malformed');
    }
    // The same shape pointing back at an earlier struct is an ordinary edit.
    const fine = forgeUpdate([
      { client, clock: 0, ...cell },
      { client, clock: 1, origin: Y.createID(client, 0), content: new Y.ContentAny(['y']) },
    ]);
    expect(code(checkUpdate(server, fine))).toBe('ok');
    Y.applyUpdate(docFromState(encodeState(server)), fine);
  });
});
