/**
 * A stored text may hold characters XML cannot carry: a control character other than tab, line
 * feed and carriage return (a NUL, a vertical tab from a pasted Word text), U+FFFE, U+FFFF (a lone
 * surrogate is stored as U+FFFD already: Yjs stores text as UTF-8). An XLSX export keeps them as
 * Excel writes them (`_x000B_`), and the file imports back unchanged. An ODS file has no way to hold them: they are written as U+FFFD, and the export says
 * so (`X-Samplan-Replaced-Cells`, and `samplan export`'s line in Swedish or English, naming the
 * first cell), where they were replaced without a word.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowValues } from '../../../shared/schema/types.js';
import { exportDocument } from '../../../server/http/export-rows.js';
import { storageDocAccess } from '../../../server/http/doc-access.js';
import { readImportFile } from '../../../server/http/import-rows.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { cli } from '../cli-capture.js';
import { makeFixture, putDoc, WS, type Fixture } from './support.js';

const ROWS: RowValues[] = [
  { title: 'Promenad', comment: 'Rad ett utan fel' },
  { title: 'Hälsodag\u0000', comment: 'rad ett\u000Brad två' },
  { title: 'Träff', comment: 'backsteg \u0008 och \uFFFE, \uFFFF, \u001F' },
];

describe('an export of texts holding characters XML cannot carry', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
    await putDoc(f.storage, 'plan-tecken', 'activity-plan', 'vc-a', ROWS, f.now.value.toISOString());
  });
  afterAll(() => f.close());

  const exported = async (format: 'ods' | 'xlsx') => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-tecken/rows?format=${format}`, f.tokens.viewer);
    expect(res.status).toBe(200);
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  const column = async (bytes: Uint8Array, name: string, header: string) => {
    const input = await readImportFile(name, bytes);
    if (!('table' in input)) throw new Error('no table');
    const at = (input.table[0] ?? []).indexOf(header);
    return input.table.slice(1).map((r) => r[at]);
  };

  it('keeps them in an XLSX file, which reads back as stored, and says nothing', async () => {
    const { res, bytes } = await exported('xlsx');
    expect(res.headers.get('x-samplan-replaced-cells')).toBeNull();
    expect(await column(bytes, 'plan.xlsx', 'Aktivitet')).toEqual(ROWS.map((r) => r.title));
    expect(await column(bytes, 'plan.xlsx', 'Kommentar')).toEqual(ROWS.map((r) => r.comment));
  });

  it('writes them as U+FFFD in an ODS file, and the answer counts the cells', async () => {
    const { res, bytes } = await exported('ods');
    expect(res.headers.get('x-samplan-replaced-cells')).toBe('3');
    expect(await column(bytes, 'plan.ods', 'Aktivitet')).toEqual(['Promenad', 'Hälsodag\uFFFD', 'Träff']);
    expect(await column(bytes, 'plan.ods', 'Kommentar')).toEqual(['Rad ett utan fel', 'rad ett\uFFFDrad två', 'backsteg \uFFFD och \uFFFD, \uFFFD, \uFFFD']);
  });

  it('says in words how many cells, and the first, in Swedish and English', async () => {
    const out = await exportDocument(f.storage, storageDocAccess(f.storage), { workspace: WS, doc: 'plan-tecken' }, { format: 'ods', lang: 'sv', semicolon: false, validated: false });
    expect(out.replaced).toBe(3);
    expect(out.note).toEqual({
      sv: '3 celler innehöll tecken som en ODS-fil inte kan lagra (styrtecken, U+FFFE, U+FFFF eller ett ensamt surrogattecken); de skrevs som \uFFFD (först rad 3, Aktivitet). Exportera som XLSX, JSON eller CSV för att behålla dem.',
      en: '3 cells held characters an ODS file cannot hold (control characters, U+FFFE, U+FFFF or a lone surrogate); they were written as \uFFFD (first row 3, Aktivitet). Export as XLSX, JSON or CSV to keep them.',
    });
    const plain = await exportDocument(f.storage, storageDocAccess(f.storage), { workspace: WS, doc: 'plan-a' }, { format: 'ods', lang: 'sv', semicolon: false, validated: false });
    expect(plain).toMatchObject({ replaced: 0 });
    expect(plain.note).toBeUndefined();
  });
});

describe('samplan export of such texts to .ods', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-export-tecken-'));
  const db = join(dir, 'samplan.db');
  beforeAll(async () => {
    const storage = openSqliteStorage(db);
    const at = '2026-01-15T10:00:00.000Z';
    await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: at });
    await putDoc(storage, 'plan-tecken', 'activity-plan', 'vc-a', ROWS, at);
    await storage.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['en', '3 cells held characters an ODS file cannot hold'],
    ['sv', '3 celler innehöll tecken som en ODS-fil inte kan lagra'],
  ])('says it in a line of its own (%s)', async (lang, words) => {
    const { code, out, err } = await cli(['--lang', lang, 'export', WS, 'plan-tecken', '--out', join(dir, `plan-${lang}.ods`), '--db', db]);
    expect(code, err).toBe(0);
    expect(out.split('\n')[1]).toContain(words);
  });
});
