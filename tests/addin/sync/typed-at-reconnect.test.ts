/**
 * The pane typing the moment its socket opens again, after edits made offline: the edit goes
 * out before the pane's answer to the server's step 1, which carries the offline edits it builds
 * on. The server judges it after that answer (`server/sync/socket.ts`); it used to refuse it
 * as referring to something missing (4400), and the pane stopped syncing, 'refused'.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { insertRows, rowsOf, setCell } from '../../../shared/doc/index.js';
import { eventually } from '../../server/sync/support.js';
import { typedAtOpen } from '../../support/typed-at-open.js';
import { connectTo, serverPerTest, statusLog } from './support.js';

const t = serverPerTest();

it('an edit typed as the socket opens again, after offline edits, is taken with them and the pane stays online', async () => {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const { Socket, atOpen } = typedAtOpen();
  const ca = connectTo(t.server, a, t.open, { WebSocketPolyfill: Socket });
  const cb = connectTo(t.server, b, t.open);
  await Promise.all([ca.whenSynced(), cb.whenSynced()]);
  const [id] = insertRows(a, [{ title: 'Start' }]) as [string];
  await eventually(() => rowsOf(b).length === 1);
  ca.disconnect();
  setCell(a, id, 'title', 'Ändrad offline – å ä ö');
  const seen = statusLog(ca);
  atOpen.push(() => setCell(a, id, 'responsible', "Skrivet när uttaget öppnades 'x'"));
  ca.connect();
  await eventually(() => rowsOf(b)[0]?.values.responsible === "Skrivet när uttaget öppnades 'x'");
  expect(atOpen).toHaveLength(0);
  expect(rowsOf(b).map((r) => r.values)).toEqual(rowsOf(a).map((r) => r.values));
  await eventually(() => ca.status.state === 'online' && ca.status.pendingLocalChanges === 0);
  expect(seen.map((s) => s.state)).not.toContain('refused');
});
