/**
 * After signing in, Problems names the bound documents whose sheets hold edits made while the
 * pane was closed, and says that opening the document sends them; opening it sends them and the
 * note goes. On the old code nothing was said before the document was opened.
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

it('names a bound document edited while the pane was closed, and the note goes once it is opened and the edit sent', async () => {
  const server = docWith('activity-plan', [{ title: 'Hälsodag i Tensta', type: 'halsodag' }]);
  const workbook = createWorkbook();
  const run = ((batch: never) => workbook.run(batch)) as unknown as ExcelRun;
  let ydoc: Y.Doc | null = null;
  const ports: EnginePorts = {
    ...realPorts({ offlineStore: false, lang: () => 'sv' }),
    connect({ doc }) {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
      ydoc = doc;
      return new FakeSync();
    },
  };
  const docs = new DocumentsController(fakeHost(), ports);
  const open = () => docs.openDoc({ serverUrl: 'http://x', token: 't', workspace: 'hbi', info, me: tina, units: [], lang: 'sv', run });
  await open();
  await workbook.settle();
  // Let the binding store the last-synced state, then close the pane.
  await expect.poll(async () => (await workbook.run(async (c) => { const s = c.workbook.settings.getItemOrNullObject('samplan:plan-test').load('value'); await c.sync(); return !s.isNullObject; })), { timeout: 10_000 }).toBe(true);
  docs.closeAll();
  await workbook.settle();
  workbook.user.type('Test', cellAt('activity-plan', 'targetGroup', 0), 'Seniorer');
  await workbook.settle();
  // Signed in again: the workspace's documents are listed.
  await docs.closedEdits.check(run, [info], (id) => docs.isOpen(id), () => undefined);
  const notes = docs.problems().filter((p) => p.code === 'edited-while-closed');
  expect(notes).toHaveLength(1);
  // Its group in Problems is titled by the document, which is not open.
  expect(docs.closedEdits.titled()).toEqual([{ id: 'plan-test', title: 'Plan Tensta 2026', kind: 'activity-plan' }]);
  expect(notes[0]!.message.sv).toBe('Bladet ”Test” har 1 rad som ändrades medan Samplan var stängt och som inte har skickats än. De skickas när du öppnar dokumentet ”Plan Tensta 2026”.');
  await open();
  await workbook.settle();
  expect(rowsOf(ydoc!)[0]!.values.targetGroup).toBe('Seniorer');
  expect(docs.problems().filter((p) => p.code === 'edited-while-closed')).toEqual([]);
});

it('names a partner chosen in its dropdown while the pane was closed, once the partner list it is read with has arrived', async () => {
  const partners = docWith('partners', []);
  const [tensta, kassan] = insertRows(partners, [{ name: 'Tensta IF' }, { name: 'Försäkringskassan' }]) as [string, string];
  const server = docWith('activity-plan', [{ title: 'Hälsodag i Tensta', type: 'halsodag', partner: tensta }]);
  const workbook = createWorkbook();
  const run = ((batch: never) => workbook.run(batch)) as unknown as ExcelRun;
  // The partner list's connection: its doc is filled only when the test says it has arrived.
  const partnerDocs: Y.Doc[] = [];
  const ports: EnginePorts = {
    ...realPorts({ offlineStore: false, lang: () => 'sv' }),
    connect({ doc, docId }) {
      if (docId === 'partners-1') partnerDocs.push(doc);
      else Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
      return new FakeSync();
    },
  };
  const documents: DocumentInfo[] = [info, { ...info, id: 'partners-1', kind: 'partners', title: 'Samverkansaktörer' }];
  const docs = new DocumentsController(fakeHost(), ports);
  await docs.openDoc({ serverUrl: 'http://x', token: 't', workspace: 'hbi', info, me: tina, units: [], lang: 'sv', run, documents });
  for (const doc of partnerDocs) Y.applyUpdate(doc, Y.encodeStateAsUpdate(partners));
  await workbook.settle();
  await expect.poll(() => workbook.readText('Test', cellAt('activity-plan', 'partner', 0))[0]?.[0], { timeout: 10_000 }).toBe('Tensta IF');
  await expect.poll(async () => (await workbook.run(async (c) => { const s = c.workbook.settings.getItemOrNullObject('samplan:plan-test').load('value'); await c.sync(); return !s.isNullObject; })), { timeout: 10_000 }).toBe(true);
  docs.closeAll();
  await workbook.settle();
  workbook.user.type('Test', cellAt('activity-plan', 'partner', 0), 'Försäkringskassan');
  await workbook.settle();

  // The pane opened again and signed in: the partner list is not in yet, so the cell cannot be read and nothing is said.
  partnerDocs.length = 0;
  const pane = new DocumentsController(fakeHost(), ports);
  let changes = 0;
  await pane.checkClosedEdits(run, documents, { serverUrl: 'http://x', token: 't', workspace: 'hbi', lang: 'sv', units: [] }, () => changes++);
  expect([partnerDocs.length, pane.problems().filter((p) => p.code === 'edited-while-closed')]).toEqual([1, []]);
  // The partner list arrives: the check runs again and names the row.
  Y.applyUpdate(partnerDocs[0]!, Y.encodeStateAsUpdate(partners));
  await expect.poll(() => pane.problems().filter((p) => p.code === 'edited-while-closed').length, { timeout: 5000 }).toBe(1);
  expect(changes).toBe(2);
  expect(pane.problems().find((p) => p.code === 'edited-while-closed')?.message.sv).toBe('Bladet ”Test” har 1 rad som ändrades medan Samplan var stängt och som inte har skickats än. De skickas när du öppnar dokumentet ”Plan Tensta 2026”.');
  // Opening it sends the partner chosen, as its id.
  await pane.openDoc({ serverUrl: 'http://x', token: 't', workspace: 'hbi', info, me: tina, units: [], lang: 'sv', run, documents });
  await workbook.settle();
  await expect.poll(() => rowsOf(pane.entry('plan-test')!.ydoc)[0]?.values.partner, { timeout: 5000 }).toBe(kassan);
  expect(pane.problems().filter((p) => p.code === 'edited-while-closed')).toEqual([]);
  pane.closeAll();
});
