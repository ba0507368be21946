import { loadavg } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import type { ExcelRun } from '../../../addin/excel/sheet/types.js';
import { pullRoundTable, type PulledRoundTable, type RoundTableSource, type RoundTableWrite } from '../../../addin/indicators/pull-round-table.js';
import type { RoundTableData, RoundTableKind } from '../../../addin/indicators/round-table-layout.js';
import { STOCKHOLM_CLINICS } from '../../../shared/catalog/clinics.js';
import { definitionsFromRows } from '../../../shared/indicators/definitions.js';
import { roundCompleteness, type RoundDocInput } from '../../../shared/rounds/completeness.js';
import type { RoundDef, UnitRound } from '../../../shared/rounds/model.js';
import { roundRollup } from '../../../shared/rounds/rollup.js';
import type { RowValues } from '../../../shared/schema/types.js';

const open: PulledRoundTable[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.dispose();
});

const UNITS = ['vc-tensta', 'vc-rinkeby', 'vc-husby'];
const NAMES = new Map([
  ['vc-tensta', 'Tensta vårdcentral'],
  ['vc-rinkeby', 'Rinkeby vårdcentral'],
  ['vc-husby', 'Husby vårdcentral'],
]);
const KV2: RoundDef = { id: '2025-kv-2', title: '2025 kv 2', period: '2025Q2', dueDate: '2025-07-15', indicators: ['far-6man', 'halsosamtal'], activities: true, units: UNITS };
const CATALOG: RowValues[] = [
  { id: 'far-6man', name: 'FaR uppföljda efter 6 månader', unitOfMeasure: 'procent', numerator: 'uppföljda', denominator: 'förskrivna', factor: 100, direction: 'higher', baseline: 40, target: 60 },
  { id: 'halsosamtal', name: 'Hälsosamtal', unitOfMeasure: 'antal', direction: 'higher', target: 10 },
];

/** The round's documents and statuses, changed by the tests as people would. */
function world() {
  const values: RowValues[] = [
    { indicator: 'far-6man', unit: 'vc-tensta', period: '2025Q2', kon: 'T', numerator: 30, denominator: 40 },
    // Outside the quarter, and another kön: neither counts.
    { indicator: 'far-6man', unit: 'vc-tensta', period: '202507', kon: 'T', numerator: 50, denominator: 50 },
    { indicator: 'far-6man', unit: 'vc-tensta', period: '2025Q2', kon: 'K', numerator: 1, denominator: 100 },
    { indicator: 'far-6man', unit: 'vc-rinkeby', period: '2025Q2', kon: 'T', numerator: 9, denominator: 20 },
    { indicator: 'halsosamtal', unit: 'vc-tensta', period: '2025Q2', kon: 'T', value: 12 },
    { indicator: 'halsosamtal', unit: 'vc-husby', period: '2025Q2', kon: 'T', value: 8 },
  ];
  const plan: RowValues[] = [
    { title: 'Promenadgrupp', type: 'promenadgrupp', startDate: '2025-04-01', endDate: '2025-06-10', status: 'genomford', participantsReached: 14 },
    { title: 'Hälsodag', type: 'halsodag', startDate: '2025-05-20', endDate: '2025-05-20', status: 'planerad' },
  ];
  const stored = new Map<string, UnitRound>([
    ['vc-tensta', { round: KV2.id, unit: 'vc-tensta', status: 'inskickad', reason: null, history: [{ action: 'submit', from: 'pagar', to: 'inskickad', by: 'eda', at: '2025-07-01T08:30:00Z', reason: null }] }],
  ]);
  const docs = (): RoundDocInput[] => [
    { doc: 'varden', kind: 'indicator-values', ownerUnit: 'region', title: 'Värden', rows: values.map((v, i) => ({ id: `v${i}`, values: v })) },
    { doc: 'plan-tensta', kind: 'activity-plan', ownerUnit: 'vc-tensta', title: 'Plan', rows: plan.map((v, i) => ({ id: `p${i}`, values: v })) },
  ];
  const definitions = definitionsFromRows(CATALOG);
  const names = Object.fromEntries(CATALOG.map((c) => [c.id as string, { name: c.name as string, unitOfMeasure: c.unitOfMeasure as string }]));
  let changed: () => void = () => undefined;
  let fetches = 0;
  const round: { closed: { by: string; at: string; reason?: string | null } | null } = { closed: null };
  const source: RoundTableSource = {
    async fetch(kind: RoundTableKind): Promise<RoundTableData> {
      fetches++;
      if (kind === 'completeness') return { kind, round: KV2, names, units: roundCompleteness({ round: KV2, units: UNITS, docs: docs(), stored, today: '2025-07-20' }).units, closed: round.closed };
      return { kind, round: KV2, names, indicators: roundRollup({ round: KV2, units: UNITS, docs: docs(), definitions }).indicators };
    },
    watch(listener) {
      changed = listener;
      return () => (changed = () => undefined);
    },
  };
  return { values, stored, round, source, changed: () => changed(), fetches: () => fetches };
}

