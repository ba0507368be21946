/**
 * The split-personnummer check judges a row as Yjs will leave it. A write made without seeing the
 * value stored (two clients offline, or a client choosing its own origins) is ordered among the
 * key's items by client id, and the value stored may stay: X stores `endDate` = `811218`; Y, not
 * having seen it, writes `endDate` and `responsible` = `9876` in the same row. Whether the stored
 * row then holds the pair depends on which client id is larger; the check must say the same as
 * Yjs, for both orders, on two real documents.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc, rowsMap } from '../../../shared/doc/create.js';
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
