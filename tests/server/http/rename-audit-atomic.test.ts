/**
 * A rename is one write (SQLite and PostgreSQL). `PATCH .../documents/:doc` stored the record and
 * its audit line, then the document's title, and put the record back (a `rename-undone` line) when
 * the title write failed: two writes, and an undo that restored the record read at the request's
 * start. Now the title update, the renamed record and its `rename` line (who, the old and the new
 * title) are stored in one transaction (`AppendItem.record`): with the audit or the update table
 * refusing rows nothing changes and the answer is 503 in words; once the tables take rows, the same
 * rename renames both, with one line.
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
    for (const table of ['audit', 'updates'] as const) {
      await store.refuse(table);
      const refused = await rename();
      expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([503, 'storage-refused']);
      expect(await titles()).toEqual(before);
      expect(await lines()).toEqual([]);
      await store.allow();
    }

    expect((await rename()).status).toBe(200);
    expect(await titles()).toEqual(['Plan 2026', 'Plan 2026']);
    expect(await lines()).toEqual(['rename']);
    expect((await storage.listAudit(WS, 100)).find((l) => l.action === 'rename')).toMatchObject({ memberId: 'kim', detail: `"${before[0]}" → "Plan 2026"` });
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
