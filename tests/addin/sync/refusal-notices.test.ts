import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocConnection } from '../../../addin/sync/connect-doc.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import type { DocStateNotice } from '../../../shared/protocol/notices.js';
import { closedAfterEach, eventually, startTestServer, TOKENS, WS, type TestServer } from '../../server/sync/support.js';
import { connectTo, countingSocket, statusLog, type SocketLog } from './support.js';

/** The test's server and connections, closed after each test. */
const t = closedAfterEach<DocConnection>((c) => c.destroy());

const measure = (doc: Y.Doc, row: string): unknown => rowsMap(doc).get(row)?.get('measure');

/** Editor A and editor B on the county action plan, A's row "ra" in both. */
async function county(notices = true): Promise<{ a: Y.Doc; b: Y.Doc; cb: DocConnection; log: SocketLog }> {
  t.server = await startTestServer();
  const a = new Y.Doc();
  const ca = connectTo(t.server, a, t.clients, { docId: 'county', kind: 'action-plan', token: TOKENS.editorA });
  await ca.whenSynced();
  insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
  const log: SocketLog = { attempts: 0, sent: [] };
  const b = new Y.Doc();
  const cb = connectTo(t.server, b, t.clients, { docId: 'county', kind: 'action-plan', token: TOKENS.editorB, WebSocketPolyfill: countingSocket(log), notices });
  await cb.whenSynced();
  await eventually(() => measure(b, 'ra') === 'Hälsodag', 3000, 'row ra at B');
  return { a, b, cb, log };
}

describe("the pane's connection with notices", () => {
  it("names a refused change, gets the cell back and stays online on the same socket", async () => {
    const { a, b, cb, log } = await county();
    const seen = statusLog(cb);
    setCells(b, 'ra', { measure: 'Övertagen' });
    await eventually(() => cb.status.lastRefusal !== null && measure(b, 'ra') === 'Hälsodag', 3000, 'the refusal and the cell back');
    expect(cb.status.lastRefusal?.code).toBe(CloseCode.forbidden);
    expect(cb.status.lastRefusal?.message.sv).toMatch(/annan enhet/);
    expect(cb.status.refusal).toBeNull();
    // Others' edits keep arriving, and B's own edits keep going out.
    setCells(a, 'ra', { measure: 'Hälsodag i Rinkeby' });
    insertRow(b, { unit: 'clinic-b', measure: 'Promenadgrupp' }, { id: 'rb' });
    await eventually(() => measure(b, 'ra') === 'Hälsodag i Rinkeby' && measure(a, 'rb') === 'Promenadgrupp', 3000, 'edits both ways');
    await eventually(() => cb.status.pendingLocalChanges === 0, 3000, 'nothing pending');
    expect(seen.every((s) => s.state === 'online')).toBe(true);
    expect(log.attempts).toBe(1);
  });

  it('without notices, the same refusal stops the connection as before', async () => {
    const { b, cb } = await county(false);
    setCells(b, 'ra', { measure: 'Övertagen' });
    await eventually(() => cb.status.state === 'refused', 3000, 'the refusal');
    expect(cb.status.refusal?.code).toBe(CloseCode.forbidden);
    expect(measure(b, 'ra')).toBe('Övertagen');
  });

  it('hears at once that the open document was archived and restored', async () => {
    const { cb } = await county();
    const states: DocStateNotice[] = [];
    cb.onDocState((s) => states.push(s));
    const running = t.server as TestServer;
    const record = await running.storage.getDocRecord({ workspace: WS, doc: 'county' });
    if (!record) throw new Error('no record');
    const archived = { ...record, archivedAt: '2026-12-01T10:00:00.000Z', archivedBy: 'Anna Admin' };
    running.sync.registry.live.docChanged(archived);
    await eventually(() => states.length === 1, 3000, 'the archive notice');
    expect(states[0]).toEqual({ archivedAt: archived.archivedAt, archivedBy: 'Anna Admin' });
    running.sync.registry.live.docChanged({ ...record, archivedAt: null, archivedBy: null });
    await eventually(() => states.length === 2, 3000, 'the restore notice');
    expect(states[1]).toEqual({ archivedAt: null, archivedBy: null });
    expect(cb.status.state).toBe('online');
  });
});
