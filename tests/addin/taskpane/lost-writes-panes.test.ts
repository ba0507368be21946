/**
 * Two panes, each with its workbook (the Excel emulator), on one document. What a person typed
 * and a colleague's change took away before the colleague could have seen it is said in Problems
 * in words (row, column, their text, the value kept) with their text to copy; on the old code
 * the text was gone from the sheet and nothing was said.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentsController } from '../../../addin/taskpane/documents-controller.js';
import type { DocumentInfo, Me } from '../../../addin/taskpane/api-client.js';
import type { EnginePorts, ExcelRun } from '../../../addin/taskpane/ports.js';
import { realPorts } from '../../../addin/taskpane/real-ports.js';
import { bindTable } from '../../../addin/excel/bind-table.js';
import type { DocKind } from '../../../shared/schema/types.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { deleteRow, getRow, rowsOf } from '../../../shared/doc/index.js';
import { cellAt, docWith } from '../excel/helpers.js';
import { fakeHost, FakeSync } from './support.js';

const tina: Me = { memberId: 'tina', name: 'Tina Tensta', role: 'editor', units: ['vc-test'] };
const info: DocumentInfo = { id: 'plan-test', kind: 'activity-plan', title: 'Test', ownerUnit: 'vc-test', updatedAt: null, archivedAt: null, archivedBy: null };

/** A connection to `server` that exchanges state only when the test says so, as a socket would. */
class TestSync extends FakeSync {
  /** The server holds this pane's own changes below this clock (as the gate learns it). */
  private held = 0;
  constructor(
    readonly doc: Y.Doc,
    private readonly server: Y.Doc,
  ) {
    super();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    this.held = Y.getState(server.store, doc.clientID);
  }
  serverHas(id: Y.ID): boolean {
    return id.client !== this.doc.clientID || id.clock < this.held;
  }
  /** A reconnect: the server's state comes in first, then this pane's changes go out and are taken. */
  exchange(): void {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(this.server, Y.encodeStateVector(this.doc)));
    Y.applyUpdate(this.server, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(this.server)));
    this.held = Y.getState(this.server.store, this.doc.clientID);
  }
  /** This pane's changes go out and are taken (the server's state is not fetched). */
  send(): void {
    Y.applyUpdate(this.server, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(this.server)));
    this.held = Y.getState(this.server.store, this.doc.clientID);
  }
}

async function pane(server: Y.Doc) {
  const workbook = createWorkbook();
  const run = ((batch: never) => workbook.run(batch)) as unknown as ExcelRun;
  let sync: TestSync | null = null;
  let flush: () => Promise<void> = async () => undefined;
  const real = realPorts({ offlineStore: false, lang: () => 'sv' });
  const ports: EnginePorts = {
    ...real,
    connect({ doc }) {
      sync = new TestSync(doc, server);
      return sync;
    },
    // The pane's own binding, with its flush kept to wait for typed cells.
    async bind(run, doc, kind, options) {
      const binding = await bindTable(run, doc, kind as DocKind, { ...options, onProblems: (p) => options.onProblems([...p]) });
      flush = () => binding.flush();
      return { selectCell: (rowId, column) => binding.selectCell(rowId, column), dispose: () => binding.dispose() };
    },
  };
  const docs = new DocumentsController(fakeHost(), ports);
  const entry = await docs.openDoc({ serverUrl: 'http://x', token: 't', workspace: 'hbi', info, me: tina, units: [], lang: 'sv', run });
  /** Until the workbook and the binding are idle: typed cells are in the doc, the doc's changes in the sheet. */
  const settle = async (): Promise<void> => {
    await workbook.settle();
    await flush();
    await workbook.settle();
  };
  await settle();
  return { workbook, docs, entry, settle, sync: sync as unknown as TestSync };
}


