/**
 * A fixed corpus of Yjs updates for comparing `checkUpdate` verdicts over time: cell writes, row
 * inserts, moves and deletes, comments, meta fields, long texts, every spelling of a personnummer
 * the guard knows in values, keys, row ids, comment texts, object keys, type names and binary
 * content, forged structs and mutations (`yjs-forge`), all against a plan whose client ids,
 * row ids and positions are fixed. Nothing here draws on chance: every `Y.Doc` gets its client id
 * here (Yjs draws one at random otherwise, and draws again when an applied update holds the doc's
 * own id), so the same code makes the same bytes and the same docs every run;
 * {@link corpusCases} lists each case with its name.
 */
import * as Y from 'yjs';
import { createHash } from 'node:crypto';
import { cellColumns } from '../../shared/schema/index.js';
import type { UpdateVerdict } from '../../shared/validate/check-update.js';
import { FLAGGED } from './personnummer-spellings.js';
import { everyContent, forgeUpdate } from './yjs-forge/forge-update.js';
import { mutateUpdate, prng } from './yjs-forge/mutate-update.js';

/** One case: the doc it is checked against (made fresh per case) and the update. */
export interface CorpusCase {
  name: string;
  server: () => Y.Doc;
  update: Uint8Array;
}

const SERVER_CLIENT = 1;
/** The client id of the docs updates are checked against: one no update of the corpus uses. */
const CHECKING_CLIENT = 2;
const ROWS = 8;
const AT = '2026-03-01T10:00:00.000Z';

/** The plan every case starts from: an activity plan of {@link ROWS} rows and one comment, all of client 1. */
function basePlan(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = SERVER_CLIENT;
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('kind', 'activity-plan');
    meta.set('schemaVersion', 1);
    meta.set('title', 'Aktivitetsplan 2026');
    meta.set('ownerUnit', 'vc-rinkeby');
    const rows = doc.getMap('rows');
    for (let i = 0; i < ROWS; i++) {
      const row = new Y.Map<unknown>();
      row.set('_pos', `a${i}`);
      row.set('title', `Promenadgrupp ${i}`);
      row.set('participantsPlanned', 10 + i);
      rows.set(`row-${i}`, row);
    }
    const comment = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ row: 'row-0', author: 'anna', at: AT, text: 'Bra idé' })) comment.set(k, v);
    doc.getMap('comments').set('c-0', comment);
  });
  return doc;
}

const BASE = Y.encodeStateAsUpdate(basePlan());

function server(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = CHECKING_CLIENT;
  Y.applyUpdate(doc, BASE);
  return doc;
}

/** An empty doc (no kind yet): the first update of a new document. */
function emptyServer(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = CHECKING_CLIENT;
  return doc;
}

/** A client replica of the plan with client id `client`. */
function replica(client: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = client;
  Y.applyUpdate(doc, BASE);
  return doc;
}

/** The V1 update `edit` makes on a fresh replica of client `client`. */
function edit(client: number, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = replica(client);
  const before = Y.encodeStateVector(doc);
  doc.transact(() => change(doc));
  return Y.encodeStateAsUpdate(doc, before);
}

const row = (doc: Y.Doc, i: number): Y.Map<unknown> => doc.getMap<Y.Map<unknown>>('rows').get(`row-${i}`) as Y.Map<unknown>;

function newRow(values: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(values)) map.set(k, v);
  return map;
}

function comment(values: Record<string, unknown>): Y.Map<unknown> {
  return newRow(values);
}

/** The item id of a row of the base plan, for forged structs. */
function rowItem(i: number): Y.ID {
  const item = row(server(), i)._item;
  if (item === null) throw new Error('no row item');
  return item.id;
}

