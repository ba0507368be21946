/**
 * The pane reopened over a workbook whose plan stores its partner by id, while the workspace's
 * partner list has not synced yet: the sheet's "Tensta IF" is not read as the partner itself, so
 * the id stays in the plan, before and after the list arrives.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentsController } from '../../../addin/taskpane/documents-controller.js';
import type { DocumentInfo, Me } from '../../../addin/taskpane/api-client.js';
import type { EnginePorts, ExcelRun } from '../../../addin/taskpane/ports.js';
import { realPorts } from '../../../addin/taskpane/real-ports.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { insertRows, rowsOf } from '../../../shared/doc/index.js';
import { cellAt, docWith } from '../excel/helpers.js';
import { fakeHost, FakeSync } from './support.js';

const tina: Me = { memberId: 'tina', name: 'Tina Tensta', role: 'editor', units: ['vc-test'] };
const info: DocumentInfo = { id: 'plan-test', kind: 'activity-plan', title: 'Plan Tensta 2026', ownerUnit: 'vc-test', updatedAt: null, archivedAt: null, archivedBy: null };

it('keeps a partner stored by id when the plan is reopened before the partner list has synced', async () => {
  const partners = docWith('partners', []);
  const [tensta] = insertRows(partners, [{ name: 'Tensta IF' }, { name: 'Försäkringskassan' }]) as [string, string];
  const server = docWith('activity-plan', [{ title: 'Hälsodag i Tensta', type: 'halsodag', partner: tensta }]);
  const workbook = createWorkbook();
  const run = ((batch: never) => workbook.run(batch)) as unknown as ExcelRun;
  // The partner list's connection: its doc is filled only when the test says it has arrived.
  const partnerDocs: Y.Doc[] = [];
  const ports: EnginePorts = {
    ...realPorts({ offlineStore: false, lang: () => 'sv' }),
    connect({ doc, docId }) {
      if (docId === 'partners-1') partnerDocs.push(doc);
      else {
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
        // What the pane writes reaches the server's copy.
        doc.on('update', (u: Uint8Array) => Y.applyUpdate(server, u));
      }
      return new FakeSync();
    },
  };
  const documents: DocumentInfo[] = [info, { ...info, id: 'partners-1', kind: 'partners', title: 'Samverkansaktörer' }];
  const first = new DocumentsController(fakeHost(), ports);
  const open = (docs: DocumentsController) => docs.openDoc({ serverUrl: 'http://x', token: 't', workspace: 'hbi', info, me: tina, units: [], lang: 'sv', run, documents });
  await open(first);
  for (const doc of partnerDocs) Y.applyUpdate(doc, Y.encodeStateAsUpdate(partners));
  await workbook.settle();
  await expect.poll(() => workbook.readText('Test', cellAt('activity-plan', 'partner', 0))[0]?.[0], { timeout: 10_000 }).toBe('Tensta IF');
  await expect.poll(async () => (await workbook.run(async (c) => { const s = c.workbook.settings.getItemOrNullObject('samplan:plan-test').load('value'); await c.sync(); return !s.isNullObject; })), { timeout: 10_000 }).toBe(true);
  first.closeAll();
  await workbook.settle();

  // The pane opened again; the partner list's connection is slow.
  partnerDocs.length = 0;
  const pane = new DocumentsController(fakeHost(), ports);
  await open(pane);
  await workbook.settle();
  expect(rowsOf(server)[0]?.values.partner).toBe(tensta);
  expect(workbook.readText('Test', cellAt('activity-plan', 'partner', 0))).toEqual([['Tensta IF']]);

  for (const doc of partnerDocs) Y.applyUpdate(doc, Y.encodeStateAsUpdate(partners));
  await workbook.settle();
  await workbook.settle();
  expect(rowsOf(server)[0]?.values.partner).toBe(tensta);
  expect(rowsOf(pane.entry('plan-test')!.ydoc)[0]?.values.partner).toBe(tensta);
  expect(workbook.readText('Test', cellAt('activity-plan', 'partner', 0))).toEqual([['Tensta IF']]);
  pane.closeAll();
});
