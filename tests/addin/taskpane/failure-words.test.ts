// @vitest-environment happy-dom
/**
 * An error that is not the server's reaches a person in the pane's words, never in its own
 * English: Excel's `RichApi.Error` (its message is in Office's language), a `TypeError`, an
 * IndexedDB `DOMException`, a full store. Checked in `failureWords` for every kind, and through
 * each view that showed an error's `message`: the refused changes (keep, discard), the round-pull
 * form, the self-assessment, the adoption dialog and the workbench's notice when a document could
 * not be bound to a sheet. Each Swedish sentence is scanned for English words
 * (`tests/support/language-words.ts`) and says what to do. Fails on the old views, which showed
 * `err.message` (or `String(err)`).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, ErrorCode } from '../../../addin/excel-emulator/errors.js';
import type { ExcelRun } from '../../../addin/excel/sheet/types.js';
import { failureWords } from '../../../addin/taskpane/notice.js';
import type { RefusedChangesActions } from '../../../addin/taskpane/refused-changes-actions.js';
import type { RoundsClient } from '../../../addin/taskpane/rounds-client.js';
import type { SamplanWorkbench } from '../../../addin/taskpane/samplan-workbench.js';
import '../../../addin/taskpane/samplan-refused-changes.js';
import '../../../addin/taskpane/samplan-round-pull.js';
import '../../../addin/taskpane/samplan-maturity.js';
import '../../../addin/taskpane/samplan-adopt.js';
import '../../../addin/taskpane/samplan-workbench.js';
import { SaidError } from '../../../shared/i18n/said-error.js';
import { ENGLISH_WORDS, SWEDISH_WORDS, withoutKeys } from '../../support/language-words.js';
import { $, fakeFetch, fakePorts, mount, until } from './support.js';

/** The errors a view can be handed that are not the server's, each with its English message. */
const FAILURES: [string, () => unknown][] = [
  ['Excel: item not found', () => apiError(ErrorCode.itemNotFound)],
  ['Excel: access denied', () => apiError(ErrorCode.accessDenied)],
  ['Excel: already exists', () => apiError(ErrorCode.itemAlreadyExists)],
  ['Excel: in cell edit mode', () => apiError(ErrorCode.invalidOperationInCellEditMode)],
  ['Excel: payload too large', () => apiError(ErrorCode.requestPayloadSizeLimitExceeded)],
  ['Excel: a general exception', () => apiError(ErrorCode.generalException)],
  ['Excel: a code the pane has no words for', () => Object.assign(new Error('The operation failed because of a conflict.'), { name: 'RichApi.Error', code: 'InsertDeleteConflict', debugInfo: {} })],
  ['a TypeError', () => new TypeError("Cannot read properties of undefined (reading 'rows')")],
  ['a full store', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError')],
  ['IndexedDB: a closed database', () => new DOMException("Failed to execute 'transaction' on 'IDBDatabase': The database connection is closing.", 'InvalidStateError')],
  ['IndexedDB: an unknown error', () => new DOMException('An internal error was encountered in the Indexed Database server', 'UnknownError')],
  ['a thrown string', () => 'something failed'],
];

const MESSAGES = FAILURES.map(([, make]) => {
  const e = make();
  return e instanceof Error ? e.message : String(e);
});

/** A Swedish sentence of the pane: no English word, none of the errors' messages, and what to do. */
function expectSwedish(text: string): void {
  expect(withoutKeys(text), `English inside the Swedish: ${text}`).not.toMatch(ENGLISH_WORDS);
  for (const m of MESSAGES) expect(text).not.toContain(m);
  expect(text).toMatch(/[Ff]örsök igen|[Ss]täng|[Tt]ryck|[Tt]a bort/);
}

describe('failureWords for an error that is not the server’s', () => {
  it.each(FAILURES)('%s: Swedish without English, English without Swedish', (_, make) => {
    const err = make();
    expectSwedish(failureWords(err, 'sv'));
    expect(withoutKeys(failureWords(err, 'en'))).not.toMatch(SWEDISH_WORDS);
  });

  it('names Excel’s code and the storage error’s name for support, and keeps the pane’s own words in the language asked', () => {
    expect(failureWords(apiError(ErrorCode.itemNotFound), 'sv')).toContain('(ItemNotFound)');
    expect(failureWords(new DOMException('x', 'QuotaExceededError'), 'sv')).toContain('(QuotaExceededError)');
    const said = new SaidError({ sv: 'Excel är inte anslutet', en: 'Excel is not connected' }, 'sv');
    expect([failureWords(said, 'sv'), failureWords(said, 'en')]).toEqual(['Excel är inte anslutet', 'Excel is not connected']);
  });
});

const changes = [{ kind: 'changed' as const, rowId: 'r1', values: { title: 'Stavgång' }, columns: ['title'] }];
const click = (el: Element, id: string) => ($(el, `#${id}`) as HTMLElement).click();

describe('through each view', () => {
  afterEach(() => {
    document.body.replaceChildren();
    vi.unstubAllGlobals();
  });

  it.each(FAILURES)('the refused changes, keep and discard: %s', async (_, make) => {
    const actions: RefusedChangesActions = {
      list: async () => changes,
      keep: async () => Promise.reject(make()),
      discard: async () => Promise.reject(make()),
    };
    const el = await mount('samplan-refused-changes', { docs: [{ id: 'plan', title: 'Plan' }], actions });
    click(el, 'keep');
    await until(() => $(el, '.said') !== null);
    const kept = $(el, '.said')?.textContent ?? '';
    expect(kept).toMatch(/^Det gick inte att skapa bladet: .+\. Ingenting har tagits bort/);
    expectSwedish(kept);
    click(el, 'discard');
    await until(() => $(el, '#confirm-discard') !== null);
    click(el, 'confirm-discard');
    await until(() => ($(el, '.said')?.textContent ?? '').startsWith('Det gick inte att återställa'));
    expectSwedish($(el, '.said')?.textContent ?? '');
  });

  it('the round-pull form', async () => {
    const client = { rounds: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'map')")) } as unknown as RoundsClient;
    const el = await mount('samplan-round-pull', { client, run: (() => Promise.reject(apiError(ErrorCode.generalException))) as ExcelRun, units: [] });
    await until(() => $(el, '#pull-status') !== null);
    expectSwedish($(el, '#pull-status')?.textContent ?? '');
  });

  it('the self-assessment', async () => {
    const client = {
      rounds: async () => [{ id: '2026-kv-1', title: '2026 kv 1', period: '2026Q1', dueDate: '2026-04-15' }],
      maturity: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'level')")),
    } as unknown as RoundsClient;
    const el = await mount('samplan-maturity', { client });
    await until(() => $(el, '#maturity-message') !== null);
    expectSwedish($(el, '#maturity-message')?.textContent ?? '');
  });

  it('the adoption dialog, when Excel refuses to read the sheet', async () => {
    const run = (() => Promise.reject(apiError(ErrorCode.accessDenied))) as ExcelRun;
    const el = await mount('samplan-adopt', { lang: 'sv', run, adopt: async () => {} });
    await until(() => $(el, '[role=alert]') !== null, 5000);
    expectSwedish($(el, '[role=alert]')?.textContent ?? '');
  });

  it('the workbench, when a document could not be bound to a sheet', async () => {
    const server = fakeFetch({
      'GET /v1/workspaces': { body: { workspaces: [{ id: 'hbi', name: 'Region Stockholm' }] } },
      'GET /v1/workspaces/hbi': { body: { you: { memberId: 'anna', name: 'Anna', role: 'editor', units: ['tensta'] }, units: [{ code: 'tensta', name: 'Tensta vårdcentral', parent: null }] } },
      'GET /v1/workspaces/hbi/documents': { body: { documents: [] } },
    });
    vi.stubGlobal('fetch', server.fetch);
    const { ports, record } = fakePorts();
    const run: ExcelRun = <T>(): Promise<T> => Promise.resolve(undefined as T);
    const el = (await mount('samplan-workbench', { serverUrl: 'http://server', token: 'spl_t', ports, run })) as SamplanWorkbench;
    await until(() => el.session.state === 'signed-in');
    record.bindFails = apiError(ErrorCode.itemNotFound);
    await el.openDocument({ id: 'plan', kind: 'activity-plan', title: 'P', ownerUnit: null, updatedAt: null });
    await until(() => ($(el, '.notice')?.textContent ?? '') !== '', 5000);
    const notice = $(el, '.notice')?.textContent ?? '';
    expect(notice).toContain('Dokumentet kunde inte kopplas till ett blad');
    expectSwedish(notice);
  });
});
