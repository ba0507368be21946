/**
 * The pane's connection hears that an edit of the person's was lost (it lost to a take-back the
 * server no longer remembers, `server/sync/lost-edit.ts`) on the refusal channel: the status names
 * the cell to enter again in Swedish and English, without its value, and the connection stays online.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocConnection } from '../../../addin/sync/connect-doc.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { closedAfterEach, eventually, startTestServer, TOKENS, WS } from '../../server/sync/support.js';
import { connectTo } from './support.js';

const t = closedAfterEach<DocConnection>((c) => c.destroy());
const measure = (doc: Y.Doc, row: string): unknown => rowsMap(doc).get(row)?.get('measure');

it("shows which cell of the person's to enter again when their offline edit lost to a forgotten take-back", async () => {
  t.server = await startTestServer();
  const [a, b] = [new Y.Doc(), new Y.Doc()];
  a.clientID = 100;
  const ca = connectTo(t.server, a, t.clients, { docId: 'county', kind: 'action-plan', token: TOKENS.editorA });
  await ca.whenSynced();
  insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
  const cb = connectTo(t.server, b, t.clients, { docId: 'county', kind: 'action-plan', token: TOKENS.editorB });
  await cb.whenSynced();
  await eventually(() => measure(b, 'ra') === 'Hälsodag', 3000, 'row ra at B');
  ca.disconnect();
  setCells(a, 'ra', { measure: 'Ägarens ändring' });
  setCells(b, 'ra', { measure: 'Övertagen' });
  await eventually(() => cb.status.lastRefusal !== null && measure(b, 'ra') === 'Hälsodag', 3000, "B's edit taken back");
  await t.server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => {
    // Forgotten as the bound forgets the oldest (a private step of the index, reached for the test).
    const memory = (room as unknown as { apply: { takeBacks: { memory: { size: number; dropOldest(evict: boolean): void } } } }).apply.takeBacks.memory;
    while (memory.size > 0) memory.dropOldest(false);
  });
  ca.connect();
  await eventually(() => ca.status.lastRefusal !== null, 5000, 'the notice at A');
  const told = ca.status.lastRefusal;
  expect(told?.message.sv).toMatch(/kolumnen measure på rad ra .*Skriv in den igen/);
  expect(told?.message.en).toMatch(/column measure of row ra .*enter it again/);
  expect(JSON.stringify(told)).not.toMatch(/Ägarens|Övertagen/);
  expect(ca.status.state).toBe('online');
  expect(ca.status.refusal).toBeNull();
});
