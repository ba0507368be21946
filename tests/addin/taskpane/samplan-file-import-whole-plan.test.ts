// @vitest-environment happy-dom
/**
 * `<samplan-file-import>` of files whose records the whole planned update refuses
 * (`import-plan-whole.ts`). Rows that would take the document past its size limit
 * (`Limits.maxDocBytes`, made 16 KiB here as in `import-doc-size.test.ts`): the check and the
 * import itself say which rows fit and which are refused, each row refused in words with the
 * limit and the counts, and the refused rows counted, in Swedish and English. Two records refused
 * only together (made so by a check of the test's own, as in `import-together.test.ts`): each
 * said with what became of the file's other rows.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '../../../addin/taskpane/samplan-file-import.js';
import type { SamplanFileImport } from '../../../addin/taskpane/samplan-file-import.js';
import { csvOf } from '../../support/import-answer.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from '../../server/http/support.js';
import type { checkUpdate } from '../../../shared/validate/check-update.js';
import { $, $$, mount, until } from './support.js';

/** The check's signature. */
type CheckUpdate = typeof checkUpdate;

/** Two texts an update is refused for holding both of (none when unset). */
const pair = vi.hoisted(() => ({ texts: null as [string, string] | null }));

vi.mock('../../../shared/validate/check-update.js', async (original) => {
  const real = await original<{ checkUpdate: CheckUpdate }>();
  const { refuse } = await import('../../../shared/validate/update-refusal.js');
  const holds = (bytes: Uint8Array, text: string) => new TextDecoder('latin1').decode(bytes).includes(new TextDecoder('latin1').decode(new TextEncoder().encode(text)));
  const checkUpdate: CheckUpdate = (doc, update, opts) =>
    pair.texts && holds(update, pair.texts[0]) && holds(update, pair.texts[1]) ? refuse.personnummer({ at: 'bytes' }, { kind: 'personnummer', phoneLike: false }) : real.checkUpdate(doc, update, opts);
  return { ...real, checkUpdate };
});

vi.mock('../../../shared/protocol/limits.js', async (original) => {
  const real = await original<{ Limits: Record<string, number> }>();
  return { ...real, Limits: { ...real.Limits, maxDocBytes: 16 * 1024 } };
});

const ROWS = 60;
/** 60 rows of about 500 bytes each: about twice what the document has room for. */
const file = csvOf(['Aktivitet', 'Typ', 'Kommentar'], Array.from({ length: ROWS }, (_, i) => [`Träff ${i + 1}`, 'halsodag', `Anteckning ${i + 1}: ${'lång text '.repeat(48)}`]));

describe('<samplan-file-import> of rows past the document’s size limit', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(() => f.close());
  afterEach(() => document.body.replaceChildren());

  const inProcess = ((input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(f.samplan.app.request(String(input), init))) as typeof fetch;

  async function picked(doc: string, lang: 'sv' | 'en'): Promise<SamplanFileImport> {
    const el = await mount('samplan-file-import', { serverUrl: 'http://samplan.test', token: f.tokens.coordinator, workspace: WS, doc, docTitle: 'Aktivitetsplan', lang, fetchImpl: inProcess });
    Object.defineProperty($<HTMLInputElement>(el, '#file'), 'files', { value: [new File([file], 'rader.csv', { type: 'text/csv' })] });
    return el;
  }

  it('says before the yes and after the import each row left out, in words, and counts them', async () => {
    const el = await picked('plan-a', 'sv');
    $(el, '#check')?.click();
    await until(() => $(el, '#checked'));
    const fit = Number(/blir det (\d+) nya rader/.exec($(el, '#checked')?.textContent ?? '')?.[1]);
    expect(fit).toBeGreaterThan(10);
    expect(fit).toBeLessThan(ROWS);
    const refused = ROWS - fit;
    const sayRefused = () => {
      expect($(el, '#counts')?.textContent).toMatch(new RegExp(`inte: ${refused}\\.`));
      const items = $$(el, '#refused li').map((li) => li.textContent ?? '');
      expect(items).toHaveLength(Math.min(refused, 50));
      expect(items[0]).toMatch(new RegExp(`^Rad ${fit + 2} i filen: Dokumentet skulle bli större än 16 KiB, gränsen för ett dokument \\(det är [\\d,]+ KiB nu\\)\\. Filens rader tas med i ordning så länge de får plats: ${fit} rader före den här fick plats, den här och ${refused - 1} efter den inte\\.`));
      expect(items.at(-1)).toMatch(new RegExp(`^Rad ${ROWS + 1} i filen: .* den här inte\\.`));
    };
    expect($(el, '#counts')?.textContent).toBe(`Importeras: ${fit} rader (${fit} nya, 0 ändrade). Importeras inte: ${refused}. Oförändrade (redan som i filen): 0.`);
    sayRefused();
    $(el, '#confirm')?.click();
    await until(() => $(el, '#outcome'));
    expect($(el, '#outcome')?.textContent).toBe(`${fit} nya rader och 0 ändrade rader importerades.`);
    sayRefused();
  });

  it('says the same in English', async () => {
    const el = await picked('handlingsplan', 'en');
    $(el, '#check')?.click();
    await until(() => $(el, '#checked'));
    const first = $(el, '#refused li')?.textContent ?? '';
    expect(first).toMatch(/^Row \d+ of the file: The document would grow beyond 16 KiB, the limit for a document \(it is [\d.]+ KiB now\)\. The file's rows are taken in order while they fit: \d+ rows before this one fit, this one and \d+ after it do not\./);
    expect($(el, '#counts')?.textContent).toMatch(/^To be imported: \d+ rows \(\d+ new, 0 changed\)\. Not to be imported: \d+\./);
  });

  it('says each of two records refused only together with the file’s other row imported', async () => {
    pair.texts = ['Lokal 850101', '1236 kr i avgift'];
    try {
      // A document of its own: the others are near their limit by now.
      await putRegionDoc(f, 'plan-t', 'activity-plan', []);
      const el = await mount('samplan-file-import', { serverUrl: 'http://samplan.test', token: f.tokens.coordinator, workspace: WS, doc: 'plan-t', docTitle: 'Aktivitetsplan', lang: 'sv', fetchImpl: inProcess });
      const together = csvOf(['Aktivitet', 'Typ', 'Kommentar'], [['Möte', 'halsodag', 'Lokal 850101'], ['Kurs', 'halsodag', '1236 kr i avgift'], ['Träff', 'halsodag', 'Ta med vatten']]);
      Object.defineProperty($<HTMLInputElement>(el, '#file'), 'files', { value: [new File([together], 'rader.csv', { type: 'text/csv' })] });
      $(el, '#check')?.click();
      await until(() => $(el, '#confirm'));
      $(el, '#confirm')?.click();
      await until(() => $(el, '#outcome'));
      expect($(el, '#counts')?.textContent).toBe('Importerades: 1 rad (1 ny, 0 ändrade). Importerades inte: 2. Oförändrade (redan som i filen): 0.');
      expect($$(el, '#refused li').map((li) => li.textContent)).toEqual([2, 3].map((row) => `Rad ${row} i filen: Raden läses tillsammans med rad ${5 - row} i filen som ett personnummer när raderna skrivs in, fast ingen av dem innehåller ett ensam. De här raderna importeras inte; 1 annan rad i filen importeras. Ändra eller ta bort siffrorna i en av dem och importera dem igen.`));
    } finally {
      pair.texts = null;
    }
  });
});
