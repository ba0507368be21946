// @vitest-environment happy-dom
/**
 * "Hämta uppföljningstabell" opens its form where its summary is, at the foot of the Explorer
 * below a county's documents: the opened form is scrolled into view (as little as needed), so a
 * manager sees it without scrolling to look for it; closing it leaves the scrolling alone, and opening it again brings it into view again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExcelRun } from '../../../addin/excel/sheet/types.js';
import { RoundsClient } from '../../../addin/taskpane/rounds-client.js';
import { roundPullsFor } from '../../../addin/taskpane/round-pulls.js';
import '../../../addin/taskpane/samplan-round-pull.js';
import { $, mount, until } from './support.js';

const noExcel: ExcelRun = <T>(): Promise<T> => Promise.resolve(undefined as T);
const ROUNDS = [{ id: '2026-kv-1', title: '2026 kv 1', period: '2026Q1', dueDate: '2026-04-15' }];

describe('the round-pull form comes into view when opened', () => {
  let client: RoundsClient | null = null;
  afterEach(async () => {
    document.body.replaceChildren();
    if (client) await roundPullsFor(client).close();
    client = null;
    vi.restoreAllMocks();
  });

  it('scrolls the opened form into view, and not when it closes', async () => {
    client = new RoundsClient('http://samplan.test', 'spl_t', 'hbi', () => Promise.reject(new Error('no server in this test')));
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    const el = await mount('samplan-round-pull', { client, run: noExcel, units: [], rounds: ROUNDS });
    const details = $(el, 'details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    ($(el, 'summary') as HTMLElement).click();
    await until(() => scrolled.mock.calls.length > 0, 10_000);
    expect(details.open).toBe(true);
    expect(scrolled.mock.contexts).toEqual([details]);
    expect(scrolled.mock.calls).toEqual([[{ block: 'nearest' }]]);
    ($(el, 'summary') as HTMLElement).click();
    await until(() => !details.open, 10_000);
    // Opened again: its toggle comes after the closing one's, so every call so far is counted.
    ($(el, 'summary') as HTMLElement).click();
    await until(() => scrolled.mock.calls.length > 1, 10_000);
    expect(scrolled.mock.contexts).toEqual([details, details]);
  });
});
