/** The pane's export: a workbook (Excel's or OpenDocument's), or CSV for Swedish Excel with its byte-order mark kept. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SamplanApi } from '../../../addin/taskpane/api-client.js';
import { makeFixture, WS, type Fixture } from '../../server/http/support.js';

describe('SamplanApi.exportFile', () => {
  let f: Fixture;
  let api: SamplanApi;
  beforeEach(async () => {
    f = await makeFixture();
    api = new SamplanApi('http://samplan.test', f.tokens.viewer, (input, init) => Promise.resolve(f.samplan.app.request(String(input), init)));
  });
  afterEach(() => f.close());

  it('saves CSV for Swedish Excel: BOM, semicolons, Swedish headers', async () => {
    const bytes = new Uint8Array(await (await api.exportFile(WS, 'plan-a', 'csv', 'sv')).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]?.split(';').slice(0, 3)).toEqual(['id', 'Aktivitet', 'Typ']);
    expect(text).toContain('Promenadgrupp A');
  });

  it('saves a workbook', async () => {
    const bytes = new Uint8Array(await (await api.exportFile(WS, 'plan-a', 'xlsx', 'en')).arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
  });

  it('saves an OpenDocument spreadsheet, its mimetype first', async () => {
    const bytes = new Uint8Array(await (await api.exportFile(WS, 'plan-a', 'ods', 'sv')).arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(30, 38 + 46))).toBe('mimetypeapplication/vnd.oasis.opendocument.spreadsheet');
  });
});
