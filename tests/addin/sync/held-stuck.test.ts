/**
 * A pane whose offline change cannot be sent (one value over the frame size, so it cannot be cut)
 * comes back online: its step 1 names that change, which the server lacks, so the server holds
 * its answer until the pane answers or asks again (`server/sync/held-answers.ts`). The pane asks
 * again, so it gets what others wrote meanwhile, while its own change stays here, counted as
 * pending and named; it is not closed after the server's wait for an answer.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocConnection } from '../../../addin/sync/connect-doc.js';
import { insertRows, rowsOf, setCells } from '../../../shared/doc/index.js';
import { closedAfterEach, eventually, startTestServer } from '../../server/sync/support.js';
import { connectTo, sleep } from './support.js';

const t = closedAfterEach<DocConnection>((c) => c.destroy());
const noCheck = { checkUpdate: () => ({ ok: true as const }) };
const titles = (doc: Y.Doc): string[] => rowsOf(doc).map((r) => String(r.values.title ?? '')).sort();

it('gets what others wrote while its unsendable offline change stays pending here', async () => {
  t.server = await startTestServer({ heldAnswerMs: 1500 });
  const a = new Y.Doc();
  const ca = connectTo(t.server, a, t.clients, { ...noCheck, maxFrameBytes: 1000 });
  const b = new Y.Doc();
  const cb = connectTo(t.server, b, t.clients);
  await Promise.all([ca.whenSynced(), cb.whenSynced()]);
  insertRows(b, [{ title: 'Första' }], { ids: ['r1'] });
  await eventually(() => titles(a).includes('Första'), 5000, 'the row at A');
  ca.disconnect();
  // One value, one struct over A's frame size: it cannot be cut, so it cannot be sent.
  setCells(a, 'r1', { comment: 'x'.repeat(1500) });
  insertRows(b, [{ title: 'Skriven medan A var borta' }]);
  await eventually(() => cb.status.pendingLocalChanges === 0, 5000, 'B stored');

  const states: string[] = [];
  ca.onStatus((s) => void states.push(s.state));
  ca.connect();
  await eventually(() => titles(a).includes('Skriven medan A var borta'), 5000, 'B\'s row at A');
  await sleep(2500);
  // Not closed by the server for an answer that never came (it would reconnect).
  expect(states.filter((s) => s === 'reconnecting')).toEqual([]);
  expect(ca.status.pendingLocalChanges).toBeGreaterThan(0);
  expect(titles(b)).toEqual(['Första', 'Skriven medan A var borta']);
  expect(rowsOf(b).find((r) => r.id === 'r1')?.values.comment ?? null).toBeNull();
});
