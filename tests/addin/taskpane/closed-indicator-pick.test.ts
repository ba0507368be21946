/**
 * An indicator picked in the sheet while the pane was closed, in the indicator values of a
 * workspace with indicators of its own (beyond SKR's 22, in its indicator catalog): on reopening
 * it is stored as that indicator's id, whether the catalog is in when the table is reconciled or
 * arrives after it. Read against SKR's 22 alone, its name was unknown and the choice never stored.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentsController } from '../../../addin/taskpane/documents-controller.js';
import type { DocumentInfo, Me } from '../../../addin/taskpane/api-client.js';
import type { EnginePorts, ExcelRun } from '../../../addin/taskpane/ports.js';
import { realPorts } from '../../../addin/taskpane/real-ports.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { createDoc, insertRows, rowsOf } from '../../../shared/doc/index.js';
import { cellAt } from '../excel/helpers.js';
import { fakeHost, FakeSync } from './support.js';

const sara: Me = { memberId: 'm-s', name: 'Sara Samordnare', role: 'coordinator', units: ['region'] };
const info: DocumentInfo = { id: 'plan-test', kind: 'indicator-values', title: 'Test', ownerUnit: 'region', updatedAt: null, archivedAt: null, archivedBy: null };
const documents: DocumentInfo[] = [info, { ...info, id: 'katalog', kind: 'indicator-catalog', title: 'Indikatorkatalog' }];
const units = [{ code: 'vc-tensta', name: 'Tensta vårdcentral', parent: null }];
const INDICATOR = cellAt('indicator-values', 'indicator', 0);

/** A workspace whose catalog connection is in at once, or only when the test says (`catalogLate`). */
function workspace() {
  const catalog = createDoc('indicator-catalog', { title: 'Indikatorkatalog', ownerUnit: 'region', schemaVersion: 1 });
  insertRows(catalog, [{ id: 'vc-far', name: 'Andel FaR följda upp' }, { id: 'vc-hs', name: 'Andel hälsosamtal' }]);
  const server = createDoc('indicator-values', { title: 'Test', ownerUnit: 'region', schemaVersion: 1 });
  insertRows(server, [{ indicator: 'vc-far', unit: 'vc-tensta', period: '2026Q1', kon: 'T', value: 40 }]);
  const workbook = createWorkbook();
  const late: (() => void)[] = [];
  const state = { catalogLate: false };
  const ports: EnginePorts = {
    ...realPorts({ offlineStore: false, lang: () => 'sv' }),
    connect({ doc, docId }) {
      if (docId !== 'katalog') {
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
        doc.on('update', (u: Uint8Array) => Y.applyUpdate(server, u));
        return new FakeSync();
      }
      const arrive = (): void => Y.applyUpdate(doc, Y.encodeStateAsUpdate(catalog));
      if (!state.catalogLate) return arrive(), new FakeSync();
      const whenReady = new Promise<void>((resolve) => late.push(() => (arrive(), resolve())));
      return Object.assign(new FakeSync(), { whenReady });
    },
  };
  const run = ((batch: never) => workbook.run(batch)) as unknown as ExcelRun;
  const open = async (): Promise<DocumentsController> => {
    const pane = new DocumentsController(fakeHost(), ports);
    await pane.openDoc({ serverUrl: 'http://x', token: 't', workspace: 'hbi', info, me: sara, units, lang: 'sv', run, documents });
    await workbook.settle();
    return pane;
  };
  return { server, workbook, state, open, catalogArrives: () => late.splice(0).forEach((f) => f()) };
}

describe('an indicator of the workspace’s own picked while the pane was closed', () => {
  it.each([
    ['in when the table is reconciled', false],
    ['arriving after the table is reconciled', true],
  ])('is stored as its id on reopening, the catalog %s', async (_, catalogLate) => {
    const w = workspace();
    const first = await w.open();
    await expect.poll(() => w.workbook.readText('Test', INDICATOR)[0]?.[0], { timeout: 10_000 }).toBe('Andel FaR följda upp');
    await first.entry('plan-test')?.binding?.dispose();
    first.closeAll();
    await w.workbook.settle();

    w.workbook.user.type('Test', INDICATOR, 'Andel hälsosamtal');
    await w.workbook.settle();
    w.state.catalogLate = catalogLate;
    const pane = await w.open();
    // Before the catalog is in, the name is neither read as unknown nor written over.
    expect(rowsOf(w.server)[0]?.values.indicator).toBe(catalogLate ? 'vc-far' : 'vc-hs');
    w.catalogArrives();
    await expect.poll(() => rowsOf(w.server)[0]?.values.indicator, { timeout: 5000 }).toBe('vc-hs');
    await w.workbook.settle();
    expect(w.workbook.readText('Test', INDICATOR)).toEqual([['Andel hälsosamtal']]);
    // Problems are worked out again a moment after the merge (the note that the cell waited goes then).
    await expect.poll(() => pane.problems().filter((p) => p.column === 'indicator'), { timeout: 5000 }).toEqual([]);
    pane.closeAll();
  });
});
