/**
 * Take-backs stored with the document on PostgreSQL: every process that held the document when a
 * refused change was taken back is killed (their memory of it gone; Redis keeps nothing), and the
 * owner's offline edit comes back at once to a process that loads the document only then, before
 * anyone could tell it anything. The edit must still stand over the take-back, or land in the row
 * put back after a refused delete, whichever client id Yjs orders first. Stock y-websocket clients.
 */
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { useCluster, type ClusterNode } from '../../support/cluster.js';
import { eventually } from '../../support/eventually.js';
import { servicesMissing } from '../../support/services.js';
import { TOKENS, WS } from '../sync/seed.js';
import { measure, openNoticed, type NoticedClient } from './noticed-clients.js';

const missing = servicesMissing();
const DOC = 'county';

describe.skipIf(missing !== null)('take-backs stored with the document (PostgreSQL + Redis)', () => {
  const cluster = useCluster({ db: 'take_backs_stored' });

  const open = (at: ClusterNode, token: string, clientID?: number): Promise<NoticedClient> => openNoticed(at.port, DOC, token, cluster.providers, clientID);

  /**
   * A (on one process) owns row `row`; B (on another) is refused `refusedEdit` of it while A edits
   * it offline. Both processes are killed; A comes back to a third, which loads the document then.
   */
  async function raceThenKill(row: string, aId: number, bId: number, refusedEdit: (b: Y.Doc) => void): Promise<{ a: NoticedClient; later: ClusterNode }> {
    const [first, second, later] = (await Promise.all([0, 1, 2].map(() => cluster.startForTest()))) as [ClusterNode, ClusterNode, ClusterNode];
    const a = await open(first, TOKENS.editorA, aId);
    insertRow(a.doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: row });
    const b = await open(second, TOKENS.editorB, bId);
    await eventually(() => measure(b.doc, row) === 'Hälsodag', 5000, 'B sees the row');
    a.provider.disconnect();
    setCells(a.doc, row, { measure: 'Ägarens ändring' });
    refusedEdit(b.doc);
    await eventually(() => b.notices.length === 1 && measure(b.doc, row) === 'Hälsodag', 5000, 'B refused and taken back');
    const reader = await open(first, TOKENS.viewer);
    await eventually(() => measure(reader.doc, row) === 'Hälsodag' && rowsMap(reader.doc).get(row)?._map.get('measure')?.id.client !== aId, 5000, "A's process holds the take-back");
    await Promise.all([first.kill(), second.kill()]);
    a.provider.serverUrl = `ws://127.0.0.1:${later.port}/v1/sync/${WS}`;
    a.provider.connect();
    return { a, later };
  }

  for (const [row, aId, bId] of [
    ['ra', 100, 200],
    ['rb', 2000, 1000],
  ] as const) {
    it(`same cell: the owner's offline edit stands after every process that knew the take-back was killed (A=${aId}, B=${bId})`, async () => {
      const { a, later } = await raceThenKill(row, aId, bId, (b) => setCells(b, row, { measure: 'Övertagen' }));
      const reader = await open(later, TOKENS.viewer);
      await eventually(() => [a, reader].every((c) => measure(c.doc, row) === 'Ägarens ändring'), 8000, `A's edit everywhere (A ${String(measure(a.doc, row))}, reader ${String(measure(reader.doc, row))})`);
      expect(a.notices).toEqual([]);
    }, 90_000);
  }

  for (const [row, aId, bId] of [
    ['rd', 300, 400],
    ['re', 4000, 3000],
  ] as const) {
    it(`refused delete: the owner's offline edit lands in the row put back, on a process that loaded the document after the delete (A=${aId}, B=${bId})`, async () => {
      const { a, later } = await raceThenKill(row, aId, bId, (b) => rowsMap(b).delete(row));
      const reader = await open(later, TOKENS.viewer);
      await eventually(() => [a, reader].every((c) => measure(c.doc, row) === 'Ägarens ändring'), 8000, `A's edit in the row put back (A ${String(measure(a.doc, row))}, reader ${String(measure(reader.doc, row))})`);
      expect(rowsMap(reader.doc).get(row)?.get('unit')).toBe('clinic-a');
    }, 90_000);
  }
});
