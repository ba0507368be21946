/**
 * A rename leaves nothing half-done (SQLite and PostgreSQL). `PATCH .../documents/:doc` wrote the
 * title into the document, then the renamed record with its audit line: with the audit table
 * refusing rows the document's title was changed, the record not renamed and no line stored. Now
 * the record and its line are stored first (both or neither), then the title; a refused line changes
 * nothing, and a refused title write puts the record back with a `rename-undone` line. Once the
 * tables take rows, the same rename renames both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { createToken } from '../../../server/auth/tokens.js';
import { loadFromStorage } from '../../../server/http/doc-access.js';
import { silentLogger } from '../../../server/logger.js';
import { metaOf } from '../../../shared/doc/index.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { refusingPostgres, refusingSqlite, type RefusingStore } from './refusing-store.js';
import { planRow, putDoc, WS } from './support.js';

const AT = '2026-01-15T10:00:00.000Z';
const ref = { workspace: WS, doc: 'plan-a' };

async function renameLeavesNothingHalfDone(store: RefusingStore): Promise<void> {
  const { storage } = store;
  await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: AT });
  await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: null });
  await storage.putMember({ workspace: WS, id: 'kim', name: 'Kim Berg', role: 'coordinator', units: ['vc-a'] });
  await putDoc(storage, ref.doc, 'activity-plan', 'vc-a', [planRow('Promenadgrupp A')], AT);
  const token = (await createToken(storage, { workspace: WS, memberId: 'kim', label: 'test', clock: () => new Date(AT) })).secret;
  const samplan = createApp({ storage, logger: silentLogger(), clock: () => new Date(AT), publicUrl: 'http://samplan.test', syncOptions: { graceMs: 10 } });
  const rename = () =>
    samplan.app.request(`/v1/workspaces/${WS}/documents/${ref.doc}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Plan 2026' }),
    });
  const titles = async () => [(await storage.getDocRecord(ref))?.title, metaOf(await loadFromStorage(storage, ref))?.title];
  const lines = async () => (await storage.listAudit(WS, 100)).filter((l) => l.action.startsWith('rename')).map((l) => l.action);

  try {
    const before = await titles();
    await store.refuse('audit');
    const refused = await rename();
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([503, 'storage-refused']);
    expect(await titles()).toEqual(before);
    expect(await lines()).toEqual([]);
    await store.allow();

    await store.refuse('updates');
    expect((await rename()).status).toBe(503);
    expect(await titles()).toEqual(before);
    expect(await lines()).toEqual(['rename-undone', 'rename']);
    await store.allow();

    expect((await rename()).status).toBe(200);
    expect(await titles()).toEqual(['Plan 2026', 'Plan 2026']);
    expect(await lines()).toEqual(['rename', 'rename-undone', 'rename']);
  } finally {
    await samplan.close();
  }
}

describe('a rename whose audit line or title write cannot be stored (SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-rename-audit-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves the record, the document and the lines agreeing, and renames both once the tables take rows', async () => {
    const store = refusingSqlite(path.join(dir, 'store.db'));
    try {
      await renameLeavesNothingHalfDone(store);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(servicesMissing() !== null)('a rename whose audit line or title write cannot be stored (PostgreSQL)', () => {
  const server = usePostgres();

  it('leaves the record, the document and the lines agreeing, and renames both once the tables take rows', async () => {
    const store = await refusingPostgres(await server.createDb('renameaudit'));
    try {
      await renameLeavesNothingHalfDone(store);
    } finally {
      await store.close();
    }
  }, 60_000);
});
