/**
 * The split-personnummer check judges a row as Yjs will leave it. A write made without seeing the
 * value stored (two clients offline, or a client choosing its own origins) is ordered among the
 * key's items by client id, and the value stored may stay: X stores `endDate` = `811218`; Y, not
 * having seen it, writes `endDate` and `responsible` = `9876` in the same row. Whether the stored
 * row then holds the pair depends on which client id is larger; the check must say the same as
 * Yjs, for both orders, on two real documents.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc, POS_KEY, ROWS_ROOT, rowsMap } from '../../../shared/doc/create.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { insertRow, setCell, setCells } from '../../../shared/doc/rows.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { checkCellWrite, checkUpdate, checkUpdateWalked } from '../../../shared/validate/check-update.js';
import { splitPersonnummer } from '../../../shared/validate/split-personnummer.js';
import { cellColumns } from '../../../shared/schema/index.js';

const KEYS = cellColumns('activity-plan').map((c) => c.key);

/** A server doc with one row, and what `write` makes on a copy of it taken now, by client `id`. */
function offline(values: RowValues): { server: Y.Doc; row: string; by: (id: number, write: (d: Y.Doc, row: string) => void) => Uint8Array } {
  const server = createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'vc-a', schemaVersion: 1 });
  const row = insertRow(server, { title: 'Hälsodag', ...values });
  const base = encodeState(server);
  const by = (id: number, write: (d: Y.Doc, row: string) => void): Uint8Array => {
    const copy = docFromState(base);
    copy.clientID = id;
    const before = Y.encodeStateVector(copy);
    write(copy, row);
    return Y.encodeStateAsUpdate(copy, before);
  };
  return { server, row, by };
}

/** The row `update` leaves in a copy of `server`: what Yjs stores. */
function stored(server: Y.Doc, row: string, update: Uint8Array): Record<string, unknown> {
  const copy = docFromState(encodeState(server));
  Y.applyUpdate(copy, update);
  return (rowsMap(copy).get(row) as Y.Map<unknown>).toJSON();
}

describe('checkUpdate on a concurrent write beside a stored half', () => {
  for (const [x, y] of [[9_000_001, 1_000_001], [1_000_001, 9_000_001]] as const) {
    it(`refuses exactly when Yjs keeps the stored half (X client ${x}, Y client ${y})`, () => {
      const { server, row, by } = offline({ endDate: '2025-02-11' });
      const fromX = by(x, (d, r) => setCell(d, r, 'endDate', '811218'));
      const fromY = by(y, (d, r) => setCells(d, r, { endDate: '2025-03-01', responsible: '9876' }));
      expect(checkUpdate(server, fromX).ok).toBe(true);
      Y.applyUpdate(server, fromX);
      const after = stored(server, row, fromY);
      const pair = splitPersonnummer(after as RowValues, KEYS) !== null;
      // X's item goes right of Y's when X's client id is larger: the stored half stays.
      expect(pair).toBe(x > y);
      const v = checkUpdate(server, fromY);
      expect(v.ok).toBe(!pair);
      if (!v.ok) expect(v).toMatchObject({ code: 'personnummer' });
    });

    it(`takes a concurrent half that Yjs drops, refuses one it keeps (X client ${x}, Y client ${y}), on both paths`, () => {
      // Y's one-cell write over the old end date, not having seen X's: the quick path leaves it to the walk.
      const { server, row, by } = offline({ endDate: '2025-02-11', responsible: '9876' });
      const fromX = by(x, (d, r) => setCell(d, r, 'endDate', '2025-02-12'));
      const fromY = by(y, (d, r) => setCell(d, r, 'endDate', '811218'));
      Y.applyUpdate(server, fromX);
      const pair = splitPersonnummer(stored(server, row, fromY) as RowValues, KEYS) !== null;
      expect(pair).toBe(y > x);
      expect(checkCellWrite(server, fromY)).toBeNull();
      expect(checkUpdate(server, fromY).ok).toBe(!pair);
      expect(checkUpdateWalked(server, fromY).ok).toBe(!pair);
    });
  }

  it('still reads a write made over the stored value as the update gives it', () => {
    const { server, row } = offline({ endDate: '811218' });
    const seen = docFromState(encodeState(server));
    let update: Uint8Array | null = null;
    seen.on('update', (u: Uint8Array) => (update = u));
    setCells(seen, row, { endDate: '2025-03-01', responsible: '9876' });
    expect(checkUpdate(server, update as unknown as Uint8Array).ok).toBe(true);
  });
});

/**
 * An update of one client's `items` (consecutive clocks) and no deletes, encoded as Yjs encodes
 * one: how a client choosing its own origins writes a key twice after the same origin, which no
 * Y.Doc's own edits do.
 */
function itemsUpdate(items: readonly Y.Item[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const first = items[0] as Y.Item;
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, items.length);
  encoder.writeClient(first.id.client);
  encoding.writeVarUint(encoder.restEncoder, first.id.clock);
  for (const item of items) item.write(encoder, 0);
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}

