// @vitest-environment happy-dom
/**
 * History follows the open document (`doc-follow.ts`), as a person sees it in `<samplan-history>`:
 * one's own edit appears once the server has stored it, however long after the quiet time that
 * is (offline, a slow server), not only when it was stored within 0.8 s; and the restore's check
 * does not take the member's own edit from another device, arriving while it asks the server,
 * for someone else's, while a colleague's still stops the restore. A deletion names no writer: the
 * server, asked again after it arrived, says whose it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SamplanApi } from '../../../addin/taskpane/api-client.js';
import '../../../addin/taskpane/samplan-history.js';
import type { RestoreRequest } from '../../../addin/taskpane/samplan-history.js';
import { createDoc, deleteRow, insertRow, setCell } from '../../../shared/doc/index.js';
import type { CellValue } from '../../../shared/schema/types.js';
import { $, $$, FakeAwareness, FakeSync, fakeFetch, mount, until } from './support.js';

const group = (g: Record<string, unknown>) => ({ firstAt: g.at, versions: 1, rowsAdded: [], rowsDeleted: [], rowLabels: {}, changes: [], memberName: null, cellsChanged: 1, ...g });
const FIRST = group({ fromSeq: 1, seq: 1, at: '2026-11-24T08:00:00.000Z', authorKind: 'member', memberId: 'bo', memberName: 'Bo Berg' });
const props = { workspace: 'hbi', doc: 'plan', kind: 'activity-plan', me: 'anna' };

/** An edit of row r1 by the person restoring (anna), so the restore plan offers that row. */
const MINE = { rowId: 'r1', rowLabel: 'Hälsodag i Tensta', column: 'title', inVersion: 'Hälsodag i Tensta', now: 'Hälsodag!', change: 'cell', seq: 3, at: '2026-11-24T09:40:00.000Z', authorKind: 'member', memberId: 'anna', memberName: 'Anna Andersson' };

/** The open plan as the pane holds it: rows r1 and r2. */
function openPlan(): Y.Doc {
  const doc = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'tensta', schemaVersion: 1 });
  insertRow(doc, { title: 'Hälsodag i Tensta', participantsPlanned: 1 }, { id: 'r1' });
  insertRow(doc, { title: 'Stavgång' }, { id: 'r2' });
  return doc;
}

/** An edit made in another copy whose Yjs client is `client`, arriving over the socket. */
function arrivesFrom(doc: Y.Doc, client: number, edit: (theirs: Y.Doc) => void): void {
  const theirs = new Y.Doc();
  theirs.clientID = client;
  Y.applyUpdate(theirs, Y.encodeStateAsUpdate(doc));
  edit(theirs);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(doc)), 'websocket');
}
const cell = (row: string, column: string, value: CellValue) => (theirs: Y.Doc) => void setCell(theirs, row, column, value);

describe('History following the open document', () => {
  afterEach(() => document.body.replaceChildren());

  it("shows one's own edit once the server has stored it, though that was after the quiet time", async () => {
    const mine = group({ fromSeq: 2, seq: 2, at: '2026-11-24T09:30:00.000Z', authorKind: 'member', memberId: 'anna', memberName: 'Anna Andersson' });
    let groups = [FIRST];
    const server = fakeFetch({ 'GET /v1/workspaces/hbi/documents/plan/history': () => ({ body: { document: 'plan', total: groups.length, groups } }) });
    const asks = () => server.calls.filter((c) => c.path.endsWith('/history')).length;
    const ydoc = openPlan();
    const sync = new FakeSync();
    const el = await mount('samplan-history', { api: new SamplanApi('http://server', 'spl_t', server.fetch), ...props, ydoc, sync, followDelay: 20 });
    await until(() => $$(el, '[data-seq]').length === 1);
    // Typed while the server is slow (or the pane offline): sent, not yet confirmed.
    setCell(ydoc, 'r1', 'title', 'Hälsodag!');
    sync.set({ pending: 1 });
    await until(() => asks() === 2);
    await new Promise((r) => setTimeout(r, 60));
    expect($$(el, '[data-seq]').length).toBe(1);
    // A status change that confirms nothing asks nothing.
    sync.set({ status: 'connecting' });
    await new Promise((r) => setTimeout(r, 60));
    expect(asks()).toBe(2);
    // Stored at last: the server confirms it, and the list shows it.
    groups = [mine, FIRST];
    sync.set({ status: 'online', pending: 0 });
    await until(() => $(el, '[data-seq="2"]'));
    expect($(el, '[data-seq="2"] .author')?.textContent).toBe('Anna Andersson');
    expect(asks()).toBe(3);
  });
});

