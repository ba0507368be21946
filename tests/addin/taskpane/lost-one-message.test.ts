/**
 * One message for one loss: an edit made offline in a row a colleague deleted meanwhile is told by
 * the pane (naming the row and the text) and by the server (`row-gone`, naming neither when the
 * row is no longer known there). Problems shows only the pane's words for it; on the old code
 * both appeared. A server notice naming a cell the pane did not tell stays.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteRow, insertRows, setCell } from '../../../shared/doc/index.js';
import { rowGoneNotice } from '../../../server/sync/lost-edit.js';
import { watchOpenDocLost } from '../../../addin/taskpane/doc-lost.js';
import { openDocProblems, type OpenDoc } from '../../../addin/taskpane/open-doc.js';
import { syncHandle } from '../../../addin/taskpane/real-ports.js';
import type { DocumentInfo } from '../../../addin/taskpane/api-client.js';
import type { SyncHandle } from '../../../addin/taskpane/ports.js';
import { eventually } from '../../server/sync/support.js';
import { connectTo, serverPerTest } from '../sync/support.js';
import { FakeSync } from './support.js';

const t = serverPerTest();
const info: DocumentInfo = { id: 'plan-a', kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-test', updatedAt: null, archivedAt: null, archivedBy: null };

function openDoc(ydoc: Y.Doc, sync: SyncHandle): OpenDoc {
  const entry: OpenDoc = { workspace: 'w', info, ydoc, sync, binding: null, bindError: null, readOnly: false, readOnlyReason: null, rowLegend: null, problems: [] };
  watchOpenDocLost(entry, ydoc, sync, () => undefined, 'sv');
  return entry;
}

it('an offline edit of a row a colleague deleted is said once, in the pane’s words naming row and text', async () => {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const ca = connectTo(t.server, a, t.open);
  const cb = connectTo(t.server, b, t.open);
  await Promise.all([ca.whenSynced(), cb.whenSynced()]);
  const entry = openDoc(a, syncHandle(ca, () => 'sv'));
  const [id] = insertRows(a, [{ title: 'Hälsodag i Tensta' }]) as [string];
  await eventually(() => ca.status.pendingLocalChanges === 0 && b.getMap('rows').has(id));
  ca.disconnect();
  setCell(a, id, 'targetGroup', 'Föräldrar på förskolan');
  deleteRow(b, id);
  await eventually(() => cb.status.pendingLocalChanges === 0);
  ca.connect();
  // Both have spoken: the pane's watcher, and the server's notice of the dropped cell.
  await eventually(() => ca.status.lastRefusal?.reason !== undefined && (entry.lost ?? []).length === 1);
  expect(ca.status.lastRefusal?.message.sv).toContain('sparades inte');
  const problems = openDocProblems(entry, undefined);
  expect(problems.map((p) => p.code)).toEqual(['row-deleted-unsent']);
  expect(problems[0]!.message.sv).toContain('”Föräldrar på förskolan”');
});

it('keeps a server notice naming a cell the pane did not tell, and any other refusal', () => {
  const a = new Y.Doc();
  // The server holds nothing of this pane's: every edit of it is unsent.
  const sync = Object.assign(new FakeSync(), { serverHas: () => false });
  const entry = openDoc(a, sync);
  const [r1, r2] = insertRows(a, [{ title: 'Hälsodag' }, { title: 'Promenad' }]) as [string, string];
  // A colleague's delete of r1 arrives while this pane's edit of it is unsent: the pane tells it.
  setCell(a, r1, 'targetGroup', 'Föräldrar');
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(a));
  deleteRow(other, r1);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(other, Y.encodeStateVector(a)));
  expect((entry.lost ?? []).length).toBe(1);
  const shown = (notice: ReturnType<typeof rowGoneNotice>): string[] => {
    sync.set({ refusal: notice.message.sv, closeCode: notice.closeCode, refusalNotice: { code: notice.code, ...(notice.path ? { path: notice.path } : {}) } });
    return openDocProblems(entry, undefined).map((p) => p.code);
  };
  expect(shown(rowGoneNotice(['rows', r1, 'targetGroup']))).toEqual(['row-deleted-unsent']);
  expect(shown(rowGoneNotice(['rows', '', 'targetGroup']))).toEqual(['row-deleted-unsent']);
  expect(shown(rowGoneNotice(['rows', r2, 'targetGroup']))).toEqual(['row-deleted-unsent', 'refused']);
  expect(shown(rowGoneNotice(['rows', r1, 'place']))).toEqual(['row-deleted-unsent', 'refused']);
  // The row typed again: the pane's problem goes, and the server's notice of it stays covered.
  insertRows(a, [{ title: 'Hälsodag', targetGroup: 'Föräldrar' }]);
  expect(shown(rowGoneNotice(['rows', '', 'targetGroup']))).toEqual([]);
  expect(shown(rowGoneNotice(['rows', r2, 'targetGroup']))).toEqual(['refused']);
  sync.set({ refusal: 'Något annat', closeCode: 4403, refusalNotice: { code: 'forbidden-row' } });
  expect(openDocProblems(entry, undefined).map((p) => p.code)).toEqual(['refused']);
});