/** Edits a client makes with the Y API: the shapes the add-in and the benches send. */
function plainEdits(): Array<[string, Uint8Array]> {
  const out: Array<[string, Uint8Array]> = [];
  const add = (name: string, change: (doc: Y.Doc) => void): void => {
    out.push([name, edit(100 + out.length, change)]);
  };
  for (const [i, col] of cellColumns('activity-plan').entries()) {
    const value = col.option ? true : col.column.type === 'integer' || col.column.type === 'number' ? i : `värde ${i}`;
    add(`cell ${col.key}`, (d) => row(d, i % ROWS).set(col.key, value));
  }
  add('cell null', (d) => row(d, 1).set('title', null));
  add('cell false', (d) => row(d, 1).set('title', false));
  add('cell NaN', (d) => row(d, 1).set('participantsPlanned', Number.NaN));
  add('cell big integer', (d) => row(d, 1).set('participantsPlanned', 198501011236));
  add('cell unknown column', (d) => row(d, 2).set('nope', 'x'));
  add('cell object', (d) => row(d, 2).set('title', { a: 1 }));
  add('cell array', (d) => row(d, 2).set('title', ['a']));
  add('cell removed', (d) => row(d, 3).delete('title'));
  add('cell written twice', (d) => {
    row(d, 3).set('comment', 'ett');
    row(d, 3).set('comment', 'två');
  });
  add('cell 2000 chars', (d) => row(d, 4).set('comment', 'x'.repeat(2000)));
  add('cell 2001 chars', (d) => row(d, 4).set('comment', 'x'.repeat(2001)));
  add('column 129 chars', (d) => row(d, 4).set('k'.repeat(129), 'x'));
  add('pos move', (d) => row(d, 5).set('_pos', 'a55'));
  add('pos number', (d) => row(d, 5).set('_pos', 5));
  add('row insert', (d) => d.getMap('rows').set('row-new', newRow({ _pos: 'b0', title: 'Hälsodag' })));
  add('row insert, unknown column', (d) => d.getMap('rows').set('row-new', newRow({ _pos: 'b0', nej: 'x' })));
  add('row insert, nested map', (d) => d.getMap('rows').set('row-new', newRow({ _pos: 'b0', title: new Y.Map() })));
  add('row insert then delete', (d) => {
    d.getMap('rows').set('row-new', newRow({ _pos: 'b0' }));
    d.getMap('rows').delete('row-new');
  });
  add('row replaced', (d) => d.getMap('rows').set('row-1', newRow({ _pos: 'a1', title: 'Ny' })));
  add('row delete', (d) => d.getMap('rows').delete('row-2'));
  add('rows delete all', (d) => {
    for (let i = 0; i < ROWS; i++) d.getMap('rows').delete(`row-${i}`);
  });
  add('row as primitive', (d) => d.getMap('rows').set('row-x', 'text'));
  add('row as text', (d) => d.getMap('rows').set('row-x', new Y.Text('hej')));
  add('row as array', (d) => d.getMap('rows').set('row-x', new Y.Array()));
  add('paste 40 rows', (d) => {
    for (let i = 0; i < 40; i++) d.getMap('rows').set(`paste-${i}`, newRow({ _pos: `c${i}`, title: `Rad ${i}`, comment: 'tisdagar 10–11, ring 070-123 45 67', participantsPlanned: i }));
  });
  add('meta title', (d) => d.getMap('meta').set('title', 'Ny titel'));
  add('meta title number', (d) => d.getMap('meta').set('title', 3));
  add('meta kind change', (d) => d.getMap('meta').set('kind', 'action-plan'));
  add('meta kind same', (d) => d.getMap('meta').set('kind', 'activity-plan'));
  add('meta kind removed', (d) => d.getMap('meta').delete('kind'));
  add('meta unknown field', (d) => d.getMap('meta').set('owner', 'x'));
  add('meta title removed', (d) => d.getMap('meta').delete('title'));
  add('other root', (d) => d.getMap('other').set('x', 1));
  add('text root', (d) => d.getText('text').insert(0, 'hej'));
  add('array root', (d) => d.getArray('list').push(['hej']));
  add('comment new', (d) => d.getMap('comments').set('c-1', comment({ row: 'row-1', author: 'bo', at: AT, text: 'Hej' })));
  add('comment new, row of the update', (d) => {
    d.getMap('rows').set('row-new', newRow({ _pos: 'b0' }));
    d.getMap('comments').set('c-1', comment({ row: 'row-new', author: 'bo', at: AT, text: 'Hej' }));
  });
  add('comment new, unknown row', (d) => d.getMap('comments').set('c-1', comment({ row: 'row-zz', author: 'bo', at: AT, text: 'Hej' })));
  add('comment new, no text', (d) => d.getMap('comments').set('c-1', comment({ row: 'row-1', author: 'bo', at: AT })));
  add('comment new, extra field', (d) => d.getMap('comments').set('c-1', comment({ row: 'row-1', author: 'bo', at: AT, text: 'Hej', x: 1 })));
  add('comment new, bad time', (d) => d.getMap('comments').set('c-1', comment({ row: 'row-1', author: 'bo', at: 'igår', text: 'Hej' })));
  add('comment new, 1001 chars', (d) => d.getMap('comments').set('c-1', comment({ row: 'row-1', author: 'bo', at: AT, text: 'x'.repeat(1001) })));
  add('comment edit text', (d) => {
    const c = d.getMap<Y.Map<unknown>>('comments').get('c-0') as Y.Map<unknown>;
    c.set('text', 'Ändrad');
    c.set('edited', AT);
  });
  add('comment edit author', (d) => (d.getMap<Y.Map<unknown>>('comments').get('c-0') as Y.Map<unknown>).set('author', 'eva'));
  add('comment field removed', (d) => (d.getMap<Y.Map<unknown>>('comments').get('c-0') as Y.Map<unknown>).delete('text'));
  add('comment deleted', (d) => d.getMap('comments').delete('c-0'));
  add('comment as primitive', (d) => d.getMap('comments').set('c-1', 'text'));
  add('comment empty text', (d) => (d.getMap<Y.Map<unknown>>('comments').get('c-0') as Y.Map<unknown>).set('text', '   '));
  return out;
}

