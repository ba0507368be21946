// @vitest-environment happy-dom
/**
 * A manager's pulled completeness and roll-up tables against the real server app (in process,
 * memory storage) and the emulated workbook: pulled from the Follow-up view's chooser, live
 * through the rounds stream when a unit submits and when a value is written.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import type { ExcelRun } from '../../../addin/excel/sheet/types.js';
import { registryDocAccess } from '../../../server/http/doc-access.js';
import * as Y from 'yjs';
import { createDoc, insertRow } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import { RoundsClient } from '../../../addin/taskpane/rounds-client.js';
import { roundPullsFor } from '../../../addin/taskpane/round-pulls.js';
import '../../../addin/taskpane/samplan-round-pull.js';
import { feedLooks, type FeedLooks } from '../../server/http/feed-looks.js';
import { makeFixture, WS, type Fixture } from '../../server/http/support.js';
import { $, mount, until } from './support.js';
import { ROUND_RETRY_MS } from '../../../addin/indicators/pull-round-table.js';
import { pastTimers } from '../../support/eventually.js';

let f: Fixture;
let client: RoundsClient | null = null;
afterEach(async () => {
  vi.useRealTimers();
  document.body.replaceChildren();
  if (client) await roundPullsFor(client).close();
  client = null;
  await f?.close();
});

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const appFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  return f.samplan.app.request(url.pathname + url.search, init ?? {});
};
const UNITS = [
  { code: 'vc-a', name: 'Vårdcentral A' },
  { code: 'vc-b', name: 'Vårdcentral B' },
];

async function setup(looks?: FeedLooks) {
  f = await makeFixture(looks ? { wrap: looks.wrap } : {});
  const round = { id: '2026-kv-1', title: '2026 kv 1', period: '2026Q1', dueDate: '2026-04-15', indicators: ['vc-far-forskrivna'], units: ['vc-a', 'vc-b'] };
  expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
  client = new RoundsClient('http://samplan.test', f.tokens.viewer, WS, appFetch);
  const host = createWorkbook();
  const run: ExcelRun = (batch) => host.run(batch);
  return { host, run };
}

describe('<samplan-round-pull> and the pulled round tables', () => {
  it('pulls completeness from the chooser, says where, and shows a submission live', async () => {
    const { host, run } = await setup();
    const el = await mount('samplan-round-pull', { client, run, units: UNITS, open: true });
    await until(() => $(el, '#round-choice option') !== null);
    ($(el, '#pull-round') as HTMLButtonElement).click();
    await until(() => /Hämtad till bladet/.test($(el, '#pull-status')?.textContent ?? ''), 10_000);
    expect($(el, '#pull-status')?.textContent).toBe('Hämtad till bladet "Fullständighet 2026 kv 1": 2 rader. Tabellen uppdateras när en enhet skickar in, godkänns eller ett värde ändras.');
    const table = roundPullsFor(client as RoundsClient).tables[0];
    const rows = () => host.readTable(table?.tableName ?? '').rows;
    expect(rows().map((r) => r.slice(0, 3))).toEqual([
      ['Vårdcentral A', '2026 kv 1', 'ej påbörjad'],
      ['Vårdcentral B', '2026 kv 1', 'ej påbörjad'],
    ]);
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-1/units/vc-a/submit`, f.tokens.editor, json({}))).status).toBe(200);
    await until(() => rows()[0]?.[2] === 'inskickad', 10_000);
    expect(rows()[1]?.[2]).toBe('ej påbörjad');
    expect($(el, '#pulled li')?.textContent).toMatch(/^Fullständighet 2026 kv 1 – senast uppdaterad /);
  });

  it('follows a value written into the round’s indicator: the roll-up shows it within a few seconds', async () => {
    const looks = feedLooks();
    const { host, run } = await setup(looks);
    const table = await roundPullsFor(client as RoundsClient).pull(run, 'rollup', '2026-kv-1', { lang: 'sv', unitNames: new Map(UNITS.map((u) => [u.code, u.name])) });
    expect(table.sheetName).toBe('Länssammanställning 2026 kv 1');
    const rows = () => host.readTable(table.tableName).rows;
    // No values yet: empty cells, never 0.
    expect(rows().map((r) => [r[1], r[3]])).toEqual([
      ['Vårdcentral A', ''],
      ['Vårdcentral B', ''],
      ['Hela länet', ''],
    ]);
    const empty = createDoc('indicator-values', { title: 'Värden', ownerUnit: 'region', schemaVersion: kindDef('indicator-values').schemaVersion });
    await f.storage.putDocRecord({ workspace: WS, doc: 'varden', kind: 'indicator-values', title: 'Värden', ownerUnit: 'region', createdAt: f.now.value.toISOString(), updatedAt: f.now.value.toISOString() });
    await f.storage.appendUpdates({ workspace: WS, doc: 'varden' }, [{ update: Y.encodeStateAsUpdate(empty), memberId: 'coord' }]);
    // The stream has taken its first look at the documents: what is written now is a later edit.
    await looks.first();
    f.now.value = new Date(f.now.value.getTime() + 60_000);
    await registryDocAccess(f.samplan.registry).write({ workspace: WS, doc: 'varden' }, null, (doc) => {
      insertRow(doc, { indicator: 'vc-far-forskrivna', unit: 'vc-a', period: '2026Q1', kon: 'T', value: 7, status: 'preliminar' });
    });
    await until(() => rows()[0]?.[3] === 7, 10_000);
    expect(rows()[2]?.[3]).toBe(7);
    expect(rows()[1]?.[3]).toBe('');
  }, 20_000);

  it('says in words when the round cannot be pulled, and writes nothing', async () => {
    const { host, run } = await setup();
    const el = await mount('samplan-round-pull', { client, run, units: UNITS, open: true, rounds: [{ id: 'finns-inte', title: 'Finns inte', period: '2026Q1', dueDate: '2026-04-15' }] });
    ($(el, '#pull-round') as HTMLButtonElement).click();
    await until(() => /kunde inte hämtas/.test($(el, '#pull-status')?.textContent ?? ''), 10_000);
    expect($(el, '#pull-status')?.getAttribute('role')).toBe('alert');
    expect($(el, '#pull-status')?.textContent).toMatch(/^Tabellen kunde inte hämtas: .+/);
    expect(host.snapshot().tables).toEqual([]);
  });

  it('says once, in its own words, that a live update cannot be written into a sheet given a password, and writes again once it is gone', async () => {
    const { host, run } = await setup();
    const el = await mount('samplan-round-pull', { client, run, units: UNITS, open: true });
    await until(() => $(el, '#round-choice option') !== null);
    ($(el, '#pull-round') as HTMLButtonElement).click();
    await until(() => /Hämtad till bladet/.test($(el, '#pull-status')?.textContent ?? ''), 10_000);
    const table = roundPullsFor(client as RoundsClient).tables[0];
    const sheet = table?.sheetName ?? '';
    const rows = () => host.readTable(table?.tableName ?? '').rows;
    // The manager puts a password on the sheet (Review → Unprotect Sheet, then Protect Sheet with one).
    const password = async (on: boolean): Promise<void> =>
      host.run(async (context) => {
        const protection = context.workbook.worksheets.getItem(sheet).protection;
        protection.unprotect(on ? undefined : 'hemligt');
        if (on) protection.protect({ allowAutoFilter: true }, 'hemligt');
        else protection.protect();
        await context.sync();
      });
    const locked =
      `Bladet "${sheet}", där tabellen "${table?.tableName}" hämtas, är skyddat med lösenord, så Samplan kan inte skriva där. ` +
      `Ta bort bladskyddet på "${sheet}" (Granska → Ta bort skydd för blad), eller hämta tabellen till ett annat blad. Inget i arbetsboken har ändrats.`;
    await password(true);
    // Protected again by the person, the table is written anew at once (what was typed meanwhile
    // goes): refused for the password, and said in its own words.
    await until(() => $(el, '#pull-status')?.textContent === locked, 10_000);
    expect($(el, '#pull-status')?.getAttribute('role')).toBe('alert');
    const syncs = host.syncCount;
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-1/units/vc-a/submit`, f.tokens.editor, json({}))).status).toBe(200);
    // The change is tried, refused again and not said again.
    await until(() => host.syncCount > syncs, 10_000);
    // The table's writes are one chain: a refresh ends after that try, and is refused the same way.
    await table?.refresh();
    expect($(el, '#pull-status')?.textContent).toBe(locked);
    expect(rows()[0]?.[2]).toBe('ej påbörjad');
    // Not tried again on a timer: past the retry wait after the last refusal, nothing more was sent.
    const after = host.syncCount;
    await pastTimers(ROUND_RETRY_MS);
    expect(host.syncCount).toBe(after);
    // The password gone (the sheet protected without one), the table is written at once.
    await password(false);
    await until(() => rows()[0]?.[2] === 'inskickad', 10_000);
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-1/units/vc-a/approve`, f.tokens.coordinator, json({}))).status).toBe(200);
    await until(() => rows()[0]?.[2] === 'godkänd', 10_000);
  });

  it('stops a pulled table whose reader is removed, says so in the sheet and the pane, and asks the server no more', async () => {
    const { host, run } = await setup();
    let asked = 0;
    const counting: typeof fetch = (input, init) => {
      asked++;
      return appFetch(input, init);
    };
    client = new RoundsClient('http://samplan.test', f.tokens.viewer, WS, counting);
    const el = await mount('samplan-round-pull', { client, run, units: UNITS, open: true });
    await until(() => $(el, '#round-choice option') !== null);
    ($(el, '#pull-round') as HTMLButtonElement).click();
    await until(() => /Hämtad till bladet/.test($(el, '#pull-status')?.textContent ?? ''), 10_000);
    const table = roundPullsFor(client).tables[0];
    expect(table?.stopped).toBeNull();
    // A clock of the test's own from here on, running as time runs, so that it can be run on below.
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    // The manager (the viewer 'chef') is removed: the server ends the stream and refuses it again.
    expect((await f.req(`/v1/workspaces/${WS}/members/chef`, f.tokens.admin, { method: 'DELETE' })).status).toBe(200);
    await until(() => /uppdateras inte längre/.test($(el, '#pull-status')?.textContent ?? ''), 15_000);
    expect($(el, '#pull-status')?.getAttribute('role')).toBe('alert');
    expect($(el, '#pull-status')?.textContent).toMatch(/^Tabellen "Fullständighet 2026 kv 1" uppdateras inte längre och visar det som gällde senast: .+/);
    expect(table?.stopped).toEqual(expect.any(String));
    expect(roundPullsFor(client).tables).toEqual([]);
    expect($(el, '#pulled')).toBeNull();
    // The sheet no longer claims to be live, and says why under its title.
    const lines = host.read(table?.sheetName ?? '', 'A1:A2').map((r) => String(r[0]));
    expect(lines[0]).toBe('Samplan – fullständighet, 2026 kv 1 (skrivskyddad; uppdateras inte längre)');
    expect(lines[1]).toMatch(/^Senast uppdaterad: .+\. Uppdateras inte längre: .+/);
    // No retry loop: nothing more is asked of the server in the minute run on here (a refused
    // fetch was once tried again every 2 s; a refused stream is opened again after 1 s, 2 s, 4 s …).
    const after = asked;
    await vi.advanceTimersByTimeAsync(60_000);
    vi.useRealTimers();
    expect(asked).toBe(after);
  }, 30_000);

  it('asks for Excel outside it instead of offering a pull', async () => {
    await setup();
    const el = await mount('samplan-round-pull', { client, run: null, units: UNITS, open: true });
    expect($(el, '#pull-round')).toBeNull();
    expect(el.shadowRoot?.textContent).toContain('Öppna tillägget i Excel');
  });
});
