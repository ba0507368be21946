/**
 * A manager's indicator pull over a values document whose row of `doc_keys` a hand removed from the
 * SQLite file, its update rows left under the key (`KeylessHistoryError`): the document is refused
 * until an administrator decides whose rows they are. The table answered 500 for the whole
 * workspace, and a read of the document itself 500, as if the server had failed. Now the table
 * serves the other documents' values and names this one in words (Swedish and English, with the
 * code `document-keyless`), as it names a damaged one, and a read of the document is refused with
 * 409 and the same words.
 */
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { createDoc, insertRows } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { tempStores } from '../../support/temp-stores.js';
import { indicatorFixture, WS, type IndicatorFixture } from './indicator-fixture.js';

const stores = tempStores();
const catalog: RowValues[] = [{ id: 'samtal', name: 'Hälsosamtal', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', direction: 'higher', target: 100, min: 0 }];
const values: RowValues[] = [{ indicator: 'samtal', unit: 'c1', period: '2024', kon: 'T', value: 80 }];

let f: IndicatorFixture;
beforeEach(async () => {
  const file = stores.dbFile('indicators-keyless');
  f = await indicatorFixture(catalog, values, openSqliteStorage(file));
  // Vårdcentral c2's own values document, then its row of doc_keys removed by a hand.
  const doc = createDoc('indicator-values', { title: 'Värden c2', ownerUnit: 'c2', schemaVersion: kindDef('indicator-values').schemaVersion });
  insertRows(doc, [{ indicator: 'samtal', unit: 'c2', period: '2024', kon: 'T', value: 40 }]);
  const now = new Date().toISOString();
  const ref = { workspace: WS, doc: 'varden-c2' };
  await f.storage.putDocRecord({ ...ref, kind: 'indicator-values', title: 'Värden c2', ownerUnit: 'c2', createdAt: now, updatedAt: now });
  await f.storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(doc), memberId: null }]);
  const db = new Database(file);
  db.prepare('DELETE FROM doc_keys WHERE workspace = ? AND doc = ?').run(WS, 'varden-c2');
  db.close();
});
afterEach(async () => {
  await f.close();
});

describe('indicators with one values document without its key', () => {
  it('serves the table of the others, naming the document in words with its code, not a 500', async () => {
    const res = await f.get(`/v1/workspaces/${WS}/indicators/table`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-samplan-unreadable')).toBe('varden-c2');
    const body = (await res.json()) as { rows: { unit: string; value: number }[]; unreadable: { doc: string; code: string; message: { sv: string; en: string } }[] };
    expect(body.rows.map((r) => [r.unit, r.value])).toEqual([['c1', 80]]);
    expect(body.unreadable.map((d) => [d.doc, d.code])).toEqual([['varden-c2', 'document-keyless']]);
    expect(body.unreadable[0]?.message.sv).toMatch(/^Dokumentet hbi-test\/varden-c2 har ingen nyckel i doc_keys, men filen har uppdateringsrader under nyckel \d+/);
    expect(body.unreadable[0]?.message.en).toMatch(/^The document hbi-test\/varden-c2 has no key in doc_keys/);
  });

  it('says in the workbook why each document was left out, not that its history is damaged', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await (await f.get(`/v1/workspaces/${WS}/indicators/table?format=xlsx`)).arrayBuffer()) as ArrayBuffer);
    const left = wb.worksheets[1]!;
    expect(left.name).toBe('Utelämnat');
    expect(left.getCell(1, 1).value).toBe('Värden ur dokument som inte kan läsas (varför står under Orsak) är utelämnade: tabellen visar bara värdena ur de dokument som kunde läsas.');
    expect(String(left.getCell(4, 5).value)).toMatch(/^Dokumentet hbi-test\/varden-c2 har ingen nyckel i doc_keys/);
  });

  it('refuses a read of the document itself with 409 and the words, not 500', async () => {
    const res = await f.get(`/v1/workspaces/${WS}/documents/varden-c2/rows`);
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; details: { message: { sv: string } } } };
    expect(body.error.code).toBe('document-keyless');
    expect(body.error.details.message.sv).toMatch(/^Dokumentet hbi-test\/varden-c2 har ingen nyckel i doc_keys/);
  });
});
