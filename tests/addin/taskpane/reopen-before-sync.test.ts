/**
 * A document opened again (closed and opened, or reopened after a rights change) gets a new,
 * empty Y.Doc while its table is still in the workbook. The sheet is bound only once the doc
 * holds the document (`SyncHandle.whenReady`): a cell typed meanwhile is then a cell edit of its
 * row. Bound at once, the table was reconciled against the empty doc (its rows taken for deleted)
 * and the typed cell written as a new row for everyone.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentsController } from '../../../addin/taskpane/documents-controller.js';
import type { DocumentInfo, Me } from '../../../addin/taskpane/api-client.js';
import type { EnginePorts, ExcelRun } from '../../../addin/taskpane/ports.js';
import { realPorts } from '../../../addin/taskpane/real-ports.js';
import { isReady } from '../../../addin/sync/connect-doc.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { rowsOf } from '../../../shared/doc/index.js';
import { docWith } from '../excel/helpers.js';
import { fakeHost, FakeSync } from './support.js';

const tina: Me = { memberId: 'tina', name: 'Tina Tensta', role: 'editor', units: ['vc-test'] };
const info: DocumentInfo = { id: 'plan-test', kind: 'activity-plan', title: 'Test', ownerUnit: 'vc-test', updatedAt: null, archivedAt: null, archivedBy: null };

/** A connection whose doc is filled from `server` and made ready only when the test says so. */
class LateSync extends FakeSync {
  private resolve: () => void = () => undefined;
  readonly whenReady = new Promise<void>((r) => (this.resolve = r));
  constructor(readonly doc: Y.Doc) {
    super();
  }
  /** The first sync: the server's state in, the client's out, then ready. */
  syncWith(server: Y.Doc): void {
    Y.applyUpdate(server, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(server)));
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(this.doc)));
    this.resolve();
  }
}

/** The body of the one table in the workbook. */
const table = (workbook: ReturnType<typeof createWorkbook>) => {
  const t = workbook.snapshot().tables[0];
  if (!t) throw new Error('no table in the workbook');
  return t;
};

function rig() {
  const workbook = createWorkbook();
  const run = ((batch: never) => workbook.run(batch)) as unknown as ExcelRun;
  const syncs: LateSync[] = [];
  const real = realPorts({ offlineStore: false, lang: () => 'sv' });
  const ports: EnginePorts = {
    ...real,
    connect({ doc }) {
      const sync = new LateSync(doc);
      syncs.push(sync);
      return sync;
    },
  };
  const docs = new DocumentsController(fakeHost(), ports);
  const ctx = { serverUrl: 'http://x', token: 't', workspace: 'hbi', info, me: tina, units: [], lang: 'sv' as const, run };
  return { workbook, syncs, docs, ctx };
}

describe('a document opened again while its table is in the workbook', () => {
  it('takes a cell typed before the first sync as an edit of its row, not as a new row', async () => {
    const server = docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag' }, { title: 'Promenad', type: 'halsodag' }]);
    const { workbook, syncs, docs, ctx } = rig();
    const first = docs.openDoc(ctx);
    await new Promise((r) => setTimeout(r, 0));
    syncs[0]!.syncWith(server);
    const entry = await first;
    await entry.binding?.dispose();
    await workbook.settle();
    const sheet = table(workbook).rows;
    expect(sheet.map((r) => r[1])).toEqual(['Hälsodag', 'Promenad']);

    docs.close(info.id);
    const again = docs.openDoc(ctx);
    // Long enough for a binding made at once to have read and reconciled the table.
    await new Promise((r) => setTimeout(r, 50));
    await workbook.settle();
    // Typed before the document is in: the new doc is empty still.
    workbook.user.type('Test', 'B2', 'Hälsodag i parken');
    await workbook.settle();
    syncs[1]!.syncWith(server);
    const reopened = await again;
    await reopened.binding?.dispose();
    await workbook.settle();
    // What the reopened pane sent since: the typed cell on the row it was typed in.
    Y.applyUpdate(server, Y.encodeStateAsUpdate(reopened.ydoc, Y.encodeStateVector(server)));
    expect(rowsOf(server).map((r) => r.values.title)).toEqual(['Hälsodag i parken', 'Promenad']);
    expect(table(workbook).rows.map((r) => r[1])).toEqual(['Hälsodag i parken', 'Promenad']);
  });
});

describe('isReady', () => {
  it('is ready after the first sync, or offline or refused with an offline copy; never empty before a sync', () => {
    expect(isReady('online', true, true, true)).toBe(true);
    expect(isReady('online', true, true, false)).toBe(true);
    // Not before the offline copy is loaded, synced or not.
    expect(isReady('online', true, false, true)).toBe(false);
    // Connecting: the server's state is on its way.
    expect(isReady('connecting', false, true, true)).toBe(false);
    expect(isReady('reconnecting', false, true, true)).toBe(false);
    // No sync can come now: the offline copy is the document, when there is one.
    expect(isReady('offline', false, true, true)).toBe(true);
    expect(isReady('refused', false, true, true)).toBe(true);
    expect(isReady('offline', false, true, false)).toBe(false);
    expect(isReady('refused', false, true, false)).toBe(false);
  });
});