async function pulled(kind: RoundTableKind, w = world(), lang: 'sv' | 'en' = 'sv') {
  const host = createWorkbook();
  const run: ExcelRun = (batch) => host.run(batch);
  const writes: RoundTableWrite[] = [];
  const table = await pullRoundTable(run, w.source, { kind, round: KV2.id, lang, unitNames: NAMES, coalesceMs: 5, onUpdate: (x) => writes.push(x) });
  open.push(table);
  return { w, host, table, writes, body: () => host.readTable(table.tableName).rows };
}

/** Waits until `n` writes have been made. */
async function writesOf(writes: RoundTableWrite[], n: number): Promise<void> {
  await expect.poll(() => writes.length, { timeout: 5000, interval: 5 }).toBe(n);
}

describe('pullRoundTable: Fullständighet', () => {
  it('shows each unit by name with the period and status in words, counts and share worked out by hand', async () => {
    const { host, table, body } = await pulled('completeness');
    expect(table.sheetName).toBe('Fullständighet 2025 kv 2');
    const snap = host.readTable(table.tableName);
    expect(snap.headers).toEqual(['Enhet', 'Period', 'Status', 'Försenad', 'Förväntade', 'Inrapporterade', 'Andel inrapporterad (%)', 'Indikatorvärden saknas', 'Aktiviteter förväntade', 'Aktiviteter inrapporterade', 'Problem kvar', 'Varningar kvar', 'Motivering', 'Senast ändrad']);
    const rows = body();
    // Tensta: both indicators (FaR 30/40, 12 hälsosamtal) and 1 of its 2 kv 2 activities: 3 of 4.
    expect(rows[0]?.slice(0, 13)).toEqual(['Tensta vårdcentral', '2025 kv 2', 'inskickad', 'nej', 4, 3, 75, '', 2, 1, 0, 0, '']);
    expect(String(rows[0]?.[13])).toMatch(/^2025-07-01 \d\d:30 \(status\)$/);
    // Rinkeby has FaR but no hälsosamtal, Husby the reverse; neither submitted, due 2025-07-15, today the 20th.
    expect(rows[1]).toEqual(['Rinkeby vårdcentral', '2025 kv 2', 'pågår', 'ja', 2, 1, 50, 'Hälsosamtal', 0, 0, 0, 0, '', '']);
    expect(rows[2]).toEqual(['Husby vårdcentral', '2025 kv 2', 'pågår', 'ja', 2, 1, 50, 'FaR uppföljda efter 6 månader', 0, 0, 0, 0, '', '']);
    expect(host.read(table.sheetName, 'A1:A3').map((r) => r[0])).toEqual([
      'Samplan – fullständighet, 2025 kv 2 (skrivskyddad; uppdateras medan Samplan-fönstret är öppet)',
      expect.stringMatching(/^Senast uppdaterad: \d{4}-\d\d-\d\d \d\d:\d\d$/),
      '3 enheter: 1 inskickade, 0 godkända, 0 återsända, 2 försenade.',
    ]);
  });

  it('says it in English for an English pane', async () => {
    const { table, body } = await pulled('completeness', world(), 'en');
    expect(table.sheetName).toBe('Completeness 2025 Q2');
    expect(body()[1]?.slice(0, 4)).toEqual(['Rinkeby vårdcentral', '2025 Q2', 'in progress', 'yes']);
  });

  it('follows a submission and a new value by rewriting only the cells that changed, in one sync', async () => {
    const { w, host, table, writes, body } = await pulled('completeness');
    const before = { syncs: host.syncCount, commands: host.commandCount };
    w.stored.set('vc-husby', { round: KV2.id, unit: 'vc-husby', status: 'inskickad', reason: null, history: [] });
    w.values.push({ indicator: 'halsosamtal', unit: 'vc-rinkeby', period: '2025Q2', kon: 'T', value: 5 });
    w.changed();
    await writesOf(writes, 1);
    expect(body()[1]?.slice(0, 8)).toEqual(['Rinkeby vårdcentral', '2025 kv 2', 'pågår', 'ja', 2, 2, 100, '']);
    expect(body()[2]?.slice(0, 4)).toEqual(['Husby vårdcentral', '2025 kv 2', 'inskickad', 'nej']);
    // Rinkeby: reported, share, missing; Husby: status, overdue.
    expect(writes[0]).toMatchObject({ cells: 5, rowsInserted: 0, rowsDeleted: 0, syncs: 1 });
    expect(host.syncCount - before.syncs).toBe(1);
    expect(table.rowCount).toBe(3);
    expect(host.read(table.sheetName, 'A3')[0]?.[0]).toBe('3 enheter: 2 inskickade, 0 godkända, 0 återsända, 1 försenade.');
  });

  it('says the round is closed above the table as soon as it is closed, and no more once it is reopened', async () => {
    const { w, host, table, writes } = await pulled('completeness');
    w.round.closed = { by: 'coord', at: '2025-07-21T09:15:00Z' };
    w.changed();
    await writesOf(writes, 1);
    expect(host.read(table.sheetName, 'A3')[0]?.[0]).toMatch(/^Omgången är stängd sedan 2025-07-21 \d\d:15\. 3 enheter: 1 inskickade, 0 godkända, 0 återsända, 2 försenade\.$/);
    w.round.closed = null;
    w.changed();
    await writesOf(writes, 2);
    expect(host.read(table.sheetName, 'A3')[0]?.[0]).toBe('3 enheter: 1 inskickade, 0 godkända, 0 återsända, 2 försenade.');
  });

  it('says why the round was closed, on the same line, when the coordinator gave a reason', async () => {
    const { w, host, table, writes } = await pulled('completeness');
    w.round.closed = { by: 'coord', at: '2025-07-21T09:15:00Z', reason: 'Styrgruppen beslutade 18/7.\nSiffrorna är slutliga.' };
    w.changed();
    await writesOf(writes, 1);
    expect(host.read(table.sheetName, 'A3')[0]?.[0]).toMatch(/^Omgången är stängd sedan 2025-07-21 \d\d:15 \(motivering: Styrgruppen beslutade 18\/7\. Siffrorna är slutliga\.\)\. 3 enheter: /);
  });

  it('writes nothing when a change elsewhere leaves the table as it is', async () => {
    const { w, host, writes } = await pulled('completeness');
    const syncs = host.syncCount;
    w.values.push({ indicator: 'far-6man', unit: 'vc-tensta', period: '202509', kon: 'T', numerator: 1, denominator: 2 });
    w.changed();
    await expect.poll(() => w.fetches(), { timeout: 5000, interval: 5 }).toBe(2);
    await new Promise((r) => setTimeout(r, 30));
    expect(writes).toEqual([]);
    expect(host.syncCount).toBe(syncs);
  });
});

