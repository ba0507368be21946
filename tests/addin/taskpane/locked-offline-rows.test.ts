/**
 * Row-level offline changes in rows an approved round locked meanwhile, over a real server and
 * the pane's own wiring (`syncHandle`, `watchOpenDocLost`, `openDocProblems`): a row deleted
 * offline that the server's take-back brings back, and a row moved offline that it puts back,
 * are each named once in Problems (which row, why; clicking selects the row) instead of the
 * round's sentence alone, closed by Stäng, not said again at the next reconnect, and gone once
 * the person deletes the row again after the round is reopened. A comment on a locked row is
 * no write of the row: it is stored and nothing is told.
 */
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocConnection } from '../../../addin/sync/connect-doc.js';
import { dismissLoss, watchOpenDocLost } from '../../../addin/taskpane/doc-lost.js';
import { REFUSED_CELL_CODE } from '../../../addin/taskpane/lost-words.js';
import { openDocProblems, type OpenDoc } from '../../../addin/taskpane/open-doc.js';
import { syncHandle } from '../../../addin/taskpane/real-ports.js';
import type { DocumentInfo } from '../../../addin/taskpane/api-client.js';
import type { Lang } from '../../../addin/taskpane/strings.js';
import { addComment, threadOf } from '../../../shared/comments/comments.js';
import { deleteRow, getRow, insertRows, moveRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { eventually, startTestServer, type TestServer } from '../../server/sync/support.js';
import { connectTo } from '../sync/support.js';

let server: TestServer | null = null;
const open: DocConnection[] = [];

afterEach(async () => {
  for (const c of open.splice(0)) await c.destroy();
  await server?.stop();
  server = null;
});

const info: DocumentInfo = { id: 'plan-a', kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-test', updatedAt: null, archivedAt: null, archivedBy: null };
const ROUND = 'Raden ingår i den godkända omgången 2026 kv 1 och är låst. Be en administratör öppna enhetens rapport för ändring.';

/** A server whose round `2026 kv 1` locks the rows titled "Hälsodag i Tensta" while `state.approved`; a pane on it, watched as an open document. */
async function lockedPane(state: { approved: boolean }, lang: () => Lang = () => 'sv') {
  const lock = { round: '2026-kv-1', title: '2026 kv 1', period: '2026Q1' };
  server = await startTestServer({}, { locks: { prepare: async () => undefined, rulesFor: () => (v) => (state.approved && v.title === 'Hälsodag i Tensta' ? lock : null) } });
  const doc = new Y.Doc();
  const conn = connectTo(server, doc, open);
  await conn.whenSynced();
  const sync = syncHandle(conn, lang);
  const entry: OpenDoc = { workspace: 'w', info, ydoc: doc, sync, binding: null, bindError: null, readOnly: false, readOnlyReason: null, rowLegend: null, problems: [] };
  const told = { updates: 0 };
  watchOpenDocLost(entry, doc, sync, () => told.updates++, 'sv');
  return { doc, conn, entry, told };
}

/** A second pane on the same server's document, synced. */
async function colleague(): Promise<{ doc: Y.Doc; conn: DocConnection }> {
  const doc = new Y.Doc();
  const conn = connectTo(server!, doc, open);
  await conn.whenSynced();
  return { doc, conn };
}

it('names a row deleted offline that an approved round brings back, once, until closed', async () => {
  const state = { approved: false };
  let lang: Lang = 'sv';
  const { doc: a, conn: ca, entry, told } = await lockedPane(state, () => lang);
  const [locked, free] = insertRows(a, [{ title: 'Hälsodag i Tensta', venue: 'Folkets hus' }, { title: 'Promenadgrupp' }]) as [string, string];
  await eventually(() => ca.status.pendingLocalChanges === 0, 5000, 'the rows stored');

  ca.disconnect();
  deleteRow(a, locked);
  deleteRow(a, free);
  state.approved = true;
  ca.connect();
  await eventually(() => ca.status.pendingLocalChanges === 0 && getRow(a, locked) !== undefined && (entry.lost ?? []).length === 1, 5000, 'the row back and told');

  expect(ca.status.lastRefusal).toMatchObject({ notice: 'locked-row', rows: [locked] });
  // The round's sentence alone is covered by the row's own problem, which names the row by id (a click selects it).
  const problems = openDocProblems(entry, undefined);
  // Nothing to copy, and closable (Stäng) all the same.
  expect(problems.map((p) => [p.code, p.rowId, p.column, p.copyText, p.dismissable])).toEqual([[REFUSED_CELL_CODE, locked, null, undefined, true]]);
  expect(problems[0]!.message.sv).toBe(`Raden ”Hälsodag i Tensta” som du tog bort kom tillbaka: r${ROUND.slice(1)} Ta bort den igen när raden går att ändra, om den ska bort.`);
  lang = 'en';
  expect(openDocProblems(entry, undefined)[0]!.message.en).toBe(
    "The row “Hälsodag i Tensta” you deleted came back: the row is part of the approved round 2026 Q1 and is locked. Ask an admin to reopen the unit's report for changes. Delete it again once the row can be changed, if it should go.",
  );
  // The row came back as stored; the delete of the row no round locks stands.
  expect(getRow(a, locked)?.values).toMatchObject({ title: 'Hälsodag i Tensta', venue: 'Folkets hus' });
  const { doc: b } = await colleague();
  expect([getRow(b, locked)?.values.venue, getRow(b, free)]).toEqual(['Folkets hus', undefined]);

  // Offline and back once more: nothing said again, and the notice's row is not left waiting.
  expect(ca.takenBack(locked)).toBeUndefined();
  const updates = told.updates;
  ca.disconnect();
  ca.connect();
  await ca.whenSynced();
  await eventually(() => ca.status.pendingLocalChanges === 0, 5000, 'in sync again');
  expect([told.updates, entry.lost?.length]).toEqual([updates, 1]);

  // Stäng takes it out, and the round's sentence stays covered.
  expect(dismissLoss(entry, problems[0]!)).toBe(true);
  expect(openDocProblems(entry, undefined)).toEqual([]);
});

it('takes the told row back out once the person deletes it again after the round is reopened', async () => {
  const state = { approved: false };
  const { doc: a, conn: ca, entry } = await lockedPane(state);
  const [locked] = insertRows(a, [{ title: 'Hälsodag i Tensta' }]) as [string];
  await eventually(() => ca.status.pendingLocalChanges === 0, 5000, 'the row stored');
  ca.disconnect();
  deleteRow(a, locked);
  state.approved = true;
  ca.connect();
  await eventually(() => getRow(a, locked) !== undefined && (entry.lost ?? []).length === 1, 5000, 'the row back and told');

  state.approved = false;
  deleteRow(a, locked);
  expect(openDocProblems(entry, undefined)).toEqual([]);
  await eventually(() => ca.status.pendingLocalChanges === 0, 5000, 'the delete stored');
  expect(getRow((await colleague()).doc, locked)).toBeUndefined();
});

it('brings back a row deleted offline with the change a colleague made before the approval, and tells only the row', async () => {
  const state = { approved: false };
  const { doc: a, conn: ca, entry } = await lockedPane(state);
  const [locked] = insertRows(a, [{ title: 'Hälsodag i Tensta', venue: 'Folkets hus' }]) as [string];
  await eventually(() => ca.status.pendingLocalChanges === 0, 5000, 'the row stored');
  ca.disconnect();
  deleteRow(a, locked);
  // Meanwhile a colleague changes the row, and then the round is approved.
  const { doc: b, conn: cb } = await colleague();
  setCell(b, locked, 'targetGroup', 'Seniorer');
  await eventually(() => cb.status.pendingLocalChanges === 0, 5000, 'the colleague’s change stored');
  state.approved = true;
  ca.connect();
  await eventually(() => getRow(a, locked)?.values.targetGroup === 'Seniorer' && (entry.lost ?? []).length === 1, 5000, 'the row back with the colleague’s change');

  expect(openDocProblems(entry, undefined).map((p) => [p.code, p.rowId, p.message.sv.startsWith('Raden ”Hälsodag i Tensta” som du tog bort kom tillbaka:')])).toEqual([[REFUSED_CELL_CODE, locked, true]]);
  expect(getRow(b, locked)?.values).toMatchObject({ venue: 'Folkets hus', targetGroup: 'Seniorer' });
});

it('names a row moved offline that the round puts back where it stood', async () => {
  const state = { approved: false };
  const { doc: a, conn: ca, entry } = await lockedPane(state);
  const [locked, first] = insertRows(a, [{ title: 'Hälsodag i Tensta' }, { title: 'Promenadgrupp' }]) as [string, string];
  await eventually(() => ca.status.pendingLocalChanges === 0, 5000, 'the rows stored');
  ca.disconnect();
  moveRow(a, locked, { after: first });
  expect(rowsOf(a).map((r) => r.id)).toEqual([first, locked]);
  state.approved = true;
  ca.connect();
  await eventually(() => ca.status.pendingLocalChanges === 0 && (entry.lost ?? []).length === 1, 5000, 'the move taken back and told');

  expect(rowsOf(a).map((r) => r.id)).toEqual([locked, first]);
  const problems = openDocProblems(entry, undefined);
  expect(problems.map((p) => [p.code, p.rowId, p.column])).toEqual([[REFUSED_CELL_CODE, locked, null]]);
  expect(problems[0]!.message.sv).toBe(`Raden ”Hälsodag i Tensta” flyttades tillbaka dit den stod: r${ROUND.slice(1)}`);
  expect(ca.takenBack(locked)).toBeUndefined();
});

it('stores a comment written offline on a row approved meanwhile, and tells nothing', async () => {
  const state = { approved: false };
  const { doc: a, conn: ca, entry, told } = await lockedPane(state);
  const [locked] = insertRows(a, [{ title: 'Hälsodag i Tensta' }]) as [string];
  await eventually(() => ca.status.pendingLocalChanges === 0, 5000, 'the row stored');
  ca.disconnect();
  addComment(a, { row: locked, author: 'm-coord', text: 'Stämmer siffrorna?' });
  state.approved = true;
  ca.connect();
  await eventually(() => ca.status.pendingLocalChanges === 0, 5000, 'the comment sent');

  expect(threadOf((await colleague()).doc, locked).map((c) => c.text)).toEqual(['Stämmer siffrorna?']);
  expect([ca.status.lastRefusal, told.updates, openDocProblems(entry, undefined)]).toEqual([null, 0, []]);
});