describe('two people type in one cell at once', () => {
  it('tells the person whose text Yjs dropped, naming row, column, their text and the value kept; the other is told nothing', async () => {
    const server = docWith('activity-plan', [{ title: 'Hälsodag i Tensta', type: 'halsodag' }, { title: 'Promenad', type: 'halsodag' }]);
    const a = await pane(server);
    const b = await pane(server);
    const targetGroup = cellAt('activity-plan', 'targetGroup', 0);
    a.workbook.user.type('Test', targetGroup, 'Föräldrar på förskolan');
    b.workbook.user.type('Test', targetGroup, 'Seniorer i Tensta');
    await a.settle();
    await b.settle();
    a.sync.send();
    b.sync.exchange();
    a.sync.exchange();
    await a.settle();
    await b.settle();
    const rowId = rowsOf(server)[0]!.id;
    const kept = getRow(server, rowId)?.values.targetGroup;
    expect(['Föräldrar på förskolan', 'Seniorer i Tensta']).toContain(kept);
    const [loser, winner, mine] = kept === 'Seniorer i Tensta' ? [a, b, 'Föräldrar på förskolan'] : [b, a, 'Seniorer i Tensta'];
    const told = loser.docs.problems().filter((p) => p.code === 'overwritten-at-once');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ rowId, column: 'targetGroup', copyText: mine });
    expect(told[0]!.message.sv).toContain('”Hälsodag i Tensta”');
    expect(told[0]!.message.sv).toContain(`”${mine}”`);
    expect(told[0]!.message.sv).toContain(`”${kept}”`);
    expect(told[0]!.message.en).toContain(`“${mine}”`);
    expect(winner.docs.problems().filter((p) => p.code === 'overwritten-at-once')).toEqual([]);
  });

  it('says nothing when a colleague changes a cell after seeing the person’s text', async () => {
    const server = docWith('activity-plan', [{ title: 'Hälsodag i Tensta', type: 'halsodag' }]);
    const a = await pane(server);
    const b = await pane(server);
    const targetGroup = cellAt('activity-plan', 'targetGroup', 0);
    a.workbook.user.type('Test', targetGroup, 'Föräldrar på förskolan');
    await a.settle();
    a.sync.send();
    b.sync.exchange();
    await b.settle();
    b.workbook.user.type('Test', targetGroup, 'Seniorer i Tensta');
    await b.settle();
    b.sync.send();
    a.sync.exchange();
    await a.settle();
    expect(getRow(a.entry.ydoc, rowsOf(server)[0]!.id)?.values.targetGroup).toBe('Seniorer i Tensta');
    expect(a.docs.problems().filter((p) => p.code === 'overwritten-at-once')).toEqual([]);
  });
});

describe('an edit made offline in a row a colleague deleted', () => {
  it('names the row and shows the lost text, to be typed again', async () => {
    const server = docWith('activity-plan', [{ title: 'Hälsodag i Tensta', type: 'halsodag' }, { title: 'Promenad', type: 'halsodag' }]);
    const a = await pane(server);
    const rowId = rowsOf(server)[0]!.id;
    a.workbook.user.type('Test', cellAt('activity-plan', 'targetGroup', 0), 'Föräldrar på förskolan');
    await a.settle();
    // Meanwhile a colleague deletes the row on the server.
    deleteRow(server, rowId);
    a.sync.exchange();
    await a.settle();
    expect(getRow(a.entry.ydoc, rowId)).toBeUndefined();
    const told = a.docs.problems().filter((p) => p.code === 'row-deleted-unsent');
    expect(told).toHaveLength(1);
    expect(told[0]!.message.sv).toContain('Raden ”Hälsodag i Tensta” togs bort');
    expect(told[0]!.message.sv).toContain('Målgrupp: ”Föräldrar på förskolan”');
    expect(told[0]!.copyText?.split('\t')).toContain('Föräldrar på förskolan');
  });

  it('says nothing of a row deleted after the server had the person’s edit', async () => {
    const server = docWith('activity-plan', [{ title: 'Hälsodag i Tensta', type: 'halsodag' }, { title: 'Promenad', type: 'halsodag' }]);
    const a = await pane(server);
    const rowId = rowsOf(server)[0]!.id;
    a.workbook.user.type('Test', cellAt('activity-plan', 'targetGroup', 0), 'Föräldrar på förskolan');
    await a.settle();
    a.sync.send();
    deleteRow(server, rowId);
    a.sync.exchange();
    await a.settle();
    expect(a.docs.problems().filter((p) => p.code === 'row-deleted-unsent')).toEqual([]);
  });
});

