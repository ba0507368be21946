// @vitest-environment happy-dom
/**
 * The pane's export: a workbook (Excel's or OpenDocument's), or CSV for Swedish Excel with its
 * byte-order mark kept. Cells an ODS file cannot hold as they are (written as U+FFFD) are said to
 * the person in the words `samplan export` prints: the pane read the file and dropped the server's
 * `X-Samplan-Replaced-Cells`, so no one was told.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SamplanApi, type DocumentInfo } from '../../../addin/taskpane/api-client.js';
import { WorkbenchActive, type ActiveShell } from '../../../addin/taskpane/workbench-active.js';
import type { DocumentsController } from '../../../addin/taskpane/documents-controller.js';
import type { SessionController } from '../../../addin/taskpane/session-controller.js';
import type { Lang } from '../../../addin/taskpane/strings.js';
import { makeFixture, putDoc, WS, type Fixture } from '../../server/http/support.js';

const TEXTS = [
  { title: 'Promenad', comment: 'Rad ett utan fel' },
  { title: 'Hälsodag\u0000', comment: 'rad ett\u000Brad två' },
];

describe('SamplanApi.exportFile', () => {
  let f: Fixture;
  let api: SamplanApi;
  beforeEach(async () => {
    f = await makeFixture();
    api = new SamplanApi('http://samplan.test', f.tokens.viewer, (input, init) => Promise.resolve(f.samplan.app.request(String(input), init)));
  });
  afterEach(() => f.close());

  it('saves CSV for Swedish Excel: BOM, semicolons, Swedish headers', async () => {
    const bytes = new Uint8Array(await (await api.exportFile(WS, 'plan-a', 'csv', 'sv')).file.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]?.split(';').slice(0, 3)).toEqual(['id', 'Aktivitet', 'Typ']);
    expect(text).toContain('Promenadgrupp A');
  });

  it('saves a workbook', async () => {
    const bytes = new Uint8Array(await (await api.exportFile(WS, 'plan-a', 'xlsx', 'en')).file.arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
  });

  it('saves an OpenDocument spreadsheet, its mimetype first', async () => {
    const exported = await api.exportFile(WS, 'plan-a', 'ods', 'sv');
    const bytes = new Uint8Array(await exported.file.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(30, 38 + 46))).toBe('mimetypeapplication/vnd.oasis.opendocument.spreadsheet');
    expect(exported.replaced).toBeUndefined();
  });

  it('reads how many cells an ODS file could not hold, and the first, from the answer', async () => {
    await putDoc(f.storage, 'plan-tecken', 'activity-plan', 'vc-a', TEXTS, f.now.value.toISOString());
    expect((await api.exportFile(WS, 'plan-tecken', 'ods', 'sv')).replaced).toEqual({ cells: 2, first: { row: 3, column: 'Aktivitet' } });
    expect((await api.exportFile(WS, 'plan-tecken', 'ods', 'en')).replaced).toEqual({ cells: 2, first: { row: 3, column: 'Activity' } });
    // An XLSX file keeps them (`_x000B_`): nothing to say.
    expect((await api.exportFile(WS, 'plan-tecken', 'xlsx', 'sv')).replaced).toBeUndefined();
  });
});

describe('the workbench exporting the active document', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await putDoc(f.storage, 'plan-tecken', 'activity-plan', 'vc-a', TEXTS, f.now.value.toISOString());
  });
  afterEach(() => f.close());

  /** The workbench's acts with the active document `doc`, the pane in `lang`; what it says is collected. */
  function active(doc: string, lang: Lang) {
    const api = new SamplanApi('http://samplan.test', f.tokens.viewer, (input, init) => Promise.resolve(f.samplan.app.request(String(input), init)));
    const said: { text: string; warn: boolean }[] = [];
    const info = { id: doc, title: 'Aktivitetsplan', kind: 'activity-plan', ownerUnit: 'vc-a', updatedAt: null } as unknown as DocumentInfo;
    const shell: ActiveShell = {
      session: () => ({ api }) as unknown as SessionController,
      docs: () => ({ active: { info, workspace: WS } }) as unknown as DocumentsController,
      run: () => null,
      lang: () => lang,
      documents: () => [],
      say: (text, warn) => said.push({ text: text(lang), warn: warn === true }),
      quiet: () => {},
      restored: () => {},
    };
    return { workbench: new WorkbenchActive(shell), said };
  }

  it('says in Swedish, as samplan export does, how many cells an ODS file wrote as U+FFFD and the first', async () => {
    const { workbench, said } = active('plan-tecken', 'sv');
    await workbench.exportFile('ods');
    expect(said).toEqual([
      {
        text: '2 celler innehöll tecken som en ODS-fil inte kan lagra (styrtecken, U+FFFE, U+FFFF eller ett ensamt surrogattecken); de skrevs som \uFFFD (först rad 3, Aktivitet). Exportera som XLSX, JSON eller CSV för att behålla dem.',
        warn: true,
      },
    ]);
  });

  it('says nothing of a file that holds every cell as it is', async () => {
    const { workbench, said } = active('plan-tecken', 'sv');
    await workbench.exportFile('xlsx');
    await workbench.exportFile('csv');
    expect(said).toEqual([]);
  });
});
