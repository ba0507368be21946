// @vitest-environment happy-dom
/**
 * `<samplan-file-import>` against the server's own app in this process: the picked file is sent
 * to the import route with progress; the rows imported are counted in words, each refused row is
 * named with the server's words (its record and column, nothing of it stored), and a file the
 * server refuses whole says nothing was changed, in Swedish and English.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../../addin/taskpane/samplan-file-import.js';
import type { SamplanFileImport } from '../../../addin/taskpane/samplan-file-import.js';
import { makeFixture, planRow, putDoc, WS, type Fixture } from '../../server/http/support.js';
import { $, mount, textOf } from './support.js';

const PNR = '19121212-1212';

describe('<samplan-file-import>', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
    await putDoc(f.storage, 'plan-archived', 'activity-plan', 'vc-a', [planRow('Promenadgrupp')], f.now.value.toISOString());
    expect((await f.req(`/v1/workspaces/${WS}/documents/plan-archived/archive`, f.tokens.admin, { method: 'POST' })).status).toBe(200);
  });
  afterAll(() => f.close());
  afterEach(() => document.body.replaceChildren());

  /** The app answering in process, as `fetch` would over the network. */
  const inProcess = ((input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(f.samplan.app.request(String(input), init))) as typeof fetch;

  /** The element for `doc`, with `rows` picked as a JSON file. */
  async function picked(doc: string, rows: unknown, lang: 'sv' | 'en' = 'sv'): Promise<SamplanFileImport> {
    const el = await mount('samplan-file-import', { serverUrl: 'http://samplan.test', token: f.tokens.editor, workspace: WS, doc, docTitle: 'Aktivitetsplan', lang, fetchImpl: inProcess });
    const input = $<HTMLInputElement>(el, '#file');
    Object.defineProperty(input, 'files', { value: [new File([JSON.stringify(rows)], 'rader.json', { type: 'application/json' })] });
    return el;
  }

  it('imports the picked file and names each refused row in words, nothing of it stored', async () => {
    const el = await picked('plan-a', [
      { title: 'Stavgång', type: 'halsodag' },
      { title: 'Samtal', type: 'halsosamtal', comment: `Ring ${PNR}` },
    ]);
    expect(textOf(el)).toContain('Välj en fil (.xlsx, .ods, CSV eller JSON) att importera till Aktivitetsplan');
    await el.start();
    await el.updateComplete;
    expect($(el, '#outcome')?.textContent).toBe('1 nya rader och 0 ändrade rader importerades.');
    expect($(el, '#refused')?.textContent?.trim()).toBe('Post 2: Kolumnen "Kommentar" innehåller ett personnummer. Personnummer får inte sparas i Samplan.');
    const rows = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows`, f.tokens.editor)).text());
    expect(rows).toContain('Stavgång');
    expect(rows).not.toContain('Samtal');
    expect(rows).not.toContain('1212');
  });

  it('says a file refused whole changed nothing, with the server’s words, in English too', async () => {
    const el = await picked('plan-archived', [{ title: 'Ny rad', type: 'halsodag' }], 'en');
    await el.start();
    await el.updateComplete;
    expect($(el, '#outcome')?.getAttribute('role')).toBe('alert');
    expect($(el, '#outcome')?.textContent).toBe('The file was not imported; nothing was changed: The document "plan-archived" is archived: it can be read, not changed. An admin can restore it.');
    expect(await (await f.req(`/v1/workspaces/${WS}/documents/plan-archived/rows`, f.tokens.editor)).text()).not.toContain('Ny rad');
  });
});
