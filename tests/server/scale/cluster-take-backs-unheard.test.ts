/**
 * A take-back whose Redis message is lost while Redis seems up, on PostgreSQL + Redis. Unit B's
 * delete of owner A's row is refused on one process and the row put back as a copy; A edits the
 * copy. Meanwhile another B client, on a process that heard none of this (a "deaf" process:
 * `SAMPLAN_TEST_DEAF`, its take-back messages lost too), edits the row as it still sees it,
 * refused and taken back there: the take-back writes the cell's old value into the deleted row.
 * The processes that get that update must not copy the take-back into the row's copy as if it
 * were an edit (it would undo A's edit there, for everyone): they have not heard of it, so they
 * read the take-backs stored with the document before applying it (`TakeBacks.needsStored`).
 */
import { describe, expect, it } from 'vitest';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { useCluster, type ClusterNode } from '../../support/cluster.js';
import { eventually } from '../../support/eventually.js';
import { servicesMissing } from '../../support/services.js';
import { TOKENS } from '../sync/seed.js';
import { measure, openNoticed, type NoticedClient } from './noticed-clients.js';

const missing = servicesMissing();
const DOC = 'county';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(missing !== null)('a take-back whose message was lost while Redis seemed up (PostgreSQL + Redis)', () => {
  const cluster = useCluster({ db: 'take_backs_unheard' });

  const open = (at: ClusterNode, token: string, clientID?: number): Promise<NoticedClient> => openNoticed(at.port, DOC, token, cluster.providers, clientID);

  it("a take-back made in a row while it lived, heard by no other process, does not undo the owner's edit of the row put back", async () => {
    const [deaf, deleting, owners] = await Promise.all([cluster.startForTest({ SAMPLAN_TEST_DEAF: '1' }), cluster.startForTest(), cluster.startForTest()]);
    const a = await open(owners, TOKENS.editorA, 100);
    insertRow(a.doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ru' });
    await eventually(() => a.provider.synced, 5000, 'A synced');
    // A synced is not A's row stored (the server answers A's step 1 while it persists the row): B2
    // sees it on another process first, from storage or relayed after it was stored.
    const b2 = await open(deleting, TOKENS.editorB, 600);
    await eventually(() => measure(b2.doc, 'ru') === 'Hälsodag', 5000, 'B2 sees the row');
    // B1 opens on the deaf process, which loads the document now and hears nothing after.
    const b1 = await open(deaf, TOKENS.editorB, 500);
    await eventually(() => measure(b1.doc, 'ru') === 'Hälsodag', 5000, 'B1 sees the row');
    const oldRow = rowsMap(a.doc).get('ru');
    rowsMap(b2.doc).delete('ru');
    await eventually(() => b2.notices.length === 1 && measure(b2.doc, 'ru') === 'Hälsodag', 5000, "B2's delete refused and the row put back");
    await eventually(() => rowsMap(a.doc).get('ru') !== oldRow && measure(a.doc, 'ru') === 'Hälsodag', 5000, 'A sees the row put back');
    setCells(a.doc, 'ru', { measure: 'Ägarens ändring' });
    const reader = await open(owners, TOKENS.viewer);
    await eventually(() => measure(reader.doc, 'ru') === 'Ägarens ändring', 5000, "A's edit of the row put back stored");
    // B1 still sees the row as it lived: its edit is refused on the deaf process and taken back into that row.
    expect(measure(b1.doc, 'ru')).toBe('Hälsodag');
    setCells(b1.doc, 'ru', { measure: 'Övertagen' });
    await eventually(() => b1.notices.length === 1, 5000, "B1's edit refused");
    await eventually(() => measure(b1.doc, 'ru') === 'Ägarens ändring', 8000, `B1 gets A's edit (B1 ${String(measure(b1.doc, 'ru'))})`);
    await sleep(1500);
    const late = await open(deleting, TOKENS.viewer);
    for (const [who, c] of [['A', a], ['reader', reader], ['B1', b1], ['B2', b2], ['a reader on the deleting process', late]] as const) {
      expect(measure(c.doc, 'ru'), who).toBe('Ägarens ändring');
    }
  }, 90_000);
});
