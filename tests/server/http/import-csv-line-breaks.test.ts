/**
 * A line break inside a quoted CSV field is stored as `\n`, also when the program that wrote the
 * file put `\r\n` there (Windows programs): before, the CRLF was stored as written, so the same comment read from an XLSX (`\n`) and from a CSV differed and
 * the sheet showed a changed cell. Files built here with iconv-lite.
 */
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { parseCsv } from '../../../server/http/csv-read.js';
import { makeFixture, WS, type Fixture } from './support.js';

describe('line breaks in quoted CSV fields', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('stores \\n for a CRLF and an LF inside quotes in a Windows-1252 semicolon CSV', async () => {
    const csv = 'Aktivitet;Typ;Kommentar\r\n"Gympa\r\nför äldre";halsodag;"Rad ett\r\nrad två"\r\nStavgång;halsodag;"Ett\r\ntvå\nTre"\r\n';
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: iconv.encode(csv, 'win1252') as BodyInit });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 2, refused: [] });
    const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).map((r) => r.values);
    expect(rows.find((r) => r.title === 'Gympa\nför äldre')?.comment).toBe('Rad ett\nrad två');
    expect(rows.find((r) => r.title === 'Stavgång')?.comment).toBe('Ett\ntvå\nTre');
    for (const r of rows) expect(JSON.stringify(r)).not.toContain('\\r');
  });

  it('keeps a neutralised field that begins with a line break as the export wrote it', () => {
    expect(parseCsv('A;B\r\n"\'\r\n=1";x\r\n', ';')).toEqual([['A', 'B'], ['\n=1', 'x']]);
  });
});