/** Every spelling of {@link FLAGGED} in every place a text can go. */
function personnummerEdits(): Array<[string, Uint8Array]> {
  const out: Array<[string, Uint8Array]> = [];
  let client = 10_000;
  for (const [i, [text]] of FLAGGED.entries()) {
    const tag = `pnr ${i}`;
    const places: Array<[string, (d: Y.Doc) => void]> = [
      ['cell', (d) => row(d, i % ROWS).set('comment', text)],
      ['column', (d) => row(d, i % ROWS).set(text, 'x')],
      ['row id', (d) => d.getMap('rows').set(text, newRow({ _pos: 'b0' }))],
      ['meta title', (d) => d.getMap('meta').set('title', text)],
      ['comment text', (d) => d.getMap('comments').set('c-1', comment({ row: 'row-1', author: 'bo', at: AT, text }))],
      ['comment id', (d) => d.getMap('comments').set(text, comment({ row: 'row-1', author: 'bo', at: AT, text: 'Hej' }))],
      ['object key', (d) => row(d, 1).set('comment', { [text]: 1 })],
      ['root name', (d) => d.getMap(text).set('x', 1)],
    ];
    for (const [place, change] of places) out.push([`${tag} ${place}`, edit(client++, change)]);
    const forged = client++;
    out.push([`${tag} hook name`, forgeUpdate([{ client: forged, clock: 0, parent: 'rows', parentSub: 'r-hook', content: new Y.ContentType(new Y.XmlHook(text)) }])]);
    out.push([`${tag} binary`, forgeUpdate([{ client: forged, clock: 0, parent: rowItem(1), parentSub: 'comment', content: new Y.ContentBinary(new TextEncoder().encode(text)) }])]);
    out.push([`${tag} string content`, forgeUpdate([{ client: forged, clock: 0, parent: rowItem(1), parentSub: 'comment', content: new Y.ContentString(text) }])]);
  }
  return out;
}

/** Forged structs: every content kind in every place, and references to what nobody has. */
function forgedEdits(): Array<[string, Uint8Array]> {
  const out: Array<[string, Uint8Array]> = [];
  const client = 50_000;
  for (const [name, content] of [...everyContent('vanlig text'), ...everyContent('19121212-1212')]) {
    for (const [parent, key] of [['rows', 'r-forged'], [rowItem(1), 'title'], ['meta', 'title'], ['comments', 'c-forged']] as const) {
      out.push([`forged ${name} under ${String(key)}`, forgeUpdate([{ client, clock: 0, parent, parentSub: key, content }])]);
    }
  }
  const any = new Y.ContentAny(['x']);
  out.push(['forged gap', forgeUpdate([{ client, clock: 5, parent: rowItem(1), parentSub: 'title', content: any }])]);
  out.push(['forged origin missing', forgeUpdate([{ client, clock: 0, origin: Y.createID(77, 3), content: any }])]);
  out.push(['forged origin self', forgeUpdate([{ client, clock: 0, origin: Y.createID(client, 0), content: any }])]);
  out.push(['forged parent missing', forgeUpdate([{ client, clock: 0, parent: Y.createID(77, 3), parentSub: 'x', content: any }])]);
  out.push(['forged delete missing', forgeUpdate([], [[77, 0, 3]])]);
  out.push(['forged delete of the doc', forgeUpdate([], [[SERVER_CLIENT, 0, 3]])]);
  out.push(['forged delete past the doc', forgeUpdate([], [[SERVER_CLIENT, 0, 100_000]])]);
  out.push(['forged list insert in rows', forgeUpdate([{ client, clock: 0, parent: 'rows', parentSub: null, content: any }])]);
  out.push(['empty update', Uint8Array.from([0, 0])]);
  out.push(['no bytes', new Uint8Array(0)]);
  out.push(['trailing bytes', Uint8Array.from([0, 0, 1, 2, 3])]);
  out.push(['raw personnummer after the update', Uint8Array.from([0, 0, ...new TextEncoder().encode('19121212-1212')])]);
  return out;
}