describe("the restore's check of edits arriving while it asks the server", () => {
  afterEach(() => document.body.replaceChildren());

  /**
   * The History view over `ydoc`, whose second ask for the later edits (the check) lets `during`
   * arrive; the answers hold only MINE, and those asked for after it arrived `after` (the server
   * stores an edit before it relays it). `asks()` counts the asks for the later edits.
   */
  async function restoreRowWhile(ydoc: Y.Doc, sync: FakeSync, during: () => void, after: unknown[] = [MINE]): Promise<{ el: HTMLElement; restored: RestoreRequest[]; asks: () => number }> {
    let asked = 0;
    const server = fakeFetch({
      'GET /v1/workspaces/hbi/documents/plan/history': { body: { document: 'plan', total: 1, groups: [group({ fromSeq: 2, seq: 2, at: '2026-11-24T08:30:00.000Z', authorKind: 'member', memberId: 'bo', memberName: 'Bo Berg' })] } },
      'GET /v1/workspaces/hbi/documents/plan/versions/2': { body: { document: 'plan', seq: 2, at: '2026-11-24T08:30:00.000Z', rows: [{ id: 'r1', title: 'Hälsodag i Tensta' }] } },
      'GET /v1/workspaces/hbi/documents/plan/versions/2/later': () => {
        if (++asked === 2) during();
        return { body: { document: 'plan', seq: 2, edits: asked > 2 ? after : [MINE] } };
      },
    });
    const el = await mount('samplan-history', { api: new SamplanApi('http://server', 'spl_t', server.fetch), ...props, ydoc, sync, followDelay: 60_000 });
    await until(() => $(el, '[data-seq="2"] .view'));
    $(el, '[data-seq="2"] .view')?.click();
    await until(() => $(el, '#restore'));
    $(el, '#restore')?.click();
    await until(() => $(el, '.restore-row[data-row="r1"]'));
    const restored: RestoreRequest[] = [];
    el.addEventListener('samplan-restore-version', (e) => restored.push((e as CustomEvent<RestoreRequest>).detail));
    $(el, '.restore-row[data-row="r1"]')?.click();
    await until(() => restored.length === 1 || $(el, '#restore-note'));
    return { el, restored, asks: () => asked };
  }

  /** The open plan and its connection, where client 701 is Anna's other device and 702 Bo's, as their presence says. */
  function present(): { ydoc: Y.Doc; sync: FakeSync } {
    const ydoc = openPlan();
    const awareness = new FakeAwareness(ydoc.clientID);
    awareness.setPeer(701, { user: { name: 'Anna Andersson', memberId: 'anna' } });
    awareness.setPeer(702, { user: { name: 'Bo Berg', memberId: 'bo' } });
    return { ydoc, sync: new FakeSync(awareness) };
  }

  it("restores when the edit arriving is the member's own, from another device", async () => {
    const { ydoc, sync } = present();
    const { el, restored } = await restoreRowWhile(ydoc, sync, () => arrivesFrom(ydoc, 701, cell('r1', 'participantsPlanned', 30)));
    expect(restored).toEqual([expect.objectContaining({ seq: 2, only: ['r1'] })]);
    expect($(el, '#restore-note')).toBeNull();
  });

  it("restores nothing when the edit arriving is a colleague's", async () => {
    const bo = present();
    const fromBo = await restoreRowWhile(bo.ydoc, bo.sync, () => arrivesFrom(bo.ydoc, 702, cell('r1', 'participantsPlanned', 30)));
    expect(fromBo.restored).toHaveLength(0);
    expect($(fromBo.el, '#restore-note')?.textContent).toContain('Dokumentet har ändrats sedan listan visades');
  });

  /** The deletion of row r1 as the server lists it, by `member`. */
  const deletedBy = (memberId: string, memberName: string) => ({ rowId: 'r1', rowLabel: 'Hälsodag i Tensta', column: null, inVersion: null, now: null, change: 'row-deleted', seq: 6, at: '2026-11-24T10:00:00.000Z', authorKind: 'member', memberId, memberName });
  const deletes = (client: number, ydoc: Y.Doc) => () => arrivesFrom(ydoc, client, (theirs) => void deleteRow(theirs, 'r1'));

  it("restores when a deletion arriving is the member's own, from another device: the server, asked again, says whose it was", async () => {
    // A deletion names no writer; the old check took Anna's own for someone else's and restored nothing.
    const { ydoc, sync } = present();
    const { el, restored, asks } = await restoreRowWhile(ydoc, sync, deletes(701, ydoc), [deletedBy('anna', 'Anna Andersson')]);
    expect(restored).toEqual([expect.objectContaining({ seq: 2, only: ['r1'] })]);
    expect($(el, '#restore-note')).toBeNull();
    expect(asks()).toBe(3);
  });

  it("restores nothing when a deletion arriving is a colleague's, and shows it", async () => {
    const { ydoc, sync } = present();
    const { el, restored } = await restoreRowWhile(ydoc, sync, deletes(702, ydoc), [deletedBy('bo', 'Bo Berg')]);
    expect(restored).toHaveLength(0);
    expect($(el, '#restore-note')?.textContent).toContain('Dokumentet har ändrats sedan listan visades');
    await until(() => $(el, '#restore-plan .later li[data-row="r1"]'));
    expect($(el, '#restore-plan .later li[data-row="r1"]')?.textContent).toContain('Bo Berg');
  });
});
