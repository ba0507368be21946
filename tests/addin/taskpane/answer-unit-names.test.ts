// @vitest-environment happy-dom
/**
 * The pane names units in a pulled round table and in the Länssammanställning view by the names
 * the server's answer gives (`unitNames`), so a unit renamed after the pane read the workspace's
 * units shows its new name at the next fetch; an answer of an older server without `unitNames`
 * is named by the workspace's units as the pane read them. Against the real server app.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { pullRoundTable, type PulledRoundTable, type RoundTableSource } from '../../../addin/indicators/pull-round-table.js';
import type { RoundTableData, RoundTableKind } from '../../../addin/indicators/round-table-layout.js';
import type { RoundsClient } from '../../../addin/taskpane/rounds-client.js';
import '../../../addin/taskpane/samplan-rollup.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from '../../server/http/support.js';
import { roundsClientOver } from './rounds-over-fixture.js';
import { $, mount, until } from './support.js';

let f: Fixture;
const open: PulledRoundTable[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.dispose();
  document.body.replaceChildren();
  await f?.close();
});

const F = 'vc-far-forskrivna';
/** The workspace's units as the pane read them at sign-in: vc-a under an older name. */
const PANE_UNITS = [{ code: 'vc-a', name: 'Alby (gammalt namn)' }, { code: 'vc-b', name: 'Vårdcentral B' }];

async function setup(): Promise<RoundsClient> {
  f = await makeFixture();
  await f.storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Alby vårdcentral', parent: 'region' });
  await putRegionDoc(f, 'katalog', 'indicator-catalog', [{ id: F, name: 'Förskrivna FaR', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 40 }]);
  const v = (unit: string, value: number): RowValues => ({ indicator: F, unit, period: '2026Q2', kon: 'T', value, numerator: null, denominator: null });
  await putRegionDoc(f, 'varden', 'indicator-values', [v('vc-a', 12), v('vc-b', 4)]);
  const round = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: [F] };
  const res = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, { method: 'POST', body: JSON.stringify(round), headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(201);
  return roundsClientOver(() => f, f.tokens.viewer);
}

/** A source over the client; `older` drops `unitNames` as a server before them answered. */
function sourceOf(client: RoundsClient, older = false): RoundTableSource & { change(): void } {
  let changed: () => void = () => undefined;
  return {
    async fetch(kind: RoundTableKind, round: string): Promise<RoundTableData> {
      const data = await client.table(kind, round);
      if (older) delete data.unitNames;
      return data;
    },
    watch(listener) {
      changed = listener;
      return () => (changed = () => undefined);
    },
    change: () => changed(),
  };
}

async function pull(source: RoundTableSource, kind: RoundTableKind) {
  const host = createWorkbook();
  const table = await pullRoundTable((b) => host.run(b), source, { kind, round: '2026-kv-2', lang: 'sv', unitNames: new Map(PANE_UNITS.map((u) => [u.code, u.name])), coalesceMs: 0 });
  open.push(table);
  /** The unit's name of each row: the first column of completeness, the second of the roll-up (after the indicator). */
  const at = kind === 'completeness' ? 0 : 1;
  return { table, names: () => host.readTable(table.tableName).rows.map((r) => r[at]) };
}

describe("pulled round tables name units by the answer's unitNames", () => {
  it("completeness: the answer's names, and a unit renamed on the server renamed at the next fetch", async () => {
    const client = await setup();
    const source = sourceOf(client);
    const { names } = await pull(source, 'completeness');
    expect(names()).toEqual(expect.arrayContaining(['Alby vårdcentral', 'Vårdcentral B']));
    expect(names()).not.toContain('Alby (gammalt namn)');
    await f.storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Alby hälsocentral', parent: 'region' });
    source.change();
    await until(() => names().includes('Alby hälsocentral'), 5000);
    expect(names()).not.toContain('Alby vårdcentral');
  });

  it('roll-up: per clinic by the answer\'s names, the county row "Hela länet"', async () => {
    const client = await setup();
    const { names } = await pull(sourceOf(client), 'rollup');
    expect(names()).toEqual(['Alby vårdcentral', 'Vårdcentral B', 'Hela länet']);
  });

  it("an older server's answer without unitNames is named by the workspace's units the pane read", async () => {
    const client = await setup();
    const { names } = await pull(sourceOf(client, true), 'rollup');
    expect(names()).toEqual(['Alby (gammalt namn)', 'Vårdcentral B', 'Hela länet']);
  });
});

describe("<samplan-rollup> names units by the answer's unitNames", () => {
  const unitButton = (el: HTMLElement, code: string) => $(el, `#rollup button.unit[data-unit="${code}"]`)?.textContent?.trim();

  it("shows the answer's name, not the one the pane read at sign-in", async () => {
    const client = await setup();
    const el = await mount('samplan-rollup', { client, units: PANE_UNITS });
    await until(() => unitButton(el, 'vc-a') !== undefined, 5000);
    expect(unitButton(el, 'vc-a')).toBe('Alby vårdcentral');
  });

  it("falls back to the pane's units for an older server's answer", async () => {
    const client = await setup();
    const rollup = client.rollup.bind(client);
    client.rollup = async (choice) => {
      const view = await rollup(choice);
      delete view.unitNames;
      return view;
    };
    const el = await mount('samplan-rollup', { client, units: PANE_UNITS });
    await until(() => unitButton(el, 'vc-a') !== undefined, 5000);
    expect(unitButton(el, 'vc-a')).toBe('Alby (gammalt namn)');
  });
});
