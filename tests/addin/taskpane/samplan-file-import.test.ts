// @vitest-environment happy-dom
/**
 * `<samplan-file-import>` against the server's own app in this process, as a person clicks it:
 * the picked file is first checked with the server's dry run, and what the import would do is
 * said in words (rows added and changed, each refused record with the server's words, unknown
 * columns, values no list names) with nothing changed; confirmed, it is imported with progress
 * and counted in words. A file the server refuses whole says nothing was changed, in Swedish and
 * English.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../../addin/taskpane/samplan-file-import.js';
import type { SamplanFileImport } from '../../../addin/taskpane/samplan-file-import.js';
import { makeFixture, planRow, putDoc, WS, type Fixture } from '../../server/http/support.js';
import { SamplanApi } from '../../../addin/taskpane/api-client.js';
import '../../../addin/taskpane/samplan-explorer.js';
import { $, $$, mount, textOf, until } from './support.js';

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

  /** The rows of `doc` as its CSV export gives them. */
  const rowsText = async (doc: string): Promise<string> => (await f.req(`/v1/workspaces/${WS}/documents/${doc}/rows`, f.tokens.editor)).text();

  /** The element for `doc`, with `rows` picked as a JSON file. */
  async function picked(doc: string, rows: unknown, lang: 'sv' | 'en' = 'sv'): Promise<SamplanFileImport> {
    const el = await mount('samplan-file-import', { serverUrl: 'http://samplan.test', token: f.tokens.editor, workspace: WS, doc, docTitle: 'Aktivitetsplan', lang, fetchImpl: inProcess });
    const input = $<HTMLInputElement>(el, '#file');
    Object.defineProperty(input, 'files', { value: [new File([JSON.stringify(rows)], 'rader.json', { type: 'application/json' })] });
    return el;
  }

  it('checks the file with a dry run and says in words what the import would do, nothing changed; imports it when confirmed', async () => {
    const el = await picked('plan-a', [
      { title: 'Stavgång', type: 'halsodag', partner: 'Okänd förening', färg: 'röd' },
      { title: 'Samtal', type: 'halsosamtal', comment: `Ring ${PNR}` },
    ]);
    expect(textOf(el)).toContain('Välj en fil (.xlsx, .ods, CSV eller JSON) att importera till Aktivitetsplan');
    $(el, '#check')?.click();
    await until(() => $(el, '#checked'));
    expect($(el, '#checked')?.textContent).toBe('Om du importerar filen blir det 1 nya rader och 0 ändrade rader. Inget är ändrat än.');
    expect($(el, '#refused')?.textContent?.trim()).toBe('Post 2: Kolumnen "Kommentar" innehåller ett personnummer. Personnummer får inte sparas i Samplan.');
    expect($(el, '#unknown-columns')?.textContent).toBe('De här kolumnerna finns inte i dokumentet och läses inte: färg.');
    expect($(el, '#unresolved')?.textContent).toContain('"Okänd förening" finns inte i listan');
    expect(await rowsText('plan-a')).not.toContain('Stavgång');

    $(el, '#confirm')?.click();
    await until(() => $(el, '#outcome'));
    expect($(el, '#outcome')?.textContent).toBe('1 nya rader och 0 ändrade rader importerades.');
    expect($(el, '#refused')?.textContent?.trim()).toBe('Post 2: Kolumnen "Kommentar" innehåller ett personnummer. Personnummer får inte sparas i Samplan.');
    const rows = await rowsText('plan-a');
    expect(rows).toContain('Stavgång');
    expect(rows).not.toContain('Samtal');
    expect(rows).not.toContain('1212');
  });

  it('imports nothing when the person says no after the check, and checks a file picked anew anew', async () => {
    const el = await picked('plan-a', [{ title: 'Boule', type: 'halsodag' }]);
    $(el, '#check')?.click();
    await until(() => $(el, '#confirm'));
    $(el, '#back')?.click();
    await el.updateComplete;
    expect($(el, '#confirm')).toBeNull();
    $(el, '#check')?.click();
    await until(() => $(el, '#confirm'));
    $<HTMLInputElement>(el, '#file')?.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect($(el, '#confirm')).toBeNull();
    expect(await rowsText('plan-a')).not.toContain('Boule');
  });

  it('shows before the yes what the check found beyond refusals: values stored otherwise than written, values to look at again, notes on the file', async () => {
    const lines = ['Aktivitet;Typ;Startdatum;Deltagare planerat'];
    for (let i = 0; i < 7; i++) lines.push(`Promenad ${i};halsodag;12/3;1 200`);
    lines.push('Summa;;;8 400');
    const el = await mount('samplan-file-import', { serverUrl: 'http://samplan.test', token: f.tokens.editor, workspace: WS, doc: 'plan-a', docTitle: 'Aktivitetsplan', lang: 'sv', fetchImpl: inProcess });
    Object.defineProperty($<HTMLInputElement>(el, '#file'), 'files', { value: [new File([lines.join('\r\n')], 'plan.csv', { type: 'text/csv' })] });
    $(el, '#check')?.click();
    await until(() => $(el, '#checked'));
    expect($(el, '#checked')?.textContent).toContain('7 nya rader');
    // Swedish dates and numbers rewritten: each column, how many, the first rows of the file.
    const normalized = $$(el, '#normalized li').map((li) => li.textContent);
    expect(normalized).toContain('Kolumnen "Startdatum": värden skrivna som text (t.ex. 3/2 eller 3 feb 2025) sparas som datum ÅÅÅÅ-MM-DD (7 värden, raderna 2, 3, 4, 5, 6 …).');
    expect(normalized).toContain('Kolumnen "Deltagare planerat": värden skrivna som text (t.ex. med decimalkomma eller mellanslag) sparas som tal (7 värden, raderna 2, 3, 4, 5, 6 …).');
    // The year no date wrote: the first five by row, the rest counted.
    expect($(el, '#warnings')?.previousElementSibling?.textContent).toBe('7 värden importeras som de är skrivna men bör ses över:');
    const warnings = $$(el, '#warnings li').map((li) => li.textContent ?? '');
    expect(warnings).toHaveLength(6);
    expect(warnings[0]).toMatch(/^Rad 2 i filen: /);
    expect(warnings[5]).toBe('… och 2 till.');
    expect($(el, '#file-notes')?.textContent).toContain('Rad 9 i filen är en summarad');
    expect($(el, '#confirm')).not.toBeNull();
    $(el, '#back')?.click();
    expect(await rowsText('plan-a')).not.toContain('Promenad 0');
  });

  it('says a file of a header alone has no rows to import, in the check and after the import, with no refusal', async () => {
    const el = await mount('samplan-file-import', { serverUrl: 'http://samplan.test', token: f.tokens.editor, workspace: WS, doc: 'plan-a', docTitle: 'Aktivitetsplan', lang: 'sv', fetchImpl: inProcess });
    Object.defineProperty($<HTMLInputElement>(el, '#file'), 'files', { value: [new File(['Aktivitet;Typ;Startdatum\r\n'], 'tom.csv', { type: 'text/csv' })] });
    $(el, '#check')?.click();
    await until(() => $(el, '#checked'));
    expect($(el, '#checked')?.textContent).toContain('0 nya rader');
    expect($(el, '#no-rows')?.textContent).toBe('Filen har inga rader under rubrikraden, så det finns inget att importera.');
    $(el, '#confirm')?.click();
    await until(() => $(el, '#outcome'));
    expect($(el, '#outcome')?.getAttribute('role')).toBe('status');
    expect($(el, '#no-rows')?.textContent).toBe('Filen har inga rader under rubrikraden, så det finns inget att importera.');
  });

  it('says a file refused whole changed nothing, with the server’s words, in English too', async () => {
    const el = await picked('plan-archived', [{ title: 'Ny rad', type: 'halsodag' }], 'en');
    $(el, '#check')?.click();
    await until(() => $(el, '#outcome'));
    expect($(el, '#outcome')?.getAttribute('role')).toBe('alert');
    expect($(el, '#outcome')?.textContent).toBe('The file was not imported; nothing was changed: The document "plan-archived" is archived: it can be read, not changed. An admin can restore it.');
    expect(await (await f.req(`/v1/workspaces/${WS}/documents/plan-archived/rows`, f.tokens.editor)).text()).not.toContain('Ny rad');
  });

  it.each([
    ['not reached', (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch, 'Servern svarar inte. Kontrollera adressen och din internetanslutning.'],
    ['a proxy’s page', (() => Promise.resolve(new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }))) as typeof fetch, 'Något gick fel på servern. Försök igen om en stund.'],
  ])('says a check that got no answer of the server’s (%s) in the pane’s words, never the client’s English', async (_, fetchImpl, said) => {
    const el = await mount('samplan-file-import', { serverUrl: 'http://samplan.test', token: f.tokens.editor, workspace: WS, doc: 'plan-a', docTitle: 'Aktivitetsplan', lang: 'sv', fetchImpl });
    Object.defineProperty($<HTMLInputElement>(el, '#file'), 'files', { value: [new File(['[]'], 'rader.json', { type: 'application/json' })] });
    $(el, '#check')?.click();
    await until(() => $(el, '#outcome'));
    expect($(el, '#outcome')?.textContent).toBe(`Filen importerades inte, inget ändrades: ${said}`);
  });

  it("offers 'Importera fil' in the explorer exactly where the server takes an import, for every role and document", async () => {
    const offers: string[] = [];
    const takes: string[] = [];
    for (const [who, token] of Object.entries(f.tokens)) {
      // The workspace feed is refused (not retried): the list is the loaded one.
      const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) =>
        String(input).endsWith('/events') ? Promise.resolve(new Response(JSON.stringify({ error: { code: 'forbidden', message: 'x' } }), { status: 403 })) : inProcess(input, init)) as typeof fetch;
      const api = new SamplanApi('http://samplan.test', token, fetchImpl);
      const { me } = await api.me(WS);
      const el = await mount('samplan-explorer', { api, workspaces: [], workspace: WS, memberRole: me.role, memberUnits: me.units, canCreate: me.role !== 'viewer' });
      await until(() => $$(el, '[data-doc]').length > 0);
      for (const doc of $$(el, '[data-doc]').map((b) => b.dataset.doc ?? '')) {
        const more = $(el, `[data-more="${doc}"]`);
        more?.click();
        await el.updateComplete;
        if (more && $(el, '.menu .import-file')) offers.push(`${who} ${doc}`);
        if (more) more.click();
        const dry = await f.req(`/v1/workspaces/${WS}/documents/${doc}/import?dryRun=true`, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
        if (dry.status === 200) takes.push(`${who} ${doc}`);
      }
      document.body.replaceChildren();
    }
    expect(takes).toEqual(expect.arrayContaining(['editor plan-a', 'editor handlingsplan', 'coordinator partners', 'admin partners']));
    expect(takes.filter((t) => /^viewer|editor partners|editorB plan-a|plan-archived/.test(t))).toEqual([]);
    expect(offers).toEqual(takes);
  });
});

