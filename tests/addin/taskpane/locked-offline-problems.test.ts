/**
 * Problems for edits typed offline in a row an approved round locked meanwhile, over a real
 * server and the pane's own wiring (`syncHandle`, `watchOpenDocLost`, `openDocProblems`): one
 * problem per refused cell naming column, row and the typed text to copy, in the pane's
 * language, instead of the round's sentence alone; typing a cell again once the round is
 * reopened, or closing its problem (Stäng), leaves nothing, and reconnecting does not say it again. On the old code Problems held only the round's sentence.
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
import { getRow, insertRows, setCell } from '../../../shared/doc/index.js';
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

it('names each refused cell of an offline edit in a row approved meanwhile, once, until closed', async () => {
  const state = { approved: false };
  const lock = { round: '2026-kv-1', title: '2026 kv 1', period: '2026Q1' };
  server = await startTestServer({}, { locks: { prepare: async () => undefined, rulesFor: () => (v) => (state.approved && v.title === 'Hälsodag i Tensta' ? lock : null) } });
  const a = new Y.Doc();
  const ca = connectTo(server, a, open);
  await ca.whenSynced();
  let lang: Lang = 'sv';
  const sync = syncHandle(ca, () => lang);
  const entry: OpenDoc = { workspace: 'w', info, ydoc: a, sync, binding: null, bindError: null, readOnly: false, readOnlyReason: null, rowLegend: null, problems: [] };
  let updates = 0;
  watchOpenDocLost(entry, a, sync, () => updates++, 'sv');
  const [locked, free] = insertRows(a, [
    { title: 'Hälsodag i Tensta', venue: 'Folkets hus' },
    { title: 'Promenadgrupp' },
  ]) as [string, string];
  await eventually(() => ca.status.pendingLocalChanges === 0, 5000, 'the rows stored');

  ca.disconnect();
  setCell(a, locked, 'venue', 'Biblioteket');
  setCell(a, locked, 'targetGroup', 'Föräldrar på förskolan');
  setCell(a, free, 'targetGroup', 'Seniorer');
  state.approved = true;
  ca.connect();
  await eventually(() => ca.status.pendingLocalChanges === 0 && getRow(a, locked)?.values.venue === 'Folkets hus' && (entry.lost ?? []).length === 2, 5000, 'the refused cells told');

  const problems = openDocProblems(entry, undefined);
  // The round's sentence alone ('refused') is covered by the cells' own problems.
  expect(problems.map((p) => [p.code, p.rowId, p.column, p.copyText])).toEqual([
    [REFUSED_CELL_CODE, locked, 'venue', 'Biblioteket'],
    [REFUSED_CELL_CODE, locked, 'targetGroup', 'Föräldrar på förskolan'],
  ]);
  expect(problems[1]!.message.sv).toBe(
    'Din ändring av Målgrupp på raden ”Hälsodag i Tensta” sparades inte: Raden ingår i den godkända omgången 2026 kv 1 och är låst. Be en administratör öppna enhetens rapport för ändring. Det du skrev: ”Föräldrar på förskolan”. Cellen är tom igen. Kopiera det du skrev och skriv in det igen när raden går att ändra.',
  );
  expect(problems[1]!.message.en).toBe(
    "Your change of Target group of the row “Hälsodag i Tensta” was not saved: The row is part of the approved round 2026 Q1 and is locked. Ask an admin to reopen the unit's report for changes. What you wrote: “Föräldrar på förskolan”. The cell is empty again. Copy what you wrote and enter it again once the row can be changed.",
  );
  lang = 'en';
  expect(openDocProblems(entry, undefined).map((p) => p.code)).toEqual([REFUSED_CELL_CODE, REFUSED_CELL_CODE]);
  expect(getRow(a, free)?.values.targetGroup).toBe('Seniorer');

  // Back online once more: nothing said again.
  const told = updates;
  ca.disconnect();
  ca.connect();
  await ca.whenSynced();
  await eventually(() => ca.status.pendingLocalChanges === 0, 5000, 'in sync again');
  expect(updates).toBe(told);
  expect(entry.lost).toHaveLength(2);

  // The round reopened, the person types Plats again: that cell's problem goes, and it is stored.
  state.approved = false;
  setCell(a, locked, 'venue', 'Biblioteket');
  expect(openDocProblems(entry, undefined).map((p) => p.column)).toEqual(['targetGroup']);
  await eventually(() => ca.status.pendingLocalChanges === 0, 5000, 'the venue stored');
  expect([getRow(a, locked)?.values.venue, entry.lost?.length]).toEqual(['Biblioteket', 1]);

  // Stäng on the other: nothing left in Problems, the round's sentence stays covered.
  expect(dismissLoss(entry, problems[1]!)).toBe(true);
  expect(openDocProblems(entry, undefined)).toEqual([]);
});

it('names a row added offline that an approved round refuses, with its texts to paste, instead of a colleague’s delete', async () => {
  const state = { approved: false };
  const lock = { round: '2026-kv-1', title: '2026 kv 1', period: '2026Q1' };
  server = await startTestServer({}, { locks: { prepare: async () => undefined, rulesFor: () => (v) => (state.approved && v.title === 'Hälsodag i Tensta' ? lock : null) } });
  const a = new Y.Doc();
  const ca = connectTo(server, a, open);
  await ca.whenSynced();
  const sync = syncHandle(ca, () => 'sv');
  const entry: OpenDoc = { workspace: 'w', info, ydoc: a, sync, binding: null, bindError: null, readOnly: false, readOnlyReason: null, rowLegend: null, problems: [] };
  watchOpenDocLost(entry, a, sync, () => undefined, 'sv');
  ca.disconnect();
  const [added, kept] = insertRows(a, [
    { title: 'Hälsodag i Tensta', venue: 'Skolan' },
    { title: 'Promenadgrupp', venue: 'Parken' },
  ]) as [string, string];
  state.approved = true;
  ca.connect();
  await eventually(() => ca.status.pendingLocalChanges === 0 && getRow(a, added) === undefined && (entry.lost ?? []).length === 1, 5000, 'the refused row told');
  const problems = openDocProblems(entry, undefined);
  expect(problems.map((p) => p.code)).toEqual([REFUSED_CELL_CODE]);
  // In the table's column order from its first column: the title first, Plats further on.
  const copied = problems[0]!.copyText?.split('\t') ?? [];
  expect([copied[0], copied.at(-1), copied.filter((t) => t !== '').length]).toEqual(['Hälsodag i Tensta', 'Skolan', 2]);
  expect(problems[0]!.message.sv).toBe(
    'Raden ”Hälsodag i Tensta” som du lade till sparades inte: Raden ingår i den godkända omgången 2026 kv 1 och är låst. Be en administratör öppna enhetens rapport för ändring. Det du skrev: Aktivitet: ”Hälsodag i Tensta”; Plats: ”Skolan”. Kopiera det (i tabellens kolumnordning, att klistra in från första kolumnen på en ny rad) om det ska in när det går.',
  );
  expect(getRow(a, kept)?.values.venue).toBe('Parken');
});
