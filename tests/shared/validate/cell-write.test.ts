/**
 * `checkUpdate`'s quick path for one cell written (`shared/validate/cell-write.ts`) says what the
 * full walk says: over the update corpus (cell writes, rows, comments, meta, personnummer in every
 * spelling, forged structs, mutations), over one client's and two clients' writes of a cell as the
 * pane and the benches send them, and over a few thousand mutations of such writes. Where the
 * quick path answers, its verdict equals the walk's; where it does not, `checkUpdate` is the walk.
 * The shapes it is for must take it, or the comparison would prove nothing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkCellWrite, checkUpdate, checkUpdateWalked, type CheckUpdateOptions } from '../../../shared/validate/check-update.js';
import { countColumns, splitPersonnummer } from '../../../shared/validate/split-personnummer.js';
import { cellColumns } from '../../../shared/schema/index.js';
import { corpusCases } from '../../support/update-corpus.js';
import { mutateUpdate, prng } from '../../support/yjs-forge/mutate-update.js';

interface Tally {
  quick: number;
  cases: number;
}

/** Checks `update` against `doc` three ways; the quick verdict, when there is one, and `checkUpdate`'s are the walk's. */
function agree(doc: Y.Doc, update: Uint8Array, tally: Tally, opts: CheckUpdateOptions = {}, name = ''): boolean {
  const walked = checkUpdateWalked(doc, update, opts);
  const quick = checkCellWrite(doc, update, opts);
  tally.cases++;
  if (quick !== null) {
    tally.quick++;
    expect(quick, name).toEqual(walked);
  }
  expect(checkUpdate(doc, update, opts), name).toEqual(walked);
  return quick !== null;
}

function plan(client: number, gc = true): Y.Doc {
  const doc = new Y.Doc({ gc });
  doc.clientID = client;
  doc.transact(() => {
    doc.getMap('meta').set('kind', 'activity-plan');
    doc.getMap('meta').set('title', 'Plan');
    const rows = doc.getMap<Y.Map<unknown>>('rows');
    for (let i = 0; i < 4; i++) {
      const row = new Y.Map<unknown>();
      row.set('_pos', `a${i}`);
      row.set('title', `Rad ${i}`);
      rows.set(`r${i}`, row);
    }
  });
  return doc;
}

