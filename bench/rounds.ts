/**
 * bench/rounds: completeness and the county roll-up of follow-up rounds for 15 units × 12
 * periods (months of 2025) × 30 indicators (5,400 indicator values, kön T, in one
 * indicator-values doc; 15 activity plans of 40 rows), served through `createApp` over memory
 * storage: `GET …/rounds/2025-06/completeness` (a monthly round) and `GET …/rounds/2025/rollup`
 * (the year, aggregating every value), cold (room loads, validation) and warm (target ≤ 100 ms).
 * Then the year roll-up pulled into an emulated workbook (480 rows) and one value changed at a
 * time: from the change event to the changed cells written (fetch through the app, diff, one
 * sync). Prints every run's figures; asserts nothing.
 */
import { cpus, loadavg } from 'node:os';
import * as Y from 'yjs';
import { createApp } from '../server/app.js';
import { createToken } from '../server/auth/tokens.js';
import { silentLogger } from '../server/logger.js';
import { createMemoryStorage } from '../server/storage/memory.js';
import { STOCKHOLM_CLINICS } from '../shared/catalog/clinics.js';
import { insertRows, rowsOf, setCell } from '../shared/doc/index.js';
import { madeDoc } from './support/made-doc.js';
import { createWorkbook } from '../addin/excel-emulator/index.js';
import { pullRoundTable, type RoundTableWrite } from '../addin/indicators/pull-round-table.js';
import { RoundsClient } from '../addin/taskpane/rounds-client.js';
import { registryDocAccess } from '../server/http/doc-access.js';
import type { DocKind, RowValues } from '../shared/schema/types.js';

const WS = 'hbi-bench';
const RUNS = 7;
const UNITS = STOCKHOLM_CLINICS.map((c) => c.unit);
const MONTHS = Array.from({ length: 12 }, (_, m) => `2025${String(m + 1).padStart(2, '0')}`);
const INDICATORS = Array.from({ length: 30 }, (_, i) => `b-${String(i + 1).padStart(2, '0')}`);

function catalogRows(): RowValues[] {
  return INDICATORS.map((id, i) => ({ id, name: `Indikator ${i + 1}`, area: 'god-och-jamlik-halsa', unitOfMeasure: 'Andel (%)', numerator: 'n', denominator: 'd', factor: 100, direction: 'higher', baseline: 40, target: 60 }));
}

function valueRows(): RowValues[] {
  const rows: RowValues[] = [];
  for (const [i, indicator] of INDICATORS.entries())
    for (const [u, unit] of UNITS.entries())
      for (const [p, period] of MONTHS.entries()) {
        const denominator = 100 + ((u * 37 + p * 11 + i) % 300);
        rows.push({ indicator, unit, period, kon: 'T', numerator: Math.round(denominator * (0.3 + ((u + p + i) % 50) / 100)), denominator, status: 'definitiv' });
      }
  return rows;
}

function planRows(u: number): RowValues[] {
  return Array.from({ length: 40 }, (_, r) => {
    const month = String((r % 12) + 1).padStart(2, '0');
    return { title: `Aktivitet ${r + 1}`, type: r % 2 ? 'promenadgrupp' : 'halsodag', startDate: `2025-${month}-01`, endDate: `2025-${month}-20`, participantsPlanned: 20 + r, participantsReached: r % 3 ? 10 + ((u + r) % 15) : null, status: r % 3 ? 'genomford' : 'planerad' };
  });
}