/** Mutations of the plain edits (`mutate-update.ts`), seeded: structs altered and bytes broken. */
function mutatedEdits(plain: ReadonlyArray<[string, Uint8Array]>, count: number): Array<[string, Uint8Array]> {
  const random = prng(20261201);
  const doc = server();
  const out: Array<[string, Uint8Array]> = [];
  for (let i = 0; i < count; i++) {
    const [name, update] = plain[Math.floor(random() * plain.length)] as [string, Uint8Array];
    out.push([`mutated ${i} of ${name}`, mutateUpdate(random, doc, update, `m${i}`)]);
  }
  return out;
}

/** The first update of a new document, against an empty doc. */
function firstUpdates(): CorpusCase[] {
  const first = (kind: unknown, extra: (d: Y.Doc) => void = () => {}): Uint8Array => {
    const doc = new Y.Doc();
    doc.clientID = 200;
    doc.transact(() => {
      doc.getMap('meta').set('kind', kind);
      doc.getMap('meta').set('title', 'Ny plan');
      extra(doc);
    });
    return Y.encodeStateAsUpdate(doc);
  };
  return [
    ['new doc', first('activity-plan', (d) => d.getMap('rows').set('r1', newRow({ _pos: 'a0', title: 'x' })))],
    ['new doc, unknown kind', first('nope', (d) => d.getMap('rows').set('r1', newRow({ _pos: 'a0', title: 'x' })))],
    ['new doc, no kind, a cell', first(undefined, (d) => d.getMap('rows').set('r1', newRow({ _pos: 'a0', title: 'x' })))],
    ['new doc, the whole plan', BASE],
  ].map(([name, update]) => ({ name: name as string, server: emptyServer, update: update as Uint8Array }));
}

/** Every case, in a fixed order. */
export function corpusCases(mutations = 400): CorpusCase[] {
  const plain = plainEdits();
  const against = (list: Array<[string, Uint8Array]>): CorpusCase[] => list.map(([name, update]) => ({ name, server, update }));
  return [
    ...against(plain),
    ...against(personnummerEdits()),
    ...against(forgedEdits()),
    ...against(mutatedEdits(plain, mutations)),
    { name: 'sync answer, the whole plan again', server, update: BASE },
    ...firstUpdates(),
  ];
}

/** A short hash of bytes, to tell that a case's update is still the one a verdict was recorded for. */
export function bytesHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 12);
}

/**
 * A verdict as one line: the refusal's code, close code and a hash of its sentences (Swedish and
 * English), or what an accepted update does.
 */
export function verdictLine(v: UpdateVerdict): string {
  if (!v.ok) return `${v.code} ${v.closeCode} ${bytesHash(new TextEncoder().encode(`${v.message.sv}\n${v.message.en}`)).slice(0, 8)}`;
  const entries = (m: ReadonlyMap<string, Readonly<Record<string, unknown>>>): unknown => [...m].map(([id, f]) => [id, Object.entries(f)]);
  return JSON.stringify({
    touched: v.touchedRows,
    created: v.createdRows,
    deleted: v.deletedRows,
    meta: v.metaKeys,
    cells: v.cells.map((c) => [c.rowId, c.column, c.value === undefined ? '(removed)' : c.value]),
    comments: [entries(v.comments.created), entries(v.comments.changed), [...v.comments.deleted]],
  });
}