describe('a told loss goes once the person has typed the text again', () => {
  it('drops the overwritten cell’s problem when that cell holds the person’s text again, not before', async () => {
    const server = docWith('activity-plan', [{ title: 'Hälsodag i Tensta', type: 'halsodag' }]);
    const a = await pane(server);
    const b = await pane(server);
    const targetGroup = cellAt('activity-plan', 'targetGroup', 0);
    b.workbook.user.type('Test', targetGroup, 'Seniorer i Tensta');
    a.workbook.user.type('Test', targetGroup, 'Föräldrar på förskolan');
    await a.settle();
    await b.settle();
    a.sync.send();
    b.sync.exchange();
    a.sync.exchange();
    await a.settle();
    await b.settle();
    const kept = getRow(server, rowsOf(server)[0]!.id)?.values.targetGroup;
    const [loser, mine] = kept === 'Seniorer i Tensta' ? [a, 'Föräldrar på förskolan'] : [b, 'Seniorer i Tensta'];
    const told = (): number => loser.docs.problems().filter((p) => p.code === 'overwritten-at-once').length;
    expect(told()).toBe(1);
    // Another text in the cell is not the person's text again: the problem stays.
    loser.workbook.user.type('Test', targetGroup, 'Alla');
    await loser.settle();
    expect(told()).toBe(1);
    loser.workbook.user.type('Test', targetGroup, mine);
    await loser.settle();
    expect(told()).toBe(0);
  });

  it('drops a deleted row’s problem when a row added again holds the lost text', async () => {
    const server = docWith('activity-plan', [{ title: 'Hälsodag i Tensta', type: 'halsodag' }, { title: 'Promenad', type: 'halsodag' }]);
    const a = await pane(server);
    const rowId = rowsOf(server)[0]!.id;
    a.workbook.user.type('Test', cellAt('activity-plan', 'targetGroup', 0), 'Föräldrar på förskolan');
    await a.settle();
    deleteRow(server, rowId);
    a.sync.exchange();
    await a.settle();
    const told = (): number => a.docs.problems().filter((p) => p.code === 'row-deleted-unsent').length;
    expect(told()).toBe(1);
    // The row added again below the table, the lost text typed in its column.
    a.workbook.user.type('Test', cellAt('activity-plan', 'title', 1), 'Hälsodag i Tensta');
    await a.settle();
    expect(told()).toBe(1);
    a.workbook.user.type('Test', cellAt('activity-plan', 'targetGroup', 1), 'Föräldrar på förskolan');
    await a.settle();
    expect(rowsOf(a.entry.ydoc).some((r) => r.values.targetGroup === 'Föräldrar på förskolan')).toBe(true);
    expect(told()).toBe(0);
  });

  it('drops a problem the person closes, and only that one', async () => {
    const server = docWith('activity-plan', [{ title: 'Hälsodag i Tensta', type: 'halsodag' }, { title: 'Promenad', type: 'halsodag' }]);
    const a = await pane(server);
    const [first, second] = rowsOf(server).map((r) => r.id) as [string, string];
    a.workbook.user.type('Test', cellAt('activity-plan', 'targetGroup', 0), 'Föräldrar på förskolan');
    a.workbook.user.type('Test', cellAt('activity-plan', 'targetGroup', 1), 'Seniorer');
    await a.settle();
    deleteRow(server, first);
    deleteRow(server, second);
    a.sync.exchange();
    await a.settle();
    const told = () => a.docs.problems().filter((p) => p.code === 'row-deleted-unsent');
    expect(told()).toHaveLength(2);
    const [closed, kept] = told() as [Problem, Problem];
    a.docs.dismissLost(closed);
    expect(told()).toEqual([kept]);
  });
});