describe('pullRoundTable: Länssammanställning', () => {
  it('rolls the indicators up per clinic and for the county, sums not means, missing as empty', async () => {
    const { table, host, body } = await pulled('rollup');
    expect(table.sheetName).toBe('Länssammanställning 2025 kv 2');
    expect(host.readTable(table.tableName).headers).toEqual(['Indikator', 'Enhet', 'Period', 'Värde', 'Täljare', 'Nämnare', 'Måttenhet', 'Mål', 'Hittills i år', 'Mål hittills i år', 'Mot målet', 'Enheter som nått målet']);
    const far = 'FaR uppföljda efter 6 månader';
    expect(body()).toEqual([
      // Tensta 30 / 40 = 75 %; Rinkeby 9 / 20 = 45 %, over the baseline 40; Husby nothing.
      [far, 'Tensta vårdcentral', '2025 kv 2', 75, 30, 40, 'procent', 60, '', '', 'Uppnått', ''],
      [far, 'Rinkeby vårdcentral', '2025 kv 2', 45, 9, 20, 'procent', 60, '', '', 'På väg', ''],
      [far, 'Husby vårdcentral', '2025 kv 2', '', '', '', 'procent', 60, '', '', '', ''],
      // The county: 39 / 60 = 65 %, not the mean of 75 and 45 (60).
      [far, 'Hela länet', '2025 kv 2', 65, 39, 60, 'procent', 60, '', '', 'Uppnått', '1 av 2'],
      // A count's yearly target of 10 is held pro rata over the months reported (April–June): 10 × 3 / 12 = 2.5.
      ['Hälsosamtal', 'Tensta vårdcentral', '2025 kv 2', 12, '', '', 'antal', 10, '', 2.5, 'Uppnått', ''],
      ['Hälsosamtal', 'Rinkeby vårdcentral', '2025 kv 2', '', '', '', 'antal', 10, '', '', '', ''],
      ['Hälsosamtal', 'Husby vårdcentral', '2025 kv 2', 8, '', '', 'antal', 10, '', 2.5, 'Uppnått', ''],
      // A count's target is per clinic: the county's 20 is not held against it.
      ['Hälsosamtal', 'Hela länet', '2025 kv 2', 20, '', '', 'antal', '', '', '', '', '2 av 2'],
    ]);
  });

  it('follows a changed value: the clinic and the county row change, nothing else is written', async () => {
    const { w, host, writes, body } = await pulled('rollup');
    const syncs = host.syncCount;
    (w.values[3] as RowValues).numerator = 15;
    w.changed();
    await writesOf(writes, 1);
    // Rinkeby 15 / 20 = 75 %, reached; the county (30 + 15) / 60 = 75 %, 2 of 2 clinics reached.
    expect(body()[1]).toEqual(['FaR uppföljda efter 6 månader', 'Rinkeby vårdcentral', '2025 kv 2', 75, 15, 20, 'procent', 60, '', '', 'Uppnått', '']);
    expect(body()[3]).toEqual(['FaR uppföljda efter 6 månader', 'Hela länet', '2025 kv 2', 75, 45, 60, 'procent', 60, '', '', 'Uppnått', '2 av 2']);
    expect(writes[0]).toMatchObject({ cells: 6, rowsInserted: 0, rowsDeleted: 0, syncs: 1 });
    expect(host.syncCount - syncs).toBe(1);
  });
});

