/**
 * bench/rounds: completeness and the county roll-up of follow-up rounds for 15 units × 12
 * periods (months of 2025) × 30 indicators (5,400 indicator values, kön T, in one
 * indicator-values doc; 15 activity plans of 40 rows), served through `createApp` over memory
 * storage: `GET …/rounds/2025-06/completeness` (a monthly round) and `GET …/rounds/2025/rollup`
 * (the year, aggregating every value), cold (room loads, validation) and warm (target ≤ 100 ms).
 * Prints every run's figures; asserts nothing.
 */
import { cpus, loadavg } from 'node:os';
import * as Y from 'yjs';
import { createApp } from '../server/app.js';
import { createToken } from '../server/auth/tokens.js';
import { silentLogger } from '../server/logger.js';
import { createMemoryStorage } from '../server/storage/memory.js';
import { STOCKHOLM_CLINICS } from '../shared/catalog/clinics.js';
import { createDoc, insertRows } from '../shared/doc/index.js';
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
  const ydoc = createDoc(kind, { title: doc, ownerUnit, schemaVersion: 1 });
  insertRows(ydoc, rows);
  await storage.appendUpdates({ workspace: WS, doc }, [{ update: Y.encodeStateAsUpdate(ydoc), memberId: null }]);
  await storage.putDocRecord({ workspace: WS, doc, kind, title: doc, ownerUnit, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
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
  await samplan.close();
  await storage.close();
}

await main();
