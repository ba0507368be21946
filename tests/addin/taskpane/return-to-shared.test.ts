/**
 * Returning a document to the shared version drops what this pane holds beyond the server's
 * version only once its table is out of the workbook; a refusal by Excel on the way leaves the
 * document, its changes and its binding as they were.
 */
import { describe, expect, it } from 'vitest';
import { DocumentsController } from '../../../addin/taskpane/documents-controller.js';
import type { DocumentInfo, Me } from '../../../addin/taskpane/api-client.js';
import type { EnginePorts } from '../../../addin/taskpane/ports.js';
import { hasRefusedChanges } from '../../../addin/taskpane/refused-changes-actions.js';
import { fakeHost, fakePorts } from './support.js';

const info: DocumentInfo = { id: 'plan-t', kind: 'activity-plan', title: 'Aktivitetsplan Tensta', ownerUnit: 'vc-tensta', updatedAt: null, archivedAt: null, archivedBy: null };
const editor: Me = { memberId: 'm-t', name: 'Tina Tensta', role: 'editor', units: ['vc-tensta'] };
const viewer: Me = { ...editor, role: 'viewer' };
const run = (async () => undefined) as never;

/** Fake engines whose binding can be removed and whose connection can be discarded, each failing on demand. */
function engines(fail: { remove?: boolean; discard?: boolean } = {}, kept: string | null = null) {
  const { ports, record } = fakePorts();
  const steps: string[] = [];
  const withSteps: EnginePorts = {
    ...ports,
    connect(options) {
      const sync = ports.connect(options);
      return Object.assign(sync, {
        async discard() {
          steps.push('discard');
          if (fail.discard) throw new Error('IndexedDB refused');
        },
      });
    },
    async bind(...args) {
      const handle = await ports.bind(...args);
      return {
        ...handle,
        dispose: () => void steps.push('dispose'),
        async remove() {
          steps.push('remove');
          if (fail.remove) throw new Error('Excel refused');
          return kept;
        },
      };
    },
  };
  return { ports: withSteps, record, steps };
}

async function opened(fail: { remove?: boolean; discard?: boolean } = {}, kept: string | null = null) {
  const e = engines(fail, kept);
  const docs = new DocumentsController(fakeHost(), e.ports);
  await docs.openDoc({ serverUrl: 'http://x', token: 't', workspace: 'hbi', info, me: editor, lang: 'sv', run });
  e.record.connects[0]!.sync.set({ status: 'refused', pending: 2, refusal: 'Din roll får läsa men inte ändra dokumentet' });
  return { docs, ...e };
}

describe('DocumentsController.returnToShared', () => {
  it('takes the table out, deletes the offline copy, then opens the document again from the server with the rights given', async () => {
    const { docs, record, steps } = await opened();
    const before = record.connects[0]!;
    await docs.returnToShared('plan-t', { me: viewer });
    expect(steps).toEqual(['dispose', 'remove', 'discard']);
    expect(record.connects).toHaveLength(2);
    expect(record.connects[1]!.doc).not.toBe(before.doc);
    expect(record.binds.at(-1)).toMatchObject({ docId: 'plan-t', readOnly: true });
    expect(docs.active?.sync.state().pending).toBe(0);
    expect(docs.problems().filter((p) => p.code === 'refused')).toEqual([]);
  });

  it('binds again on the sheet the table was taken from, once, so the tab keeps its place', async () => {
    const { docs, record } = await opened({}, 'Aktivitetsplan Tensta');
    expect(record.binds[0]).not.toHaveProperty('sheetName');
    await docs.returnToShared('plan-t', { me: viewer });
    expect(record.binds).toHaveLength(2);
    expect(record.binds[1]).toMatchObject({ docId: 'plan-t', sheetName: 'Aktivitetsplan Tensta' });
    // A later opening of the document is not sent to that sheet again.
    docs.close('plan-t');
    await docs.openDoc({ serverUrl: 'http://x', token: 't', workspace: 'hbi', info, me: editor, lang: 'sv', run });
    expect(record.binds[2]).not.toHaveProperty('sheetName');
  });

  it('binds on a new tab when taking the table out left no sheet for it', async () => {
    const { docs, record } = await opened({}, null);
    await docs.returnToShared('plan-t', { me: viewer });
    expect(record.binds[1]).not.toHaveProperty('sheetName');
  });

  it('when Excel refuses to take the table out, keeps the document, its changes and its connection, and binds it again', async () => {
    const { docs, record, steps } = await opened({ remove: true });
    const entry = docs.active!;
    await expect(docs.returnToShared('plan-t', { me: viewer })).rejects.toThrow('Excel refused');
    expect(steps).toEqual(['dispose', 'remove']);
    expect(record.connects).toHaveLength(1);
    expect(record.connects[0]!.sync.destroyed).toBe(false);
    expect(docs.active).toBe(entry);
    expect(entry.sync.state().pending).toBe(2);
    expect(record.binds.map((b) => b.readOnly)).toEqual([false, false]);
    expect(entry.binding).not.toBeNull();
  });

  it('when the offline copy cannot be deleted, opens the document again (from that copy) and says so', async () => {
    const { docs, record, steps } = await opened({ discard: true });
    await expect(docs.returnToShared('plan-t', { me: viewer })).rejects.toThrow('IndexedDB refused');
    expect(steps).toEqual(['dispose', 'remove', 'discard']);
    expect(record.connects).toHaveLength(2);
    expect(docs.isOpen('plan-t')).toBe(true);
  });
});

describe('hasRefusedChanges', () => {
  it('offers the two actions for changes refused for good, not for a lapsed sign-in or changes on their way', async () => {
    const { docs, record } = await opened();
    const entry = docs.active!;
    const sync = record.connects[0]!.sync;
    expect(hasRefusedChanges(entry)).toBe(false);
    for (const closeCode of [4403, 4423, 4422]) {
      sync.set({ status: 'refused', pending: 1, closeCode });
      expect(hasRefusedChanges(entry), String(closeCode)).toBe(true);
    }
    sync.set({ status: 'refused', pending: 1, closeCode: 4401 });
    expect(hasRefusedChanges(entry)).toBe(false);
    sync.set({ status: 'offline', pending: 3, closeCode: null });
    expect(hasRefusedChanges(entry)).toBe(false);
    sync.set({ status: 'refused', pending: 0, closeCode: 4403 });
    expect(hasRefusedChanges(entry)).toBe(false);
    // A copy of a deleted document whose id a new one took: refused whole, with or without changes here.
    sync.set({ status: 'refused', pending: 0, closeCode: 4410 });
    expect(hasRefusedChanges(entry)).toBe(true);
  });
});