describe('pullRoundTable: one change in 15 units × 12 periods × 30 indicators', () => {
  it('patches the pulled year roll-up in one sync, a few cells, and prints the time', async () => {
    const units = STOCKHOLM_CLINICS.map((c) => c.unit);
    const months = Array.from({ length: 12 }, (_, m) => `2025${String(m + 1).padStart(2, '0')}`);
    const indicators = Array.from({ length: 30 }, (_, i) => `b-${String(i + 1).padStart(2, '0')}`);
    const year: RoundDef = { id: '2025', title: '2025', period: '2025', dueDate: '2026-01-31', indicators, activities: false, units };
    const catalog = indicators.map((id, i) => ({ id, name: `Indikator ${i + 1}`, unitOfMeasure: 'Andel (%)', numerator: 'n', denominator: 'd', factor: 100, direction: 'higher', baseline: 40, target: 60 }));
    const rows: { id: string; values: RowValues }[] = [];
    for (const [i, indicator] of indicators.entries())
      for (const [u, unit] of units.entries())
        for (const [p, period] of months.entries()) {
          const denominator = 100 + ((u * 37 + p * 11 + i) % 300);
          rows.push({ id: `r${rows.length}`, values: { indicator, unit, period, kon: 'T', numerator: Math.round(denominator * (0.3 + ((u + p + i) % 50) / 100)), denominator } });
        }
    const definitions = definitionsFromRows(catalog);
    const names = Object.fromEntries(catalog.map((c) => [c.id, { name: c.name, unitOfMeasure: c.unitOfMeasure }]));
    let changed: () => void = () => undefined;
    const source: RoundTableSource = {
      fetch: async () => ({ kind: 'rollup', round: year, names, indicators: roundRollup({ round: year, units, docs: [{ doc: 'v', kind: 'indicator-values', ownerUnit: 'region', title: 'v', rows }], definitions }).indicators }),
      watch: (l) => ((changed = l), () => undefined),
    };
    const host = createWorkbook();
    const writes: RoundTableWrite[] = [];
    const unitNames = new Map(STOCKHOLM_CLINICS.map((c) => [c.unit, c.name]));
    const table = await pullRoundTable((b) => host.run(b), source, { kind: 'rollup', round: '2025', lang: 'sv', unitNames, coalesceMs: 0, onUpdate: (w) => writes.push(w) });
    open.push(table);
    expect(table.rowCount).toBe(30 * 16);
    const figures: number[] = [];
    for (let run = 0; run < 5; run++) {
      const target = rows[run * 1000 + 7] as { values: RowValues };
      target.values = { ...target.values, numerator: (target.values.numerator as number) + 17 };
      const t0 = performance.now();
      changed();
      await writesOf(writes, run + 1);
      figures.push(performance.now() - t0);
      // The clinic's row and the county's row of that indicator: their numerators and the clinic's
      // value; the county's value too when the change shows at one decimal, maybe a status.
      expect(writes[run]).toMatchObject({ rowsInserted: 0, rowsDeleted: 0, syncs: 1 });
      expect(writes[run]?.cells).toBeGreaterThanOrEqual(3);
      expect(writes[run]?.cells).toBeLessThanOrEqual(8);
    }
    const w = writes.at(-1) as RoundTableWrite;
    console.log(
      `pulled roll-up, 15 units × 12 periods × 30 indicators (480 table rows), one value changed: ` +
        `event → written ${figures.map((f) => f.toFixed(1)).join(', ')} ms (last: fetch+roll-up ${w.fetchMs.toFixed(1)}, diff ${w.diffMs.toFixed(1)}, write ${w.writeMs.toFixed(1)} ms, ${w.cells} cells, ${w.syncs} sync); load ${loadavg()[0]?.toFixed(2)}`,
    );
  });
});
