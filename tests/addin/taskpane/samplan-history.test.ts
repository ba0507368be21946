// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cellColumns } from '../../../shared/schema/index.js';
import { SamplanApi } from '../../../addin/taskpane/api-client.js';
import { count } from '../../../addin/taskpane/history-strings.js';
import { formatTime, shownValue, type RestoreRequest } from '../../../addin/taskpane/samplan-history.js';
import { $, $$, fakeFetch, mount, textOf, until } from './support.js';
import * as Y from 'yjs';
import { createDoc, insertRow, setCell } from '../../../shared/doc/index.js';
import type { CellValue } from '../../../shared/schema/types.js';

const group = (g: Record<string, unknown>) => ({
  firstAt: g.at,
  versions: 1,
  rowsAdded: [],
  rowsDeleted: [],
  rowLabels: {},
  changes: [],
  memberName: null,
  ...g,
});

/** `later` is the answer to each ask for the later edits, or a function giving the next one. */
function api(later: unknown[] | (() => unknown[]) = []) {
  const server = fakeFetch({
    'GET /v1/workspaces/hbi/documents/plan/history': {
      body: {
        document: 'plan',
        total: 4,
        groups: [
          group({
            fromSeq: 3,
            seq: 4,
            at: '2026-11-24T09:30:00.000Z',
            authorKind: 'member',
            memberId: 'bo',
            memberName: 'Bo Berg',
            versions: 2,
            cellsChanged: 2,
            changes: [
              { rowId: 'r1', rowLabel: 'Hälsodag i Tensta', column: 'type', from: 'halsodag', to: 'promenadgrupp' },
              { rowId: 'r1', rowLabel: 'Hälsodag i Tensta', column: 'participantsPlanned', from: 12, to: 1 },
            ],
          }),
          group({ fromSeq: 2, seq: 2, at: '2026-11-24T08:30:00.000Z', authorKind: 'import', memberId: 'anna', memberName: 'Anna Andersson', cellsChanged: 5, rowsAdded: ['r2'], rowLabels: { r2: 'Stavgång' } }),
          group({ fromSeq: 1, seq: 1, at: '2026-11-24T08:00:00.000Z', authorKind: 'server', memberId: null, cellsChanged: 1 }),
        ],
      },
    },
    'GET /v1/workspaces/hbi/documents/plan/versions/2': {
      body: { document: 'plan', seq: 2, at: '2026-11-24T08:30:00.000Z', rows: [{ id: 'r1', title: 'Hälsodag i Tensta', participantsPlanned: 12 }, { id: 'r2', title: 'Stavgång' }] },
    },
    'GET /v1/workspaces/hbi/documents/plan/versions/2/later': () => ({ body: { document: 'plan', seq: 2, edits: typeof later === 'function' ? later() : later } }),
  });
  return new SamplanApi('http://server', 'spl_t', server.fetch);
}

const header = (key: string) => cellColumns('activity-plan').find((c) => c.key === key)?.header.sv;

/** An edit of row r1 by the person restoring (anna), so the restore plan offers that row. */
const MINE = { rowId: 'r1', rowLabel: 'Hälsodag i Tensta', column: 'title', inVersion: 'Hälsodag i Tensta', now: 'Hälsodag!', change: 'cell', seq: 3, at: '2026-11-24T09:40:00.000Z', authorKind: 'member', memberId: 'anna', memberName: 'Anna Andersson' };

/** The open plan as the pane holds it: rows r1 and r2. */
function openPlan(): Y.Doc {
  const doc = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'tensta', schemaVersion: 1 });
  insertRow(doc, { title: 'Hälsodag i Tensta', participantsPlanned: 1 }, { id: 'r1' });
  insertRow(doc, { title: 'Stavgång' }, { id: 'r2' });
  return doc;
}

