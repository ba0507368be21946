// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { SamplanApi, type VersionInfo } from '../../../addin/taskpane/api-client.js';
import { formatTime, shownValue } from '../../../addin/taskpane/samplan-history.js';
import { $, $$, fakeFetch, mount, textOf, until } from './support.js';

function api() {
  const server = fakeFetch({
    'GET /v1/workspaces/hbi/documents/plan/history': {
      body: {
        document: 'plan',
        total: 2,
        entries: [
          { seq: 2, at: '2026-11-24T09:30:00.000Z', memberId: 'bo', memberName: 'Bo Berg', cellsChanged: 3, rowsAdded: ['r2'], rowsDeleted: [] },
          { seq: 1, at: '2026-11-24T08:00:00.000Z', memberId: 'anna', memberName: 'Anna Andersson', cellsChanged: 5, rowsAdded: ['r1'], rowsDeleted: [] },
        ],
      },
    },
    'GET /v1/workspaces/hbi/documents/plan/versions/1': {
      body: { document: 'plan', seq: 1, at: '2026-11-24T08:00:00.000Z', rows: [{ id: 'r1', activity: 'Hälsodag' }] },
    },
  });
  return new SamplanApi('http://server', 'spl_t', server.fetch);
}

describe('<samplan-history>', () => {
  afterEach(() => document.body.replaceChildren());

  it('asks for a document first', async () => {
    const el = await mount('samplan-history');
    expect(textOf(el)).toContain('Öppna ett dokument');
  });

  it('lists recent changes newest first with author and time', async () => {
    const el = await mount('samplan-history', { api: api(), workspace: 'hbi', doc: 'plan', kind: 'activity-plan' });
    await until(() => $$(el, '[data-seq]').length === 2);
    const items = $$(el, '[data-seq]');
    expect(items.map((li) => li.getAttribute('data-seq'))).toEqual(['2', '1']);
    expect(items[0]?.textContent).toContain('Bo Berg');
    expect(items[0]?.textContent).toContain('3 celler, +1/−0 rader');
    expect(items[0]?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-24T09:30:00.000Z');
  });

  it('opens a past version and asks to restore it as a new change', async () => {
    const el = await mount('samplan-history', { api: api(), workspace: 'hbi', doc: 'plan', kind: 'activity-plan' });
    await until(() => $$(el, '[data-seq="1"] .view').length === 1);
    $(el, '[data-seq="1"] .view')?.click();
    await until(() => $(el, '#restore'));
    expect(textOf(el)).toContain('Version 1 · 1 rader');
    const restored: VersionInfo[] = [];
    el.addEventListener('samplan-restore-version', (e) => restored.push((e as CustomEvent<VersionInfo>).detail));
    $(el, '#restore')?.click();
    expect(restored).toEqual([{ seq: 1, rows: [{ id: 'r1', values: { activity: 'Hälsodag' } }] }]);
  });

  it('lets a reader look at a version but not restore it', async () => {
    const el = await mount('samplan-history', { api: api(), workspace: 'hbi', doc: 'plan', kind: 'activity-plan', readOnly: true });
    await until(() => $(el, '[data-seq="1"] .view'));
    $(el, '[data-seq="1"] .view')?.click();
    await until(() => $(el, '#close-version'));
    expect($(el, '#restore')).toBeNull();
  });

  it('shows enum values by their label and yes as x', () => {
    const column = { key: 'type', header: { sv: 'Typ', en: 'Type' }, column: { key: 'type', header: { sv: 'Typ', en: 'Type' }, type: 'enum' as const, options: [{ value: 'halsodag', label: { sv: 'Hälsodag', en: 'Health day' } }], help: { sv: '', en: '' } } };
    expect(shownValue(column, 'halsodag', 'en')).toBe('Health day');
    expect(shownValue(column, 'other', 'sv')).toBe('other');
    expect(shownValue(column, true, 'sv')).toBe('x');
    expect(shownValue(column, null, 'sv')).toBe('');
  });

  it('formats times for the pane language', () => {
    expect(formatTime('2026-11-24T09:30:00.000Z', 'sv')).toMatch(/^2026-11-24 \d\d:30$/);
    expect(formatTime('not a time', 'en')).toBe('not a time');
  });
});
