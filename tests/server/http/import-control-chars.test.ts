/**
 * Samplan's own CSV export imports back unchanged, whatever its cells hold: a cell may hold a NUL
 * or another control character (the sync takes them), and the import took a NUL anywhere in a
 * file's first 4,096 characters as the sign of a binary file, refusing the export as "not a table".
 * A NUL inside a quoted field is a value (the export quotes every field holding a control
 * character), and a file that begins with a byte-order mark declares itself text (every Samplan
 * export does). Binary files are still refused: a NUL outside quotes in a file without a BOM.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toCsv } from '../../../server/http/csv.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

/** Every C0 control character and DEL, amid text (a value's ends are trimmed on import, as typed ones are). */
const CONTROLS = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f';

describe('a CSV holding control characters', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await putRegionDoc(f, 'aktorer', 'partners', [
      { name: `Förening\u0000A`, type: 'forening', contact: `a${CONTROLS}z` },
      { name: 'Klubb B', type: 'forening', contact: '\u0001\u0000först', email: 'sist\u0000\u0002' },
    ]);
  });
  afterEach(() => f.close());

  const post = (body: Uint8Array | string, dryRun = true) =>
    f.req(`/v1/workspaces/${WS}/documents/aktorer/import?dryRun=${dryRun}`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: body as BodyInit });

  it('exported by Samplan, with either separator, imports back with every row unchanged', async () => {
    for (const sep of ['', '&sep=semicolon']) {
      const csv = new Uint8Array(await (await f.req(`/v1/workspaces/${WS}/documents/aktorer/rows?format=csv${sep}`, f.tokens.viewer)).arrayBuffer());
      expect(csv.includes(0)).toBe(true);
      const res = await post(csv);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ imported: 0, updated: 0, unchanged: 2, refused: [] });
      // Without its byte-order mark (a text editor may drop it), the quoted NULs still read as values.
      const bare = await post(csv.subarray(3));
      expect(await bare.json()).toMatchObject({ imported: 0, updated: 0, unchanged: 2, refused: [] });
    }
  });

  it('exported before such fields were quoted (a NUL unquoted after the byte-order mark) imports too', async () => {
    const res = await post(new TextEncoder().encode('\uFEFFNamn;Typ;Kontaktperson\r\nNy\u0000förening;forening;x\u0000y\r\n'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 1, refused: [] });
  });

  it('is written with every field that holds one quoted', () => {
    expect(toCsv([['a\u0000b', 'c\u0001', 'd']], ';')).toBe('\uFEFF"a\u0000b";"c\u0001";d\r\n');
  });

  it('is refused as no table when it is a binary file: a NUL outside quotes, no byte-order mark', async () => {
    for (const bytes of [
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]),
      new TextEncoder().encode('Namn;Typ\r\nA\u0000B;forening\r\n'),
    ]) {
      const res = await post(bytes);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'not-a-table' } });
    }
  });
});
