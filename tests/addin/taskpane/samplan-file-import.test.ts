// @vitest-environment happy-dom
/**
 * `<samplan-file-import>` against the server's own app in this process, as a person clicks it:
 * the picked file is first checked with the server's dry run, and what the import would do is
 * said in words (rows added and changed, each refused record with the server's words, unknown
 * columns, values no list names) with nothing changed; confirmed, it is imported with progress
 * and counted in words. A file the server refuses whole says nothing was changed, in Swedish and
 * English; into a damaged document, with the server's words that it must be restored from a backup.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../../addin/taskpane/samplan-file-import.js';
import type { SamplanFileImport } from '../../../addin/taskpane/samplan-file-import.js';
import { makeFixture, planRow, putDoc, WS, type Fixture } from '../../server/http/support.js';
import { SamplanApi } from '../../../addin/taskpane/api-client.js';
import '../../../addin/taskpane/samplan-explorer.js';
import { $, $$, mount, textOf, until } from './support.js';
import { DAMAGED_UPDATE } from '../../support/damaged-update.js';

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
    expect($(el, '#checked')?.textContent).toBe('Om du importerar filen blir det 1 ny rad och 0 ändrade rader. Inget är ändrat än.');
    expect($(el, '#refused')?.textContent?.trim()).toBe('Post 2: Kolumnen "Kommentar" innehåller ett personnummer. Personnummer får inte sparas i Samplan.');
    expect($(el, '#unknown-columns')?.textContent).toBe('De här kolumnerna finns inte i dokumentet och läses inte: färg.');
    expect($(el, '#unresolved')?.textContent).toContain('"Okänd förening" finns inte i listan');
    expect(await rowsText('plan-a')).not.toContain('Stavgång');

    $(el, '#confirm')?.click();
    await until(() => $(el, '#outcome'));
    expect($(el, '#outcome')?.textContent).toBe('1 ny rad och 0 ändrade rader importerades.');
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

  it('says one value to look at again in the singular, its whole sentence agreeing', async () => {
    const lines = ['Aktivitet;Typ;Startdatum', 'Promenad;halsodag;12/3'];
    const el = await mount('samplan-file-import', { serverUrl: 'http://samplan.test', token: f.tokens.editor, workspace: WS, doc: 'plan-a', docTitle: 'Aktivitetsplan', lang: 'sv', fetchImpl: inProcess });
    Object.defineProperty($<HTMLInputElement>(el, '#file'), 'files', { value: [new File([lines.join('\r\n')], 'plan.csv', { type: 'text/csv' })] });
    $(el, '#check')?.click();
    await until(() => $(el, '#checked'));
    expect($(el, '#checked')?.textContent).toContain('1 ny rad');
    expect($(el, '#warnings')?.previousElementSibling?.textContent).toBe('1 värde importeras som det är skrivet men bör ses över:');
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

  it.each(['sv', 'en'] as const)('says after the import what it stored otherwise, what to look at again and the notes on the file, in the past tense (%s)', async (lang) => {
    const lines = ['Aktivitet;Typ;Startdatum;Okänd'];
    for (let i = 0; i < 2; i++) lines.push(`Efteråt ${lang} ${i};halsodag;12/3;x`);
    lines.push('Summa;;;');
    const el = await mount('samplan-file-import', { serverUrl: 'http://samplan.test', token: f.tokens.editor, workspace: WS, doc: 'plan-a', docTitle: 'Aktivitetsplan', lang, fetchImpl: inProcess });
    Object.defineProperty($<HTMLInputElement>(el, '#file'), 'files', { value: [new File([lines.join('\r\n')], 'plan.csv', { type: 'text/csv' })] });
    $(el, '#check')?.click();
    await until(() => $(el, '#confirm'));
    $(el, '#confirm')?.click();
    await until(() => $(el, '#counts') && !$(el, '#confirm'));
    const sv = lang === 'sv';
    expect($(el, '#normalized')?.previousElementSibling?.textContent).toBe(sv ? 'De här värdena sparades på ett annat sätt än filen skriver dem:' : 'These values were stored otherwise than the file writes them:');
    expect($(el, '#normalized')?.textContent).toContain(sv ? 'Kolumnen "Startdatum"' : 'The column "Start date"');
    expect($(el, '#warnings')?.previousElementSibling?.textContent).toBe(sv ? '2 värden importerades som de var skrivna men bör ses över:' : '2 values were imported as written but are worth a second look:');
    expect($(el, '#unknown-columns')?.textContent).toBe(sv ? 'De här kolumnerna finns inte i dokumentet och lästes inte: Okänd.' : 'These columns are not in the document and were not read: Okänd.');
    expect($(el, '#file-notes')?.textContent).toContain(sv ? 'Rad 4 i filen är en summarad' : 'Row 4 of the file is a total row');
    expect(await rowsText('plan-a')).toContain(`Efteråt ${lang} 0`);
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

  it('counts what was taken, refused and unchanged, lists the new and the changed rows by file row and name, and copies the refused rows as a table', async () => {
    const partnersFile = async (lines: string[]) => {
      const el = await mount('samplan-file-import', { serverUrl: 'http://samplan.test', token: f.tokens.coordinator, workspace: WS, doc: 'partners', docTitle: 'Samverkansaktörer', lang: 'sv', fetchImpl: inProcess });
      Object.defineProperty($<HTMLInputElement>(el, '#file'), 'files', { value: [new File([lines.join('\r\n')], 'aktorer.csv', { type: 'text/csv' })] });
      $(el, '#check')?.click();
      await until(() => $(el, '#checked'));
      return el;
    };
    const el = await partnersFile(['Namn;Typ;Kontaktperson', 'Röda Korset;frivilligorganisation;', 'Korpen Fittja;forening;', `Ny förening;forening;Ring ${PNR}`]);
    expect($(el, '#counts')?.textContent).toBe('Importeras: 1 rad (1 ny, 0 ändrade). Importeras inte: 1. Oförändrade (redan som i filen): 1.');
    expect($$(el, '#added li').map((li) => li.textContent)).toEqual(['Rad 3 i filen: Korpen Fittja']);
    $(el, '#confirm')?.click();
    await until(() => $(el, '#outcome'));
    expect($(el, '#counts')?.textContent).toBe('Importerades: 1 rad (1 ny, 0 ändrade). Importerades inte: 1. Oförändrade (redan som i filen): 1.');
    expect($(el, '#added')?.previousElementSibling?.textContent).toBe('Nya rader (1):');
    expect($$(el, '#added li').map((li) => li.textContent)).toEqual(['Rad 3 i filen: Korpen Fittja']);
    expect($(el, '#changed')).toBeNull();
    const refused = $(el, '#refused li')?.textContent ?? '';
    expect(refused).toMatch(/^Rad 4 i filen: Kolumnen "Kontaktperson" innehåller ett personnummer/);

    // Copied as a table to paste beside the file: a header line, then the row, its id (none) and why.
    $(el, '#copy-refused')?.click();
    await until(() => $(el, '#copied'));
    const copied = await navigator.clipboard.readText();
    expect(copied.split('\r\n')).toEqual(['Rad i filen\tId\tVarför den inte importerades', `4\t\t${refused.replace('Rad 4 i filen: ', '')}`]);
    expect(copied).not.toContain('1212');
    expect($(el, '#copied')?.textContent).toBe('Kopierat: klistra in bredvid filen i Excel och rätta raderna där.');

    const again = await partnersFile(['Namn;Typ;Kontaktperson', 'Korpen Fittja;forening;Anna Berg']);
    expect($(again, '#counts')?.textContent).toBe('Importeras: 1 rad (0 nya, 1 ändrad). Importeras inte: 0. Oförändrade (redan som i filen): 0.');
    expect($(again, '#changed')?.previousElementSibling?.textContent).toBe('Ändrade rader (1):');
    expect($$(again, '#changed li').map((li) => li.textContent)).toEqual(['Rad 2 i filen: Korpen Fittja']);
    expect($(again, '#copy-refused')).toBeNull();
  });

  it('shows an import of a document’s most rows (50,000) a page at a time, and copies every refused row, not only the page shown', async () => {
    const taken = Array.from({ length: 50000 }, (_, i) => ({ record: i + 1, row: i + 2, rowId: `r${i}`, change: i < 49990 ? 'added' : 'changed', name: { sv: `Aktivitet ${i}`, en: `Activity ${i}` } }));
    const refused = Array.from({ length: 120 }, (_, i) => ({ record: 3001 + i, row: 3002 + i, rowId: null, code: 'required', reason: 'x', message: { sv: `Rad ${3002 + i} i filen: Kolumnen "Aktivitet" är tom.`, en: 'x' } }));
    const summary = { dryRun: false, imported: 49990, updated: 10, unchanged: 0, ignored: 0, refused, taken, unknownColumns: [], unresolved: [], rowIds: [] };
    const fetchImpl = (() => Promise.resolve(new Response(JSON.stringify(summary), { headers: { 'content-type': 'application/json' } }))) as typeof fetch;
    const el = await mount('samplan-file-import', { serverUrl: 'http://samplan.test', token: 't', workspace: WS, doc: 'plan-a', docTitle: 'Aktivitetsplan', lang: 'sv', fetchImpl });
    Object.defineProperty($<HTMLInputElement>(el, '#file'), 'files', { value: [new File(['x'], 'plan.csv', { type: 'text/csv' })] });
    $(el, '#check')?.click();
    await until(() => $(el, '#confirm'));
    $(el, '#confirm')?.click();
    await until(() => $(el, '#outcome'));
    // Numbers grouped as Swedish writes them (a no-break space), as the History view's counts are.
    expect($(el, '#outcome')?.textContent).toBe('49\u00a0990 nya rader och 10 ändrade rader importerades.');
    expect($(el, '#counts')?.textContent).toBe('Importerades: 50\u00a0000 rader (49\u00a0990 nya, 10 ändrade). Importerades inte: 120. Oförändrade (redan som i filen): 0.');
    expect($(el, '#added')?.previousElementSibling?.textContent).toBe('Nya rader (49\u00a0990):');
    expect($$(el, 'li').length).toBeLessThanOrEqual(150);
    expect($$(el, '#added li')).toHaveLength(50);
    expect($(el, '#added-page')?.textContent).toBe('1–50 av 49\u00a0990');
    expect($(el, '#added-previous')?.hasAttribute('disabled')).toBe(true);
    $(el, '#added-next')?.click();
    await el.updateComplete;
    expect($(el, '#added-page')?.textContent).toBe('51–100 av 49\u00a0990');
    expect($$(el, '#added li')[0]?.textContent).toBe('Rad 52 i filen: Aktivitet 50');
    // The changed rows keep their own page; the last page of the refused is short.
    expect($$(el, '#changed li')).toHaveLength(10);
    expect($(el, '#changed-page')).toBeNull();
    $(el, '#refused-next')?.click();
    await el.updateComplete;
    $(el, '#refused-next')?.click();
    await el.updateComplete;
    expect($(el, '#refused-page')?.textContent).toBe('101–120 av 120');
    expect($(el, '#refused-next')?.hasAttribute('disabled')).toBe(true);
    $(el, '#copy-refused')?.click();
    await until(() => $(el, '#copied'));
    const lines = (await navigator.clipboard.readText()).split('\r\n');
    expect(lines).toHaveLength(121);
    expect(lines[120]).toBe('3121\t\tKolumnen "Aktivitet" är tom.');
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

describe('<samplan-file-import> of a file exported before a colleague changed the document', () => {
  it('says before the yes and after the import which later edits are kept, and keeps them', async () => {
    const f = await makeFixture();
    try {
      const inProcess = ((input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(f.samplan.app.request(String(input), init))) as typeof fetch;
      const url = `/v1/workspaces/${WS}/documents/plan-a`;
      const exported = (await (await f.req(`${url}/rows?format=json`, f.tokens.editor)).json()) as { rows: Record<string, unknown>[] };
      const promenad = exported.rows.find((r) => r.title === 'Promenadgrupp A') as { id: string };
      // The colleague renames a row after the export; the person edits another row in the file.
      const colleague = await f.req(`${url}/import`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ id: promenad.id, title: 'Promenadgrupp Alby' }]) });
      expect(colleague.status).toBe(200);
      const edited = { ...exported, rows: exported.rows.map((r) => (r.title === 'Hälsodag A' ? { ...r, participantsPlanned: 40 } : r)) };
      const el = await mount('samplan-file-import', { serverUrl: 'http://samplan.test', token: f.tokens.editor, workspace: WS, doc: 'plan-a', docTitle: 'Aktivitetsplan', lang: 'sv', fetchImpl: inProcess });
      Object.defineProperty($<HTMLInputElement>(el, '#file'), 'files', { value: [new File([JSON.stringify(edited)], 'plan-a.json', { type: 'application/json' })] });
      $(el, '#check')?.click();
      await until(() => $(el, '#checked'));
      const said = 'Post 1: Aktivitet ändrades i Samplan av Person coord 2026-01-15 11:00 till "Promenadgrupp Alby" efter att filen togs ut; filen har det tidigare värdet "Promenadgrupp A", så den nyare ändringen behölls.';
      expect($(el, '#later-edits')?.previousElementSibling?.textContent).toContain('De här ändringarna gjordes i Samplan efter det och behålls');
      expect($$(el, '#later-edits li').map((li) => li.textContent)).toEqual([said]);
      $(el, '#confirm')?.click();
      await until(() => $(el, '#counts') && !$(el, '#confirm'));
      expect($$(el, '#later-edits li').map((li) => li.textContent)).toEqual([said]);
      const text = await (await f.req(`${url}/rows?format=csv`, f.tokens.editor)).text();
      expect(text).toContain('Promenadgrupp Alby');
      expect(text).not.toMatch(/Promenadgrupp A[,;]/);
    } finally {
      document.body.replaceChildren();
      await f.close();
    }
  });
});

describe('<samplan-file-import> of a file whose value a colleague changed too, to another', () => {
  it('lists the values of the file held back apart, with what to do, before the yes and after', async () => {
    const f = await makeFixture();
    try {
      const inProcess = ((input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(f.samplan.app.request(String(input), init))) as typeof fetch;
      const url = `/v1/workspaces/${WS}/documents/plan-a`;
      const exported = (await (await f.req(`${url}/rows?format=json`, f.tokens.editor)).json()) as { rows: Record<string, unknown>[] };
      const promenad = exported.rows.find((r) => r.title === 'Promenadgrupp A') as { id: string };
      const colleague = await f.req(`${url}/import`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ id: promenad.id, participantsPlanned: 20 }]) });
      expect(colleague.status).toBe(200);
      const edited = { ...exported, rows: exported.rows.map((r) => (r.title === 'Promenadgrupp A' ? { ...r, participantsPlanned: 30 } : r)) };
      const el = await mount('samplan-file-import', { serverUrl: 'http://samplan.test', token: f.tokens.editor, workspace: WS, doc: 'plan-a', docTitle: 'Aktivitetsplan', lang: 'sv', fetchImpl: inProcess });
      Object.defineProperty($<HTMLInputElement>(el, '#file'), 'files', { value: [new File([JSON.stringify(edited)], 'plan-a.json', { type: 'application/json' })] });
      $(el, '#check')?.click();
      await until(() => $(el, '#checked'));
      for (const when of ['checked', 'done']) {
        expect($(el, '#held-back')?.previousElementSibling?.textContent, when).toContain('De här värdena i filen skrivs inte');
        expect($$(el, '#held-back li').map((li) => li.textContent)).toEqual([expect.stringMatching(/^Post 1: Deltagare planerat ändrades i Samplan av Person coord .* och filen har "30"\./)]);
        expect($(el, '#later-edits')).toBeNull();
        if (when === 'checked') {
          $(el, '#confirm')?.click();
          await until(() => $(el, '#counts') && !$(el, '#confirm'));
        }
      }
    } finally {
      document.body.replaceChildren();
      await f.close();
    }
  });
});

describe('<samplan-file-import> into a damaged document', () => {
  it('says an import into a document whose stored history is damaged changed nothing and that the document must be restored from a backup, in Swedish', async () => {
    const f = await makeFixture();
    try {
      await putDoc(f.storage, 'plan-damaged', 'activity-plan', 'vc-a', [planRow('Promenadgrupp')], f.now.value.toISOString());
      await f.storage.appendUpdates({ workspace: WS, doc: 'plan-damaged' }, [{ update: DAMAGED_UPDATE, memberId: 'eda' }]);
      const inProcess = ((input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(f.samplan.app.request(String(input), init))) as typeof fetch;
      const el = await mount('samplan-file-import', { serverUrl: 'http://samplan.test', token: f.tokens.editor, workspace: WS, doc: 'plan-damaged', docTitle: 'Aktivitetsplan', lang: 'sv', fetchImpl: inProcess });
      Object.defineProperty($<HTMLInputElement>(el, '#file'), 'files', { value: [new File([JSON.stringify([{ title: 'Ny rad', type: 'halsodag' }])], 'rader.json', { type: 'application/json' })] });
      $(el, '#check')?.click();
      await until(() => $(el, '#outcome'));
      expect($(el, '#outcome')?.getAttribute('role')).toBe('alert');
      expect($(el, '#outcome')?.textContent).toBe(
        'Filen importerades inte, inget ändrades: Dokumentet ws1/plan-damaged går inte att läsa: dess sparade historik är skadad (uppdatering 2), så inget skrevs. Dokumentet måste återställas från en säkerhetskopia; en administratör återställer databasen från en fil som samplan backup gjort.',
      );
    } finally {
      document.body.replaceChildren();
      await f.close();
    }
  });
});
