/**
 * A Kolada import and its audit line are one write (SQLite and PostgreSQL). `POST
 * .../indicators/kolada` stored the values with no audit line at all. Now its `import` line (who,
 * the body's size, its counts) is stored in the transaction of the values, at the time of the
 * change; with the audit table refusing rows the import is refused whole, answered in words, and
 * the document is as it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { createToken } from '../../../server/auth/tokens.js';
import { loadFromStorage } from '../../../server/http/doc-access.js';
import { silentLogger } from '../../../server/logger.js';
import { rowsOf } from '../../../shared/doc/index.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { refusingPostgres, refusingSqlite, type RefusingStore } from './refusing-store.js';
import { putDoc, WS } from './support.js';

const AT = '2026-01-15T10:00:00.000Z';
const ref = { workspace: WS, doc: 'varden' };
const BODY = JSON.stringify({
  values: [
    { kpi: 'samtal', municipality: 'vc-a', period: 2024, values: [{ gender: 'T', value: 81 }] },
    { kpi: 'samtal', municipality: 'vc-a', period: 2025, values: [{ gender: 'T', value: 95 }] },
  ],
});

async function koladaImportIsOneWrite(store: RefusingStore): Promise<void> {
  const { storage } = store;
  await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: AT });
  await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: null });
  await storage.putMember({ workspace: WS, id: 'kim', name: 'Kim Berg', role: 'coordinator', units: ['vc-a'] });
  const catalog = [{ id: 'samtal', name: 'Hälsosamtal', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', direction: 'higher', min: 0 }];
  await putDoc(storage, 'katalog', 'indicator-catalog', 'vc-a', catalog, AT);
  await putDoc(storage, ref.doc, 'indicator-values', 'vc-a', [{ indicator: 'samtal', unit: 'vc-a', period: '2024', kon: 'T', value: 80 }], AT);
  const token = (await createToken(storage, { workspace: WS, memberId: 'kim', label: 'test', clock: () => new Date(AT) })).secret;
  const samplan = createApp({ storage, logger: silentLogger(), clock: () => new Date(AT), publicUrl: 'http://samplan.test', syncOptions: { graceMs: 10 } });
  const post = () =>
    samplan.app.request(`/v1/workspaces/${WS}/indicators/kolada?doc=${ref.doc}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: BODY,
    });
  const storedValues = async () => rowsOf(await loadFromStorage(storage, ref)).map((r) => [r.values.period, r.values.value]);
  const imports = async () => (await storage.listAudit(WS, 100)).filter((l) => l.action === 'import');

  try {
    for (const table of ['audit', 'updates'] as const) {
      await store.refuse(table);
      const res = await post();
      expect(await storedValues()).toEqual([['2024', 80]]);
      expect(await imports()).toEqual([]);
      expect(res.status).toBe(503);
      const { error } = (await res.json()) as { error: { details: { message: { sv: string } } } };
      expect(error.details.message.sv).toMatch(/^Servern kan inte spara ändringar just nu \(.+\)\. Inget ändrades; försök igen om en stund\.$/);
      await store.allow();
    }

    const res = await post();
    expect(await res.json()).toMatchObject({ dryRun: false, summary: { imported: 1, updated: 1, refused: 0 } });
    expect(await storedValues()).toEqual([['2024', 81], ['2025', 95]]);
    const changes = await storage.listUpdates(ref, 0, 100);
    expect(await imports()).toEqual([
      { workspace: WS, doc: ref.doc, memberId: 'kim', action: 'import', bytes: Buffer.byteLength(BODY), detail: 'imported 1, updated 1, refused 0', at: changes.at(-1)?.at },
    ]);
  } finally {
    await samplan.close();
  }
}

describe('a Kolada import whose audit line or values cannot be stored (SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-kolada-audit-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores neither the values nor the line, answers in words, and stores both once the tables take rows', async () => {
    const store = refusingSqlite(path.join(dir, 'store.db'));
    try {
      await koladaImportIsOneWrite(store);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(servicesMissing() !== null)('a Kolada import whose audit line or values cannot be stored (PostgreSQL)', () => {
  const server = usePostgres();

  it('stores neither the values nor the line, answers in words, and stores both once the tables take rows', async () => {
    const store = await refusingPostgres(await server.createDb('koladaaudit'));
    try {
      await koladaImportIsOneWrite(store);
    } finally {
      await store.close();
    }
  }, 60_000);
});