/** A colleague's edit arriving over the socket: made in another copy, applied as an update from elsewhere. */
function arrives(doc: Y.Doc, row: string, column: string, value: CellValue): void {
  const theirs = new Y.Doc();
  Y.applyUpdate(theirs, Y.encodeStateAsUpdate(doc));
  setCell(theirs, row, column, value);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(doc)), 'websocket');
}
const props = { workspace: 'hbi', doc: 'plan', kind: 'activity-plan', me: 'anna' };

describe('<samplan-history>', () => {
  afterEach(() => document.body.replaceChildren());

  it('asks for a document first', async () => {
    const el = await mount('samplan-history');
    expect(textOf(el)).toContain('Öppna ett dokument');
  });

  it('lists bursts of changes newest first, naming every author', async () => {
    const el = await mount('samplan-history', { api: api(), ...props });
    await until(() => $$(el, '[data-seq]').length === 3);
    const items = $$(el, '[data-seq]');
    expect(items.map((li) => li.getAttribute('data-seq'))).toEqual(['4', '2', '1']);
    expect(items[0]?.querySelector('.author')?.textContent).toBe('Bo Berg');
    expect(items[0]?.querySelector('.summary')?.textContent).toBe('2 celler');
    expect(items[0]?.textContent).toContain('#3–4');
    expect(items[1]?.querySelector('.author')?.textContent).toBe('Importerad av Anna Andersson');
    expect(items[1]?.querySelector('.summary')?.textContent).toBe('5 celler · 1 ny rad');
    expect(items[2]?.querySelector('.author')?.textContent).toBe('Samplan (server)');
    expect(items[2]?.querySelector('.summary')?.textContent).toBe('1 cell');
    expect(textOf(el)).not.toMatch(/okänd|1 celler/);
    expect(items[0]?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-24T09:30:00.000Z');
  });

  it('says in words that a refused edit was taken back, by whom and why, instead of an entry with no change', async () => {
    const server = fakeFetch({
      'GET /v1/workspaces/hbi/documents/plan/history': {
        body: {
          document: 'plan',
          total: 2,
          groups: [
            group({ fromSeq: 6, seq: 6, at: '2026-11-24T10:00:00.000Z', authorKind: 'member', memberId: 'bo', memberName: 'Bo Berg', cellsChanged: 0, takenBack: { memberId: 'bo', memberName: 'Bo Berg', code: 'locked-row' } }),
            group({ fromSeq: 5, seq: 5, at: '2026-11-24T09:50:00.000Z', authorKind: 'server', memberId: null, cellsChanged: 0, takenBack: { memberId: 'anna', memberName: null, code: 'something-new' } }),
          ],
        },
      },
    });
    const el = await mount('samplan-history', { api: new SamplanApi('http://server', 'spl_t', server.fetch), ...props });
    await until(() => $$(el, '[data-seq]').length === 2);
    expect($(el, '[data-seq="6"] .summary')?.textContent).toBe('Ändring tillbakatagen (Bo Berg: raden ingår i en godkänd uppföljningsomgång)');
    expect($(el, '[data-seq="5"] .summary')?.textContent).toBe('Ändring tillbakatagen (anna: ändringen var inte tillåten)');
    // There is no change to show under it.
    expect($(el, '[data-seq="6"] .toggle')).toBeNull();
    el.lang = 'en';
    await el.updateComplete;
    expect($(el, '[data-seq="6"] .summary')?.textContent).toBe('Change taken back (Bo Berg: the row is part of an approved follow-up round)');
  });

  it('names a stored change the server could not read, with its time and author, in the pane language, above the rest', async () => {
    const message = {
      sv: 'Ändring 3 i dokumentets sparade historik går inte att läsa (den är skadad). Historiken visas utan den, så senare ändringar kan sakna det den ändrade. En administratör återställer databasen från en säkerhetskopia.',
      en: "Change 3 in the document's stored history cannot be read (it is damaged). The history is shown without it, so later changes may lack what it changed. An administrator restores the database from a backup.",
    };
    const server = fakeFetch({
      'GET /v1/workspaces/hbi/documents/plan/history': {
        body: {
          document: 'plan',
          total: 4,
          groups: [group({ fromSeq: 4, seq: 4, at: '2026-11-24T09:30:00.000Z', authorKind: 'member', memberId: 'bo', memberName: 'Bo Berg', cellsChanged: 1 })],
          damaged: [{ seq: 3, at: '2026-11-24T09:20:00.000Z', memberId: 'bo', memberName: 'Bo Berg', message }],
        },
      },
    });
    const el = await mount('samplan-history', { api: new SamplanApi('http://server', 'spl_t', server.fetch), ...props });
    await until(() => $(el, '[data-damaged-seq="3"]'));
    const alert = $(el, '[data-damaged-seq="3"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent?.replace(/\s+/g, ' ').trim()).toBe(`${formatTime('2026-11-24T09:20:00.000Z', 'sv')} · Bo Berg: ${message.sv}`);
    expect($$(el, '[data-seq]').map((li) => li.getAttribute('data-seq'))).toEqual(['4']);
    el.lang = 'en';
    await el.updateComplete;
    expect($(el, '[data-damaged-seq="3"]')?.textContent).toContain(message.en);
  });

  it('shows each changed cell before → after in words, not codes', async () => {
    const el = await mount('samplan-history', { api: api(), ...props, lang: 'en' });
    await until(() => $(el, '[data-seq="4"] .toggle'));
    $(el, '[data-seq="4"] .toggle')?.click();
    await until(() => $$(el, '[data-seq="4"] li.cell').length === 2);
    const [type, count] = $$(el, '[data-seq="4"] li.cell').map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    const typeColumn = cellColumns('activity-plan').find((c) => c.key === 'type');
    const label = (v: string) => typeColumn?.column.options?.find((o) => o.value === v)?.label.en;
    expect(type).toBe(`Hälsodag i Tensta · ${typeColumn?.header.en}: ${label('halsodag')} → ${label('promenadgrupp')}`);
    expect(count).toMatch(/Hälsodag i Tensta · .+: 12 → 1$/);
    $(el, '[data-seq="2"] .toggle')?.click();
    await until(() => $(el, '[data-seq="2"] li.added'));
    expect($(el, '[data-seq="2"] li.added')?.textContent).toContain('Stavgång');
  });

  it('before restoring, lists the later edits by others it would undo, and restores one row', async () => {
    const later = [
      { rowId: 'r1', rowLabel: 'Hälsodag i Tensta', column: 'participantsPlanned', inVersion: 12, now: 1, change: 'cell', seq: 4, at: '2026-11-24T09:30:00.000Z', authorKind: 'member', memberId: 'bo', memberName: 'Bo Berg' },
      { rowId: 'r2', rowLabel: 'Stavgång', column: 'title', inVersion: 'Stavgång', now: 'Stavgång!', change: 'cell', seq: 5, at: '2026-11-24T09:40:00.000Z', authorKind: 'member', memberId: 'anna', memberName: 'Anna Andersson' },
    ];
    const el = await mount('samplan-history', { api: api(later), ...props });
    await until(() => $(el, '[data-seq="2"] .view'));
    $(el, '[data-seq="2"] .view')?.click();
    await until(() => $(el, '#restore'));
    expect(textOf(el)).toContain('Version 2 · 2 rader');
    $(el, '#restore')?.click();
    await until(() => $(el, '#restore-plan'));
    const plan = $(el, '#restore-plan');
    expect(plan?.textContent).toContain('ångra dessa senare ändringar av andra');
    expect($$(el, '#restore-plan .later li').map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([`Bo Berg: Hälsodag i Tensta · ${header('participantsPlanned')}: 1 → 12`]);
    expect(plan?.textContent).toContain('1 ändring som du själv gjort');
    expect($(el, '#restore-all')?.textContent).toContain('ändå');
    const restored: RestoreRequest[] = [];
    el.addEventListener('samplan-restore-version', (e) => restored.push((e as CustomEvent<RestoreRequest>).detail));
    $(el, '.restore-row[data-row="r1"]')?.click();
    await until(() => restored.length === 1);
    expect(restored[0]).toMatchObject({ seq: 2, only: ['r1'], rowLabel: 'Hälsodag i Tensta' });
  });

  it('restores the whole version at once when no one else changed it since', async () => {
    const el = await mount('samplan-history', { api: api([]), ...props });
    await until(() => $(el, '[data-seq="2"] .view'));
    $(el, '[data-seq="2"] .view')?.click();
    await until(() => $(el, '#restore'));
    $(el, '#restore')?.click();
    await until(() => $(el, '#restore-all'));
    expect($(el, '#restore-plan')?.textContent).toContain('Ingen har ändrat');
    const restored: RestoreRequest[] = [];
    el.addEventListener('samplan-restore-version', (e) => restored.push((e as CustomEvent<RestoreRequest>).detail));
    $(el, '#restore-all')?.click();
    await until(() => restored.length === 1);
    expect(restored[0]?.only).toBeUndefined();
    expect(restored[0]?.rows).toHaveLength(2);
  });

  it("restores nothing when a colleague's edit came after the list was shown, and shows it first", async () => {
    const bo = { rowId: 'r1', rowLabel: 'Hälsodag i Tensta', column: 'participantsPlanned', inVersion: 12, now: 30, change: 'cell', seq: 5, at: '2026-11-24T09:50:00.000Z', authorKind: 'member', memberId: 'bo', memberName: 'Bo Berg' };
    const answers: unknown[][] = [[], [bo]];
    const el = await mount('samplan-history', { api: api(() => answers.shift() ?? [bo]), ...props });
    await until(() => $(el, '[data-seq="2"] .view'));
    $(el, '[data-seq="2"] .view')?.click();
    await until(() => $(el, '#restore'));
    $(el, '#restore')?.click();
    await until(() => $(el, '#restore-all'));
    expect($(el, '#restore-plan')?.textContent).toContain('Ingen har ändrat');
    const restored: RestoreRequest[] = [];
    el.addEventListener('samplan-restore-version', (e) => restored.push((e as CustomEvent<RestoreRequest>).detail));
    $(el, '#restore-all')?.click();
    await until(() => $(el, '#restore-plan .later li'));
    expect(restored).toHaveLength(0);
    expect($(el, '#restore-note')?.textContent).toContain('Dokumentet har ändrats sedan listan visades');
    expect($(el, '#restore-plan .later li')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(`Bo Berg: Hälsodag i Tensta · ${header('participantsPlanned')}: 30 → 12`);
    $(el, '#restore-all')?.click();
    await until(() => restored.length === 1);
    expect(restored[0]?.only).toBeUndefined();
  });

  it("restores nothing when a colleague's edit reaches the open document while the server is asked, though the server's answer lacks it", async () => {
    const bo = { rowId: 'r1', rowLabel: 'Hälsodag i Tensta', column: 'participantsPlanned', inVersion: 12, now: 30, change: 'cell', seq: 5, at: '2026-11-24T09:50:00.000Z', authorKind: 'member', memberId: 'bo', memberName: 'Bo Berg' };
    const ydoc = openPlan();
    let asked = 0;
    // The second ask is the check when the restore is chosen: Bo's edit arrives while it is answered, after the server read its history.
    const later = () => {
      asked++;
      if (asked === 2) arrives(ydoc, 'r1', 'participantsPlanned', 30);
      return asked <= 2 ? [MINE] : [MINE, bo];
    };
    const el = await mount('samplan-history', { api: api(later), ...props, ydoc, followDelay: 60_000 });
    await until(() => $(el, '[data-seq="2"] .view'));
    $(el, '[data-seq="2"] .view')?.click();
    await until(() => $(el, '#restore'));
    $(el, '#restore')?.click();
    await until(() => $(el, '#restore-all'));
    const restored: RestoreRequest[] = [];
    el.addEventListener('samplan-restore-version', (e) => restored.push((e as CustomEvent<RestoreRequest>).detail));
    $(el, '.restore-row[data-row="r1"]')?.click();
    await until(() => $(el, '#restore-plan .later li'));
    expect(restored).toHaveLength(0);
    expect($(el, '#restore-note')?.textContent).toContain('Dokumentet har ändrats sedan listan visades');
    expect($(el, '#restore-plan .later li')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(`Bo Berg: Hälsodag i Tensta · ${header('participantsPlanned')}: 30 → 12`);
    // Read now, and nothing arrives while it is checked: restored.
    $(el, '.restore-row[data-row="r1"]')?.click();
    await until(() => restored.length === 1);
    expect(restored[0]).toMatchObject({ seq: 2, only: ['r1'] });
  });

  it("restores one row while a colleague's edit of another row reaches the open document during the check", async () => {
    const ydoc = openPlan();
    let asked = 0;
    const later = () => {
      if (++asked === 2) arrives(ydoc, 'r2', 'title', 'Stavgång 2');
      return [MINE];
    };
    const el = await mount('samplan-history', { api: api(later), ...props, ydoc, followDelay: 60_000 });
    await until(() => $(el, '[data-seq="2"] .view'));
    $(el, '[data-seq="2"] .view')?.click();
    await until(() => $(el, '#restore'));
    $(el, '#restore')?.click();
    await until(() => $(el, '.restore-row[data-row="r1"]'));
    const restored: RestoreRequest[] = [];
    el.addEventListener('samplan-restore-version', (e) => restored.push((e as CustomEvent<RestoreRequest>).detail));
    $(el, '.restore-row[data-row="r1"]')?.click();
    await until(() => restored.length === 1);
    expect(restored[0]).toMatchObject({ seq: 2, only: ['r1'] });
  });

  it('follows the open document: an edit by someone else appears in the list without reopening the view, one fetch for a burst of edits', async () => {
    const first = group({ fromSeq: 1, seq: 1, at: '2026-11-24T08:00:00.000Z', authorKind: 'member', memberId: 'anna', memberName: 'Anna Andersson', cellsChanged: 1 });
    const bos = group({ fromSeq: 2, seq: 4, at: '2026-11-24T09:30:00.000Z', authorKind: 'member', memberId: 'bo', memberName: 'Bo Berg', cellsChanged: 3 });
    let groups = [first];
    const server = fakeFetch({ 'GET /v1/workspaces/hbi/documents/plan/history': () => ({ body: { document: 'plan', total: groups.length, groups } }) });
    const asks = () => server.calls.filter((c) => c.path.endsWith('/history')).length;
    const ydoc = openPlan();
    const el = await mount('samplan-history', { api: new SamplanApi('http://server', 'spl_t', server.fetch), ...props, ydoc, followDelay: 40 });
    await until(() => $$(el, '[data-seq]').length === 1);
    expect(asks()).toBe(1);
    // The server stores an update before it relays it: by the time it arrives, the history holds it.
    groups = [bos, first];
    for (const value of [20, 21, 22]) arrives(ydoc, 'r1', 'participantsPlanned', value);
    await until(() => $(el, '[data-seq="4"]'));
    expect($(el, '[data-seq="4"] .author')?.textContent).toBe('Bo Berg');
    expect($$(el, '[data-seq]').map((li) => li.getAttribute('data-seq'))).toEqual(['4', '1']);
    await new Promise((r) => setTimeout(r, 100));
    expect(asks()).toBe(2);
  });

  it('keeps the list shown while it is asked for again, and stops following a document it no longer shows', async () => {
    const first = group({ fromSeq: 1, seq: 1, at: '2026-11-24T08:00:00.000Z', authorKind: 'member', memberId: 'anna', memberName: 'Anna Andersson', cellsChanged: 1 });
    let release: (() => void) | null = null;
    const server = fakeFetch({ 'GET /v1/workspaces/hbi/documents/plan/history': () => ({ body: { document: 'plan', total: 1, groups: [first] } }) });
    const slow: typeof fetch = async (input, init) => {
      const answer = await server.fetch(input, init);
      if (server.calls.length > 1) await new Promise<void>((r) => (release = r));
      return answer;
    };
    const ydoc = openPlan();
    const el = await mount('samplan-history', { api: new SamplanApi('http://server', 'spl_t', slow), ...props, ydoc, followDelay: 10 });
    await until(() => $$(el, '[data-seq]').length === 1);
    arrives(ydoc, 'r1', 'participantsPlanned', 20);
    await until(() => release !== null);
    await el.updateComplete;
    // Asked again, not yet answered: the list is still there, no "loading" in its place.
    expect($$(el, '[data-seq]').length).toBe(1);
    expect($(el, '[aria-busy="true"]')).toBeNull();
    (release as unknown as () => void)();
    el.ydoc = null;
    await el.updateComplete;
    const asked = server.calls.length;
    arrives(ydoc, 'r1', 'participantsPlanned', 21);
    await new Promise((r) => setTimeout(r, 60));
    expect(server.calls.length).toBe(asked);
  });

  it('restores one row when the only newer edit by others is on another row', async () => {
    const bo = { rowId: 'r2', rowLabel: 'Stavgång', column: 'title', inVersion: 'Stavgång', now: 'Stavgång 2', change: 'cell', seq: 5, at: '2026-11-24T09:50:00.000Z', authorKind: 'member', memberId: 'bo', memberName: 'Bo Berg' };
    const mine = { rowId: 'r1', rowLabel: 'Hälsodag i Tensta', column: 'title', inVersion: 'Hälsodag i Tensta', now: 'Hälsodag!', change: 'cell', seq: 4, at: '2026-11-24T09:40:00.000Z', authorKind: 'member', memberId: 'anna', memberName: 'Anna Andersson' };
    const answers: unknown[][] = [[mine], [mine, bo]];
    const el = await mount('samplan-history', { api: api(() => answers.shift() ?? [mine, bo]), ...props });
    await until(() => $(el, '[data-seq="2"] .view'));
    $(el, '[data-seq="2"] .view')?.click();
    await until(() => $(el, '#restore'));
    $(el, '#restore')?.click();
    await until(() => $(el, '.restore-row[data-row="r1"]'));
    const restored: RestoreRequest[] = [];
    el.addEventListener('samplan-restore-version', (e) => restored.push((e as CustomEvent<RestoreRequest>).detail));
    $(el, '.restore-row[data-row="r1"]')?.click();
    await until(() => restored.length === 1);
    expect(restored[0]).toMatchObject({ seq: 2, only: ['r1'] });
  });

  it('restores nothing, saying so, when the later edits cannot be asked for again', async () => {
    let calls = 0;
    const el = await mount('samplan-history', {
      api: api(() => {
        calls++;
        if (calls > 1) throw new Error('offline');
        return [];
      }),
      ...props,
    });
    await until(() => $(el, '[data-seq="2"] .view'));
    $(el, '[data-seq="2"] .view')?.click();
    await until(() => $(el, '#restore'));
    $(el, '#restore')?.click();
    await until(() => $(el, '#restore-all'));
    const restored: RestoreRequest[] = [];
    el.addEventListener('samplan-restore-version', (e) => restored.push((e as CustomEvent<RestoreRequest>).detail));
    $(el, '#restore-all')?.click();
    await until(() => $(el, '#restore-note'));
    expect(restored).toHaveLength(0);
    expect($(el, '#restore-note')?.textContent).toContain('Ingenting återställdes');
  });

  it('lets a reader look at a version but not restore it', async () => {
    const el = await mount('samplan-history', { api: api(), ...props, readOnly: true });
    await until(() => $(el, '[data-seq="2"] .view'));
    $(el, '[data-seq="2"] .view')?.click();
    await until(() => $(el, '#close-version'));
    expect($(el, '#restore')).toBeNull();
  });

  it("says counts through the language's plural rules", () => {
    expect([count('cells', 1, 'sv'), count('cells', 3, 'sv'), count('cells', 1, 'en'), count('cells', 0, 'en')]).toEqual(['1 cell', '3 celler', '1 cell', '0 cells']);
    expect(count('rowsDeleted', 2, 'sv')).toBe('2 rader borttagna');
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
