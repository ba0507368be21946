/**
 * A new document is one write (SQLite and PostgreSQL). `POST …/copy` and `POST …/documents` stored
 * the new document's state, then its record and audit line: with the audit line refused the answer
 * was 503 but the update rows stayed, with no record. Nobody could list or delete them, and the next
 * copy under the same id was stored on top of them, so last year's rows came twice. Now the state,
 * the record and the line are stored in one transaction (`AppendItem.record`): all, or none.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { createToken } from '../../../server/auth/tokens.js';
import { loadFromStorage } from '../../../server/http/doc-access.js';
import { silentLogger } from '../../../server/logger.js';
import { metaOf, rowCount } from '../../../shared/doc/index.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { refusingPostgres, refusingSqlite, type RefusingStore } from './refusing-store.js';
import { planRow, putDoc, WS } from './support.js';

const AT = '2026-01-15T10:00:00.000Z';
const REFUSED = {
  sv: 'Servern kan inte spara ändringar just nu (databasen vägrade spara den enligt en av sina regler). Inget ändrades; försök igen om en stund.',
  en: 'The server cannot store changes right now (the database refused the write by one of its rules). Nothing was changed; try again in a while.',
};
/** Each route that makes a document, the id it makes, and the rows the new document holds. */
const MAKERS = [
  { url: `/v1/workspaces/${WS}/documents/plan-a/copy`, body: { title: 'Plan 2027' }, id: 'plan-a-2', rows: 2 },
  { url: `/v1/workspaces/${WS}/documents`, body: { kind: 'activity-plan', title: 'Plan B', ownerUnit: 'vc-a', allowDuplicate: true }, id: 'activity-plan-vc-a', rows: 0 },
] as const;

async function nothingHalfMade(store: RefusingStore): Promise<void> {
  const { storage } = store;
  await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: AT });
  await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: null });
  await storage.putMember({ workspace: WS, id: 'kim', name: 'Kim Berg', role: 'coordinator', units: ['vc-a'] });
  await putDoc(storage, 'plan-a', 'activity-plan', 'vc-a', [planRow('Promenadgrupp A'), planRow('Hälsosamtal')], AT);
  const token = (await createToken(storage, { workspace: WS, memberId: 'kim', label: 'test', clock: () => new Date(AT) })).secret;
  const samplan = createApp({ storage, logger: silentLogger(), clock: () => new Date(AT), publicUrl: 'http://samplan.test', syncOptions: { graceMs: 10 } });
  const post = (url: string, body: unknown) =>
    samplan.app.request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const made = async (doc: string) => {
    const ref = { workspace: WS, doc };
    const stored = await storage.loadDoc(ref);
    const loaded = await loadFromStorage(storage, ref);
    return { record: (await storage.getDocRecord(ref))?.title ?? null, updates: stored.updates.length, title: metaOf(loaded)?.title ?? null, rows: rowCount(loaded) };
  };

  try {
    await store.refuse('audit');
    for (const { url, body, id } of MAKERS) {
      const res = await post(url, body);
      const error = ((await res.json()) as { error: { code: string; details: { message: unknown } } }).error;
      expect([url, res.status, error.code, error.details.message]).toEqual([url, 503, 'storage-refused', REFUSED]);
      expect(await made(id)).toEqual({ record: null, updates: 0, title: null, rows: 0 });
    }
    await store.allow();
    for (const { url, body, id, rows } of MAKERS) {
      const res = await post(url, body);
      expect([url, res.status]).toEqual([url, 201]);
      expect(((await res.json()) as { document: { doc: string } }).document.doc).toBe(id);
      expect(await made(id)).toEqual({ record: body.title, updates: 1, title: body.title, rows });
    }
    const lines = (await storage.listAudit(WS, 100)).filter((l) => l.action === 'copy' || l.action === 'create').map((l) => [l.action, l.doc]);
    expect(lines.sort()).toEqual([['copy', 'plan-a-2'], ['create', 'activity-plan-vc-a']]);
  } finally {
    await samplan.close();
  }
}

describe('a copy or a new document whose audit line cannot be stored (SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-new-doc-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores nothing of it, answers 503 in words, and makes it whole once the table takes rows', async () => {
    const store = refusingSqlite(path.join(dir, 'store.db'));
    try {
      await nothingHalfMade(store);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(servicesMissing() !== null)('a copy or a new document whose audit line cannot be stored (PostgreSQL)', () => {
  const server = usePostgres();

  it('stores nothing of it, answers 503 in words, and makes it whole once the table takes rows', async () => {
    const store = await refusingPostgres(await server.createDb('newdocwrite'));
    try {
      await nothingHalfMade(store);
    } finally {
      await store.close();
    }
  }, 60_000);
});