/** A map item of `client` at `clock` holding `value` under `key`, its left origin `origin`, in `parent` (a root's name or a row item's id). */
function item(client: number, clock: number, origin: Y.ID | null, parent: string | Y.ID | null, key: string, value: unknown): Y.Item {
  const content = value instanceof Y.Map ? new Y.ContentType(value) : new Y.ContentAny([value]);
  return new Y.Item(Y.createID(client, clock), null, origin, null, null, parent as unknown as Y.AbstractType<unknown>, key, content);
}

/** The id of the last clock of the item `row`'s cell `column` holds in `doc`. */
function lastId(doc: Y.Doc, row: string, column: string): Y.ID {
  const held = (rowsMap(doc).get(row) as Y.Map<unknown>)._map.get(column) as Y.Item;
  return Y.createID(held.id.client, held.id.clock + held.length - 1);
}

describe('checkUpdate on an update writing one cell twice', () => {
  const C = 4_242_424;

  /** The verdict on `update`, by both paths, beside whether the row Yjs stores holds a pair. */
  function judged(server: Y.Doc, row: string, update: Uint8Array): { pair: boolean; ok: boolean } {
    const pair = splitPersonnummer(stored(server, row, update) as RowValues, KEYS) !== null;
    const v = checkUpdate(server, update);
    expect(checkUpdateWalked(server, update).ok).toBe(v.ok);
    if (!v.ok) expect(v).toMatchObject({ code: 'personnummer' });
    return { pair, ok: v.ok };
  }

  for (const [firstValue, secondValue] of [['811218', 'x'], ['x', '811218']] as const) {
    it(`judges a stored row as Yjs leaves it: one client, ${firstValue} then ${secondValue} over the same origin`, () => {
      const { server, row } = offline({ endDate: '2025-01-01', responsible: '9876' });
      const origin = lastId(server, row, 'endDate');
      const update = itemsUpdate([item(C, 0, origin, null, 'endDate', firstValue), item(C, 1, origin, null, 'endDate', secondValue)]);
      // Yjs puts the later item left of the earlier: the first written keeps the cell.
      const { pair, ok } = judged(server, row, update);
      expect(pair).toBe(firstValue === '811218');
      expect(ok).toBe(!pair);
    });

    it(`judges a new row as Yjs leaves it: one client, ${firstValue} then ${secondValue} from nothing`, () => {
      const { server } = offline({});
      const rowId = 'rad-ny';
      const at = Y.createID(C, 0);
      const update = itemsUpdate([
        item(C, 0, null, ROWS_ROOT, rowId, new Y.Map()),
        item(C, 1, null, at, POS_KEY, 'b0'),
        item(C, 2, null, at, 'title', 'Ny'),
        item(C, 3, null, at, 'responsible', '9876'),
        item(C, 4, null, at, 'endDate', firstValue),
        item(C, 5, null, at, 'endDate', secondValue),
      ]);
      const { pair, ok } = judged(server, rowId, update);
      expect(pair).toBe(firstValue === '811218');
      expect(ok).toBe(!pair);
    });
  }

  for (const [a, b] of [[9_000_001, 1_000_001], [1_000_001, 9_000_001]] as const) {
    it(`judges two clients' writes of a stored cell sent in one update (A client ${a}, B client ${b})`, () => {
      // A's copy and B's, both offline: taking over an old copy's edits (takeUnowned) sends them together.
      const { server, row, by } = offline({ endDate: '2025-01-01', responsible: '9876' });
      const fromA = by(a, (d, r) => setCell(d, r, 'endDate', '811218'));
      const fromB = by(b, (d, r) => setCell(d, r, 'endDate', 'x'));
      const { pair, ok } = judged(server, row, Y.mergeUpdates([fromA, fromB]));
      // The higher client id goes right and keeps the cell.
      expect(pair).toBe(a > b);
      expect(ok).toBe(!pair);
    });

    it(`judges two clients' writes of a new row's cell sent in one update (A client ${a}, B client ${b})`, () => {
      const { server } = offline({});
      const docA = docFromState(encodeState(server));
      docA.clientID = a;
      const before = Y.encodeStateVector(docA);
      const rowId = insertRow(docA, { title: 'Ny', responsible: '9876' });
      const made = Y.encodeStateAsUpdate(docA, before);
      const docB = docFromState(encodeState(server));
      docB.clientID = b;
      Y.applyUpdate(docB, made);
      const seen = Y.encodeStateVector(docB);
      // Both write the end date without having seen the other's: both items have no left origin.
      setCell(docA, rowId, 'endDate', '811218');
      setCell(docB, rowId, 'endDate', 'x');
      const update = Y.mergeUpdates([Y.encodeStateAsUpdate(docA, before), Y.encodeStateAsUpdate(docB, seen)]);
      const { pair, ok } = judged(server, rowId, update);
      expect(pair).toBe(a > b);
      expect(ok).toBe(!pair);
    });
  }
});