function copyOf(doc: Y.Doc, client: number): Y.Doc {
  const copy = new Y.Doc();
  copy.clientID = client;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** The update `change` makes on `doc` (one transaction). */
function made(doc: Y.Doc, change: (rows: Y.Map<Y.Map<unknown>>) => void): Uint8Array {
  let out: Uint8Array | null = null;
  const on = (u: Uint8Array): void => void (out = u);
  doc.on('update', on);
  doc.transact(() => change(doc.getMap<Y.Map<unknown>>('rows')));
  doc.off('update', on);
  if (out === null) throw new Error('no update');
  return out;
}

describe('the quick path of a cell write', () => {
  it('gives the walk verdict over the update corpus', () => {
    const tally: Tally = { quick: 0, cases: 0 };
    for (const c of corpusCases(1500)) agree(c.server(), c.update, tally, {}, c.name);
    // The corpus' plain cell writes of text and some of their mutations take the quick path.
    expect(tally.quick).toBeGreaterThan(15);
    expect(tally.quick).toBeLessThan(tally.cases);
  }, 120_000);

  it.each([true, false])('gives the walk verdict over writes of one client and two, applied as the server applies them (gc %s)', (gc) => {
    const server = plan(1, gc);
    const a = copyOf(server, 300);
    const b = copyOf(server, 301);
    const tally: Tally = { quick: 0, cases: 0 };
    const offer = (from: Y.Doc, change: (rows: Y.Map<Y.Map<unknown>>) => void, opts: CheckUpdateOptions = {}): boolean => {
      const update = made(from, change);
      const quick = agree(server, update, tally, opts);
      const verdict = checkUpdate(server, update, opts);
      if (verdict.ok) Y.applyUpdate(server, update);
      for (const peer of [a, b]) if (peer !== from) Y.applyUpdate(peer, update);
      return quick;
    };
    /** The update `change` would make on `from`, checked and not applied (`from` stays as it was). */
    const probe = (from: Y.Doc, change: (rows: Y.Map<Y.Map<unknown>>) => void, opts: CheckUpdateOptions = {}): boolean =>
      agree(server, made(copyOf(from, from.clientID), change), tally, opts);
    // First write of a cell (a parent id and a key), then again and again (a left origin, the old value deleted).
    expect(offer(a, (r) => r.get('r0')?.set('comment', 'första'))).toBe(true);
    for (let i = 0; i < 5; i++) expect(offer(a, (r) => r.get('r0')?.set('comment', `bench-${i}`))).toBe(true);
    // Another client's value replaced, a move, a value with digits (the raw-byte net runs), a long text.
    expect(offer(b, (r) => r.get('r0')?.set('comment', 'från b'))).toBe(true);
    expect(offer(a, (r) => r.get('r1')?.set('_pos', 'a15'))).toBe(true);
    expect(offer(a, (r) => r.get('r1')?.set('comment', 'ring 0701234567 eller 08-123 45 67'))).toBe(true);
    expect(offer(a, (r) => r.get('r1')?.set('comment', 'x'.repeat(2000)))).toBe(true);
    // Numbers, booleans and null as the pane writes them.
    expect(offer(a, (r) => r.get('r1')?.set('participantsPlanned', 12))).toBe(true);
    expect(offer(a, (r) => r.get('r1')?.set('participantsPlanned', -3.25))).toBe(true);
    expect(offer(a, (r) => r.get('r1')?.set('participantsPlanned', 2 ** 40))).toBe(true);
    expect(offer(a, (r) => r.get('r1')?.set('participantsPlanned', null))).toBe(true);
    expect(offer(a, (r) => r.get('r1')?.set('comment', true))).toBe(true);
    expect(offer(a, (r) => r.get('r1')?.set('comment', false))).toBe(true);
    // What the walk refuses, the quick path leaves to it.
    expect(probe(a, (r) => r.get('r1')?.set('participantsPlanned', 198501011236))).toBe(false);
    expect(probe(a, (r) => r.get('r1')?.set('participantsPlanned', 8501011236))).toBe(false);
    expect(probe(a, (r) => r.get('r1')?.set('participantsPlanned', Number.NaN))).toBe(false);
    expect(probe(a, (r) => r.get('r1')?.set('participantsPlanned', Number.POSITIVE_INFINITY))).toBe(false);
    expect(probe(a, (r) => r.get('r1')?.set('participantsPlanned', undefined))).toBe(false);
    expect(probe(a, (r) => r.get('r1')?.set('participantsPlanned', 10n ** 11n))).toBe(false);
    expect(probe(a, (r) => r.get('r1')?.set('_pos', 5))).toBe(false);
    expect(probe(a, (r) => r.get('r1')?.set('comment', { a: 1 }))).toBe(false);
    expect(probe(a, (r) => r.get('r1')?.set('comment', 'x'.repeat(2001)))).toBe(false);
    expect(probe(a, (r) => r.get('r1')?.set('comment', 'ring 19121212-1212'))).toBe(false);
    expect(probe(a, (r) => r.get('r1')?.set('comment', '191212121212'))).toBe(false);
    expect(probe(a, (r) => r.get('r1')?.set('nope', 'x'))).toBe(false);
    expect(probe(a, (r) => r.get('r1')?.set('k'.repeat(129), 'x'))).toBe(false);
    // Limits of the caller, the kind of the caller, a doc at its size limit.
    expect(probe(a, (r) => r.get('r2')?.set('comment', 'kort'), { limits: { maxStringLength: 3 } })).toBe(false);
    expect(probe(a, (r) => r.get('r2')?.set('comment', 'kort'), { kind: 'activity-plan' })).toBe(true);
    expect(probe(a, (r) => r.get('r2')?.set('comment', 'kort'), { limits: { maxDocBytes: 100 } })).toBe(false);
    // A cell of a row another client deleted meanwhile (Yjs drops it as it lands), and of a value deleted meanwhile.
    expect(offer(a, (r) => r.get('r2')?.set('comment', 'finns'))).toBe(true);
    const stale = copyOf(a, a.clientID);
    offer(b, (r) => r.delete('r3'));
    offer(b, (r) => r.get('r2')?.delete('comment'));
    agree(server, made(copyOf(stale, stale.clientID), (r) => r.get('r3')?.set('comment', 'sent')), tally);
    agree(server, made(copyOf(stale, stale.clientID), (r) => r.get('r3')?.set('title', 'sent')), tally);
    agree(server, made(stale, (r) => r.get('r2')?.set('comment', 'över en borttagen')), tally);
    // A new row's cell written in the same update, and two cells at once: the walk's.
    expect(offer(a, (r) => r.set('r9', new Y.Map()))).toBe(false);
    expect(offer(a, (r) => (r.get('r0')?.set('comment', 'ett'), r.get('r1')?.set('comment', 'två')))).toBe(false);
    // A doc with no kind: the walk's.
    const bare = new Y.Doc();
    Y.applyUpdate(bare, Y.encodeStateAsUpdate(server));
    bare.getMap('meta').delete('kind');
    expect(agree(bare, made(a, (r) => r.get('r0')?.set('comment', 'utan sort')), tally)).toBe(false);
    expect(tally.quick).toBeGreaterThan(10);
  });

  it('leaves every write that completes a personnummer with a half the doc holds beside it to the walk, which refuses it', () => {
    // Neighbours in the activity plan's order: two text/date columns, a text and a number column, two number columns.
    const keys = cellColumns('activity-plan').map((c) => c.key);
    const counts = countColumns('activity-plan');
    const pairs = [['endDate', 'responsible'], ['responsible', 'participantsPlanned'], ['participantsPlanned', 'participantsReached']] as const;
    for (const [first, second] of pairs) expect(keys.indexOf(second)).toBe(keys.indexOf(first) + 1);
    const halves: Array<[string | number, string | number]> = [
      ['811218', '9876'], ['19811218', '9876'], [811218, 9876], [19121212, 1212], [19121212, 214], [811218, 123],
      [19121212, -1212], ['18.12.1981', 9876], [11218, '9873'], ['811278', '9873'], [11218, 9873],
    ];
    const tally: Tally = { quick: 0, cases: 0 };
    let refused = 0;
    for (const [first, second] of pairs) {
      for (const [date, serial] of halves) {
        // The doc holds one half; a client writes the other, over nothing, over its own value, over another client's.
        for (const [held, heldValue, written, value] of [[first, date, second, serial], [second, serial, first, date]] as const) {
          for (const before of ['none', 'own', 'other'] as const) {
            const server = plan(1);
            const a = copyOf(server, 300);
            const b = copyOf(server, 301);
            /** `change` made by `from` and applied where the others are, as the server relays it. */
            const write = (from: Y.Doc, change: (rows: Y.Map<Y.Map<unknown>>) => void): void => {
              const u = made(from, change);
              for (const d of [server, a, b]) if (d !== from) Y.applyUpdate(d, u);
            };
            write(b, (r) => r.get('r0')?.set(held, heldValue));
            if (before !== 'none') write(before === 'own' ? a : b, (r) => r.get('r0')?.set(written, 'Anna Ek'));
            const update = made(a, (r) => r.get('r0')?.set(written, value));
            const name = `${first}=${String(date)} ${second}=${String(serial)}, ${written} written over ${before}`;
            agree(server, update, tally, {}, name);
            const split = splitPersonnummer({ [first]: date, [second]: serial }, keys, counts) !== null;
            expect(checkUpdate(server, update).ok, name).toBe(!split);
            if (!split) continue;
            refused++;
            expect(checkCellWrite(server, update), name).toBeNull();
          }
        }
      }
    }
    // Only five digits beside a number in the two number columns are read as counts (see `split-personnummer.ts`).
    expect(refused).toBe(pairs.length * halves.length * 6 - 6);
  });

  it('gives the walk verdict over mutations of cell writes', () => {
    const server = plan(1);
    const a = copyOf(server, 300);
    const first = made(a, (r) => r.get('r0')?.set('comment', 'första'));
    Y.applyUpdate(server, first);
    const again = made(a, (r) => r.get('r0')?.set('comment', 'andra'));
    const b = copyOf(server, 301);
    const other = made(b, (r) => r.get('r1')?.set('title', 'Ny titel'));
    const random = prng(13);
    const tally: Tally = { quick: 0, cases: 0 };
    for (let i = 0; i < 3000; i++) {
      const base = [first, again, other][i % 3] as Uint8Array;
      const doc = i % 3 === 0 ? plan(1) : server;
      agree(doc, mutateUpdate(random, doc, base, `m${i}`), tally, {}, `mutation ${i}`);
    }
    expect(tally.quick).toBeGreaterThan(30);
  });
});
