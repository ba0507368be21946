import { describe, expect, it } from 'vitest';
import { DocumentsController } from '../../../addin/taskpane/documents-controller.js';
import type { DocumentInfo, Me } from '../../../addin/taskpane/api-client.js';
import { fakeHost, fakePorts } from './support.js';

const info: DocumentInfo = { id: 'plan-t', kind: 'activity-plan', title: 'Aktivitetsplan Tensta', ownerUnit: 'vc-tensta', updatedAt: null, archivedAt: null, archivedBy: null };
const me: Me = { memberId: 'm-t', name: 'Tina Tensta', role: 'editor', units: ['vc-tensta'] };
const run = (async () => undefined) as never;

describe('an open document archived or restored by an admin', () => {
  it('opens again protected with "Arkiverad av … den …", then writable again, and says so in Problems', async () => {
    const { ports, record } = fakePorts();
    const docs = new DocumentsController(fakeHost(), ports);
    await docs.openDoc({ serverUrl: 'http://x', token: 't', workspace: 'hbi', info, me, lang: 'sv', run });
    expect(record.binds.at(-1)?.readOnly).toBe(false);
    record.connects[0]?.sync.docState({ archivedAt: '2026-12-01T10:00:00.000Z', archivedBy: 'Anna Admin' });
    await new Promise((r) => setTimeout(r, 0));
    expect(record.connects[0]?.sync.destroyed).toBe(true);
    expect(record.binds.at(-1)).toMatchObject({ docId: 'plan-t', readOnly: true });
    const archived = docs.active;
    expect(archived?.readOnly).toBe(true);
    expect(archived?.readOnlyReason?.sv).toMatch(/^Arkiverad av Anna Admin den 1 december 2026/);
    expect(docs.problems().map((p) => p.message.sv)).toEqual([expect.stringMatching(/^Arkiverad av Anna Admin/)]);
    // The same state again (the rights poll repeats it) changes nothing.
    record.connects[1]?.sync.docState({ archivedAt: '2026-12-01T10:00:00.000Z', archivedBy: 'Anna Admin' });
    await new Promise((r) => setTimeout(r, 0));
    expect(record.connects).toHaveLength(2);
    record.connects[1]?.sync.docState({ archivedAt: null, archivedBy: null });
    await new Promise((r) => setTimeout(r, 0));
    expect(record.binds.at(-1)).toMatchObject({ docId: 'plan-t', readOnly: false });
    expect(docs.active?.readOnly).toBe(false);
    expect(docs.problems().map((p) => p.message.sv)).toEqual([expect.stringMatching(/återställts/)]);
  });
});
