/**
 * Take-backs across processes (PostgreSQL + Redis): a take-back (the server writing back the value
 * from before a refused change, `server/sync/take-backs.ts`) must never win over an allowed edit
 * made at the same time, whichever process each client is connected to. Editor A owns row `ra`
 * and edits it offline while editor B, of another unit, changes the same row on another process
 * and is refused; when A comes back on its own process, A's edit stands for everyone, also for a
 * reader on a third process. Stock y-websocket clients.
 */
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { useCluster } from '../../support/cluster.js';
import { eventually } from '../../support/eventually.js';
import { servicesMissing } from '../../support/services.js';
import { TOKENS, WS } from '../sync/seed.js';
import { measure, openNoticed, type NoticedClient } from './noticed-clients.js';

const missing = servicesMissing();

/** True when the row `row` or its measure is no longer the item client `author` wrote: the server wrote it back. */
function writtenBack(doc: Y.Doc, row: string, author: number): boolean {
  const item = rowsMap(doc)._map.get(row);
  const cell = rowsMap(doc).get(row)?._map.get('measure');
  return item !== undefined && cell !== undefined && (item.id.client !== author || cell.id.client !== author);
}
/** The county's action plan: rows of every unit, each editable by its own unit's editors only. */
const DOC = 'county';

describe.skipIf(missing !== null)('take-backs across processes on PostgreSQL and Redis', () => {
  const cluster = useCluster({ db: 'take_backs', nodes: 3 });
  const node = cluster.node;

  /** A stock client of `doc` on process `at` (its doc's client id `clientID` when given) that keeps its notices; resolves once synced. */
  async function open(at: number, doc: string, token: string, clientID?: number): Promise<NoticedClient> {
    return openNoticed(node(at).port, doc, token, cluster.providers, clientID);
  }

  /**
   * A (on process `at.a`) owns row `row` of the county plan; B (on process `at.b`) sees it; A goes
   * offline and edits it; `refusedEdit` is B's edit of the row, refused and taken back on B's
   * process; a reader on A's process sees the take-back. Then A comes back, on process `at.back`.
   */
  async function race(row: string, aId: number, bId: number, refusedEdit: (b: Y.Doc) => void, at = { a: 0, b: 1, back: 0 }): Promise<{ a: NoticedClient; b: NoticedClient }> {
    const a = await open(at.a, DOC, TOKENS.editorA, aId);
    insertRow(a.doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: row });
    const b = await open(at.b, DOC, TOKENS.editorB, bId);
    await eventually(() => measure(b.doc, row) === 'Hälsodag', 5000, 'B sees the row');
    a.provider.disconnect();
    setCells(a.doc, row, { measure: 'Ägarens ändring' });
    refusedEdit(b.doc);
    await eventually(() => b.notices.length === 1 && rowsMap(b.doc).get(row)?.get('measure') === 'Hälsodag', 5000, 'B refused and taken back');
    // A's process has applied the take-back (the row or its cell written again by the server) before A's edit arrives there.
    const reader = await open(at.a, DOC, TOKENS.viewer);
    await eventually(() => writtenBack(reader.doc, row, aId) && measure(reader.doc, row) === 'Hälsodag', 5000, "A's process holds the take-back");
    a.provider.serverUrl = `ws://127.0.0.1:${node(at.back).port}/v1/sync/${WS}`;
    a.provider.connect();
    return { a, b };
  }

  const cases = [
    ['ra', 100, 200],
    ['rb', 2000, 1000],
  ] as const;
  for (const [row, aId, bId] of cases) {
    it(`same cell: the owner's offline edit on one process stands over a refused edit on another (A=${aId}, B=${bId})`, async () => {
      const { a, b } = await race(row, aId, bId, (b) => setCells(b, row, { measure: 'Övertagen' }));
      const third = await open(2, DOC, TOKENS.viewer);
      await eventually(
        () => [a, b, third].every((c) => measure(c.doc, row) === 'Ägarens ändring'),
        8000,
        `A's edit everywhere (A ${String(measure(a.doc, row))}, B ${String(measure(b.doc, row))}, third ${String(measure(third.doc, row))})`,
      );
      expect(a.notices).toEqual([]);
      // And it is what is stored: a client opening the document afresh gets it.
      const fresh = await open(2, DOC, TOKENS.viewer);
      expect(measure(fresh.doc, row)).toBe('Ägarens ändring');
    }, 60_000);
  }
  for (const [row, aId, bId] of [
    ['rd', 300, 400],
    ['re', 4000, 3000],
  ] as const) {
    it(`refused delete: the owner's offline edit on one process lands in the row put back by another (A=${aId}, B=${bId})`, async () => {
      const { a, b } = await race(row, aId, bId, (b) => rowsMap(b).delete(row));
      const third = await open(2, DOC, TOKENS.viewer);
      await eventually(() => [a, b, third].every((c) => measure(c.doc, row) === 'Ägarens ändring'), 8000, "A's edit in the row put back, everywhere");
      expect(rowsMap(third.doc).get(row)?.get('unit')).toBe('clinic-a');
      // A's next edit goes to the row as it now is.
      setCells(a.doc, row, { measure: 'Senare' });
      await eventually(() => [a, b, third].every((c) => measure(c.doc, row) === 'Senare'), 8000, "A's later edit everywhere");
    }, 60_000);
  }

  it('holds after the process that took the change back is killed, also on a process that loads the document later', async () => {
    await cluster.start();
    await cluster.start();
    const [refuser, later] = [cluster.nodes.length - 2, cluster.nodes.length - 1];
    const { a } = await race('rk', 50, 60, (b) => setCells(b, 'rk', { measure: 'Övertagen' }), { a: 0, b: refuser, back: later });
    // A is still offline: hold it back until the process it returns to has loaded the document.
    a.provider.disconnect();
    await node(refuser).kill();
    // The process A returns to loads the document now, with the take-backs stored with it (the
    // others also pass on what they remember); A's edit follows at once, without waiting for them.
    const watcher = await open(later, DOC, TOKENS.viewer);
    a.provider.connect();
    const reader = await open(0, DOC, TOKENS.viewer);
    await eventually(() => [a, watcher, reader].every((c) => measure(c.doc, 'rk') === 'Ägarens ändring'), 8000, `A's edit everywhere (A ${String(measure(a.doc, 'rk'))}, there ${String(measure(watcher.doc, 'rk'))}, process 0 ${String(measure(reader.doc, 'rk'))})`);
  }, 90_000);
});
