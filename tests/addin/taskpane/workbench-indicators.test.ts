/**
 * The workbench's indicator pull says what happened in the pull's own words: a refused pull is not
 * "the document could not be bound to a sheet", and a later update that fails reaches the notice
 * instead of only the log.
 */
import { describe, expect, it } from 'vitest';
import { SaidError } from '../../../shared/i18n/said-error.js';
import { WorkbenchIndicators, type IndicatorsHost, type Said } from '../../../addin/taskpane/workbench-indicators.js';
import type { PullOptions } from '../../../addin/indicators/pull-options.js';
import type { PulledTable } from '../../../addin/indicators/pull-table.js';
import type { ExcelRun } from '../../../addin/excel/sheet/types.js';
import type { PullRequest } from '../../../addin/indicators/samplan-pull-dialog.js';
import { ApiError } from '../../../addin/taskpane/api-client.js';
import { errorText } from '../../../addin/taskpane/strings.js';

function indicators(pull: (options: Omit<PullOptions, 'filter'>) => Promise<PulledTable>): WorkbenchIndicators {
  const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true), session: {}, ports: {}, serverUrl: '' } as unknown as IndicatorsHost;
  const made = new WorkbenchIndicators(host, () => []);
  (made.pulls as { pull: unknown }).pull = (_run: ExcelRun, _filter: unknown, options: Omit<PullOptions, 'filter'>) => pull(options);
  return made;
}

const REQUEST = { filter: {} } as PullRequest;
const run: ExcelRun = (batch) => batch({} as Excel.RequestContext);

describe('the workbench indicator pull', () => {
  it('says a refused pull in words about the pull', async () => {
    const said = await indicators(() => Promise.reject(new SaidError({ sv: 'Bladet är skyddat.', en: 'The sheet is protected.' }))).pull(run, REQUEST, 'sv');
    expect(said?.text('sv')).toBe('Indikatortabellen kunde inte hämtas: Bladet är skyddat.');
    expect(said?.warn).toBe(true);
  });

  it('says an unreachable server in the pane’s words, not the browser’s English', async () => {
    const said = await indicators(() => Promise.reject(new ApiError('unreachable', 'Failed to fetch'))).pull(run, REQUEST, 'sv');
    expect(said?.text('sv')).toBe(`Indikatortabellen kunde inte hämtas: ${errorText('unreachable', 'sv')}`);
    expect(said?.text('en')).toBe(`The indicator table could not be pulled: ${errorText('unreachable', 'en')}`);
  });

  it('tells a failed live update, naming the sheet', async () => {
    let fail: ((e: unknown) => void) | undefined;
    const told: Said[] = [];
    const made = indicators((options) => {
      fail = options.onError;
      return Promise.resolve({ sheetName: 'Indikatorer' } as PulledTable);
    });
    const said = await made.pull(run, REQUEST, 'sv', (s) => told.push(s));
    expect(said?.text('sv')).toBe('Indikatortabellen finns på bladet Indikatorer och hålls uppdaterad.');
    fail?.(new SaidError({ sv: 'Bladet har lösenord.', en: 'The sheet has a password.' }));
    expect(told.map((s) => [s.text('sv'), s.warn])).toEqual([['Indikatortabellen på bladet Indikatorer kunde inte uppdateras: Bladet har lösenord.', true]]);
  });

  it('warns, in both languages, that what is typed in an unprotected pulled table will be overwritten', async () => {
    let protection: ((sheet: string, on: boolean) => void) | undefined;
    const told: Said[] = [];
    const made = indicators((options) => {
      protection = options.onProtection;
      return Promise.resolve({ sheetName: 'Indikatorer' } as PulledTable);
    });
    await made.pull(run, REQUEST, 'sv', (s) => told.push(s));
    protection?.('Indikatorer', false);
    expect(told.map((s) => s.warn)).toEqual([true]);
    expect(told[0]?.text('sv')).toBe(
      'Bladet Indikatorer är inte längre skyddat. Indikatortabellen där är Samplans kopia: det du skriver i den skrivs över när tabellen uppdateras nästa gång, och bladet skyddas då igen. Skriv dina egna siffror utanför tabellen eller på ett annat blad.',
    );
    expect(told[0]?.text('en')).toMatch(/^Sheet Indikatorer is no longer protected\. .* what you type in it is overwritten the next time the table is updated/);
    protection?.('Indikatorer', true);
    expect(told.map((s) => [s.text('sv'), s.warn])[1]).toEqual(['Bladet Indikatorer är skyddat igen; indikatortabellen skrivs om från Samplan.', false]);
  });
});

describe('the workbench on sign-in', () => {
  it('takes up the tables pulled into the workbook before once, when there are indicator values, and says on which sheet', async () => {
    const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true), session: {}, ports: {}, serverUrl: '' } as unknown as IndicatorsHost;
    let documents: { kind: string }[] = [];
    const made = new WorkbenchIndicators(host, () => documents as never);
    let calls = 0;
    (made.pulls as { resume: unknown }).resume = () => (calls++, Promise.resolve([{ tableName: 'SamplanIndikatorer', sheetName: 'Indikatorer (2)' }]));
    const told: Said[] = [];
    await made.resume(run, 'sv', (s) => told.push(s));
    expect(calls).toBe(0);
    documents = [{ kind: 'indicator-values' }];
    await made.resume(run, 'sv', (s) => told.push(s));
    await made.resume(run, 'sv', (s) => told.push(s));
    expect(calls).toBe(1);
    expect(told.map((s) => [s.text('sv'), s.warn])).toEqual([['Indikatortabellen på bladet Indikatorer (2) hålls uppdaterad igen.', false]]);
    made.reset();
    await made.resume(run, 'sv', (s) => told.push(s));
    expect(calls).toBe(2);
  });
});