async function putDoc(storage: ReturnType<typeof createMemoryStorage>, doc: string, kind: DocKind, ownerUnit: string, rows: RowValues[]): Promise<void> {
  // Made as the server makes documents, marked: the first load writes nothing.
  const ydoc = madeDoc(kind, { title: doc, ownerUnit, schemaVersion: 1 });
  insertRows(ydoc, rows);
  await storage.putDocRecord({ workspace: WS, doc, kind, title: doc, ownerUnit, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
  await storage.appendUpdates({ workspace: WS, doc }, [{ update: Y.encodeStateAsUpdate(ydoc), memberId: null }]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const storage = createMemoryStorage();
  const at = '2026-01-01T00:00:00.000Z';
  await storage.putWorkspace({ id: WS, name: 'Bench', createdAt: at });
  await storage.putUnit({ workspace: WS, code: 'region', name: 'Region', parent: null });
  for (const c of STOCKHOLM_CLINICS) await storage.putUnit({ workspace: WS, code: c.unit, name: c.name, parent: 'region' });
  await storage.putMember({ workspace: WS, id: 'coord', name: 'Samordnare', role: 'coordinator', units: ['region'] });
  await putDoc(storage, 'katalog', 'indicator-catalog', 'region', catalogRows());
  await putDoc(storage, 'varden', 'indicator-values', 'region', valueRows());
  for (const [u, unit] of UNITS.entries()) await putDoc(storage, `plan-${unit}`, 'activity-plan', unit, planRows(u));
  const { secret } = await createToken(storage, { workspace: WS, memberId: 'coord', label: 'bench', clock: () => new Date() });
  const samplan = createApp({ storage, logger: silentLogger(), clock: () => new Date('2026-01-10T00:00:00Z'), publicUrl: 'http://bench' });
  const req = (path: string, init: RequestInit = {}) => Promise.resolve(samplan.app.request(path, { ...init, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' } }));
  const post = (body: unknown) => req(`/v1/workspaces/${WS}/rounds`, { method: 'POST', body: JSON.stringify(body) });
  for (const period of [...MONTHS, '2025']) {
    const id = period === '2025' ? '2025' : `${period.slice(0, 4)}-${period.slice(4)}`;
    const res = await post({ id, title: id, period, dueDate: '2026-01-31', indicators: INDICATORS, units: UNITS });
    if (res.status !== 201) throw new Error(`round ${id}: ${res.status} ${await res.text()}`);
  }
  const timed = async (path: string): Promise<{ ms: number; cpu: number; bytes: number }> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await req(path);
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
    const d = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpu: (d.user + d.system) / 1000, bytes: text.length };
  };
  const completeness = `/v1/workspaces/${WS}/rounds/2025-06/completeness`;
  const rollup = `/v1/workspaces/${WS}/rounds/2025/rollup`;
  const cold = { completeness: await timed(completeness), rollup: await timed(rollup) };
  const warm = { completeness: [] as number[], rollup: [] as number[] };
  const cpu = { completeness: [] as number[], rollup: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    for (const [key, path] of [['completeness', completeness], ['rollup', rollup]] as const) {
      const t = await timed(path);
      warm[key].push(t.ms);
      cpu[key].push(t.cpu);
    }
  }
  console.log(`bench/rounds — 15 units × 12 periods × 30 indicators (5,400 values) + 15 plans × 40 rows; ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}`);
  console.log('| request | cold ms | warm ms (each run) | warm median | warm max | warm CPU ms median | target |');
  console.log('|---|---:|---|---:|---:|---:|---:|');
  for (const key of ['completeness', 'rollup'] as const) {
    const w = warm[key];
    console.log(`| ${key} | ${cold[key].ms.toFixed(0)} | ${w.map((x) => x.toFixed(1)).join(', ')} | ${median(w).toFixed(1)} | ${Math.max(...w).toFixed(1)} | ${median(cpu[key]).toFixed(1)} | ≤ 100 |`);
  }
  await pulledChange(samplan, secret);
  await samplan.close();
  await storage.close();
}

/** The year roll-up pulled into an emulated workbook; one value changed per run, timed from the change event to the cells written. */
async function pulledChange(samplan: ReturnType<typeof createApp>, secret: string): Promise<void> {
  const appFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    return samplan.app.request(url.pathname + url.search, init ?? {});
  };
  const client = new RoundsClient('http://bench', secret, WS, appFetch);
  const host = createWorkbook();
  const writes: RoundTableWrite[] = [];
  let changed: () => void = () => undefined;
  const table = await pullRoundTable((batch) => host.run(batch), { fetch: (kind, id) => client.table(kind, id), watch: (l) => ((changed = l), () => undefined) }, {
    kind: 'rollup',
    round: '2025',
    lang: 'sv',
    unitNames: new Map(STOCKHOLM_CLINICS.map((c) => [c.unit, c.name])),
    coalesceMs: 0,
    onUpdate: (w) => void writes.push(w),
  });
  const ref = { workspace: WS, doc: 'varden' };
  const ids = rowsOf(await samplan.registry.getDoc(ref)).map((r) => r.id);
  const docs = registryDocAccess(samplan.registry);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await docs.write(ref, null, (doc) => setCell(doc, ids[(i * 997 + 13) % ids.length] as string, 'numerator', 1 + i));
    const t0 = performance.now();
    changed();
    while (writes.length <= i) await new Promise((r) => setTimeout(r, 1));
    ms.push(performance.now() - t0);
  }
  await table.dispose();
  console.log(`\npulled year roll-up (${table.rowCount} rows) in an emulated workbook, one value changed per run; load ${loadavg()[0]?.toFixed(2)}`);
  console.log('| run | event → written ms | fetch ms | diff ms | write ms | cells | syncs |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  writes.forEach((w, i) => console.log(`| ${i + 1} | ${(ms[i] ?? 0).toFixed(1)} | ${w.fetchMs.toFixed(1)} | ${w.diffMs.toFixed(1)} | ${w.writeMs.toFixed(1)} | ${w.cells} | ${w.syncs} |`));
}

await main();
