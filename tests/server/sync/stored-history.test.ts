import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { applyStoredHistory, DamagedHistoryError } from '../../../server/sync/stored-history.js';
import { cliEn } from '../cli-capture.js';
import { errorOf, makeFixture, planRow, putDoc, WS, type Fixture } from '../http/support.js';
import { DAMAGED_UPDATE as DAMAGED } from '../../support/damaged-update.js';

const REF = { workspace: WS, doc: 'plan-a' };

describe('stored history', () => {
  it('names the stored update that does not decode by its sequence number', () => {
    const good = new Y.Doc();
    good.getMap('meta').set('title', 'x');
    const stored = { snapshot: null, updates: [Y.encodeStateAsUpdate(good), DAMAGED], lastSeq: 7 };
    const thrown = (() => {
      try {
        applyStoredHistory(new Y.Doc(), REF, stored);
      } catch (err) {
        return err;
      }
    })();
    expect(thrown).toBeInstanceOf(DamagedHistoryError);
    expect((thrown as DamagedHistoryError).place).toEqual({ kind: 'update', seq: 7 });
    expect((thrown as DamagedHistoryError).message).toContain(`${WS}/plan-a cannot be read: its stored history is damaged at update 7`);
  });

  it('names a damaged snapshot', () => {
    expect(() => applyStoredHistory(new Y.Doc(), REF, { snapshot: DAMAGED, updates: [], lastSeq: 3 })).toThrow(/damaged at its snapshot/);
  });

  describe('over HTTP', () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await makeFixture();
      await f.storage.appendUpdates(REF, [{ update: DAMAGED, memberId: 'eda' }]);
    });
    afterAll(() => f.close());

    it('answers a read of a damaged document naming it and the place in words, not "något gick fel"', async () => {
      const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows`, f.tokens.coordinator);
      expect(res.status).toBe(500);
      const error = await errorOf(res);
      expect(error.code).toBe('document-damaged');
      expect((error.details as { message: { sv: string } }).message.sv).toMatch(/^Dokumentet ws1\/plan-a går inte att läsa: dess sparade historik är skadad \(uppdatering 2\)\./);
    });

    it('shows the history of a damaged document without the change that does not decode, naming it', async () => {
      const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/history`, f.tokens.coordinator);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { damaged: { seq: number; message: { sv: string } }[] };
      expect(body.damaged.map((d) => d.seq)).toEqual([2]);
      expect(body.damaged[0]?.message.sv).toMatch(/^Ändring 2 i dokumentets sparade historik går inte att läsa \(den är skadad\)\./);
    });
  });

  describe('in the CLI', () => {
    let dir = '';
    let db = '';
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'samplan-damaged-'));
      db = join(dir, 'samplan.db');
      const storage = openSqliteStorage(db);
      try {
        const at = '2026-01-15T10:00:00.000Z';
        await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: at });
        await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: null });
        await putDoc(storage, 'plan-a', 'activity-plan', 'vc-a', [planRow('Promenadgrupp')], at);
        await storage.appendUpdates(REF, [{ update: DAMAGED, memberId: null }]);
      } finally {
        await storage.close();
      }
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('says which document and update export cannot read, and what to do', async () => {
      const { code, err } = await cliEn(['export', WS, 'plan-a', '--db', db, '--format', 'csv', '--out', join(dir, 'out.csv')]);
      expect(code).toBe(1);
      expect(err).toMatch(/^samplan: The document ws1\/plan-a cannot be read: its stored history is damaged at update 2\. .*backup.* Yjs said: /);
    });
  });
});
