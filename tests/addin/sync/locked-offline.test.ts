/**
 * Edits typed offline in rows an approved round locked meanwhile, over a real server: the server
 * refuses and takes back only those rows and names them in its notice (`RefusalNotice.rows`);
 * the pane tells each refused cell with the text typed there (`lost-writes.ts`, `lost-words.ts`),
 * the edits in rows that are not locked reach the server, and a later reconnect tells nothing again.
 */
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocConnection } from '../../../addin/sync/connect-doc.js';
import { watchLostWrites, type LostWrite } from '../../../addin/sync/lost-writes.js';
import { lostProblems, REFUSED_CELL_CODE } from '../../../addin/taskpane/lost-words.js';
import { getRow, insertRows, setCell } from '../../../shared/doc/index.js';
import { eventually, startTestServer, type TestServer } from '../../server/sync/support.js';
import { connectTo } from './support.js';

let server: TestServer | null = null;
const open: DocConnection[] = [];

afterEach(async () => {
  for (const c of open.splice(0)) await c.destroy();
  await server?.stop();
  server = null;
});

/** A server whose round `2026 kv 1` locks the rows titled "Hälsodag i Tensta" once `state.approved`. */
async function lockingServer(state: { approved: boolean }): Promise<TestServer> {
  const lock = { round: '2026-kv-1', title: '2026 kv 1', period: '2026Q1' };
  return startTestServer({}, { locks: { prepare: async () => undefined, rulesFor: () => (v) => (state.approved && v.title === 'Hälsodag i Tensta' ? lock : null) } });
}

it('tells each refused cell of an offline edit in a row approved meanwhile, with the typed text, and keeps the edits of other rows', async () => {
  const state = { approved: false };
  server = await lockingServer(state);
  const a = new Y.Doc();
  const ca = connectTo(server, a, open);
  await ca.whenSynced();
  const [locked, free] = insertRows(a, [
    { title: 'Hälsodag i Tensta', venue: 'Folkets hus' },
    { title: 'Promenadgrupp', venue: 'Parken' },
  ]) as [string, string];
  await eventually(() => ca.status.pendingLocalChanges === 0, 5000, 'the rows stored');
  const lost: LostWrite[] = [];
  watchLostWrites(a, (l) => lost.push(...l), { serverHas: (id) => ca.serverHas(id), takenBack: (r) => ca.takenBack(r), tookBack: (r) => ca.tookBack(r) });

  ca.disconnect();
  setCell(a, locked, 'venue', 'Biblioteket');
  setCell(a, locked, 'targetGroup', 'Föräldrar på förskolan');
  setCell(a, free, 'venue', 'Simhallen');
  // The manager approves the round while the coordinator is offline.
  state.approved = true;
  ca.connect();
  await eventually(() => ca.status.pendingLocalChanges === 0 && getRow(a, locked)?.values.venue === 'Folkets hus', 5000, 'the locked row taken back');
  await eventually(() => lost.length === 2, 5000, 'both refused cells told');

  expect(ca.status.state).toBe('online');
  expect(ca.status.lastRefusal).toMatchObject({ notice: 'locked-row', rows: [locked] });
  const byColumn = new Map(lost.map((l) => [l.column, l]));
  expect(byColumn.get('venue')).toMatchObject({ kind: 'refused', rowId: locked, mine: 'Biblioteket', kept: 'Folkets hus' });
  expect(byColumn.get('targetGroup')).toMatchObject({ kind: 'refused', rowId: locked, mine: 'Föräldrar på förskolan', kept: null });
  const problems = lostProblems('plan-a', 'activity-plan', lost, 'sv');
  expect(problems.map((p) => [p.code, p.rowId, p.column, p.copyText])).toEqual(
    lost.map((l) => [REFUSED_CELL_CODE, locked, l.column, l.mine]),
  );
  const venue = problems.find((p) => p.column === 'venue');
  expect(venue?.message.sv).toBe(
    'Din ändring av Plats på raden ”Hälsodag i Tensta” sparades inte: Raden ingår i den godkända omgången 2026 kv 1 och är låst. Be en administratör öppna enhetens rapport för ändring. Det du skrev: ”Biblioteket”. Cellen visar ”Folkets hus” igen. Kopiera det du skrev och skriv in det igen när raden går att ändra.',
  );
  expect(venue?.message.en).toContain('What you wrote: “Biblioteket”. The cell shows “Folkets hus” again.');

  // The edit of the row no round locks reached the server: a fresh pane reads it.
  const b = new Y.Doc();
  const cb = connectTo(server, b, open);
  await cb.whenSynced();
  expect(getRow(b, free)?.values.venue).toBe('Simhallen');
  expect(getRow(b, locked)?.values).toMatchObject({ venue: 'Folkets hus' });
  expect(getRow(b, locked)?.values.targetGroup ?? null).toBeNull();

  // Offline and back once more: nothing is sent again, refused again or told again.
  const before = ca.status.lastRefusal;
  ca.disconnect();
  ca.connect();
  await ca.whenSynced();
  await eventually(() => ca.status.pendingLocalChanges === 0, 5000, 'in sync again');
  expect(ca.status.lastRefusal).toBe(before);
  expect(lost).toHaveLength(2);
  expect(ca.takenBack(locked)).toBeUndefined();
});
